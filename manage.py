#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "village.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the environment now, to say what is missing
    except ImproperlyConfigured as missing:
        # One line naming the variable, not a traceback: the person needs to set something,
        # not to debug Django.
        sys.exit(f"Village is not configured: {missing} (`make run` sets up a local try.)")
    execute_from_command_line(sys.argv)
