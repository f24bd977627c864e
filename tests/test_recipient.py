"""The 主送机关 line: declared per kind, given as organisation.recipient, placed per GB/T 9704-2012 7.3.4."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import drafter
from drafter.bank.kinds import builtin_kinds, data_root, load_kind
from drafter.bank.spec import validate_spec
from drafter.bank.spec_schema import schema_model
from drafter.bank.spec_template import spec_template
from drafter.document import Document
from drafter.errors import KindError, SpecError
from drafter.yamlio import safe_load

EXAMPLE = Path(__file__).parent.parent / "corpora" / "examples" / "self-inspection-2025.yaml"
PLACEHOLDER = "【待补充：主送机关】"


def example_data(**organisation) -> dict:
    data = safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"].pop("recipient", None)
    data["organisation"].update(organisation)
    return data


def draft(data: dict) -> Document:
    return drafter.draft(validate_spec(data), seed=0)


def test_each_builtin_kind_declares_whether_it_carries_a_recipient():
    kinds = builtin_kinds()
    assert kinds["self-inspection"].recipient == "required"
    assert kinds["eight-point"].recipient == "optional"
    assert kinds["discipline-summary"].recipient == "optional"


def test_the_example_names_its_recipient_under_the_title():
    doc = draft(safe_load(EXAMPLE.read_text(encoding="utf-8")))
    assert doc.recipient == "县纪委监委"
    assert doc.to_text().split("\n")[:4][1:3] == ["", "县纪委监委："]
    assert doc.to_markdown().split("\n")[2] == "县纪委监委："
    assert doc.to_dict()["recipient"] == "县纪委监委"
    assert Document.from_dict(doc.to_dict()).recipient == "县纪委监委"


@pytest.mark.parametrize("given", [None, "   "])
def test_a_required_recipient_left_out_is_a_placeholder(given):
    doc = draft(example_data(**({"recipient": given} if given is not None else {})))
    assert doc.recipient == PLACEHOLDER
    assert "主送机关" in doc.placeholders()
    assert doc.to_text().split("\n")[2] == PLACEHOLDER + "："


def test_a_colon_typed_with_the_recipient_is_not_doubled():
    assert draft(example_data(recipient="县纪委监委：")).to_text().split("\n")[2] == "县纪委监委："


def test_an_optional_recipient_shows_only_when_given():
    data = {"kind": "eight-point", "organisation": {"name": "青山县", "level": "county"}, "year": 2025}
    without = draft(data)
    assert without.recipient is None and "recipient" not in without.to_dict()
    assert without.to_text().split("\n")[2] != ""  # the body follows the title's blank line
    data["organisation"]["recipient"] = "市纪委监委"
    assert draft(data).to_text().split("\n")[2] == "市纪委监委："


def test_a_kind_without_recipient_rejects_one(tmp_path):
    folder = tmp_path / "plain"
    shutil.copytree(data_root() / "discipline-summary", folder)
    text = (folder / "kind.yaml").read_text(encoding="utf-8").replace("recipient: optional", "recipient: none")
    (folder / "kind.yaml").write_text(text.replace("id: discipline-summary", "id: plain"), encoding="utf-8")
    kind = load_kind(folder)
    assert "recipient" not in schema_model(kind).model_fields["organisation"].annotation.model_fields
    assert "recipient" not in spec_template(kind)
    data = {"kind": "plain", "organisation": {"name": "青山县", "level": "county", "recipient": "县委"}}
    with pytest.raises(SpecError, match=r"organisation\.recipient: unknown field"):
        validate_spec(data, kinds_dirs=[tmp_path])


def test_a_bad_recipient_value_in_kind_yaml_names_the_file(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(data_root() / "discipline-summary", folder)
    text = (folder / "kind.yaml").read_text(encoding="utf-8").replace("recipient: optional", "recipient: maybe")
    (folder / "kind.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KindError, match=r"kind.yaml: recipient 'maybe' must be one of required, optional, none"):
        load_kind(folder)


def test_the_spec_template_documents_the_recipient():
    assert "recipient: ~" in spec_template(builtin_kinds()["self-inspection"])
    assert "必填" in spec_template(builtin_kinds()["self-inspection"])


def test_a_json_draft_with_a_recipient_that_is_not_text_is_refused():
    data = draft(example_data()).to_dict() | {"recipient": 5}
    with pytest.raises(drafter.DrafterError, match="recipient must be text"):
        Document.from_data(data)


def test_the_docx_puts_the_recipient_flush_left_under_the_title():
    docx = pytest.importorskip("docx")
    import io

    from docx.oxml.ns import qn

    from drafter.word.writer import docx_bytes

    doc = draft(example_data(recipient="县纪委监委"))
    opened = docx.Document(io.BytesIO(docx_bytes(doc)))
    title, recipient, body = opened.paragraphs[:3]
    assert title.text == "青山县自然资源局2025年度落实\n中央八项规定精神情况自查报告"
    assert title.style.name == "公文标题"  # its style leaves one blank line under it
    assert recipient.text == "县纪委监委："
    ppr = recipient._p.find(qn("w:pPr"))
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "left"
    assert ppr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"  # 顶格
    assert ppr.find(qn("w:spacing")) is None  # no blank line between it and the body
    assert body.text.startswith(doc.sections[0].paragraphs[0].sentences[0].text)  # the preamble, whatever its wording
