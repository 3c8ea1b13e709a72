"""Stage 5, export (CSV): the Compare page's table for spreadsheets, from the same
`CompareDocument` the JSON API publishes, so the two never disagree.

A cell that a spreadsheet would read as a formula (it starts with = + - @, a tab or a carriage
return) gets a leading apostrophe, the OWASP advice against CSV injection: authored text
never runs in a reader's spreadsheet.
"""

from __future__ import annotations

import csv
import io

from generator.export.api import CompareDocument

COLUMNS = (
    "platform",
    "platform_name",
    "topic",
    "topic_title",
    "question",
    "coverage",
    "analysis",
    "answer",
    "answer_label",
    "rating",
    "url",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def compare_csv(doc: CompareDocument) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(COLUMNS)
    for cell in doc.cells:
        writer.writerow(_cell(getattr(cell, name)) for name in COLUMNS)
    return out.getvalue().encode("utf-8")
