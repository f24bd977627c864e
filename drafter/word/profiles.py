"""Font and page profiles for the printed copy: GB/T 9704-2012, the Windows fonts, or a user's TOML."""

from __future__ import annotations

import math
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..errors import ProfileError

__all__ = [
    "GBT9704",
    "STANDARD",
    "WINDOWS",
    "Deviation",
    "Profile",
    "ProfileError",
    "builtin_profiles",
    "deviations",
    "get_profile",
    "load_profile",
    "profile_toml",
]

STANDARD = "GB/T 9704-2012"
TWIPS_PER_MM = 1440 / 25.4
# Chinese type sizes (字号) by point size, for showing a profile the way offices name sizes.
SIZE_NAMES = dict(
    zip(
        (42, 36, 26, 24, 22, 18, 16, 15, 14, 12, 10.5, 9),
        "初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五".split(),
        strict=True,
    )
)


@dataclass(frozen=True)
class Profile:
    """Page geometry, fonts and sizes of the printed copy; every value can be overridden in a TOML profile."""

    name: str = "gbt9704"
    description: str = "GB/T 9704-2012 with the licensed font names"
    paper_width_mm: float = 210
    paper_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    lines_per_page: int = 22
    chars_per_line: int = 28
    title_font: str = "方正小标宋简体"
    title_size_pt: float = 22
    title_bold: bool = False
    body_font: str = "仿宋_GB2312"
    body_size_pt: float = 16
    heading1_font: str = "黑体"
    heading1_size_pt: float = 16
    heading2_font: str = "楷体_GB2312"
    heading2_size_pt: float = 16
    latin_font: str = ""  # digits and Latin letters; empty: each level's Chinese font
    page_number_font: str = "宋体"
    page_number_size_pt: float = 14
    page_number_gap_mm: float = 7  # from the bottom of the type area to the page number
    first_line_indent_chars: float = 2

    # Geometry in twips (1/20 pt), the unit of Word's page and paragraph settings.
    @property
    def page_twips(self) -> tuple[int, int]:
        return mm_twips(self.paper_width_mm), mm_twips(self.paper_height_mm)

    @property
    def margin_twips(self) -> dict[str, int]:
        m = {"top": self.margin_top_mm, "bottom": self.margin_bottom_mm}
        m |= {"left": self.margin_left_mm, "right": self.margin_right_mm}
        return {k: mm_twips(v) for k, v in m.items()}

    @property
    def type_area_twips(self) -> tuple[int, int]:
        w, h = self.page_twips
        m = self.margin_twips
        return w - m["left"] - m["right"], h - m["top"] - m["bottom"]

    @property
    def line_pitch_twips(self) -> int:
        """Exact line spacing: the type area's height shared by lines_per_page, rounded down so all fit."""
        return self.type_area_twips[1] // self.lines_per_page

    @property
    def char_spacing_twips(self) -> int:
        """Character spacing (condensed when negative) that puts chars_per_line body characters on a line.

        Word's character grid (文档网格) would do the same, but LibreOffice and other viewers give a 16 pt
        character two cells of a 15.8 pt grid; spacing every reader honours keeps 28 characters everywhere.
        """
        # Rounded down so the last character of a full line still fits.
        return math.floor(self.type_area_twips[0] / self.chars_per_line - self.body_size_pt * 20)

    @property
    def char_pitch_twips(self) -> int:
        """Width of one body character, spacing included: the unit of indents."""
        return round(self.body_size_pt * 20) + self.char_spacing_twips

    @property
    def title_chars_per_line(self) -> int:
        """Title characters a line of the type area holds (20 for 2号 on A4): where a long title must break."""
        return max(int(self.type_area_twips[0] // round(self.title_size_pt * 20)), 1)

    @property
    def footer_twips(self) -> int:
        """Distance from the page's bottom edge to the footer's baseline area, placing the number below the text."""
        return max(mm_twips(self.margin_bottom_mm - self.page_number_gap_mm) - round(self.page_number_size_pt * 20), 0)


GBT9704 = Profile()
WINDOWS = replace(
    GBT9704,
    name="windows",
    description="the fonts that ship with Windows (仿宋, 楷体, 黑体, 宋体)",
    title_font="宋体",
    title_bold=True,  # 宋体 is lighter than 小标宋; bold comes closer to the standard's look
    body_font="仿宋",
    heading2_font="楷体",
)

_META = ("name", "description")
_FIELDS = {f.name: f for f in fields(Profile)}


def builtin_profiles() -> dict[str, Profile]:
    """The built-in profiles by name."""
    return {p.name: p for p in (GBT9704, WINDOWS)}


def mm_twips(mm: float) -> int:
    """Millimetres to twips, rounded half up (A4 is 11906 × 16838)."""
    return int(mm * TWIPS_PER_MM + 0.5)


def get_profile(name: str | Path | Profile | None = None) -> Profile:
    """A built-in profile by name, or a TOML profile by path; None gives the standard."""
    if name is None:
        return GBT9704
    if isinstance(name, Profile):
        return name
    builtins = builtin_profiles()
    if str(name) in builtins:
        return builtins[str(name)]
    path = Path(name)
    if path.suffix.lower() == ".toml" or path.exists():
        return load_profile(path)
    raise ProfileError(f"unknown profile {str(name)!r}; expected one of {', '.join(builtins)} or a FILE.toml")


def load_profile(path: str | Path) -> Profile:
    """A user profile: `base = "windows"` (default gbt9704) and any Profile field overridden."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError("file not found", path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"not valid TOML: {exc}", path) from None
    base_name = raw.pop("base", "gbt9704")
    builtins = builtin_profiles()
    if base_name not in builtins:
        raise ProfileError(f"unknown base profile {base_name!r}; expected one of {', '.join(builtins)}", path, "base")
    values: dict[str, Any] = {"name": path.stem, "description": f"{path.name}, based on {base_name}"}
    for key, value in raw.items():
        if key not in _FIELDS:
            raise ProfileError(f"unknown key; expected base or one of: {', '.join(_FIELDS)}", path, key)
        values[key] = _checked(path, key, value)
    profile = replace(builtins[base_name], **values)
    _check_geometry(profile, path)
    return profile


def _checked(path: Path, key: str, value: Any) -> Any:
    kind = _FIELDS[key].type
    if kind == "str":
        if not isinstance(value, str):
            raise ProfileError(f"must be a string (got {value!r})", path, key)
        if key.endswith("_font") and key != "latin_font" and not value.strip():
            raise ProfileError("must name a font", path, key)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ProfileError(f"must be true or false (got {value!r})", path, key)
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "int" and not isinstance(value, int)):
        expected = "a whole number" if kind == "int" else "a number"
        raise ProfileError(f"must be {expected} (got {value!r})", path, key)
    if kind == "int" and not 1 <= value <= 100:
        raise ProfileError(f"must be between 1 and 100 (got {value})", path, key)
    if key.endswith(("_size_pt", "paper_width_mm", "paper_height_mm")) and not 0 < value <= 1000:
        raise ProfileError(f"must be > 0 (got {value})", path, key)
    if value < 0:
        raise ProfileError(f"must be ≥ 0 (got {value})", path, key)
    return value


def _check_geometry(p: Profile, path: Path) -> None:
    width, height = p.type_area_twips
    if width <= 0:
        raise ProfileError("margin_left_mm + margin_right_mm leave no room on the page", path, "margin_left_mm")
    if height <= 0:
        raise ProfileError("margin_top_mm + margin_bottom_mm leave no room on the page", path, "margin_top_mm")
    if p.line_pitch_twips < p.body_size_pt * 20:
        fit = height // round(p.body_size_pt * 20)
        raise ProfileError(f"{p.lines_per_page} lines of body text don't fit; at most {fit}", path, "lines_per_page")
    narrowest = p.body_size_pt * 20 * 0.8  # condensing a character by more than a fifth makes it unreadable
    if p.char_pitch_twips < narrowest:
        fit = int(width // narrowest)
        raise ProfileError(f"{p.chars_per_line} characters don't fit on a line; at most {fit}", path, "chars_per_line")


@dataclass(frozen=True)
class Deviation:
    """One value of a profile that differs from the standard's."""

    field: str
    value: Any
    standard: Any

    def __str__(self) -> str:
        return f"{self.field}: {_show(self.field, self.value)} (standard: {_show(self.field, self.standard)})"


def deviations(profile: Profile, standard: Profile = GBT9704) -> list[Deviation]:
    """Every value of profile that differs from the standard, in field order."""
    theirs, ours = asdict(profile), asdict(standard)
    return [Deviation(k, theirs[k], ours[k]) for k in theirs if k not in _META and theirs[k] != ours[k]]


def _show(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if key.endswith("_size_pt") and value in SIZE_NAMES:
        return f"{value:g} pt ({SIZE_NAMES[value]})"
    if isinstance(value, str):
        return value or "(each level's Chinese font)"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{value:g}" if isinstance(value, float) else str(value)


def profile_toml(profile: Profile) -> str:
    """The profile as a TOML user profile, each deviation from the standard marked; save it to start your own."""
    found = {d.field: d for d in deviations(profile)}
    lines = [
        f"# profile {profile.name}: {profile.description}",
        f"# {len(found)} deviation(s) from {STANDARD}" + (":" if found else ""),
        *(f"#   {d}" for d in found.values()),
        "",
    ]
    for key, value in asdict(profile).items():
        if key in _META:
            continue
        note = f"  # standard: {_toml_value(found[key].standard)}" if key in found else ""
        size = f"  # {SIZE_NAMES[value]}" if key.endswith("_size_pt") and value in SIZE_NAMES and not note else ""
        lines.append(f"{key} = {_toml_value(value)}{note}{size}")
    return "\n".join(lines) + "\n"
