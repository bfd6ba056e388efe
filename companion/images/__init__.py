"""Image analysis for a check: EXIF (GPS position, capture time, camera) and faces.

Everything happens in memory, once per check: the checker's Post makes a PostImages on
first use, which decodes each attached image once and keeps what the image rules ask
(GPS, capture time, faces for given detector settings). Image bytes are never written to
disk or logs. Pillow and OpenCV are the optional `postguard[images]` extra; without them
the check still works and the response's `notes` say image analysis is off.
"""

from companion.images.analysis import ImageInfo, PostImages
from companion.images.faces import FaceParams
from companion.images.geo import distance_m

__all__ = ["FaceParams", "ImageInfo", "PostImages", "distance_m"]
