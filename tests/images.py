"""Real image files made with Pillow, for tests that upload pictures (Pillow opens every image we
accept, so a few signature bytes are no longer a picture)."""
import io

from PIL import Image


def picture(fmt: str = "PNG", size=(1, 1), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


PNG = picture("PNG")
JPEG = picture("JPEG")
GIF = picture("GIF")
WEBP = picture("WEBP")
