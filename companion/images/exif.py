"""GPS position, capture time and camera from an image's EXIF, read without decoding its pixels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
MAKE, MODEL, DATETIME = 0x010F, 0x0110, 0x0132
DATETIME_ORIGINAL = 0x9003
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 1, 2, 3, 4


@dataclass(repr=False)  # a position is personal data: never printed
class Metadata:
    latitude: float | None = None
    longitude: float | None = None
    taken: datetime | None = None
    camera: str = ""

    @property
    def has_gps(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def fill(self, other: "Metadata") -> None:
        """Take what this one lacks from `other`."""
        if not self.has_gps and other.has_gps:
            self.latitude, self.longitude = other.latitude, other.longitude
        self.taken = self.taken or other.taken
        self.camera = self.camera or other.camera


def read_metadata(image) -> Metadata:
    """From an opened (not necessarily loaded) PIL image; a broken EXIF block gives what could be read."""
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - a malformed EXIF block is common; the image may still be analysed
        return Metadata()
    return metadata_from_exif(exif)


def jpeg_exif_segment(raw: bytes) -> bytes | None:
    """The EXIF (APP1) segment of a JPEG, found by walking its markers: works on the first
    part of a file, so the extension may send only the first 128 KiB of a large original."""
    if not raw.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(raw):
        if raw[at] != 0xFF:
            return None
        marker = raw[at + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no EXIF after this
            return None
        length = int.from_bytes(raw[at + 2:at + 4], "big")
        segment = raw[at + 4:at + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            return segment
        at += 2 + length
    return None


def metadata_from_segment(segment: bytes) -> Metadata:
    from PIL import Image

    exif = Image.Exif()
    try:
        exif.load(segment)
    except Exception:  # noqa: BLE001
        return Metadata()
    return metadata_from_exif(exif)


def metadata_from_exif(exif) -> Metadata:
    meta = Metadata()
    try:
        gps = exif.get_ifd(GPS_IFD)
        lat = _degrees(gps.get(GPS_LAT), gps.get(GPS_LAT_REF), "S", 90)
        lon = _degrees(gps.get(GPS_LON), gps.get(GPS_LON_REF), "W", 180)
        if lat is not None and lon is not None and not (lat == 0 and lon == 0):
            meta.latitude, meta.longitude = lat, lon
    except Exception:  # noqa: BLE001
        pass
    try:
        stamp = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(DATETIME)
        meta.taken = _when(stamp)
    except Exception:  # noqa: BLE001
        pass
    make, model = _text(exif.get(MAKE)), _text(exif.get(MODEL))
    meta.camera = model if make and model.lower().startswith(make.lower()) else " ".join(p for p in (make, model) if p)
    return meta


def _degrees(value, ref, negative: str, limit: float) -> float | None:
    if value is None:
        return None
    parts = [float(v) for v in (value if isinstance(value, (tuple, list)) else (value,))][:3]
    parts += [0.0] * (3 - len(parts))
    degrees = parts[0] + parts[1] / 60 + parts[2] / 3600
    if not math.isfinite(degrees) or degrees > limit or degrees < -limit:
        return None
    ref = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    return -abs(degrees) if ref.strip().upper().startswith(negative) else degrees


def _when(stamp) -> datetime | None:
    text = _text(stamp)
    for form in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            return datetime.strptime(text[:19], form)
        except ValueError:
            continue
    return None


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value or "").replace("\x00", " ").split())[:100]
