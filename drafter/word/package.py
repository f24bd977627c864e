"""The .docx package around the text: core properties and a zip whose bytes depend only on the draft."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..document import Document

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["FIXED_DATE", "fixed_zip", "organisation_of", "set_core_properties"]

# The created date of a draft without a signature date, so its bytes are still reproducible.
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_TITLE_ORG = re.compile(r"^(.+?)\d{4}年")


def organisation_of(doc: Document) -> str:
    """The issuing organisation: the signature's first line, else what the title names before the year."""
    for line in doc.signature:
        if not DATE.search(line):
            return line
    found = _TITLE_ORG.match(doc.title)
    return found.group(1) if found else ""


def set_core_properties(out: DocxDocument, doc: Document) -> datetime:
    created = FIXED_DATE
    for line in doc.signature:
        found = DATE.search(line)
        if found:
            try:
                created = datetime(*map(int, found.groups()), tzinfo=UTC)
            except ValueError:  # a date that isn't one (a hand-edited JSON draft) keeps the fixed date
                pass
            break
    props = out.core_properties
    org = organisation_of(doc)
    props.title = doc.title
    props.author = org
    props.last_modified_by = org
    props.comments = ""
    props.created = created
    props.modified = created
    props.revision = 1
    return created


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """The package with every entry stamped `when`, so the same draft gives byte-identical files."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day, 0, 0, 0)  # the years a zip can hold
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same bytes on every platform
            dst.writestr(entry, src.read(info.filename))
    return buf.getvalue()
