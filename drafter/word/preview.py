"""Render check: a .docx through LibreOffice to PDF and PNG pages, measured from the PDF's text layer."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..errors import PreviewError

__all__ = [
    "PreviewError",
    "PreviewReport",
    "document_fonts",
    "docx_to_pdf",
    "font_substitutes",
    "preview_docx",
    "soffice_available",
]

INSTALL_HINT = "apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk"
CONVERT_TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FONT_KEYS = {f"{_W}{k}" for k in ("ascii", "hAnsi", "eastAsia", "cs")}  # theme fonts aside
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_PAGE_NUMBER = re.compile(r"^\s*[—–-]+\s*\d+\s*[—–-]+\s*$")
_SANS_HINTS = ("黑", "hei", "sans", "gothic", "雅黑")


@dataclass
class PreviewReport:
    """What the preview produced and measured."""

    docx: Path
    pdf: Path
    pngs: list[Path]
    lines_per_page: list[int]  # text lines on each page, the page number left out
    chars_per_line: float  # the most common line width, in characters (half-width counts ½)
    widest_line: float  # a line-end mark hanging into the margin makes a line one wider
    substitutions: dict[str, str] = field(default_factory=dict)  # font asked for -> font used

    @property
    def pages(self) -> int:
        return len(self.lines_per_page)

    def summary(self) -> str:
        """The report as a few lines for people."""
        full = max(self.lines_per_page, default=0)
        lines = [
            f"{self.docx}: {self.pages} page(s), PDF {self.pdf}, {len(self.pngs)} PNG page(s) in {self.pdf.parent}",
            f"lines per page: {full} at most; by page: {', '.join(map(str, self.lines_per_page))}",
            f"characters per line: {self.chars_per_line:g} on most lines, {self.widest_line:g} at most",
        ]
        if self.substitutions:
            lines.append("fonts substituted for the preview (not installed here):")
            lines += [f"  {asked} → {used}" for asked, used in self.substitutions.items()]
        else:
            lines.append("fonts substituted for the preview: none (every font the document names is installed)")
        return "\n".join(lines) + "\n"


def _tool(*names: str, package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise PreviewError(
        f"{package} is not installed ({' or '.join(names)} not found on PATH); the preview needs it. "
        f"On Debian/Ubuntu: {INSTALL_HINT}"
    )


def document_fonts(docx: str | Path) -> list[str]:
    """Every font a .docx sets on its text: directly, through the styles its paragraphs use, or by default."""
    try:
        with zipfile.ZipFile(docx) as z:
            parts = [ElementTree.fromstring(z.read(n)) for n in sorted(z.namelist()) if _TEXT_PARTS.match(n)]
            styles = ElementTree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in z.namelist() else None
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise PreviewError(f"{docx}: not a .docx file ({exc})") from None
    found: dict[str, None] = {}

    def take(element: ElementTree.Element) -> None:
        for fonts in element.iter(f"{_W}rFonts"):
            found.update(dict.fromkeys(v for k, v in fonts.attrib.items() if k in _FONT_KEYS))

    used: set[str] = set()
    for part in parts:
        take(part)
        for tag in ("pStyle", "rStyle", "tblStyle"):
            used.update(el.get(f"{_W}val", "") for el in part.iter(f"{_W}{tag}"))
    if styles is not None:
        defaults = styles.find(f"{_W}docDefaults")
        if defaults is not None:
            take(defaults)
        by_id = {st.get(f"{_W}styleId"): st for st in styles.iter(f"{_W}style")}
        used |= {i for i, st in by_id.items() if st.get(f"{_W}default") in ("1", "true")}
        while used:  # each used style and the styles it is based on
            style = by_id.pop(used.pop(), None)
            if style is not None:
                take(style)
                based = style.find(f"{_W}basedOn")
                if based is not None:
                    used.add(based.get(f"{_W}val", ""))
    return list(found)


def _fc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["fc-" + args[0], *args[1:]], capture_output=True, text=True, check=False)


def _installed(font: str) -> bool:
    # fontconfig patterns treat - : , \ specially; escape them so a name is matched as written.
    pattern = re.sub(r"([-:,\\])", r"\\\1", font)
    return _fc("list", "-q", f"{pattern}").returncode == 0


def font_substitutes(fonts: list[str]) -> dict[str, str]:
    """For each font not installed, the installed font the preview uses instead (fontconfig's choice)."""
    if not shutil.which("fc-list") or not shutil.which("fc-match"):
        raise PreviewError(f"fontconfig (fc-list, fc-match) is not installed; the preview needs it. {INSTALL_HINT}")
    out: dict[str, str] = {}
    for font in fonts:
        if _installed(font):
            continue
        chinese = any(unicodedata.east_asian_width(c) in "FW" for c in font) or "GB2312" in font
        generic = "sans-serif" if any(h in font.lower() for h in _SANS_HINTS) else "serif"
        # A Chinese face goes to the generic family for Chinese text (a Noto CJK SC face when installed).
        query = f"{generic}:lang=zh-cn" if chinese else font
        out[font] = _fc("match", "-f", "%{family[0]}", query).stdout.strip() or "(none)"
    return out


def _fontconfig_file(folder: Path, subs: dict[str, str]) -> Path:
    """A fontconfig file: the system's, plus one rule per missing font naming its substitute."""
    system = os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    rules = "".join(
        f'<match target="pattern"><test name="family"><string>{escape(asked)}</string></test>'
        f'<edit name="family" mode="prepend" binding="strong"><string>{escape(used)}</string></edit></match>'
        for asked, used in subs.items()
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">{escape(system)}</include>{rules}</fontconfig>\n',
        encoding="utf-8",
    )
    return path


def _width(line: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "FWA" else 0.5 for c in line if not c.isspace())


def measure_pdf_text(text: str) -> tuple[list[int], float, float]:
    """Lines per page, the most common and the widest line width, from `pdftotext -layout` output."""
    pages = text.split("\f")  # pdftotext ends every page with a form feed
    if pages and not pages[-1].strip():
        pages.pop()
    counts, widths = [], []
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip() and not _PAGE_NUMBER.match(line)]
        counts.append(len(lines))
        widths += map(_width, lines)
    common = Counter(widths).most_common(1)[0][0] if widths else 0.0
    return counts, common, max(widths, default=0.0)


def preview_docx(docx: str | Path, out_dir: str | Path, dpi: int = 80) -> PreviewReport:
    """Convert a .docx to out_dir/NAME.pdf and out_dir/page-N.png with LibreOffice, and measure the pages."""
    docx, out_dir = Path(docx), Path(out_dir)
    if not docx.is_file():
        raise PreviewError(f"{docx}: file not found")
    if not 10 <= dpi <= 600:
        raise PreviewError(f"dpi must be between 10 and 600 (got {dpi})")
    soffice = _tool("soffice", "libreoffice", package="LibreOffice")
    pdftoppm = _tool("pdftoppm", package="poppler-utils")
    pdftotext = _tool("pdftotext", package="poppler-utils")
    subs = font_substitutes(document_fonts(docx))
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="drafter-preview-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file(work, subs)))
        # A profile of its own: no clash with a LibreOffice the user has open, nor with a parallel preview.
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={work.as_uri()}/lo"]
        cmd += ["--convert-to", "pdf", "--outdir", str(work), str(docx.resolve())]
        output = _convert(cmd, env, docx)
        made = work / (docx.stem + ".pdf")
        if not made.is_file():
            raise PreviewError(f"{docx}: LibreOffice made no PDF: {output.strip()[-500:]}")
        shutil.move(made, pdf)
    for old in out_dir.glob("page-*.png"):
        old.unlink()  # pages of an earlier, longer preview would look like this one's
    _run_tool([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out_dir / "page")])
    pngs = sorted(out_dir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    text = _run_tool([pdftotext, "-layout", str(pdf), "-"])
    counts, common, widest = measure_pdf_text(text)
    return PreviewReport(docx, pdf, pngs, counts, common, widest, subs)


def soffice_available() -> bool:
    """Whether LibreOffice is on PATH (the PDF export needs it)."""
    return any(shutil.which(n) for n in ("soffice", "libreoffice"))


def docx_to_pdf(data: bytes) -> bytes:
    """A .docx (its bytes) converted to PDF by LibreOffice, with the same font substitutions as the preview."""
    soffice = _tool("soffice", "libreoffice", package="LibreOffice")
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        work = Path(tmp)
        docx = work / "draft.docx"
        docx.write_bytes(data)
        subs = font_substitutes(document_fonts(docx))
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file(work, subs)))
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={work.as_uri()}/lo"]
        cmd += ["--convert-to", "pdf", "--outdir", str(work / "out"), str(docx)]
        output = _convert(cmd, env, docx)
        made = work / "out" / "draft.pdf"
        if not made.is_file():
            raise PreviewError(f"LibreOffice made no PDF: {output.strip()[-500:]}")
        return made.read_bytes()


def _run_tool(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PreviewError(f"{Path(cmd[0]).name} failed on {cmd[-2]}: {done.stderr.strip()[-300:]}")
    return done.stdout


def _convert(cmd: list[str], env: dict[str, str], docx: Path) -> str:
    """Run LibreOffice in a session of its own, so a conversion that hangs is stopped with all its processes."""
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True
    ) as proc:
        try:
            return proc.communicate(timeout=CONVERT_TIMEOUT)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise PreviewError(f"{docx}: LibreOffice took more than {CONVERT_TIMEOUT} s to convert it") from None
