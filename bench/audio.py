"""A voice recording made safe to keep (core.audio): a three-minute recording checked as
the request would, then decoded, evened out and encoded again as the worker would, RUNS
times each, as each recorder or phone delivers it.

    make bench-audio                 # or: .venv/bin/python bench/audio.py --runs 5

Prints, for each kind of file, its size, the median time of check_audio (the request's
quick look) and of make_safe_audio (wall clock and CPU seconds of this process), and
what is kept. The recording is core.audio's synthesized tune, made stereo where the
recorder records two channels; the WAV is mono, because three minutes of 48 kHz stereo
WAV are 34.6 MB, over the 20 MB an upload may be (it is refused before it is read).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import configure  # noqa: E402

configure()

import av  # noqa: E402
import django  # noqa: E402

django.setup()

from core.audio import (  # noqa: E402
    AudioRefused,
    check_audio,
    make_safe_audio,
    synthesized_tune,
)

RUNS = 5
SECONDS = 180.0


def encoded(wav: bytes, *, format: str, codec: str, layout: str, options=None) -> bytes:
    """The WAV's sound encoded by PyAV as `codec` in `format`, with `layout` channels."""
    output = io.BytesIO()
    with (
        av.open(io.BytesIO(wav)) as source,
        av.open(output, "w", format=format, options=options or {}) as target,
    ):
        stream = target.add_stream(codec, rate=48000, layout=layout)
        resampler = av.AudioResampler(stream.codec_context.format, layout, 48000)
        for frame in source.decode(audio=0):
            for ready in resampler.resample(frame):
                ready.pts = None
                target.mux(stream.encode(ready))
        target.mux(stream.encode(None))
    return output.getvalue()


def recordings(seconds: float) -> dict[str, bytes]:
    tune = synthesized_tune(seconds, sample_rate=48000)
    return {
        # Chrome's recorder: Opus in WebM, written as it records, so no duration.
        "WebM Opus, stereo (Chrome)": encoded(
            tune, format="webm", codec="libopus", layout="stereo", options={"live": "1"}
        ),
        # Safari's recorder and the phones' voice memos: AAC in MP4.
        "M4A AAC, stereo (Safari, phones)": encoded(
            tune, format="mp4", codec="aac", layout="stereo"
        ),
        "MP3, stereo": encoded(tune, format="mp3", codec="libmp3lame", layout="stereo"),
        "WAV 16-bit, mono": tune,
    }


def measure(data: bytes, runs: int):
    checks, walls, cpus = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        check_audio(io.BytesIO(data))
        checks.append(time.perf_counter() - started)
        started, cpu = time.perf_counter(), time.process_time()
        safe = make_safe_audio(io.BytesIO(data))
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(checks), statistics.median(walls), statistics.median(cpus), safe


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    arguments = parser.parse_args()
    print(
        f"{arguments.seconds:.0f} s recordings, median of {arguments.runs} runs, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    print("| file | MB | check_audio ms | make_safe_audio s | CPU s | kept KB | kept s |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for name, data in recordings(arguments.seconds).items():
        try:
            check, wall, cpu, safe = measure(data, arguments.runs)
        except AudioRefused as refused:
            print(f"| {name} | {len(data) / 1024 / 1024:.1f} | {refused} |")
            continue
        print(
            f"| {name} | {len(data) / 1024 / 1024:.1f} | {check * 1000:.1f} | {wall:.2f} "
            f"| {cpu:.2f} | {safe.content.size / 1024:.0f} | {safe.duration_ms / 1000:.2f} |"
        )


if __name__ == "__main__":
    main()
