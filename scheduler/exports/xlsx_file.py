"""Save an openpyxl workbook as `Workbook.save` does, each sheet's XML built in memory.

openpyxl writes every sheet to a temporary file, copies it into the archive, then deletes it: for
the 20 sheets of planning.xlsx that is 20 files created and removed in the system's temporary
folder (removing a file costs milliseconds on some disks). Here the sheet goes straight from
memory into the archive, as the same archive entry (same bytes, compression and attributes).
"""
from __future__ import annotations

import datetime as dt
import time
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

_TEMPORARY_FILE_ATTRIBUTES = 0o100600 << 16  # a regular file, read-write for its owner: openpyxl's temporary file


class _Sink:
    """Where a sheet's XML goes: a bare `write` (a seekable BytesIO costs the XML writer's text layer
    an encoder reset at each of its hundred thousand small writes)."""

    def __init__(self) -> None:
        self.buffer = BytesIO()
        self.write = self.buffer.write


class _SheetsInMemory(ExcelWriter):
    """openpyxl's writer, each (not write-only) sheet written to memory instead of a temporary file."""

    def write_worksheet(self, ws) -> None:
        if self.workbook.write_only:
            return super().write_worksheet(ws)
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        sink = _Sink()
        writer = WorksheetWriter(ws, out=sink)
        writer.write()  # closes the XML writer: the sheet is whole in `sink`
        ws._rels = writer._rels
        entry = ZipInfo(ws.path[1:], date_time=time.localtime()[:6])
        entry.external_attr = _TEMPORARY_FILE_ATTRIBUTES
        entry.compress_type = self._archive.compression
        self._archive.writestr(entry, sink.buffer.getvalue())
        self.manifest.append(ws)
        return None


def save_workbook(workbook: Workbook, path: Path) -> None:
    """`workbook.save(path)`, without a temporary file per sheet."""
    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        workbook.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
        _SheetsInMemory(workbook, archive).write_data()
