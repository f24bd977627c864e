"""Layout profiles: the built-ins, TOML user profiles with field errors, and deviations from the standard."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from drafter.word.profiles import GBT9704, WINDOWS, ProfileError, deviations, get_profile, load_profile, profile_toml


def write(tmp_path, text: str, name: str = "office.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_standard_profile_has_no_deviations_and_windows_only_its_fonts():
    assert deviations(GBT9704) == []
    assert {d.field for d in deviations(WINDOWS)} == {"title_font", "title_bold", "body_font", "heading2_font"}


@pytest.mark.parametrize(
    "prop,value",
    [
        ("page_twips", (11906, 16838)),
        ("type_area_twips", (8845, 12756)),  # 156 × 225 mm
        ("line_pitch_twips", 579),  # 28.95 pt: 22 lines fill the type area
        ("char_spacing_twips", -5),  # 16 pt condensed 0.25 pt: 28 characters fill a line
        ("char_pitch_twips", 315),
        ("footer_twips", 1307),  # the number 7 mm below the type area
    ],
)
def test_standard_geometry(prop, value):
    assert getattr(GBT9704, prop) == value


def test_a_user_profile_overrides_its_base(tmp_path):
    path = write(tmp_path, 'base = "windows"\nbody_font = "方正仿宋_GBK"\nlines_per_page = 21\n')
    profile = load_profile(path)
    assert (profile.name, profile.body_font, profile.lines_per_page) == ("office", "方正仿宋_GBK", 21)
    assert profile.title_font == "宋体"  # from the windows base
    assert profile.line_pitch_twips == 12756 // 21
    assert {d.field for d in deviations(profile)} >= {"body_font", "lines_per_page", "title_font"}


def test_a_user_profile_defaults_to_the_standard_base(tmp_path):
    assert load_profile(write(tmp_path, 'heading1_font = "方正黑体_GBK"\n')).body_font == GBT9704.body_font


@pytest.mark.parametrize(
    "text,field,words",
    [
        ('body_fnt = "仿宋"\n', "body_fnt", "unknown key"),
        ('body_size_pt = "16"\n', "body_size_pt", "must be a number (got '16')"),
        ("body_size_pt = true\n", "body_size_pt", "must be a number"),
        ("body_size_pt = 0\n", "body_size_pt", "must be > 0"),
        ("lines_per_page = 22.5\n", "lines_per_page", "must be a whole number"),
        ("lines_per_page = 0\n", "lines_per_page", "between 1 and 100"),
        ("margin_top_mm = -1\n", "margin_top_mm", "must be ≥ 0"),
        ("title_bold = 1\n", "title_bold", "true or false"),
        ('body_font = "  "\n', "body_font", "must name a font"),
        ("body_font = 3\n", "body_font", "must be a string"),
        ('base = "mac"\n', "base", "unknown base profile 'mac'"),
        ("lines_per_page = 40\n", "lines_per_page", "40 lines of body text don't fit; at most 39"),
        ("chars_per_line = 40\n", "chars_per_line", "40 characters don't fit"),
        ("margin_left_mm = 150\nmargin_right_mm = 60\n", "margin_left_mm", "leave no room"),
    ],
)
def test_a_bad_value_names_the_file_and_key(tmp_path, text, field, words):
    path = write(tmp_path, text)
    with pytest.raises(ProfileError, match=None) as err:
        load_profile(path)
    assert err.value.field == field
    assert str(err.value).startswith(f"{path}: {field}: ")
    assert words in str(err.value)


def test_broken_toml_names_the_file(tmp_path):
    path = write(tmp_path, "body_font = \n")
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(path)


@pytest.mark.parametrize(
    "name,words",
    [("nope", "unknown profile 'nope'; expected one of gbt9704, windows"), ("gone.toml", "file not found")],
)
def test_get_profile_errors(name, words):
    with pytest.raises(ProfileError, match=words):
        get_profile(name)


def test_get_profile_by_name_path_or_default(tmp_path):
    assert get_profile(None) is GBT9704 and get_profile("windows") is WINDOWS
    assert get_profile(write(tmp_path, "chars_per_line = 27\n")).chars_per_line == 27


@pytest.mark.parametrize("profile", [GBT9704, WINDOWS], ids=["gbt9704", "windows"])
def test_profile_toml_reads_back_as_the_same_profile(tmp_path, profile):
    loaded = load_profile(write(tmp_path, profile_toml(profile)))
    values = {k: v for k, v in asdict(loaded).items() if k not in ("name", "description")}
    assert values == {k: v for k, v in asdict(profile).items() if k not in ("name", "description")}


def test_cli_profile_show_marks_each_deviation(cli):
    result = cli("profile", "show", "windows")
    assert result.code == 0
    assert "# 4 deviation(s) from GB/T 9704-2012:" in result.out
    assert "#   body_font: 仿宋 (standard: 仿宋_GB2312)" in result.out
    assert 'title_font = "宋体"  # standard: "方正小标宋简体"' in result.out
    assert "body_size_pt = 16  # 三号" in result.out


def test_cli_profile_show_standard_and_user_profiles(cli, tmp_path):
    assert "# 0 deviation(s) from GB/T 9704-2012\n" in cli("profile", "show", "gbt9704").out
    path = write(tmp_path, "margin_top_mm = 35\n")
    out = cli("profile", "show", path).out
    assert "#   margin_top_mm: 35 (standard: 37)" in out


def test_cli_profile_list_and_unknown(cli):
    listed = cli("profile", "list").out
    assert listed.startswith("gbt9704\t0 deviation(s)") and "windows\t4 deviation(s)" in listed
    bad = cli("profile", "show", "nope")
    assert bad.code == 2 and "unknown profile 'nope'" in bad.err
