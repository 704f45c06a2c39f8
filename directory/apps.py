from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Community resources")
    # Rows a migration writes (the needs the program refers for): a database holding only
    # these is still empty for a restore (core/backups.py).
    filled_by_setup = ("directory_taxonomy", "directory_taxonomyterm")
