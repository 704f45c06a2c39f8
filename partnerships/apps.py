from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from audit.naming import name_records
        from families.selectors import partnership_scope_register
        from notices.badges import partnership_readers_register
        from partnerships import records, sections  # noqa: F401 — records registers its part
        from partnerships.models import Partnership
        from partnerships.selectors import partnerships_visible_to, readers_of

        # A coach's families and children are those of the partnerships they can see.
        partnership_scope_register(partnerships_visible_to)
        # A form about a partnership's record makes its readers' kept pages stale.
        partnership_readers_register(readers_of)

        # The hub's own parts; other apps' sections fall between them by their order.
        sections.register("homes", template="partnerships/sections/homes.html", order=20)
        sections.register("children", template="partnerships/sections/children.html", order=40)
        sections.register("stage", template="partnerships/sections/stage.html", order=50)

        # The audit trail names a partnership by its two homes, as the page's heading does.
        name_records(Partnership, related=("birth_family", "partner_home"), name=partnership_name)


def partnership_name(partnership) -> str:
    homes = [partnership.birth_family, partnership.partner_home]
    return " & ".join(home.name for home in homes if home is not None)
