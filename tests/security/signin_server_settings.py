"""minpan's settings for the parallel lockout test's server, with the counting hasher."""
from minpan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["tests.security.counting_hasher.CountingHasher"]
