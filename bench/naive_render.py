"""The approach people write first: synthesize turn by turn, join with pydub `+=`, export.

Run as a script by bench/render_sample.py, so its time and memory are measured the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from renderer.engines.espeak import EspeakEngine
from renderer.ffmpeg import ffmpeg_exe
from renderer.script.model import load
from renderer.script.voices import VoiceLibrary


def main(script_path: str, output: str) -> None:
    """Render `script_path` naively into `output` (MP3)."""
    AudioSegment.converter = ffmpeg_exe()
    script = load(Path(script_path))
    voices = VoiceLibrary.load()
    engine = EspeakEngine()
    episode = AudioSegment.empty()
    for _, turn in script.turns():
        profile = voices.get(script.speakers[turn.speaker].voice)
        raw = engine.synthesize(turn.text, engine.settings(profile.settings("espeak")))
        samples = np.asarray(raw.samples, dtype=np.int16)
        clip = AudioSegment(samples.tobytes(), frame_rate=raw.rate, sample_width=2, channels=1)
        episode += clip + AudioSegment.silent(duration=script.pauses.speaker_change_ms,
                                              frame_rate=raw.rate)
    # the same output as the real render: MP3, mono, 44.1 kHz, same bitrate
    episode.set_frame_rate(44_100).export(output, format="mp3",
                                         bitrate=f"{script.audio.bitrate_kbps}k")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
