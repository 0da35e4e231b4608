"""Images re-encoded without what a camera or an editor writes into them besides the picture.

A phone photo carries EXIF (often the GPS position of the writer's home, the time it was taken,
the phone's make and serial), XMP (the same again, and editing history) and comments. None of
it is needed to read the picture, and a unit or the public may see the file; so the stored file
is the picture alone, re-encoded from its pixels: a new image is made from the decoded pixels
(Pillow copies `info` into a saved file, e.g. a JPEG's comment, so copying the image would not
do). The orientation tag is applied first, so a photo taken sideways still shows upright. The
colour profile (ICC) is kept: it describes the screen colours, not the person, and without it
a wide-gamut phone photo shows dull. Pure: no models, no database.
"""
from __future__ import annotations

import io

from PIL import Image, ImageOps, ImageSequence

from .content import GIF, JPEG, PNG, WEBP, BadFile, Kind

FORMATS = {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WEBP"}
# what a frame keeps of the original's info besides its pixels
KEEP = ("transparency", "duration", "loop", "disposal", "icc_profile")


def _fresh(frame: Image.Image) -> Image.Image:
    """The frame's pixels (and palette) in a new image that holds nothing else."""
    out = Image.frombytes(frame.mode, frame.size, frame.tobytes())
    if frame.mode in ("P", "PA"):
        palette = frame.getpalette()
        if palette:
            out.putpalette(palette)
    out.info = {k: frame.info[k] for k in KEEP if k in frame.info}
    return out


def strip(data: bytes, kind: Kind) -> bytes:
    """The image's bytes without EXIF, GPS, XMP or comments, upright, in the same format.
    Raises BadFile when the picture cannot be decoded (the check before let it through)."""
    if kind not in FORMATS:
        return data
    try:
        with Image.open(io.BytesIO(data)) as im:
            frames = [_fresh(f.copy()) for f in ImageSequence.Iterator(im)]
            if len(frames) == 1:
                frames = [_fresh(ImageOps.exif_transpose(im.copy()))]
                # exif_transpose leaves the rest of the EXIF in info; _fresh already dropped it
            icc = im.info.get("icc_profile")
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        raise BadFile("图片无法读取，可能已损坏，请换一张再上传。") from exc
    first = frames[0]
    if kind == JPEG and first.mode not in ("RGB", "L", "CMYK"):
        first = first.convert("RGB")
    out = io.BytesIO()
    options: dict = {"icc_profile": icc} if icc else {}
    if kind == JPEG:
        options.update(quality=92, optimize=True)
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=[f.info.get("duration", 100) for f in frames],
                       loop=frames[0].info.get("loop", 0))
    first.save(out, FORMATS[kind], **options)
    return out.getvalue()
