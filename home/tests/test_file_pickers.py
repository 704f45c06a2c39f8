"""Every file input of the demo program sits in a `.field`, where the design system's
picker styles it (design/_components.scss: `.field input[type=file]` and its
::file-selector-button); elsewhere the browser's bare control shows."""

from html.parser import HTMLParser

from django.urls import reverse

from assistance.models import AssistanceRequest, Status
from gatherings.models import Gathering
from home.tests.test_access import clients  # noqa: F401 (a fixture)
from partnerships.models import Partnership


class FileInputs(HTMLParser):
    """Each file input's name, and whether a div.field holds it."""

    def __init__(self, html):
        super().__init__()
        self.divs = []  # for each open div: is it a .field
        self.found = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div":
            self.divs.append("field" in (attributes.get("class") or "").split())
        elif tag == "input" and attributes.get("type") == "file":
            self.found[attributes.get("name")] = any(self.divs)

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()


def test_every_file_input_is_a_styled_picker(clients):  # noqa: F811
    ours = Partnership.objects.get(birth_family__name="Morales family")
    waiting = AssistanceRequest.objects.exclude(status=Status.PAID).first()
    sofia = ours.children.get(first_name="Sofía")
    record = reverse("voice:new", args=[ours.pk]) + f"?purpose=song&child={sofia.pk}"
    pages = [
        ("birth_parent", reverse("journal:feed", args=[ours.pk]), {"photo", "voice"}),
        ("birth_parent", record, {"audio"}),
        ("coach", reverse("gatherings:organize", args=[Gathering.objects.first().pk]), {"upload"}),
        ("director", reverse("assistance:request", args=[waiting.pk]), {"file"}),
        ("coach", reverse("directory:manage"), {"file"}),
    ]
    for persona, url, names in pages:
        response = clients[persona].get(url)
        assert response.status_code == 200, url
        assert FileInputs(response.content.decode()).found == dict.fromkeys(names, True), url
