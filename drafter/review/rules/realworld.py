"""Traces of the way a text was copied: page-number lines, and page numbers glued to the next line (「42025年」).

Source reading already leaves page-number lines and hard wraps out of what the other
rules read (Source.view); this family tells the reviewer they are there.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..source import Source

__all__ = ["check"]

# At a line start: a page number (1–3 digits) run into a year: 42025年 = page 4 + 2025年.
GLUED = re.compile(r"(?m)^[ \t\u3000]*(?P<page>\d{1,3})(?P<year>(?:19|20)\d{2}年)")


def check(src: Source) -> list[Finding]:
    out = [
        Finding(
            "realworld",
            "warning",
            f"页码行「{src.text[a:b]}」混在正文里（从PDF复制的痕迹）",
            a,
            b,
            src.text[a:b],
            suggest="删去页码行",
            rule_id="realworld.page_number",
        )
        for a, b in src.page_lines
    ]
    for m in GLUED.finditer(src.text):
        a, b = m.start("page"), m.end("year")
        out.append(
            Finding(
                "realworld",
                "error",
                f"页码「{m['page']}」粘在了年份「{m['year']}」前面",
                a,
                b,
                src.text[a:b],
                suggest=m["year"],
                rule_id="realworld.glued_page_number",
            )
        )
    return out
