from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self):
        from partnerships import sections

        # The hub's own parts; other apps' sections fall between them by their order.
        sections.register("homes", template="partnerships/sections/homes.html", order=20)
        sections.register("children", template="partnerships/sections/children.html", order=40)
        sections.register("stage", template="partnerships/sections/stage.html", order=50)
