"""Helpers for the image tests (no tests here): images drawn with Pillow; faces from tests/companion/data/astronaut.jpg.

astronaut.jpg is scikit-image's `skimage.data.astronaut()` (Eileen Collins, NASA: public
domain), scaled to 512 px and saved once as a JPEG, so the tests need no scikit-image.
"""

from __future__ import annotations

import base64
import io
from datetime import datetime

from PIL import Image, ImageDraw
from conftest import DATA

SCHOOL = (51.8476, -2.2588)  # school/crypt-school.toml's example [location]
NEAR_SCHOOL = (51.8483, -2.2580)  # about 90 m away
LONDON = (51.5074, -0.1278)


def dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4)


def exif_for(gps: tuple[float, float] | None = None, taken: datetime | None = None,
             make: str = "", model: str = "") -> Image.Exif:
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if gps is not None:
        lat, lon = gps
        exif[0x8825] = {1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)}
    if taken is not None:
        exif[0x8769] = {0x9003: taken.strftime("%Y:%m:%d %H:%M:%S")}
    return exif


def drawn(size=(1024, 768)) -> Image.Image:
    """A picture with no people: sky, a field, a few buildings and a sun."""
    image = Image.new("RGB", size, (120, 170, 230))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, h * 2 // 3, w, h), fill=(70, 150, 60))
    for i in range(6):
        x = 40 + i * w // 7
        draw.rectangle((x, h // 3 + (i % 3) * h // 25, x + w // 9, h * 2 // 3), fill=(150 + i * 15, 90, 70))
        draw.polygon([(x, h // 3 + (i % 3) * h // 25), (x + w // 18, h // 4 + (i % 3) * h // 25), (x + w // 9, h // 3 + (i % 3) * h // 25)],
                     fill=(90, 60, 50))
    draw.ellipse((w - 200, 40, w - 100, 140), fill=(255, 230, 120))
    return image


def astronaut() -> Image.Image:
    with Image.open(DATA / "astronaut.jpg") as image:
        return image.convert("RGB")


def encode(image: Image.Image, fmt: str = "JPEG", exif: Image.Exif | None = None, **options) -> bytes:
    buffer = io.BytesIO()
    if exif is not None:
        options["exif"] = exif
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def data_url(raw: bytes, mime: str = "image/jpeg") -> str:
    return f"data:{mime};base64,{base64.b64encode(raw).decode()}"


def image_attachment(image: Image.Image | None = None, *, exif: Image.Exif | None = None, name: str = "photo.jpg",
                     **extra) -> dict:
    image = image if image is not None else drawn()
    return {"type": "image", "name": name, "data": data_url(encode(image, exif=exif)), **extra}
