"""The demo program's recordings: Ana sings Sofi's bedtime song (a generated tune stands in
for her voice: the demo carries no real person's voice), with its words, shared on Sofía's
All About Me; Keisha recorded comfort words for Jalen before he came home."""

import io
from datetime import timedelta

from django.utils import timezone

from core.audio import make_safe_audio, synthesized_tune
from voice.models import Purpose, Recording, State

SONG_WORDS = (
    "Duérmete, Sofi, la luna te cuida,\nmamá te quiere toda la vida.\n"
    "Mañana hay sol y pan con canela,\nduérmete, Sofi, mi estrellita bella."
)


def _record(*, partnership, child, author, side, purpose, seconds, transcript, days_ago):
    safe = make_safe_audio(io.BytesIO(synthesized_tune(seconds)))
    recording = Recording(
        partnership=partnership,
        child=child,
        purpose=purpose,
        author=author,
        side=side,
        state=State.SHARED,
        duration_ms=safe.duration_ms,
        transcript=transcript,
        ready_at=timezone.now() - timedelta(days=days_ago),
    )
    recording.audio.save(safe.content.name, safe.content, save=False)
    recording.save()
    Recording.objects.filter(pk=recording.pk).update(created_at=recording.ready_at)
    return recording


def load_voice(*, ana, keisha, shared, home_again) -> None:
    sofia = shared.children.order_by("-birth_date").first()
    _record(
        partnership=shared,
        child=sofia,
        author=ana,
        side="birth",
        purpose=Purpose.SONG,
        seconds=24,
        transcript=SONG_WORDS,
        days_ago=12,
    )
    jalen = home_again.children.order_by("birth_date").first()
    _record(
        partnership=home_again,
        child=jalen,
        author=keisha,
        side="birth",
        purpose=Purpose.COMFORT,
        seconds=8,
        transcript="",
        days_ago=90,
    )
