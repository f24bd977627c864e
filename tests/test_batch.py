"""`drafter draft --batch`: one draft per row; a bad row is reported and never stops the others."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest
import yaml
from conftest import FULL

from drafter import draft_batch
from drafter.authoring.scaffold import new_kind
from drafter.drafting.batch import read_table, safe_file_name


def _flat(data: dict, prefix: str = "") -> dict:
    """A spec as one table row: keys are figure paths, compared figures split, titles joined with 、."""
    row = {}
    for key, value in data.items():
        if key in ("cases", "problems", "plans", "practices"):  # the unit's own facts: not table columns
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(_flat(value, path + "."))
        elif isinstance(value, list):
            row[path] = "、".join(value)
        else:
            row[path] = "" if value is None else value
    return row


def _write_csv(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def base_row() -> dict:
    return _flat(yaml.safe_load(FULL.read_text(encoding="utf-8")))


def test_a_batch_of_200_rows_with_two_bad_ones(cli, tmp_path, base_row):
    rows = []
    for i in range(200):
        row = dict(base_row, **{"organisation.name": f"第{i:03d}县", "meetings.count.current": 40 + i})
        rows.append(row)
    rows[6]["meetings.count.current"] = -3  # table row 8 (the header is row 1)
    rows[100]["frugality.three_public.previous"] = "九百"  # table row 102
    table = _write_csv(tmp_path / "units.csv", rows)
    started = time.perf_counter()
    r = cli("draft", "--batch", table, "-o", tmp_path / "out")
    seconds = time.perf_counter() - started
    assert r.code == 1
    written = sorted((tmp_path / "out").iterdir())
    assert len(written) == 198
    assert "第006县.md" not in {p.name for p in written} and "第100县.md" not in {p.name for p in written}
    lines = r.err.splitlines()
    assert lines[0].startswith("drafted 198 of 200 row(s) from") and "2 row(s) failed:" in lines[0]
    assert lines[1:] == [
        "  row 8: meetings.count.current: must be ≥ 0 (got -3)",
        "  row 102: frugality.three_public.previous: must be a number (got '九百')",
    ]
    first = (tmp_path / "out" / "第000县.md").read_text(encoding="utf-8")
    assert first.startswith("# 第000县2025年贯彻落实中央八项规定精神情况工作总结")
    assert "40次，较上年同期减少62次" in first
    assert "《青山县会议费管理办法》《青山县因公临时出国（境）管理实施细则》" in first  # titles split on 、
    print(f"200 rows in {seconds:.2f} s")


def test_rows_of_several_kinds_and_missing_figures(tmp_path, base_row):
    kinds = tmp_path / "kinds"
    new_kind("annual", kinds / "annual")
    rows = [
        {
            "kind": "annual",
            "organisation.name": "白河镇",
            "organisation.level": "township",
            "year": 2025,
            "work.meetings.current": 21,
            "work.meetings.previous": 28,
            "work.trainings": "",
        },
        dict(base_row, **{"organisation.name": "青山县", "meetings.count.current": ""}),
    ]
    table = _write_csv(tmp_path / "mixed.csv", rows)
    result = draft_batch(table, tmp_path / "out", fmt="txt", kinds_dirs=[kinds])
    assert result.problems == [] and [p.name for p in result.written] == ["白河镇.txt", "青山县.txt"]
    annual = (tmp_path / "out" / "白河镇.txt").read_text(encoding="utf-8")
    assert "21次，较上年同期减少7次" in annual and "【待补充：业务培训场次】" in annual
    assert "【待补充：会议次数】" in (tmp_path / "out" / "青山县.txt").read_text(encoding="utf-8")


def test_an_xlsx_table_and_json_output(tmp_path, base_row):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    header = list(base_row)
    ws.append(header)
    for name in ("东山县", "西山县"):
        row = dict(base_row, **{"organisation.name": name, "institutions.titles": "会议费管理办法；差旅费管理办法"})
        ws.append([row[h] for h in header])
    path = tmp_path / "units.xlsx"
    wb.save(path)
    result = draft_batch(path, tmp_path / "out", fmt="json")
    assert result.problems == [] and len(result.written) == 2
    doc = json.loads((tmp_path / "out" / "西山县.json").read_text(encoding="utf-8"))
    assert doc["title"].startswith("西山县2025年")
    text = json.dumps(doc, ensure_ascii=False)
    assert "《会议费管理办法》《差旅费管理办法》" in text


def test_docx_output(cli, tmp_path, base_row):
    table = _write_csv(tmp_path / "units.csv", [dict(base_row, **{"organisation.name": "南山县"})])
    r = cli("draft", "--batch", table, "-o", tmp_path / "out", "--format", "docx", "--profile", "windows")
    assert r.code == 0, r.err
    assert (tmp_path / "out" / "南山县.docx").read_bytes()[:2] == b"PK"


def test_a_gbk_csv_from_excel_is_read(tmp_path, base_row):
    table = _write_csv(tmp_path / "gbk.csv", [dict(base_row, **{"organisation.name": "北山县"})], encoding="gbk")
    _header, rows = read_table(table)
    assert rows[0][1]["organisation.name"] == "北山县"


def test_problems_shared_by_many_rows_are_grouped(cli, tmp_path, base_row):
    rows = [dict(base_row, **{"organisation.name": f"县{i}", "meetings.count.current": -1}) for i in range(4)]
    rows.append(dict(base_row, **{"organisation.name": "县9", "kind": "weekly"}))
    r = cli("draft", "--batch", _write_csv(tmp_path / "t.csv", rows), "-o", tmp_path / "out")
    assert r.code == 1 and list((tmp_path / "out").iterdir()) == []
    assert "  rows 2–5 (4 rows): meetings.count.current: must be ≥ 0" in r.err
    assert "  row 6: kind: unknown kind 'weekly'" in r.err


def test_a_bad_header_is_refused_before_the_folder_is_made(cli, tmp_path, base_row):  # issue 17
    rows = [dict(base_row, **{"organisation.name": f"县{i}", "meetings.total": 3}) for i in range(4)]
    r = cli("draft", "--batch", _write_csv(tmp_path / "t.csv", rows), "-o", tmp_path / "out")
    assert r.code == 2 and "unknown column(s) 'meetings.total'" in r.err and r.err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_batch_into_a_file_is_one_line(cli, tmp_path, base_row):  # issue 17: `--batch -o FILE`
    target = tmp_path / "out.md"
    target.write_text("keep")
    r = cli("draft", "--batch", _write_csv(tmp_path / "t.csv", [base_row]), "-o", target)
    assert r.code == 2 and "is a file" in r.err and target.read_text() == "keep"


def test_xlsx_formulas_without_saved_values_are_named_by_cell(cli, tmp_path, base_row):  # issue 17
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    header = list(base_row)
    ws.append(header)
    ws.append([base_row[h] for h in header])
    col = header.index("meetings.count.current") + 1
    ws.cell(row=2, column=col, value="=1+1")  # openpyxl saves no cached value for it
    path = tmp_path / "t.xlsx"
    wb.save(path)
    r = cli("draft", "--batch", path, "-o", tmp_path / "out")
    letter = openpyxl.utils.get_column_letter(col)
    assert r.code == 1 and f"meetings.count.current: cell {letter}2 holds a formula (=1+1) with no saved value" in r.err


# (cell, fallback, format) → file name: no folders, no hidden or reserved names.
NAMES = [
    ("青山县", "row-2", "md", "青山县.md"),
    ("../../etc/passwd", "row-2", "md", "etc_passwd.md"),
    ("a/b\\c", "row-2", "txt", "a_b_c.txt"),
    (".hidden", "row-2", "md", "hidden.md"),
    ("CON", "row-3", "md", "row-3.md"),
    ("", "row-4", "json", "row-4.json"),
    (None, "row-4", "json", "row-4.json"),
    ("报告.docx", "row-5", "docx", "报告.docx"),
    ("..", "row-6", "md", "row-6.md"),
]


@pytest.mark.parametrize(("cell", "fallback", "fmt", "name"), NAMES)
def test_file_names_are_sanitized(cell, fallback, fmt, name):
    assert safe_file_name(cell, fallback, fmt) == name


def test_file_column_names_the_files_and_duplicates_are_numbered(tmp_path, base_row):
    rows = [
        dict(base_row, file="../escape", **{"organisation.name": "甲"}),
        dict(base_row, file="", **{"organisation.name": "青山县"}),
        dict(base_row, file="", **{"organisation.name": "青山县"}),
    ]
    result = draft_batch(_write_csv(tmp_path / "t.csv", rows), tmp_path / "out")
    assert [p.name for p in result.written] == ["escape.md", "青山县.md", "青山县-2.md"]
    assert all(p.parent == tmp_path / "out" for p in result.written)
    assert not (tmp_path / "escape.md").exists()


def test_progress_is_reported_per_row(tmp_path, base_row):
    seen: list[tuple[int, int]] = []
    table = _write_csv(tmp_path / "t.csv", [base_row, dict(base_row, year="twenty"), base_row])
    result = draft_batch(table, tmp_path / "out", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [str(p) for p in result.problems] == ["row 3: year: must be a whole number (got 'twenty')"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--batch", "t.csv"], "give the folder with -o DIR"),
        (["spec.yaml", "--batch", "t.csv", "-o", "out"], "not both"),
        ([], "or --batch FILE.csv -o DIR"),
        (["--batch", "t.csv", "-o", "out", "--pick", "study.effect=1"], "--pick drafts one spec"),
        (["--batch", "missing.csv", "-o", "out"], "missing.csv: file not found"),
        (["--batch", "units.ods", "-o", "out"], "a batch is a .csv or .xlsx table"),
        (["--batch", "empty.csv", "-o", "out"], "no header row"),
    ],
)
def test_usage_errors(cli, tmp_path, monkeypatch, base_row, args, message):
    monkeypatch.chdir(tmp_path)
    _write_csv(tmp_path / "t.csv", [base_row])
    (tmp_path / "units.ods").write_bytes(b"")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    r = cli("draft", *args)
    assert r.code == 2 and message in r.err
