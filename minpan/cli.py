"""`minpan` console entry point: a thin wrapper over manage.py."""
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minpan.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A bad environment variable: say which and stop, without a traceback.
        sys.stderr.write(f"minpan: 配置错误：{exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
