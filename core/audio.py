"""Making an uploaded voice recording safe to keep and to play.

A parent's bedtime song or voice note comes from the browser's recorder (Chrome's WebM
with Opus, which says nothing of its duration; Safari's MP4 with AAC) or from a phone's
files (M4A, MP3, WAV, Ogg, AAC, AMR, FLAC...). Every recording is decoded and encoded
afresh, so nothing of the original file survives but its sound: no title, artist,
comment, location, cover picture, chapters or encoder, and no creation time. What is kept
is AAC-LC in an MP4 file (.m4a), mono at 48 kHz, its index at the front so a phone can
start playing before the whole file has arrived
(docs/decisions/0035-voice-recordings-safe.md).

Its loudness is evened out, so a whisper and a shout play at about the same volume: the
sound is decoded twice, first to measure it (EBU R128's integrated loudness, FFmpeg's
ebur128), then to keep it, raised or lowered by one gain to -16 LUFS (at most 30 dB) with
a limiter holding its peaks under -1.5 dB. That is loudnorm's two-pass linear mode, a
tenth of the cost of its single pass, which works at 192 kHz, and without its pumping.

What decoding may cost is bounded before and while it happens:

- at most 20 MB on disk, checked before the file is read;
- only the container formats and audio codecs phones and browsers record with: FFmpeg is
  told to try no other demuxer, so a playlist, a concatenation list or anything that
  could reach another file or the network is not even parsed; a path is opened here and
  FFmpeg reads it through Python, so it never names a protocol;
- at most 8 channels and 192 kHz, from the header;
- a video is refused; a music file's cover picture (a video stream marked as an attached
  picture) is not a video, and is left behind;
- at most five minutes, from the header when it says, and counted again while decoding
  (the header may be missing, as in the browser's WebM, or may lie): decoding stops as
  soon as more than five minutes and a second have been decoded, before any encoding;
- a damaged or truncated file is an error, never half-kept: a decoding error refuses the
  recording, and so does one that decodes to much less than its header or its own
  timestamps promised (FFmpeg decodes what there is of a cut MP3 or WebM without a
  word), or a WAV shorter than its header says. A browser's WebM cut between two
  blocks cannot be told from a shorter one.

check_audio is the quick look, cheap enough for the request; make_safe_audio does the
whole work, for the background worker: about 2 s of one core for three minutes
(bench/audio.py).
"""

import array
import io
import itertools
import math
import os
import secrets
import tempfile
import wave
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.filter
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

MAX_AUDIO_BYTES = 20 * 1024 * 1024
MAX_SECONDS = 5 * 60
#: A recording that stops a little after five minutes is still five minutes to a parent.
SLACK_SECONDS = 1.0

#: FFmpeg's names of the demuxers phones and browsers record into; it tries no other.
FORMATS = (
    "mov,mp4,m4a,3gp,3g2,mj2",  # M4A, MP4, 3GP, Safari's recorder
    "matroska,webm",  # Chrome's and Firefox's recorder
    "ogg",
    "mp3",
    "wav",
    "flac",
    "aac",  # ADTS
    "amr",
    "caf",
)
#: The decoders a recording's sound may need (FFmpeg's codec names).
CODECS = frozenset(
    {
        "aac",
        "alac",
        "amrnb",
        "amrwb",
        "flac",
        "mp3",
        "mp3float",
        "opus",
        "vorbis",
        "pcm_alaw",
        "pcm_mulaw",
        "pcm_f32le",
        "pcm_f64le",
        "pcm_s16be",
        "pcm_s16le",
        "pcm_s24be",
        "pcm_s24le",
        "pcm_s32be",
        "pcm_s32le",
        "pcm_u8",
    }
)
#: Beyond these a file is no voice recording, and decoding it would cost more than one.
MAX_CHANNELS = 8
MAX_RATE = 192_000

OUTPUT_RATE = 48_000
OUTPUT_BIT_RATE = 80_000
#: Loudness as EBU R128 measures it (LUFS): what phones and podcasts play at.
LOUDNESS = -16.0
#: The loudest a sample may be (dB of full scale), with room for the encoder's overshoot.
PEAK = -1.5
#: The most a recording is made louder or quieter (dB).
MAX_GAIN = 30.0
#: Quieter than this (LUFS) is silence to EBU R128: nothing to measure, nothing to raise.
_SILENCE = -70.0

#: A recording decoded shorter than its header or its timestamps said by more than this
#: has lost some of its sound.
_SHORTER_BY = 0.1
_SHORTER_SECONDS = 0.5

#: The first bytes of the formats above: a file that starts like one but cannot be opened
#: is a damaged recording, anything else is not a recording at all.
_SIGNATURES = (b"OggS", b"ID3", b"RIFF", b"fLaC", b"#!AMR", b"caff", b"\x1a\x45\xdf\xa3")
_MP4_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")
#: The chunks a WAV's header may have before its sound (format, list of tags, padding...).
_WAV_CHUNKS = 64


class AudioRefused(ValueError):
    """A clear, translated reason (gettext) a file cannot be kept as a recording."""


@dataclass
class SafeAudio:
    #: AAC-LC in MP4, under a random name ending in .m4a.
    content: ContentFile
    duration_ms: int


def check_audio(source) -> float | None:
    """Quick look, cheap enough for the request: size, container format, streams, duration
    from the header if the container has one. Raises AudioRefused. Returns the header's
    duration in seconds, or None when the container does not say (the browser's WebM)."""
    with _opened(source) as container:
        _stream, seconds = _inspect(container)
    return seconds


def make_safe_audio(source) -> SafeAudio:
    """The recording decoded whole, its loudness evened out, encoded afresh as AAC-LC in
    MP4 with no metadata. Raises AudioRefused.

    It is decoded twice: first only to measure it, which costs little, so a recording too
    long, damaged or cut short is refused before the filters and the encoder run; then to
    be kept."""
    with _opened(source) as container:
        stream, header_seconds = _inspect(container)
        seconds, loudness = _measured(container, stream)
    if seconds == 0:
        raise _empty()
    if header_seconds and _cut_short(seconds, header_seconds):
        # FFmpeg decodes what there is of a cut MP3 or WebM without a word.
        raise _damaged()
    with _opened(source) as container:
        stream, _header = _inspect(container)
        data, samples = _reencoded(container, stream, _gain(loudness))
    if samples == 0:
        raise _empty()
    return SafeAudio(
        content=ContentFile(data, name=f"{secrets.token_hex(16)}.m4a"),
        duration_ms=round(samples * 1000 / OUTPUT_RATE),
    )


# Reasons, written for a parent.


def _too_large() -> AudioRefused:
    return AudioRefused(
        _("That file is too large. Choose a recording under %(mb)s MB.")
        % {"mb": MAX_AUDIO_BYTES // (1024 * 1024)}
    )


def _too_long() -> AudioRefused:
    return AudioRefused(
        _("That recording is too long. Choose a recording under %(minutes)s minutes.")
        % {"minutes": MAX_SECONDS // 60}
    )


def _not_audio() -> AudioRefused:
    return AudioRefused(
        _("That file is not a sound recording. Choose a recording such as M4A, MP3 or WAV.")
    )


def _video() -> AudioRefused:
    return AudioRefused(_("That file is a video. Choose a sound recording without pictures."))


def _damaged() -> AudioRefused:
    return AudioRefused(
        _("That recording could not be read: it may be damaged or only partly uploaded.")
    )


def _empty() -> AudioRefused:
    return AudioRefused(_("That recording is empty. Record again, or choose another file."))


# Opening and looking.


@contextmanager
def _opened(source):
    """The source opened by FFmpeg, which reads it through Python: a path is opened here,
    never handed to FFmpeg, whose "paths" may name a protocol (concat:, http:)."""
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as file:
            yield from _opened_file(file, os.fstat(file.fileno()).st_size)
    else:
        yield from _opened_file(source, _size(source))


def _size(file) -> int:
    """The upload's size as Django counted it, or where a file-like object ends."""
    size = getattr(file, "size", None)
    return file.seek(0, io.SEEK_END) if size is None else size


def _opened_file(file, size: int):
    if size > MAX_AUDIO_BYTES:
        raise _too_large()
    if size == 0:
        raise _empty()
    file.seek(0)
    head = file.read(16)
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE" and _wav_cut_short(file, size):
        raise _damaged()
    file.seek(0)
    try:
        container = av.open(
            file, mode="r", container_options={"format_whitelist": ",".join(FORMATS)}
        )
    except (av.FFmpegError, OSError, ValueError, EOFError):
        raise (_damaged() if _looks_like_audio(head) else _not_audio()) from None
    try:
        yield container
    finally:
        container.close()


def _wav_cut_short(file, size: int) -> bool:
    """Whether a WAV holds fewer bytes of sound than its header says follow: FFmpeg would
    play a cut WAV as a shorter one. A size of 0 or 2**32 - 1 is a recorder's "unknown"."""
    file.seek(12)
    for _chunk in range(_WAV_CHUNKS):
        header = file.read(8)
        if len(header) < 8:
            return False
        length = int.from_bytes(header[4:], "little")
        if header[:4] == b"data":
            return length not in (0, 0xFFFFFFFF) and file.tell() + length > size
        file.seek(length + length % 2, io.SEEK_CUR)  # chunks are padded to even lengths
    return False


def _looks_like_audio(head: bytes) -> bool:
    if head.startswith(_SIGNATURES) or head[4:8] in _MP4_BOXES:
        return True
    # An MP3 or ADTS frame's sync word.
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def _inspect(container):
    """The recording's sound and its duration from the header, if it has one."""
    if container.format.name not in FORMATS:
        raise _not_audio()
    sounds, pictures = [], []
    for stream in container.streams:
        if stream.type == "audio":
            sounds.append(stream)
        elif stream.type == "video" and not (
            stream.disposition & av.stream.Disposition.attached_pic
        ):
            pictures.append(stream)
    if pictures:
        raise _video()
    if not sounds:
        raise _not_audio()
    stream = sounds[0]
    context = stream.codec_context  # None when FFmpeg has no decoder for it
    if context is None or context.name not in CODECS:
        raise _not_audio()
    if not (0 < context.channels <= MAX_CHANNELS and 0 < context.sample_rate <= MAX_RATE):
        raise _not_audio()
    seconds = None
    if stream.duration and stream.time_base:
        seconds = float(stream.duration * stream.time_base)
    elif container.duration:
        seconds = container.duration / av.time_base
    if seconds is not None and seconds > MAX_SECONDS + SLACK_SECONDS:
        raise _too_long()
    return stream, seconds


# Decoding and encoding.


def _frames(container, stream):
    """The decoded sound of `stream`, refused as soon as it has gone on for more than five
    minutes, whatever the header said, or changes its rate or channels midway (a recorder
    keeps them; a file that changes them is a concatenation of others at best)."""
    shape = limit = None
    decoded = 0  # samples, at the recording's rate
    begins = ends = None  # seconds, as the file's timestamps say
    try:
        for packet in container.demux(stream):
            for frame in packet.decode():
                if shape is None:
                    shape = (frame.sample_rate, frame.format.name, frame.layout.name)
                    limit = (MAX_SECONDS + SLACK_SECONDS) * frame.sample_rate
                elif (frame.sample_rate, frame.format.name, frame.layout.name) != shape:
                    raise _damaged()
                if frame.pts is not None and frame.time_base:
                    at = float(frame.pts * frame.time_base)
                    begins = at if begins is None else min(begins, at)
                    ends = max(ends or at, at + frame.samples / frame.sample_rate)
                # Played end to end: gaps and jumps in the file's timestamps are not kept.
                frame.pts = decoded
                frame.time_base = Fraction(1, frame.sample_rate)
                decoded += frame.samples
                if decoded > limit:
                    raise _too_long()
                yield frame
        if begins is not None and _cut_short(decoded / shape[0], ends - begins):
            # A damaged stretch the demuxer skipped: its timestamps jump over the gap.
            raise _damaged()
    except AudioRefused:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError, MemoryError):
        raise _damaged() from None


def _cut_short(seconds: float, expected: float) -> bool:
    return seconds < expected * (1 - _SHORTER_BY) - _SHORTER_SECONDS


def _measured(container, stream) -> tuple[float, float | None]:
    """Seconds of sound in `stream`, decoded to the end, and its loudness (EBU R128's
    integrated loudness, in LUFS; None when it is too quiet to measure)."""
    graph = None
    seconds = 0.0
    loudness = None
    try:
        for frame in _frames(container, stream):
            if graph is None:
                graph, source, sink = _graph(frame, ("ebur128", "metadata=1"))
            seconds += frame.samples / frame.sample_rate
            source.push(frame)
            loudness = _loudness(sink, loudness)
        if graph is not None:
            source.push(None)
            loudness = _loudness(sink, loudness)
    except AudioRefused:
        raise
    except (av.FFmpegError, OSError, ValueError, EOFError, MemoryError):
        raise _damaged() from None
    return seconds, loudness


def _loudness(sink, loudness: float | None) -> float | None:
    """The integrated loudness so far, as ebur128 writes it on the frames it lets through."""
    while True:
        try:
            frame = sink.pull()
        except (av.BlockingIOError, av.EOFError):
            return loudness
        measured = frame.metadata.get("lavfi.r128.I")
        if measured is not None:
            value = float(measured)
            loudness = value if math.isfinite(value) and value > _SILENCE else None


def _gain(loudness: float | None) -> float:
    """Decibels that bring `loudness` to the target, within bounds: a whisper is raised,
    not a room's hiss to a roar."""
    if loudness is None:
        return 0.0
    return min(MAX_GAIN, max(-MAX_GAIN, LOUDNESS - loudness))


def _reencoded(container, stream, gain: float) -> tuple[bytes, int]:
    """The sound of `stream`, decoded, evened out and encoded into a new MP4; and how many
    samples (at the output rate) it holds. Moving the index to the front (faststart) reads
    the new file back by its name, so it is written to a file rather than to memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "recording.m4a")
        try:
            target = av.open(
                path,
                mode="w",
                format="mp4",
                container_options={"movflags": "+faststart", "fflags": "+bitexact"},
            )
            try:
                samples = _encoded(container, stream, target, gain)
                target.close()  # the trailer, and the index moved to the front
            except BaseException:
                with suppress(av.FFmpegError, OSError):
                    target.close()
                raise
        except AudioRefused:
            raise
        except (av.FFmpegError, OSError, ValueError, EOFError, MemoryError):
            raise _damaged() from None
        return Path(path).read_bytes(), samples


def _encoded(container, stream, target, gain: float) -> int:
    """Decodes `stream` into `target`, `gain` decibels louder and its peaks held under the
    ceiling; how many samples were written."""
    target.metadata.clear()
    aac = target.add_stream("aac", rate=OUTPUT_RATE, layout="mono")
    aac.bit_rate = OUTPUT_BIT_RATE
    aac.codec_context.flags |= av.codec.context.Flags.bitexact
    aac.metadata.clear()
    graph = None
    written = 0
    for frame in _frames(container, stream):
        if graph is None:
            graph, source, sink = _graph(
                frame,
                ("volume", f"volume={gain:.2f}dB:precision=float"),
                ("alimiter", f"limit={10 ** (PEAK / 20):.4f}:level=false:latency=true"),
                ("aresample", str(OUTPUT_RATE)),
                ("aformat", f"sample_fmts=fltp:sample_rates={OUTPUT_RATE}:channel_layouts=mono"),
            )
        source.push(frame)
        written += _drain(sink, aac, target)
    if graph is None:
        raise _empty()
    source.push(None)
    written += _drain(sink, aac, target)
    for packet in aac.encode(None):
        target.mux(packet)
    return written


def _graph(frame, *filters):
    """A filter graph from `frame`'s kind of sound, brought down to mono, through
    `filters` (name, arguments): the graph, its source and its sink."""
    graph = av.filter.Graph()
    chain = [
        graph.add_abuffer(
            format=frame.format.name,
            sample_rate=frame.sample_rate,
            layout=frame.layout.name,
            time_base=Fraction(1, frame.sample_rate),
        ),
        graph.add("aformat", "channel_layouts=mono"),
        *(graph.add(name, arguments) for name, arguments in filters),
        graph.add("abuffersink"),
    ]
    for a, b in itertools.pairwise(chain):
        a.link_to(b)
    graph.configure()
    return graph, chain[0], chain[-1]


def _drain(sink, stream, target) -> int:
    """Encodes what the filters have ready; how many samples that was."""
    samples = 0
    while True:
        try:
            frame = sink.pull()
        except (av.BlockingIOError, av.EOFError):
            return samples
        samples += frame.samples

        for packet in stream.encode(frame):
            target.mux(packet)


# A tune for the demo, the tests and the bench.

#: Twinkle, twinkle, little star: semitones above middle C, a rest as None.
_TUNE = (0, 0, 7, 7, 9, 9, 7, None, 5, 5, 4, 4, 2, 2, 0, None)
_BEAT = 0.5
_MIDDLE_C = 261.63


def synthesized_tune(seconds: float = 20.0, *, sample_rate: int = 48000) -> bytes:
    """A short generated lullaby (soft tones of a simple tune, no real voice) as WAV bytes,
    16-bit mono: the demo's song, and the tests' and the bench's recording."""
    beat = int(_BEAT * sample_rate)
    total = int(seconds * sample_rate)
    notes: dict[int | None, array.array] = {}
    samples = array.array("h")
    index = 0
    while len(samples) < total:
        step = _TUNE[index % len(_TUNE)]
        index += 1
        if step not in notes:
            notes[step] = _note(step, beat, sample_rate)
        samples.extend(notes[step])
    del samples[total:]
    output = io.BytesIO()
    with wave.open(output, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(sample_rate)
        file.writeframes(samples.tobytes())
    return output.getvalue()


def _note(step: int | None, length: int, sample_rate: int) -> array.array:
    """One beat of a soft tone (a sine and its octave, struck and fading) or of silence."""
    if step is None:
        return array.array("h", bytes(2 * length))
    frequency = _MIDDLE_C * 2 ** (step / 12)
    note = array.array("h")
    for k in range(length):
        t = k / sample_rate
        envelope = min(1.0, t / 0.02) * math.exp(-3 * t)
        tone = math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(4 * math.pi * frequency * t)
        note.append(int(0.3 * envelope * tone * 32767))
    return note
