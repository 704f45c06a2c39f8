from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "families"

    def ready(self):
        from audit.naming import name_records
        from families import retention  # noqa: F401 — registers the family's own records part
        from families.models import Child

        # The audit trail is read by staff: a child there is named in full.
        name_records(Child, name=lambda child: child.full_name)
