"""The project's settings with the slow e-mail backend and a short claim timeout, for a real
worker process started by tests/security/test_worker_killed_mid_send.py."""
from minpan.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.security.slow_mail.SlowMail"
MINPAN_STALE_CLAIM_SECONDS = 3  # below what the environment may set: a test cannot wait 15 minutes
