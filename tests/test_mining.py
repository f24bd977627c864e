"""`drafter bank mine`: candidate set phrases from past reports, never added to the bank."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from drafter.authoring.mining import mine_phrases

PAST = ROOT / "corpora" / "past-reports"

DOCS = {
    "a.txt": "领导干部下基层调研坚持轻车简从，不搞层层陪同。会议坚持亲自部署、亲自督办，做到学思用贯通、知信行统一。",
    "b.md": "# 某局总结\n\n## 一、调研\n\n调研坚持轻车简从、简化接待，主要负责同志亲自部署、亲自督办。",
    "c.txt": "全年轻车简从开展调研，推动学思用贯通、知信行统一，厉行节约。",
}


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for name, text in DOCS.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "notes.csv").write_text("ignored", encoding="utf-8")
    return d


def test_four_character_formulas_are_counted(corpus):
    result = mine_phrases(corpus, min_count=2)
    fours = {c.phrase: c for c in result.four_character}
    assert fours["轻车简从"].count == 3 and len(fours["轻车简从"].documents) == 3
    assert "厉行节约" not in fours  # seen once, below min_count
    assert result.files == ["a.txt", "b.md", "c.txt"]


def test_balanced_paired_clauses(corpus):
    pairs = {c.phrase: c for c in mine_phrases(corpus, min_count=2).paired_clauses}
    assert pairs["亲自部署、亲自督办"].count == 2
    assert pairs["学思用贯通、知信行统一"].count == 2
    assert "不搞层层陪同" not in "".join(pairs)


def test_cli_writes_reviewable_yaml_and_leaves_the_bank_alone(cli, corpus, tmp_path):
    from drafter.bank.kinds import get_kind
    from drafter.drafting.drafter import load_bank

    before = {s.id: s.variants for s in load_bank(get_kind("eight-point"))}
    out = tmp_path / "candidates.yaml"
    r = cli("bank", "mine", corpus, "-o", out)
    assert r.code == 0 and "candidates from 3 file(s)" in r.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    row = next(c for c in data["four_character"] if c["phrase"] == "轻车简从")
    assert row["count"] == 3 and row["in_bank"] is True and "轻车简从" in row["example"]
    assert {s.id: s.variants for s in load_bank(get_kind("eight-point"))} == before


@pytest.mark.parametrize(
    "make,words", [(lambda p: p / "missing", "folder not found"), (lambda p: p, "no .txt, .md or .docx")]
)
def test_mine_errors(tmp_path, cli, make, words):
    r = cli("bank", "mine", make(tmp_path))
    assert r.code == 2 and words in r.err


def test_mine_the_bundled_past_reports():
    result = mine_phrases(PAST, min_count=3)
    assert len(result.files) >= 5
    assert len(result.four_character) >= 20
    assert result.paired_clauses, "the corpus repeats paired clauses across reports"
    assert all(c.count >= 3 for c in result.four_character + result.paired_clauses)


def test_word_reports_are_mined_too(tmp_path):
    import docx

    d = tmp_path / "reports"
    d.mkdir()
    for n in range(2):
        word = docx.Document()
        word.add_paragraph("某局工作总结")
        word.add_paragraph("下基层调研坚持轻车简从，主要负责同志亲自部署、亲自督办。")
        word.save(str(d / f"r{n}.docx"))
    result = mine_phrases(d, min_count=2)
    assert result.files == ["r0.docx", "r1.docx"]
    assert {c.phrase for c in result.four_character} >= {"轻车简从"}
    assert {c.phrase for c in result.paired_clauses} == {"亲自部署、亲自督办"}
