"""Re-encoding runs in the worker, never in the request: a three-minute song takes
seconds of CPU, and the page says "ready in a moment" meanwhile."""

from django.tasks import task


@task()
def recording_encode_task(recording_id: int) -> None:
    from voice.services import recording_encode

    recording_encode(recording_id=recording_id)
