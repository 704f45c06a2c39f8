"""The screenshot gallery's page list, checked without a browser."""

from django.urls import resolve

from home.management.commands.screenshots import (
    CHILD,
    LANGUAGES,
    LIFE_BOOK_PAGES,
    PARTNERSHIP,
    PERSONAS,
    index,
    page_path,
)


def test_every_page_the_gallery_photographs_is_a_page_of_the_app():
    records = {PARTNERSHIP: 1, CHILD: 1}
    for _persona, (_email, pages) in PERSONAS.items():
        for _name, url_name, needs in pages:
            path = page_path(url_name, needs, records)
            assert resolve(path).url_name == url_name.split(":")[1]


def test_no_two_pictures_share_a_file_name():
    names = [(persona, name) for persona, (_, pages) in PERSONAS.items() for name, *_ in pages]
    assert len(names) == len(set(names))


def test_the_gallery_index_links_every_picture():
    pages = 4 * sum(len(pages) for _, pages in PERSONAS.values())
    life_book = len(LANGUAGES) * LIFE_BOOK_PAGES + 1  # and its photo sheet
    assert index().count(".png") == pages + life_book
