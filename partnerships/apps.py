from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from families.selectors import partnership_scope_register
        from partnerships import sections
        from partnerships.selectors import partnerships_visible_to

        # A coach's families and children are those of the partnerships they can see.
        partnership_scope_register(partnerships_visible_to)

        # The hub's own parts; other apps' sections fall between them by their order.
        sections.register("homes", template="partnerships/sections/homes.html", order=20)
        sections.register("children", template="partnerships/sections/children.html", order=40)
        sections.register("stage", template="partnerships/sections/stage.html", order=50)
