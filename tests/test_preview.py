"""Render check through LibreOffice: one conversion of the example draft, shared by the tests that need it.

These tests need LibreOffice, poppler-utils and a Chinese font; .ci/run installs them. Without them the
conversion fails with the install command in its message rather than being skipped.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import FULL

import drafter.word.preview as preview_module
from drafter import draft, write_docx
from drafter.word.preview import PreviewError, PreviewReport, document_fonts, font_substitutes, measure_pdf_text


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "county-2025.docx"
    write_docx(draft(FULL), path)
    return path


@pytest.fixture(scope="module")
def report(example_docx, tmp_path_factory) -> PreviewReport:
    return preview_module.preview_docx(example_docx, tmp_path_factory.mktemp("pages"))


def test_every_page_has_a_pdf_page_and_a_png(report):
    assert report.pdf.read_bytes().startswith(b"%PDF")
    assert report.pages >= 4  # the example is about 3,500 characters: 5–7 pages of 616
    assert [p.name for p in report.pngs] == [f"page-{i}.png" for i in range(1, report.pages + 1)]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in report.pngs)


def test_full_pages_hold_22_lines_of_28_characters(report):
    first, *middle, _last = report.lines_per_page
    assert first in (20, 21)  # the title, a blank line, then body text
    # A heading kept with its paragraph may leave a page's last line empty; no page holds more than 22.
    assert middle and max(middle) == 22 and min(middle) >= 21
    assert report.chars_per_line == 28
    assert report.widest_line <= 29  # a line-end mark may hang into the margin


def test_missing_fonts_are_named_with_a_chinese_substitute(report, example_docx):
    fonts = document_fonts(example_docx)
    assert set(fonts) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"}
    assert set(report.substitutions) <= set(fonts)
    for asked, used in report.substitutions.items():
        chinese = subprocess.run(["fc-list", f":family={used}:lang=zh"], capture_output=True, text=True).stdout
        assert chinese.strip(), f"{asked} was substituted by {used}, which has no Chinese glyphs"


def test_summary_reports_pages_lines_and_substitutions(report):
    text = report.summary()
    assert f"{report.pages} page(s)" in text
    assert "lines per page: 22 at most" in text
    assert "characters per line: 28 on most lines" in text
    for asked, used in report.substitutions.items():
        assert f"{asked} → {used}" in text


def test_cli_preview_prints_the_report(cli, monkeypatch, report, example_docx, tmp_path):
    calls = []

    def fake(docx, out, dpi):
        calls.append((str(docx), str(out), dpi))
        return report

    monkeypatch.setattr(preview_module, "preview_docx", fake)
    result = cli("preview", example_docx, "-o", tmp_path / "pages", "--dpi", "50")
    assert result.code == 0
    assert result.out == report.summary()
    assert calls == [(str(example_docx), str(tmp_path / "pages"), 50)]


def test_without_libreoffice_the_preview_says_so_and_exits_2(cli, monkeypatch, example_docx, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("preview", example_docx, "-o", tmp_path / "pages")
    assert result.code == 2
    assert "LibreOffice is not installed" in result.err and "apt-get install libreoffice-writer-nogui" in result.err
    assert not (tmp_path / "pages").exists()


def test_a_missing_docx_is_named(tmp_path):
    with pytest.raises(PreviewError, match=r"nothing\.docx: file not found"):
        preview_module.preview_docx(tmp_path / "nothing.docx", tmp_path / "pages")


def test_fonts_that_are_installed_are_not_substituted():
    installed = subprocess.run(["fc-match", "-f", "%{family[0]}", "serif"], capture_output=True, text=True).stdout
    subs = font_substitutes([installed, "不存在的字体_GB2312"])
    assert list(subs) == ["不存在的字体_GB2312"]


PDF_TEXT = "标题\n\n  正文第一行\n正文第二行，12次\n\n                 — 1 —\n\f第二页一行\n  — 2 —\n\f"


def test_measure_pdf_text_counts_lines_without_page_numbers():
    counts, common, widest = measure_pdf_text(PDF_TEXT)
    assert counts == [3, 1]
    assert common == 5  # 正文第一行 and 第二页一行
    assert widest == 8  # 正文第二行，12次: seven full-width characters and two half-width digits


@pytest.mark.parametrize(
    "script,words",
    [
        ("echo 'Error: source file could not be loaded'", "LibreOffice made no PDF: Error: source file could not"),
        ("sleep 30", "LibreOffice took more than 1 s"),
    ],
)
def test_a_failed_or_hung_conversion_is_reported(monkeypatch, example_docx, tmp_path, script, words):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "soffice").write_text(f"#!/bin/sh\n{script}\n")
    (fake / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    monkeypatch.setattr(preview_module, "CONVERT_TIMEOUT", 1)
    with pytest.raises(PreviewError, match=words):
        preview_module.preview_docx(example_docx, tmp_path / "pages")
