"""PNG charts for the report documents (a DOCX holds pictures, not SVG), drawn with Pillow.

Chinese labels need a CJK font, and we ship none: the machine's is looked for (fontconfig, then
the usual Debian paths). Without one the picture carries digits only — bars numbered 1, 2, 3… —
and `Picture.caption` names what each number stands for, so the document still says it in words.
Pure: no models."""
from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Debian's packages of free CJK fonts (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk, fonts-arphic-uming)
CJK_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
SCALE = 2            # drawn at twice the size shown, so print stays sharp
BLUE, GREEN, RED, GREY, INK = (43, 108, 176), (47, 133, 90), (197, 48, 48), (200, 200, 200), (30, 30, 30)


@dataclass(frozen=True)
class Picture:
    png: bytes
    caption: str     # under the picture in the document; names the numbered bars when labels could not be drawn


@cache
def cjk_font_path() -> str | None:
    """A font file that draws Chinese, or None."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        # fontconfig answers with its best match even when nothing covers Chinese (DejaVu)
        if found and Path(found).is_file() and _draws_chinese(found):
            return found
    return next((p for p in CJK_PATHS if Path(p).is_file()), None)


def _draws_chinese(path: str) -> bool:
    try:
        font = ImageFont.truetype(path, 20)
    except OSError:
        return False
    # a font without the glyph draws the same empty box for both
    return font.getmask("办").getbbox() != font.getmask("\uffff").getbbox()


def _font(size: int, cjk: str | None):
    return ImageFont.truetype(cjk, size * SCALE) if cjk else ImageFont.load_default(size * SCALE)


def _labels(title: str, labels: list[str], cjk: str | None) -> tuple[list[str], str]:
    """The labels to draw and the caption: the names themselves, or numbers and a key."""
    if cjk:
        return labels, title
    return [str(i) for i, _ in enumerate(labels, start=1)], f"{title}（{'；'.join(f'{i} {n}' for i, n in enumerate(labels, start=1))}）"


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def bars(title: str, rows: list[tuple[str, int, int]], names: tuple[str, str], *, cjk: str | None | bool = True) -> Picture:
    """Two horizontal bars a row (label, first, second): e.g. a unit's cases received and answered.
    cjk=True: find a font; None/False: draw digits only."""
    font_path = cjk_font_path() if cjk is True else (cjk or None)
    shown, caption = _labels(title, [r[0] for r in rows], font_path)
    caption += f"（{names[0]}为蓝色，{names[1]}为绿色）"
    s, row_h, left, width = SCALE, 44, 150 if font_path else 40, 640
    height = 20 + row_h * max(len(rows), 1) + 10
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12, font_path)
    top = max((max(a, b) for _, a, b in rows), default=0) or 1
    room = width - left - 60
    for i, ((_, first, second), label) in enumerate(zip(rows, shown)):
        y = 14 + i * row_h
        draw.text(((left - 8) * s, (y + 12) * s), label, fill=INK, font=font, anchor="rm")
        for j, (value, colour) in enumerate(((first, BLUE), (second, GREEN))):
            y0 = y + j * 16
            length = room * value / top
            draw.rectangle((left * s, y0 * s, (left + max(length, 1)) * s, (y0 + 13) * s), fill=colour)
            draw.text(((left + length + 6) * s, (y0 + 7) * s), str(value), fill=INK, font=font, anchor="lm")
    draw.line((left * s, 8 * s, left * s, (height - 6) * s), fill=GREY, width=s)
    return Picture(_png(image), caption)


def lines(title: str, months: list[tuple[str, int, int]], names: tuple[str, str], *, cjk: str | None | bool = True) -> Picture:
    """Two lines over the months (label, first, second): received and answered each month."""
    font_path = cjk_font_path() if cjk is True else (cjk or None)
    # month labels are "2026-10" without a font: digits draw in any font
    shown = [m[0] for m in months] if font_path else [m[0].replace("年", "-").rstrip("月") for m in months]
    caption = f"{title}（{names[0]}为蓝色，{names[1]}为绿色）"
    s, width, height, left, bottom, top_pad = SCALE, 640, 240, 50, 36, 20
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    font = _font(11, font_path)
    # the scale's top a multiple of 4, so that its five marks are whole numbers
    top = -(-max((max(a, b) for _, a, b in months), default=0) // 4) * 4 or 4
    plot_h, plot_w, inset = height - bottom - top_pad, width - left - 20, 24
    step = (plot_w - 2 * inset) / max(len(months) - 1, 1)

    def point(i: int, value: int) -> tuple[float, float]:
        return (left + inset + i * step) * s, (top_pad + plot_h * (1 - value / top)) * s

    for k in range(5):  # grid and scale
        value = top * k / 4
        y = (top_pad + plot_h * (1 - k / 4)) * s
        draw.line((left * s, y, (left + plot_w) * s, y), fill=GREY, width=1)
        draw.text(((left - 6) * s, y), f"{value:.0f}", fill=INK, font=font, anchor="rm")
    for j, colour in ((1, BLUE), (2, GREEN)):
        values = [m[1] if j == 1 else m[2] for m in months]
        points = [point(i, v) for i, v in enumerate(values)]
        if len(points) > 1:
            draw.line(points, fill=colour, width=3 * s)
        for (x, y), value in zip(points, values):
            draw.ellipse((x - 4 * s, y - 4 * s, x + 4 * s, y + 4 * s), fill=colour)
            # the first line's figures above its points, the second's below: they never overlap
            draw.text((x, y - 8 * s if j == 1 else y + 8 * s), str(value), fill=colour, font=font, anchor="md" if j == 1 else "ma")
    for i, label in enumerate(shown):
        draw.text(((left + inset + i * step) * s, (height - bottom + 18) * s), label, fill=INK, font=font, anchor="mm")
    return Picture(_png(image), caption)
