"""Benchmark of image analysis in the check: prints figures, asserts nothing (speed is not a test).

    .venv/bin/python tests/bench/bench_images.py [--quick] [--rounds N]

Measures, per 1024-pixel JPEG (what the extension sends), with the shipped rules and
school file: the whole check with one image minus the same check without it (the added
latency, p50 and p99), split into reading the data URL + EXIF alone, decoding the pixels to
grey, and face detection (Haar cascade); and the resident memory that importing
OpenCV and the first detection add to the companion's process.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def photos(count: int, gps: bool = True) -> list[str]:
    """1024×768 JPEG data URLs: a drawn scene with 0–3 copies of the test astronaut, and EXIF (with GPS
    at the school unless gps=False)."""
    from PIL import Image, ImageDraw, ImageFilter

    face = Image.open(REPO / "tests/companion/data/astronaut.jpg").convert("RGB")
    urls = []
    for n in range(count):
        scene = Image.new("RGB", (1024, 768), (110 + n % 40, 160, 220))
        draw = ImageDraw.Draw(scene)
        for i in range(12):
            x = (i * 97 + n * 31) % 1000
            draw.rectangle((x, 300 + (i * 23) % 200, x + 80, 768), fill=(60 + i * 12, 120 + n % 50, 70))
        for k in range(n % 4):
            size = 200 + 60 * k
            scene.paste(face.resize((size, size)), (40 + k * 320, 120 + (n * 17) % 200))
        scene = scene.filter(ImageFilter.GaussianBlur(0.6))
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "Apple", "iPhone 15"
        if gps:
            exif[0x8825] = {1: "N", 2: (51.0, 50.0, 51.4), 3: "W", 4: (2.0, 15.0, 31.7)}
        exif[0x8769] = {0x9003: datetime(2026, 11, 24, 10, 15).strftime("%Y:%m:%d %H:%M:%S")}
        buffer = io.BytesIO()
        scene.save(buffer, "JPEG", quality=85, exif=exif)
        urls.append("data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode())
    return urls


def timed(fn, rounds: int) -> list[float]:
    out = []
    for i in range(rounds):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def line(name: str, values: list[float]) -> None:
    print(f"  {name:50s} p50 {statistics.median(values):6.1f} ms   p99 {percentile(values, 99):6.1f} ms   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    rounds = 30 if args.quick else args.rounds

    base_rss = rss_mib()
    from companion.images import analysis
    from companion.images.faces import FaceParams, count_faces
    from companion.engine.request import Attachment
    from companion.service import Companion

    with tempfile.TemporaryDirectory() as home:
        os.environ["POSTGUARD_HOME"] = home
        os.environ["POSTGUARD_SECRETS"] = "file"
        companion = Companion(home=Path(home))
        urls = photos(16)
        sizes = [len(u) * 3 // 4 // 1024 for u in urls]
        print(f"images: 1024×768 JPEG q85 with EXIF, {min(sizes)}–{max(sizes)} KiB; 0–3 faces each; {rounds} rounds; "
              f"{os.cpu_count()} CPUs")
        print(f"resident memory before the image code: {base_rss:.0f} MiB; with the companion loaded: {rss_mib():.0f} MiB")

        text = "Sports day with my class!"
        body = lambda i: {"text": text, "now": "2026-11-24T19:00:00", "trigger": "typing",  # noqa: E731
                          "attachments": [{"type": "image", "name": "p.jpg", "data": urls[i % len(urls)]}]}
        before_cv = rss_mib()
        companion.check(body(1))  # first image: imports Pillow and OpenCV, loads the cascade
        after_first = rss_mib()
        for i in range(10):
            companion.check(body(i))
        plain = timed(lambda i: companion.check({"text": text, "now": "2026-11-24T19:00:00", "trigger": "typing"}), rounds)
        whole = timed(lambda i: companion.check(body(i)), rounds)
        added = [w - statistics.median(plain) for w in whole]
        no_gps = photos(16, gps=False)
        faces_body = lambda i: {**body(i), "attachments": [{"type": "image", "name": "p.jpg",  # noqa: E731
                                                            "data": no_gps[i % len(no_gps)]}]}
        with_faces = [w - statistics.median(plain) for w in timed(lambda i: companion.check(faces_body(i)), rounds)]

        def exif_only(i):
            images = analysis.PostImages([Attachment("image", "p.jpg", original=urls[i % len(urls)])])
            images.items  # noqa: B018 - the original's EXIF only, pixels never decoded

        def decode(i):
            images = analysis.PostImages([Attachment("image", "p.jpg", data=urls[i % len(urls)])])
            return images.items[0]

        grays = [decode(i).gray for i in range(len(urls))]
        params = FaceParams()
        count_faces(grays[0], params)  # loads the cascade (the check above may not have needed it)
        detect = timed(lambda i: count_faces(grays[i % len(grays)], params), rounds)
        found = [len(count_faces(g, params)) for g in grays]
        expected = [n % 4 for n in range(len(urls))]

        print("added latency per image (check with one image − check without):")
        line("whole check, text only (baseline)", plain)
        line("added by one image taken at school (EXIF answers)", added)
        line("added by one image without GPS (faces looked for)", with_faces)
        line("  reading the data URL + EXIF only", timed(exif_only, rounds))
        line("  decoding the pixels to grey", timed(decode, rounds))
        line("  face detection (Haar alt2, faces ≥ 31 px)", detect)
        print(f"faces found vs pasted across the 16 images: {sum(min(f, e) for f, e in zip(found, expected))}/{sum(expected)} "
              f"found, {sum(max(0, f - e) for f, e in zip(found, expected))} extra")
        print(f"memory added by Pillow + OpenCV + the cascade (first image): {after_first - before_cv:.0f} MiB; "
              f"resident after the run: {rss_mib():.0f} MiB")
        companion.close()


if __name__ == "__main__":
    main()
