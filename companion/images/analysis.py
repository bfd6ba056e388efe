"""The images of one post, decoded once per check and shared by every image rule.

`PostImages.items` decodes lazily on first use: each image's header and EXIF, then its
pixels (as grey, reduced to at most 1024 px) only when the data URL holds an image within
the size limit. Anything wrong with an image becomes a note for the response, never an
error: the words of the post are still checked.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass, field

from companion.images.dataurl import ImageProblem, decode_data_url
from companion.images.exif import Metadata, jpeg_exif_segment, metadata_from_segment, read_metadata
from companion.images.faces import FaceParams, count_faces, face_detection_available

MAX_IMAGES = 4  # images analysed per check; the extension sends at most 4 per post anyway
MAX_PIXELS = 4096 * 4096  # larger images are not decoded at all (the extension sends ≤ 1024 px)
DECODE_PX = 1024  # pixels are kept as grey, reduced to this on the long side
DATA_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ORIGINAL_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "GIF")
ANALYSED_TYPES = ("image", "video")  # a video's poster frame comes as an image

_open_lock = threading.Lock()  # warnings filters are process-wide


@dataclass
class ImageInfo:
    index: int
    name: str = ""
    width: int = 0
    height: int = 0
    meta: Metadata = field(default_factory=Metadata)
    gray: object = field(default=None, repr=False)  # PIL "L" image, for this check only
    faces: dict = field(default_factory=dict)  # FaceParams -> number of faces


def pillow_available() -> bool:
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        return False
    return True


class PostImages:
    def __init__(self, attachments) -> None:
        self._attachments = attachments
        self._items: list[ImageInfo] | None = None
        self.notes: list[dict] = []
        self._said: set[str] = set()

    def wanted(self) -> bool:
        """Whether the request carried anything to analyse (image data or EXIF)."""
        return any(a.data or a.original or a.exif for a in self._attachments)

    def response_notes(self) -> list[dict]:
        """The notes for the response; every image sent is read even if no image rule ran."""
        if self.wanted():
            self.items  # noqa: B018 - decodes, so a broken image is reported
        return self.notes

    @property
    def items(self) -> list[ImageInfo]:
        if self._items is None:
            self._items = self._decode()
        return self._items

    def note(self, code: str, message: str, index: int | None = None) -> None:
        key = f"{code}:{index}"
        if key in self._said:
            return
        self._said.add(key)
        entry = {"code": code, "message": message}
        if index is not None:
            entry["attachment"] = index
        self.notes.append(entry)

    def face_count(self, info: ImageInfo, params: FaceParams) -> int | None:
        """Faces in one image with these settings (detected once per check); None when not possible."""
        if info.gray is None:
            return None
        if params not in info.faces:
            if not face_detection_available():
                self.note("face_detection_off", "Face detection is off: this companion was installed without "
                          "postguard[images] (OpenCV), so photos were not checked for people.")
                return None
            try:
                info.faces[params] = len(count_faces(info.gray, params))
            except Exception:  # noqa: BLE001 - a detector failure must not fail the check
                self.note("face_detection_failed", f"Image {info.index + 1} could not be checked for faces.", info.index)
                info.faces[params] = None
        return info.faces[params]

    # -- decoding --------------------------------------------------------------
    def _decode(self) -> list[ImageInfo]:
        candidates = [(i, a) for i, a in enumerate(self._attachments)
                      if (a.data or a.original or a.exif) and a.type in ANALYSED_TYPES]
        if not candidates:
            return []  # most posts: nothing to decode, and no need to ask whether Pillow is there
        if len(candidates) > MAX_IMAGES:
            self.note("images_skipped", f"Only the first {MAX_IMAGES} images were analysed; "
                      f"{len(candidates) - MAX_IMAGES} more were not.")
            candidates = candidates[:MAX_IMAGES]
        have_pillow = pillow_available()
        if not have_pillow and any(a.data or a.original for _, a in candidates):
            self.note("image_analysis_off", "Image analysis is off: this companion was installed without "
                      "postguard[images], so photos were checked only by the words around them.")
        items = []
        for index, attachment in candidates:
            info = ImageInfo(index, attachment.name)
            if have_pillow:
                for key in ("original", "data"):  # the original file's EXIF first: the scaled copy has lost it
                    url = getattr(attachment, key)
                    if not url:
                        continue
                    try:
                        self._read(info, url, original=key == "original")
                    except ImageProblem as problem:
                        self.note(problem.code, f"Image {index + 1} {problem.message}.", index)
            hint = attachment.exif
            if hint is not None:
                info.meta.fill(Metadata(hint.latitude, hint.longitude, hint.taken, hint.camera))
            items.append(info)
        return items

    def _read(self, info: ImageInfo, url: str, original: bool) -> None:
        from PIL import Image

        _mime, raw = decode_data_url(url, original=original)
        # Pillow warns about odd EXIF on stderr: silenced, so nothing about an image reaches the log;
        # a decompression bomb warning becomes an error. Warning filters are process-wide: one at a time.
        with _open_lock, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            self._read_unlocked(info, raw, original)

    def _read_unlocked(self, info: ImageInfo, raw: bytes, original: bool) -> None:
        from PIL import Image, ImageOps

        if original:
            # A JPEG's EXIF without opening the rest (the file may be cut short), or the bare
            # EXIF segment ("Exif\0\0…") that the extension cut out of the file.
            segment = raw if raw.startswith(b"Exif\x00\x00") else jpeg_exif_segment(raw)
            if segment is not None:
                info.meta.fill(metadata_from_segment(segment))
                return
        try:
            image = Image.open(io.BytesIO(raw), formats=ORIGINAL_FORMATS if original else DATA_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem("image_too_large", "declares too many pixels to be a photo, so it was not decoded") from None
        except Exception:  # noqa: BLE001 - UnidentifiedImageError, truncated headers, broken chunks…
            if original:
                raise ImageProblem("image_metadata_unreadable", "is in a format whose details (EXIF) could not be read") from None
            raise ImageProblem("image_unreadable", "could not be read as an image (it may be corrupt or cut short)") from None
        with image:
            info.meta.fill(read_metadata(image))
            if original:
                return  # only the metadata of the original is read; its pixels are never decoded
            width, height = image.size
            info.width, info.height = width, height
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                raise ImageProblem("image_too_large", f"is {width}×{height} pixels, more than the companion decodes; "
                                   "send it scaled to 1024 pixels on the long side")
            try:
                if image.format == "JPEG":
                    image.draft("L", (DECODE_PX, DECODE_PX))  # decode straight to grey at reduced size
                image.load()
                upright = ImageOps.exif_transpose(image)
                gray = upright.convert("L")
                if max(gray.size) > DECODE_PX:
                    gray.thumbnail((DECODE_PX, DECODE_PX))
            except Exception:  # noqa: BLE001
                raise ImageProblem("image_unreadable", "could not be decoded (it may be corrupt or cut short)") from None
            info.gray = gray
