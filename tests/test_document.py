"""The document model: JSON round trip, exports, and the golden drafts."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FULL, PARTIAL, ROOT

from drafter import Document, draft

GOLDEN = ROOT / "tests" / "data"
CASES = [(FULL, 0, "md"), (FULL, 5, "json"), (PARTIAL, 0, "txt")]


def golden_name(spec, seed, fmt):
    return f"{spec.stem}.seed{seed}.{fmt}"


@pytest.mark.parametrize("spec,seed,fmt", CASES)
def test_golden_drafts(spec, seed, fmt):
    """Regenerate with `make golden` after an intended change, and read the diff."""
    path = GOLDEN / golden_name(spec, seed, fmt)
    text = draft(spec, seed=seed).render(fmt)
    if os.environ.get("DRAFTER_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_json_round_trip():
    doc = draft(FULL, seed=3)
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again == doc
    assert again.to_markdown() == doc.to_markdown()


def test_sentences_record_provenance():
    doc = draft(FULL)
    sentence = next(s for s in doc.sentences() if s.slot == "tasks.frugality.three_public")
    names = {f["name"]: f for f in sentence.figures}
    assert names["frugality.three_public"]["value"] == 812.4
    change = names["frugality.three_public.change"]
    assert change["derivation"] == "diff = 905.1 − 812.4 = 92.7; pct = (905.1 − 812.4) / 905.1 = 10.2%"
    assert change["text"] == "较上年同期减少92.7万元，同比下降10.2%"
    assert sentence.text in doc.to_markdown()


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        draft(FULL).render("pdf")
