"""The monthly report's first page as LibreOffice (Debian, headless) renders it, saved as a test
artifact (test-artifacts/monthly-report-page1.png) for a person to look at: issue 15's "Done when".
Skipped where LibreOffice is not installed, except in CI (CI set), where that is a failure."""
import os
import shutil
import subprocess
import uuid
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from PIL import Image

from tests.flow import at

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def _tools() -> tuple[str, str]:
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        missing = "LibreOffice (soffice)" if not soffice else "poppler-utils (pdftoppm)"
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is not installed; CI installs libreoffice-writer-nogui and poppler-utils")
        pytest.skip(f"{missing} is not installed: the DOCX cannot be rendered to a picture here")
    return soffice, pdftoppm


@pytest.mark.django_db
def test_first_page_renders_to_a_png_artifact(two_months, tmp_path):
    soffice, pdftoppm = _tools()
    docx = tmp_path / "月报.docx"
    with time_machine.travel(at("2026-11-03 09:00"), tick=False):
        call_command("report", "monthly", "2026-10", "--out", str(docx), stderr=StringIO())
    # a profile of its own: parallel runs of soffice on one profile wait for each other or fail
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "月报.pdf"
    assert pdf.is_file()
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page1")],
                   check=True, capture_output=True, timeout=60)
    ARTIFACTS.mkdir(exist_ok=True)
    artifact = ARTIFACTS / "monthly-report-page1.png"
    shutil.copyfile(tmp_path / "page1.png", artifact)
    page = Image.open(artifact).convert("RGB")
    # A4 at 60 dpi: 496 × 702 pixels, portrait
    assert abs(page.width - 496) <= 2 and abs(page.height - 702) <= 2
    # the red 发文机关标志 and rule are drawn in the upper part of the page
    top = page.crop((0, 0, page.width, page.height // 3))
    pixels = top.load()
    reds = sum(1 for x in range(top.width) for y in range(top.height) if _red(pixels[x, y]))
    assert reds > 200


def _red(rgb) -> bool:
    r, g, b = rgb
    return r > 180 and g < 90 and b < 90
