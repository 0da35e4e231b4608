from io import StringIO

from django.core.management import call_command


def test_models_and_migrations_agree(db):
    # also catches index conditions built from sets, whose order changes between processes
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
