"""For the parallel lockout test's server only: a fast hasher that notes every password it checks,
so the test counts how many tries reached the password (not how many answers looked refused)."""
import os

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    algorithm = "counted_md5"

    def verify(self, password, encoded):
        with open(os.environ["MINPAN_TEST_PASSWORD_CHECKS"], "a") as out:
            out.write("checked\n")
        return super().verify(password, encoded)
