"""The benchmark's settings (bench/intake_speed.py): minpan's own, with a URLconf that adds the bare
one-INSERT view the submission is measured against. Never used by the product."""
from minpan.settings import *  # noqa: F403

ROOT_URLCONF = "bench.intake_urls"
