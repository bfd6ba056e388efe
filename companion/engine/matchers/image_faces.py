"""`matcher = "image_faces"`: an attached photo shows at least `min_faces` faces (OpenCV Haar
cascade, on the CPU). Faces alone are not a breach (a selfie is fine): combine with `[near]`
so that the post has a school or pupil context, as rules/image-people-*.toml do.

    min_faces = 1
    cascade = "frontalface_alt2"   # or frontalface_alt, frontalface_default, frontalface_alt_tree
    analyse_px = 1024              # the image is reduced to this long side before detection
    min_face = 0.03                # smallest face, as a fraction of the image's long side
    scale_factor = 1.15            # step between detection scales: smaller finds more, slower
    min_neighbours = 4             # overlapping hits a face needs: larger means fewer false alarms

Details for the message: {faces} ("a face", "3 faces"), {count}, {during}, {taken}.
Rules with the same settings share one detection per image.
"""

from __future__ import annotations

from companion.engine.matchers.base import Build, Match, Matcher
from companion.engine.matchers.image_location import taken_detail
from companion.images.faces import CASCADES, FaceParams


class ImageFacesMatcher(Matcher):
    kind = "image_faces"
    whole_post = True  # fires on the request (time, attachments), not on words
    params = ("min_faces", "cascade", "analyse_px", "min_face", "scale_factor", "min_neighbours")

    def __init__(self, build: Build) -> None:
        super().__init__(build)
        doc, table = build.doc, build.table
        defaults = FaceParams()
        self.min_faces = doc.get(table, "min_faces", int, default=1)
        if not 1 <= self.min_faces <= 100:
            raise doc.error("min_faces", f"min_faces must be a whole number from 1 to 100, not {self.min_faces}")
        cascade = doc.get(table, "cascade", str, default=defaults.cascade)
        if cascade not in CASCADES:
            raise doc.error("cascade", f"cascade must be one of {', '.join(CASCADES)}, not {cascade!r}")
        analyse_px = doc.get(table, "analyse_px", int, default=defaults.analyse_px)
        if not 160 <= analyse_px <= 1024:
            raise doc.error("analyse_px", f"analyse_px must be from 160 to 1024 pixels, not {analyse_px}")
        min_face = doc.get(table, "min_face", float, default=defaults.min_face)
        if not 0.01 <= min_face <= 0.5:
            raise doc.error("min_face", f"min_face is a fraction of the image's long side, from 0.01 to 0.5, not {min_face:g}")
        scale_factor = doc.get(table, "scale_factor", float, default=defaults.scale_factor)
        if not 1.01 <= scale_factor <= 2.0:
            raise doc.error("scale_factor", f"scale_factor must be from 1.01 to 2.0, not {scale_factor:g}")
        neighbours = doc.get(table, "min_neighbours", int, default=defaults.min_neighbours)
        if not 0 <= neighbours <= 50:
            raise doc.error("min_neighbours", f"min_neighbours must be a whole number from 0 to 50, not {neighbours}")
        self.face_params = FaceParams(cascade, analyse_px, min_face, scale_factor, neighbours)

    def find(self, post, env) -> Match | None:
        images = post.images
        shown = [(info, images.face_count(info, self.face_params)) for info in images.items]
        shown = [(info, n) for info, n in shown if n and n >= self.min_faces]
        if not shown:
            return None
        total = sum(n for _, n in shown)
        in_lesson = next((i for i, _ in shown if taken_detail(self.build.school, i.meta.taken)["during"]), shown[0][0])
        return Match([], {"faces": "a face" if total == 1 else f"{total} faces", "count": len(shown),
                          **taken_detail(self.build.school, in_lesson.meta.taken)})
