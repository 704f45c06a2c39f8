from core.i18n_check import source_messages, untranslated


def test_the_source_has_translatable_strings_to_check():
    messages = {msgid for _context, msgid in source_messages()}
    assert "Sign in" in messages and "Hello, %(name)s" in messages


def test_every_string_in_the_source_has_a_spanish_translation():
    missing = untranslated("es")
    assert missing == [], (
        f"{len(missing)} untranslated: run `manage.py makemessages -l es --no-location` "
        f"and translate locale/es/LC_MESSAGES/django.po. First ones: {missing[:10]}"
    )
