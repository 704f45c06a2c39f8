"""Every recording here is made by PyAV from core.audio's own tune, or from silence: no
sound file is kept in the repository."""

import array
import io
import json
import math
import shutil
import subprocess
import wave

import av
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.audio import (
    MAX_AUDIO_BYTES,
    AudioRefused,
    check_audio,
    make_safe_audio,
    synthesized_tune,
)

TAGS = {
    "title": "Secret title",
    "artist": "Jane Doe",
    "comment": "Secret comment",
    # ISO 6709, as a phone writes where it recorded: written to the file as a location box.
    "location": "+30.2672-097.7431/",
}


def recording(
    seconds=2.0,
    *,
    format="ipod",
    codec="aac",
    rate=48000,
    layout="mono",
    options=None,
    metadata=None,
    cover=False,
    video=None,
    path=None,
) -> bytes:
    """The tune encoded by PyAV as `codec` in `format`, with
    `metadata`, a cover picture, a video track; written to `path` when the muxer must
    read its output back (faststart)."""
    output = path or io.BytesIO()
    wav = synthesized_tune(seconds, sample_rate=rate)
    with (
        av.open(io.BytesIO(wav)) as source,
        av.open(output, "w", format=format, options=options or {}) as target,
    ):
        target.metadata.update(metadata or {})
        stream = target.add_stream(codec, rate=rate, layout=layout)
        if cover:
            _cover_add(target)
        picture = None
        if video:
            picture = target.add_stream(video, rate=10)
            picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        resampler = av.AudioResampler(stream.codec_context.format, layout, rate)
        shown = 0
        for frame in source.decode(audio=0):
            for ready in resampler.resample(frame):
                ready.pts = None
                target.mux(stream.encode(ready))
            while picture is not None and shown < (frame.pts + frame.samples) * 10 // rate:
                image = av.VideoFrame(64, 48, "yuv420p")
                image.pts = shown
                shown += 1
                target.mux(picture.encode(image))
        target.mux(stream.encode(None))
        if picture is not None:
            target.mux(picture.encode(None))
    return path.read_bytes() if path else output.getvalue()


def _cover_add(target):
    """A small red JPEG marked as the file's attached picture, as music apps add."""
    cover = target.add_stream("mjpeg", rate=1)
    cover.width, cover.height, cover.pix_fmt = 32, 32, "yuvj420p"
    cover.disposition = av.stream.Disposition.attached_pic
    red = av.VideoFrame(32, 32, "rgb24")
    red.planes[0].update(bytes([200, 40, 40]) * 32 * 32)
    target.mux(cover.encode(red.reformat(format="yuvj420p")))
    target.mux(cover.encode(None))


def silence(minutes, *, format, codec="pcm_u8", rate=1000, options=None) -> bytes:
    """`minutes` of silence, cheaply: one second of it encoded, its packets written again
    and again a second later each time."""
    output = io.BytesIO()
    with av.open(output, "w", format=format, options=options or {}) as target:
        stream = target.add_stream(codec, rate=rate, layout="mono")
        frame = av.AudioFrame(format=stream.codec_context.format.name, layout="mono", samples=rate)
        for plane in frame.planes:
            plane.update(bytes([128 if codec == "pcm_u8" else 0]) * plane.buffer_size)
        frame.sample_rate, frame.pts = rate, 0
        second = [*stream.encode(frame), *stream.encode(None)]
        for n in range(int(minutes * 60)):
            for packet in second:
                copy = av.Packet(bytes(packet))
                copy.stream, copy.time_base = stream, packet.time_base
                copy.pts = packet.pts + n * rate
                copy.dts = packet.dts + n * rate
                copy.duration = packet.duration
                target.mux(copy)
    return output.getvalue()


def sine(amplitude, seconds=3, rate=48000, *, clap=0.0) -> bytes:
    """A 440 Hz tone at `amplitude` of full scale, as WAV; with a clap of `clap` (two
    milliseconds of a 1 kHz tone at that amplitude) at the start of each second but the
    first."""
    one_second = array.array(
        "h", (int(amplitude * 32767 * math.sin(2 * math.pi * 440 * k / rate)) for k in range(rate))
    )
    clapped = array.array("h", one_second)
    for k in range(rate // 500):
        clapped[k] += int(clap * 32767 * math.sin(2 * math.pi * 1000 * k / rate))
    output = io.BytesIO()
    with wave.open(output, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(one_second.tobytes() + clapped.tobytes() * (seconds - 1))
    return output.getvalue()


def upload(data: bytes, name="song.m4a", content_type="audio/mp4"):
    return SimpleUploadedFile(name, data, content_type)


def decoded(data: bytes):
    """The file's first audio stream, and its sound decoded end to end: samples, rate."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return container, stream, samples


def level(data: bytes, *, seconds=None) -> tuple[float, float]:
    """The decoded sound's RMS level and peak (of its first `seconds` if given, at 0.1 s
    or so), in dB of full scale."""
    squares = count = peak = 0
    resampler = av.AudioResampler("s16", "mono", 48000)
    with av.open(io.BytesIO(data)) as container:
        for frame in container.decode(audio=0):
            for ready in resampler.resample(frame):
                if seconds is not None and count >= seconds * 48000:
                    break
                values = array.array("h", bytes(ready.planes[0])[: ready.samples * 2])
                squares += sum(v * v for v in values)
                count += len(values)
                peak = max(peak, max(map(abs, values)))
    return 20 * math.log10(math.sqrt(squares / count) / 32768), 20 * math.log10(peak / 32768)


def test_a_recording_is_kept_as_aac_in_mp4_mono_with_its_duration():
    original = recording(3.0, format="mp3", codec="libmp3lame", rate=44100, layout="stereo")
    _c, stream, samples = decoded(original)
    assert stream.channels == 2
    seconds = samples / stream.rate

    safe = make_safe_audio(upload(original, name="song.mp3", content_type="audio/mpeg"))

    data = safe.content.read()
    assert safe.content.name.endswith(".m4a") and len(safe.content.name) == 32 + 4
    container, stream, samples = decoded(data)
    assert container.format.name.startswith("mov,mp4,m4a")
    assert stream.codec_context.name == "aac" and stream.codec_context.profile == "LC"
    assert stream.channels == 1 and stream.rate == 48000
    assert 56_000 <= stream.bit_rate <= 96_000
    assert abs(samples / stream.rate - seconds) < 0.05  # played end to end
    assert abs(safe.duration_ms / 1000 - seconds) < 0.05
    # The index comes first, so a phone starts playing before the whole file has arrived.
    assert data.index(b"moov") < data.index(b"mdat")


def test_a_recording_given_by_its_path_or_as_a_plain_file_is_checked_and_kept(tmp_path):
    path = tmp_path / "note.wav"
    path.write_bytes(synthesized_tune(2.0))
    assert check_audio(path) == pytest.approx(2.0)
    assert check_audio(str(path)) == pytest.approx(2.0)
    assert make_safe_audio(path).duration_ms == 2000
    assert check_audio(io.BytesIO(path.read_bytes())) == pytest.approx(2.0)


def test_the_browsers_webm_without_a_duration_is_accepted_and_measured():
    # Chrome's recorder writes WebM as it records: no duration, no index.
    webm = recording(2.5, format="webm", codec="libopus", options={"live": "1"})
    with av.open(io.BytesIO(webm)) as container:
        assert container.duration is None and container.streams.audio[0].duration is None

    assert check_audio(upload(webm, name="note.webm")) is None
    safe = make_safe_audio(upload(webm, name="note.webm"))
    assert abs(safe.duration_ms - 2500) <= 50


@pytest.mark.parametrize(
    "format, codec",
    [
        ("3gp", "aac"),
        ("adts", "aac"),
        ("ogg", "libopus"),
        ("flac", "flac"),
        ("wav", "pcm_s24le"),
        ("caf", "alac"),
        ("mp4", "alac"),
    ],
)
def test_each_kind_of_file_a_phone_records_is_kept(format, codec):
    original = recording(1.0, format=format, codec=codec)
    assert abs(check_audio(upload(original)) - 1.0) < 0.05

    assert abs(make_safe_audio(upload(original)).duration_ms - 1000) <= 50


def test_safaris_fragmented_mp4_is_accepted():
    fragmented = recording(
        2.0, format="mp4", options={"movflags": "frag_keyframe+empty_moov+default_base_moof"}
    )
    assert abs(make_safe_audio(upload(fragmented)).duration_ms - 2000) <= 50


def tagged_m4a() -> bytes:
    return recording(2.0, format="mp4", metadata=TAGS, cover=True)


def test_a_recordings_title_artist_comment_location_and_cover_are_left_behind():
    original = tagged_m4a()
    with av.open(io.BytesIO(original)) as container:  # the file really carries them
        assert {key: container.metadata.get(key) for key in TAGS} == TAGS
        assert container.metadata["encoder"].startswith("Lavf")
        assert [s.disposition & av.stream.Disposition.attached_pic for s in container.streams] == [
            0,
            av.stream.Disposition.attached_pic,
        ]

    data = make_safe_audio(upload(original)).content.read()

    with av.open(io.BytesIO(data)) as container:
        assert len(container.streams) == 1 and container.streams[0].type == "audio"
        kept = dict(container.metadata)
        # The MP4 header's brands are all FFmpeg reads back from an empty header.
        assert set(kept) <= {"major_brand", "minor_version", "compatible_brands"}
        assert set(container.streams[0].metadata) <= {"language", "handler_name"}
        assert container.streams[0].metadata.get("language", "und") == "und"
    for secret in (b"Secret", b"Jane", b"Lavf", b"+30.2672", b"covr", b"loci", b"\xa9xyz"):
        assert secret not in data


def test_apples_location_key_is_left_behind():
    # What an iPhone writes: QuickTime metadata keys, the location among them.
    key = "com.apple.quicktime.location.ISO6709"
    original = recording(
        2.0,
        format="mp4",
        options={"movflags": "use_metadata_tags"},
        metadata={"title": "Secret title", key: TAGS["location"]},
    )
    with av.open(io.BytesIO(original)) as container:
        assert container.metadata[key] == TAGS["location"]

    data = make_safe_audio(upload(original)).content.read()

    with av.open(io.BytesIO(data)) as container:
        assert key not in container.metadata and "title" not in container.metadata
    assert b"ISO6709" not in data and b"+30.2672" not in data


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is installed by CI")
def test_exiftool_finds_no_tags_location_cover_or_encoder_in_a_kept_recording(tmp_path):
    def found(data: bytes) -> dict:
        path = tmp_path / "recording.m4a"
        path.write_bytes(data)
        run = subprocess.run(
            ["exiftool", "-json", "-a", "-G1", str(path)], capture_output=True, check=True
        )
        return json.loads(run.stdout)[0]

    def named(tags: dict) -> set:
        return {key.split(":")[-1] for key in tags}

    sensitive = {"Title", "Artist", "Comment", "Encoder", "CoverArt", "GPSPosition"}
    original = tagged_m4a()
    assert sensitive <= named(found(original))  # exiftool sees them in the original

    kept = found(make_safe_audio(upload(original)).content.read())

    assert not sensitive & named(kept)
    assert not [key for key in kept if "GPS" in key or "Location" in key]
    assert not [value for value in kept.values() if "Secret" in str(value)]
    assert kept["QuickTime:CreateDate"] == "0000:00:00 00:00:00"


def test_a_quiet_and_a_loud_recording_come_out_about_as_loud():
    quiet, loud = sine(0.01), sine(0.9)
    assert level(loud)[0] - level(quiet)[0] > 35

    evened = [
        level(make_safe_audio(upload(sound, name="tone.wav")).content.read())[0]
        for sound in (quiet, loud)
    ]

    assert abs(evened[0] - evened[1]) < 3
    assert all(-19 < each < -13 for each in evened)


def test_a_clap_in_a_quiet_recording_made_louder_stays_under_the_ceiling():
    whisper_and_clap = sine(0.01, clap=0.9)
    whisper, _peak = level(whisper_and_clap, seconds=0.9)  # before the first clap
    rms, peak = level(whisper_and_clap)
    assert peak - rms > 25

    kept = make_safe_audio(upload(whisper_and_clap, name="clap.wav")).content.read()

    assert level(kept, seconds=0.9)[0] > whisper + 8  # the whisper was raised...
    assert level(kept)[1] < -1.0  # ...and the clap held under -1.5 dB, give or take the encoder


def test_the_tune_is_valid_audio_of_the_length_asked():
    _c, stream, samples = decoded(synthesized_tune(3.5, sample_rate=44100))
    assert stream.rate == 44100 and stream.channels == 1
    assert samples == 3.5 * 44100
    assert level(synthesized_tune(3.0))[0] > -30  # a tune, not silence


class Unreadable(io.BytesIO):
    """A file that says how large it is and must not be read."""

    size = MAX_AUDIO_BYTES + 1

    def read(self, *args):
        raise AssertionError("read before its size was checked")


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    for look in (check_audio, make_safe_audio):
        with pytest.raises(AudioRefused, match="too large"):
            look(Unreadable())


def test_a_header_that_says_thirty_minutes_is_refused_at_once():
    wav = silence(30, format="wav")
    with pytest.raises(AudioRefused, match="under 5 minutes"):
        check_audio(upload(wav, name="long.wav"))


def test_thirty_minutes_that_the_header_does_not_announce_are_refused_while_decoding():
    for minutes in (30, 5 + 2 / 60):
        webm = silence(minutes, format="webm", codec="libopus", rate=48000, options={"live": "1"})
        assert check_audio(upload(webm, name="long.webm")) is None  # the header says nothing

        with pytest.raises(AudioRefused, match="under 5 minutes"):
            make_safe_audio(upload(webm, name="long.webm"))


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda tmp: half(recording(4.0, format="ipod")), "cut.m4a"),
        (
            lambda tmp: half(
                recording(4.0, format="ipod", options={"movflags": "+faststart"}, path=tmp / "f")
            ),
            "cut-faststart.m4a",
        ),
        (lambda tmp: half(recording(4.0, format="mp3", codec="libmp3lame")), "cut.mp3"),
        (lambda tmp: half(recording(4.0, format="webm", codec="libopus")), "cut.webm"),
        (
            lambda tmp: half(
                recording(4.0, format="mp4", options={"movflags": "frag_keyframe+empty_moov"})
            ),
            "cut-fragmented.mp4",
        ),
        (lambda tmp: half(recording(4.0, format="flac", codec="flac")), "cut.flac"),
        (lambda tmp: half(synthesized_tune(4.0)), "cut.wav"),
    ],
    ids=["m4a", "m4a index first", "mp3", "webm", "fragmented mp4", "flac", "wav"],
)
def test_a_truncated_recording_is_refused_as_damaged(make, name, tmp_path):
    with pytest.raises(AudioRefused, match="damaged or only partly uploaded"):
        make_safe_audio(upload(make(tmp_path), name=name))


def test_a_truncated_wav_or_m4a_is_refused_by_the_quick_look():
    for data, name in ((half(synthesized_tune(4.0)), "cut.wav"), (half(recording(4.0)), "cut.m4a")):
        with pytest.raises(AudioRefused, match="damaged or only partly uploaded"):
            check_audio(upload(data, name=name))


def garbled(data: bytes) -> bytes:
    """400 bytes of noise written over the file a third of the way in."""
    noise = bytes((k * 151 + 7) % 256 for k in range(400))
    start = len(data) // 3
    return data[:start] + noise + data[start + 400 :]


@pytest.mark.parametrize(
    "options, name",
    [
        ({}, "song.m4a"),
        ({"format": "mp3", "codec": "libmp3lame"}, "song.mp3"),
        ({"format": "ogg", "codec": "libopus"}, "song.ogg"),
        ({"format": "webm", "codec": "libopus"}, "song.webm"),
    ],
    ids=["m4a", "mp3", "ogg", "webm"],
)
def test_a_recording_damaged_in_the_middle_is_refused_not_kept_shorter(options, name):
    with pytest.raises(AudioRefused, match="damaged or only partly uploaded"):
        make_safe_audio(upload(garbled(recording(4.0, **options)), name=name))


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (b"Dear diary, today we went to the park.\n" * 40, "note.m4a", "not a sound recording"),
        (b"", "empty.m4a", "empty"),
        (synthesized_tune(0.0), "nothing.wav", "empty"),
        (b"\x00\x00\x00\x18ftypmp42" + bytes(200), "broken.m4a", "damaged"),
    ],
    ids=["text renamed", "no bytes", "no samples", "header alone"],
)
def test_a_file_that_is_not_a_recording_is_refused_with_a_reason(data, name, reason):
    with pytest.raises(AudioRefused, match=reason):
        make_safe_audio(upload(data, name=name))


def test_a_video_is_refused_but_a_cover_picture_is_not_a_video():
    video = recording(1.0, format="mp4", video="mpeg4")
    with av.open(io.BytesIO(video)) as container:
        assert [s.type for s in container.streams] == ["audio", "video"]
    for look in (check_audio, make_safe_audio):
        with pytest.raises(AudioRefused, match="is a video"):
            look(upload(video, name="clip.m4a"))

    assert check_audio(upload(tagged_m4a())) == pytest.approx(2.0, abs=0.05)


def test_a_file_without_sound_is_refused():
    only_picture = io.BytesIO()
    with av.open(only_picture, "w", format="mp4") as target:
        _cover_add(target)
    with pytest.raises(AudioRefused, match="not a sound recording"):
        check_audio(upload(only_picture.getvalue()))


def test_a_reason_is_given_in_the_parents_language():
    with translation.override("es"), pytest.raises(AudioRefused, match="menos de 5 minutos"):
        check_audio(upload(silence(30, format="wav"), name="long.wav"))


def test_sound_in_a_codec_phones_do_not_record_with_is_refused():
    ac3 = recording(1.0, format="mp4", codec="ac3")
    with av.open(io.BytesIO(ac3)) as container:
        assert container.streams.audio[0].codec_context.name == "ac3"
    with pytest.raises(AudioRefused, match="not a sound recording"):
        check_audio(upload(ac3))
