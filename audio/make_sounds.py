"""Synthesise every sound the game uses into audio/ as 16-bit mono WAV at 22050 Hz.

Standard library only (wave, math, struct, random with fixed seeds), so the output is the same
bytes on every run: tests/test_audio.py regenerates the files into a temporary folder and checks
they match the committed ones. See audio/README.md for what each sound is for.

    python audio/make_sounds.py            # writes into audio/
    python audio/make_sounds.py --out DIR  # writes somewhere else (used by the tests)

Safeguarding (docs/safeguarding.md: no shock sounds, nothing loud or sudden): every sound fades
in over at least 10 ms and fades out, UI sounds peak at -12 dBFS and ambient loops at -18 dBFS.
"""

from __future__ import annotations

import argparse
import math
import random
import struct
import wave
from collections.abc import Callable
from pathlib import Path

RATE = 22050
FULL_SCALE = 32767
UI_PEAK_DBFS = -12.0
AMBIENT_PEAK_DBFS = -18.0
LOOP_SECONDS = 10.0  # every pad frequency below is a multiple of 0.1 Hz, so it repeats exactly
TAU = 2.0 * math.pi

Signal = list[float]


# --- building blocks -------------------------------------------------------------------------


def silence(seconds: float) -> Signal:
    return [0.0] * round(seconds * RATE)


def ramp(n: int, i: int) -> float:
    """Raised-cosine ramp from 0 (i = 0) to 1 (i = n): smooth, so no click."""
    if i >= n:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * i / n)


def fade(sig: Signal, fade_in: float, fade_out: float) -> Signal:
    """Apply a raised-cosine fade-in and fade-out (in seconds) to the ends of a signal."""
    n = len(sig)
    n_in = max(1, round(fade_in * RATE))
    n_out = max(1, round(fade_out * RATE))
    out = list(sig)
    for i in range(min(n_in, n)):
        out[i] *= ramp(n_in, i)
    for i in range(min(n_out, n)):
        out[n - 1 - i] *= ramp(n_out, i)
    return out


def add_at(dst: Signal, src: Signal, start: float, gain: float = 1.0) -> None:
    offset = round(start * RATE)
    for i, v in enumerate(src):
        j = offset + i
        if 0 <= j < len(dst):
            dst[j] += gain * v


def tone(
    seconds: float,
    freq: float | Callable[[float], float],
    *,
    attack: float = 0.012,
    decay: float = 0.0,
    release: float = 0.03,
    triangle: float = 0.0,
    overtone: float = 0.0,
) -> Signal:
    """A soft note: sine (optionally blended with a triangle and a quiet octave overtone).

    freq may be a function of time for a gentle glide. decay > 0 gives a bell-like exponential
    fall (time constant in seconds). The attack and release are raised-cosine ramps.
    """
    n = round(seconds * RATE)
    n_att = max(1, round(attack * RATE))
    n_rel = max(1, round(release * RATE))
    out: Signal = []
    phase = 0.0
    for i in range(n):
        t = i / RATE
        f = freq(t) if callable(freq) else freq
        phase += TAU * f / RATE
        s = math.sin(phase)
        if triangle:
            tri = 2.0 / math.pi * math.asin(math.sin(phase))
            s = (1.0 - triangle) * s + triangle * tri
        if overtone:
            s += overtone * math.sin(2.0 * phase)
        env = ramp(n_att, i) * ramp(n_rel, n - 1 - i)
        if decay:
            env *= math.exp(-t / decay)
        out.append(s * env)
    return out


def white(n: int, seed: int) -> Signal:
    rng = random.Random(seed)
    return [rng.random() * 2.0 - 1.0 for _ in range(n)]


def lowpass_loop(x: Signal, cutoff: float) -> Signal:
    """One-pole low-pass run round the buffer twice, so its end flows into its start (seamless)."""
    a = 1.0 - math.exp(-TAU * cutoff / RATE)
    y = 0.0
    for v in x:  # warm-up pass: leaves the filter in the state the loop's end would leave it
        y += a * (v - y)
    out: Signal = []
    for v in x:
        y += a * (v - y)
        out.append(y)
    return out


def bandpass_loop(x: Signal, centre: float, q: float) -> Signal:
    """RBJ band-pass biquad (0 dB peak), also run twice round the buffer for a seamless loop."""
    w = TAU * centre / RATE
    alpha = math.sin(w) / (2.0 * q)
    a0 = 1.0 + alpha
    b0, b2 = alpha / a0, -alpha / a0
    a1, a2 = -2.0 * math.cos(w) / a0, (1.0 - alpha) / a0
    x1 = x2 = y1 = y2 = 0.0
    out: Signal = []
    for pass_no in range(2):
        for v in x:
            y = b0 * v + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1 = x1, v
            y2, y1 = y1, y
            if pass_no:
                out.append(y)
    return out


def remove_dc(sig: Signal) -> Signal:
    mean = sum(sig) / len(sig)
    return [v - mean for v in sig]


def scale_to(sig: Signal, gain: float) -> Signal:
    return [v * gain for v in sig]


def mix(*parts: Signal) -> Signal:
    n = max(len(p) for p in parts)
    out = [0.0] * n
    for p in parts:
        for i, v in enumerate(p):
            out[i] += v
    return out


def rms(sig: Signal) -> float:
    return math.sqrt(sum(v * v for v in sig) / len(sig))


def slow(t: float, *terms: tuple[float, float, float]) -> float:
    """A slow, loop-periodic modulation: 1 + sum(depth * cos(2π·cycles·t/T + phase))."""
    return 1.0 + sum(d * math.cos(TAU * c * t / LOOP_SECONDS + p) for d, c, p in terms)


def pad(freqs: list[tuple[float, float]], lfo: Callable[[float], float]) -> Signal:
    """Sustained sines (freq, level) under a slow loop-periodic swell. Frequencies: k * 0.1 Hz."""
    n = round(LOOP_SECONDS * RATE)
    out: Signal = []
    for i in range(n):
        t = i / RATE
        out.append(lfo(t) * sum(level * math.sin(TAU * f * t) for f, level in freqs))
    return out


def loop_envelope(sig: Signal) -> Signal:
    """Loops dip gently to zero at the join: a slow swell plus a 250 ms raised-cosine fade each end.

    The material underneath is periodic over the loop, so the join is a soft breath, not a click.
    """
    out: Signal = []
    for i, v in enumerate(sig):
        t = i / RATE
        swell = 0.8 - 0.2 * math.cos(TAU * t / LOOP_SECONDS)  # quietest at the join
        out.append(v * swell)
    return fade(out, 0.25, 0.25)


# --- the sounds --------------------------------------------------------------------------------


def move() -> Signal:
    """Moving between choices: a tiny soft tick of a tone, 80 ms."""
    return tone(0.08, 659.25, attack=0.015, decay=0.05, release=0.04, triangle=0.3)


def select() -> Signal:
    """Choosing: a soft rounded tone that lifts a little, 130 ms."""
    return tone(0.13, lambda t: 587.33 + 1200.0 * min(t, 0.06), attack=0.015, decay=0.09,
                release=0.05, triangle=0.2, overtone=0.08)


def back() -> Signal:
    """Going back: the same soft tone gently falling, 110 ms."""
    return tone(0.11, lambda t: 587.33 - 1000.0 * min(t, 0.06), attack=0.015, decay=0.08,
                release=0.05, triangle=0.2)


def message() -> Signal:
    """A chat message arrives: a soft two-note chime (E5 then A5), 300 ms."""
    out = silence(0.30)
    add_at(out, tone(0.30, 659.25, attack=0.012, decay=0.10, release=0.06, overtone=0.1), 0.0)
    add_at(out, tone(0.19, 880.00, attack=0.012, decay=0.08, release=0.06, overtone=0.1), 0.11, 0.9)
    return out


def spotted() -> Signal:
    """Well spotted: a gentle rising three-note figure (C5, E5, G5), 450 ms."""
    out = silence(0.45)
    for k, f in enumerate((523.25, 659.25, 783.99)):
        start = 0.12 * k
        add_at(out, tone(0.45 - start, f, attack=0.015, decay=0.11, release=0.06, overtone=0.08), start, 0.85)
    return out


def feedback() -> Signal:
    """Feedback appears: a neutral, soft, steady tone (A4), 250 ms. Not a 'right' or 'wrong' sound."""
    return tone(0.25, 440.0, attack=0.03, decay=0.2, release=0.1, triangle=0.25)


def ambient_bed(seed: int, noise_cutoff: float, noise_level: float) -> Signal:
    """Soft low-passed noise (room tone / air), slowly breathing, seamless over the loop."""
    n = round(LOOP_SECONDS * RATE)
    noise = lowpass_loop(lowpass_loop(white(n, seed), noise_cutoff), noise_cutoff)
    noise = scale_to(noise, noise_level / rms(noise))
    return [v * slow(i / RATE, (0.25, 3, 0.7), (0.15, 7, 2.1)) for i, v in enumerate(noise)]


def home() -> Signal:
    """Home: a warm, low, slowly beating pad over a quiet room tone."""
    bed = ambient_bed(101, 300.0, 0.25)
    tones = pad([(110.0, 0.5), (110.2, 0.4), (164.8, 0.3), (220.0, 0.15), (277.2, 0.08)],
                lambda t: slow(t, (0.2, 2, 0.0), (0.1, 5, 1.3)))
    return loop_envelope(remove_dc(mix(bed, tones)))


def school() -> Signal:
    """School: a far-off corridor murmur (band-passed noise that swells) under a light pad."""
    n = round(LOOP_SECONDS * RATE)
    murmur = bandpass_loop(bandpass_loop(white(n, 202), 450.0, 0.8), 450.0, 0.8)
    murmur = scale_to(murmur, 0.3 / rms(murmur))
    murmur = [v * slow(i / RATE, (0.35, 4, 0.3), (0.2, 9, 1.9), (0.1, 13, 4.0)) for i, v in enumerate(murmur)]
    bed = ambient_bed(203, 200.0, 0.15)
    tones = pad([(196.0, 0.3), (246.9, 0.22), (293.7, 0.18), (392.0, 0.06)],
                lambda t: slow(t, (0.25, 2, 2.0), (0.1, 3, 0.5)))
    return loop_envelope(remove_dc(mix(murmur, bed, tones)))


def chirp(rng: random.Random) -> Signal:
    """One soft bird chirp: a short gentle sine sweep with a smooth envelope."""
    seconds = rng.uniform(0.07, 0.13)
    f0 = rng.uniform(2600.0, 3400.0)
    sweep = rng.uniform(-900.0, 1400.0)
    wobble = rng.uniform(18.0, 30.0)
    return tone(seconds, lambda t: f0 + sweep * t / seconds + 150.0 * math.sin(TAU * wobble * t),
                attack=0.02, release=0.04)


def outdoors() -> Signal:
    """Outdoors: a soft wind of low-passed noise, a faint pad, and sparse quiet bird chirps."""
    wind = ambient_bed(301, 500.0, 0.35)
    wind = [v * slow(i / RATE, (0.3, 1, 3.1), (0.2, 4, 0.4)) for i, v in enumerate(wind)]
    tones = pad([(130.8, 0.2), (196.0, 0.15), (261.6, 0.08)], lambda t: slow(t, (0.2, 2, 1.0)))
    birds = silence(LOOP_SECONDS)
    rng = random.Random(302)
    t = 0.8
    while t < LOOP_SECONDS - 1.0:  # keep chirps clear of the loop join
        for k in range(rng.choice((1, 2, 2, 3))):  # a little phrase of one to three chirps
            add_at(birds, chirp(rng), t + 0.16 * k, rng.uniform(0.12, 0.22))
        t += rng.uniform(1.2, 2.6)
    return loop_envelope(remove_dc(mix(wind, tones, birds)))


# --- output ------------------------------------------------------------------------------------

# name -> (builder, peak dBFS, is a loop)
SOUNDS: dict[str, tuple[Callable[[], Signal], float, bool]] = {
    "move.wav": (move, UI_PEAK_DBFS, False),
    "select.wav": (select, UI_PEAK_DBFS, False),
    "back.wav": (back, UI_PEAK_DBFS, False),
    "message.wav": (message, UI_PEAK_DBFS, False),
    "spotted.wav": (spotted, UI_PEAK_DBFS, False),
    "feedback.wav": (feedback, UI_PEAK_DBFS, False),
    "home.wav": (home, AMBIENT_PEAK_DBFS, True),
    "school.wav": (school, AMBIENT_PEAK_DBFS, True),
    "outdoors.wav": (outdoors, AMBIENT_PEAK_DBFS, True),
}


def finish(sig: Signal, peak_dbfs: float) -> list[int]:
    """Final safety fade (>= 12 ms in, 20 ms out) and peak-normalise to peak_dbfs as 16-bit ints."""
    sig = fade(sig, 0.012, 0.02)
    peak = max(abs(v) for v in sig)
    target = math.floor(FULL_SCALE * 10.0 ** (peak_dbfs / 20.0))
    gain = target / peak
    return [round(v * gain) for v in sig]


def write_wav(path: Path, samples: list[int]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (builder, peak_dbfs, _loop) in SOUNDS.items():
        path = out_dir / name
        write_wav(path, finish(builder(), peak_dbfs))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write the WAV files into (default: audio/)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"{path.name:14} {path.stat().st_size:>8} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
