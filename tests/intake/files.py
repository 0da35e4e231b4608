"""Writing small channel export files for the importer's tests."""
import csv
import io
from pathlib import Path

from openpyxl import Workbook


def csv_file(path: Path, header: list[str], rows: list[list[str]], *, encoding="utf-8") -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def xlsx_file(path: Path, header: list[str], rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run_import(*args) -> tuple[list[str], str]:
    """stdout's lines and stderr of `minpan import ARGS`."""
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()
