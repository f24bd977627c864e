"""A terse practices note expanded into one sentence by a model, guarded: nothing the note lacks may appear."""

from __future__ import annotations

import pytest
from conftest import FULL
from hypothesis import given
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from drafter import draft
from drafter.document import Document, Sentence
from drafter.polish import PolishSettings, polish_document
from drafter.polish.cache import ReplyCache
from drafter.polish.notes import NoteGuard, build_note_chain, expand_notes

NOTE = "公务接待推行“一单一函一清单”管理"
GOOD = "在公务接待中全面推行“一单一函一清单”管理，做到接待有据可查、标准执行到位。"
GUARD = NoteGuard()


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("全年在公务接待中推行“一单一函一清单”管理，共审核接待128批次。", "number_new"),
        ("在公务接待中推行“一单一函一清单”管理，三个环节全程留痕。", "number_new"),
        ("对照《党政机关国内公务接待管理规定》，推行“一单一函一清单”管理。", "title_new"),
        ("公务接待推行“一单一函一清单”管理和“零接待”制度。", "name_new"),
        ("县委办公室牵头在公务接待中推行“一单一函一清单”管理。", "body_new"),
        ("由财政局负责，在公务接待中推行“一单一函一清单”管理。", "body_new"),
        ("在青山县公务接待中推行“一单一函一清单”管理。", "body_new"),
        ("公务接待推行“一单一函一清单”管理。接待标准全面执行到位。", "one_sentence"),
        ("公务接待推行“一单一函一清单”管理", "one_sentence"),
        ("以下是扩写：公务接待推行“一单一函一清单”管理。", "format"),
        ("**公务接待**推行“一单一函一清单”管理。", "format"),
        (
            "公务接待推行“一单一函一清单”管理，"
            + "进一步规范接待流程、严格执行接待标准、强化接待监督管理，" * 3
            + "。",
            "length",
        ),
    ],
)
def test_the_note_guard_rejects_what_the_note_does_not_say(reply, rule):
    assert rule in {v.rule for v in GUARD.check(NOTE, reply)}


@pytest.mark.parametrize(
    ("note", "reply"),
    [
        (NOTE, GOOD),
        (
            "建立县级领导干部调研报告季度交流制度",
            "建立县级领导干部调研报告季度交流制度，推动调研成果交流共享、转化运用。",
        ),
        ("会议费实行3项审批", "会议费实行3项审批，从源头上控制会议规模和费用支出。"),
    ],
)
def test_a_faithful_expansion_passes(note, reply):
    assert GUARD.check(note, reply) == []


@given(st.integers(min_value=0, max_value=10**6))
def test_any_added_figure_is_caught(n):
    assert "number_new" in {v.rule for v in GUARD.check(NOTE, f"公务接待推行“一单一函一清单”管理，涉及{n}个环节。")}


def _doc_with_note() -> Document:
    """The example draft with one note of ours: the example's own note is taken off so ours is the only one."""
    doc = draft(FULL, seed=0)
    for s in doc.sentences():
        s.note = None
    paragraph = doc.paragraphs()[3]
    paragraph.sentences.append(Sentence(f"{NOTE}。", "practices.note", None, note=NOTE))
    return doc


def _note_sentence(doc: Document) -> Sentence:
    return next(s for p in doc.paragraphs() for s in p.sentences if s.note)


def test_an_accepted_expansion_replaces_the_sentence_and_is_cached():
    doc, cache = _doc_with_note(), ReplyCache(None)
    out = expand_notes(doc, build_note_chain(FakeListChatModel(responses=[GOOD])), cache=cache, cache_id="m@u")
    assert [o.status for o in out] == ["accepted"] and _note_sentence(doc).text == GOOD
    again = _doc_with_note()  # the cache answers; a model that would fail is never called
    out = expand_notes(again, build_note_chain(FakeListChatModel(responses=[])), cache=cache, cache_id="m@u")
    assert [o.status for o in out] == ["accepted"] and _note_sentence(again).text == GOOD
    other = _doc_with_note()  # another endpoint is another model: not answered from this cache
    out = expand_notes(other, build_note_chain(FakeListChatModel(responses=[])), cache=cache, cache_id="m@v")
    assert [o.status for o in out] == ["failed"] and _note_sentence(other).text == f"{NOTE}。"


def test_a_rejected_expansion_keeps_the_drafted_sentence():
    doc = _doc_with_note()
    bad = "县委办公室在公务接待中推行“一单一函一清单”管理，全年审核128批次。"
    out = expand_notes(doc, build_note_chain(FakeListChatModel(responses=[bad])))
    assert out[0].status == "rejected" and {"number_new", "body_new"} <= {r.split(":")[0] for r in out[0].reasons}
    assert _note_sentence(doc).text == f"{NOTE}。"


def test_polish_expands_notes_then_polishes_paragraphs_and_the_note_survives_json():
    doc = _doc_with_note()
    n = len(doc.paragraphs())
    # First reply: the note; then one reply per paragraph (the paragraph text unchanged is accepted).
    texts = [GOOD] + [p.template_text for p in doc.paragraphs()]
    texts[4] = texts[4].replace(f"{NOTE}。", GOOD)
    model = FakeListChatModel(responses=texts)
    settings = PolishSettings(model="", cache=False, max_concurrency=1)
    report = polish_document(doc, settings, model, cache=ReplyCache(None))
    assert [o.status for o in report.notes] == ["accepted"] and "1 of 1 notes expanded" in report.summary()
    assert GOOD in doc.paragraphs()[3].template_text and len(doc.paragraphs()) == n
    back = Document.from_dict(doc.to_dict())
    assert _note_sentence(back).note == NOTE and _note_sentence(back).text == GOOD


def test_the_example_drafts_its_one_note_practice_as_a_sentence_carrying_the_note():
    doc = draft(FULL)
    (sentence,) = [s for s in doc.sentences() if s.note]
    assert sentence.note == "县级领导干部调研前列出问题清单，调研后建立解决问题台账"
    assert sentence.fact == "research.practices" and sentence.note in sentence.text
    # two notes of one group are said as a list in one sentence: no single note to expand there
    frugality = [s for s in doc.sentences() if s.fact == "frugality.practices"]
    assert len(frugality) == 1 and frugality[0].note is None and "；" in frugality[0].text
    good = f"{sentence.note}，做到问题在调研中发现、在台账中销号。"
    assert GUARD.check(sentence.note, good) == []
    out = expand_notes(doc, build_note_chain(FakeListChatModel(responses=[good])))
    assert [o.status for o in out] == ["accepted"] and sentence.text == good


@pytest.mark.parametrize(
    ("note", "reply"),
    [
        ("会议费实行3项审批", "会议费实行审批，从源头上控制会议规模。"),
        ("对照《党政机关国内公务接待管理规定》逐项自查", "对照接待管理规定逐项开展自查。"),
        ("公务接待推行“一单一函一清单”管理", "公务接待推行清单化管理，做到有据可查。"),
    ],
)
def test_an_expansion_that_drops_the_notes_figure_or_name_is_rejected(note, reply):
    assert "note_dropped" in {v.rule for v in GUARD.check(note, reply)}
