"""Level words a draft names bodies by: the Party body above the unit (org.superior) is the level's word in
kind.yaml (a county report says 在市委的坚强领导下, never 在上级党组织…), and a spec may name it itself."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import EXAMPLES

from drafter import Drafter, get_kind
from drafter.bank.spec import validate_spec
from drafter.bank.spec_template import spec_template
from drafter.drafting.figures import build_context

COUNTY = yaml.safe_load((EXAMPLES / "county-2025.yaml").read_text(encoding="utf-8"))


def _superior(data: dict, kind_id: str = "eight-point") -> str:
    kind = get_kind(kind_id)
    return str(build_context(kind, validate_spec(data))["org"]["superior"])


@pytest.mark.parametrize(("level", "word"), [("county", "市委"), ("township", "县委"), ("department", "县委")])
def test_the_superior_body_is_the_levels_word(level, word):
    data = copy.deepcopy(COUNTY)
    data["organisation"]["level"] = level
    assert _superior(data) == word


def test_a_spec_may_name_the_superior_body():
    data = copy.deepcopy(COUNTY)
    data["organisation"]["superior"] = "江州市委"
    assert _superior(data) == "江州市委"


@pytest.mark.parametrize("kind_id", ["eight-point", "discipline-summary"])
def test_every_level_of_the_report_kinds_has_a_superior_word(kind_id):
    assert all(words.get("superior") for words in get_kind(kind_id).levels.values())


def test_the_closing_names_the_superior_body_not_a_vague_one():
    kind = get_kind("eight-point")
    drafter = Drafter(kind)
    slot = drafter.bank.get("closing.results")
    ctx = build_context(kind, validate_spec(COUNTY))
    texts = [drafter.render_variant(slot, i, ctx)[0] for i in slot.enabled]
    assert any("在市委的坚强领导下" in t for t in texts)
    assert not any("上级党组织" in t for t in texts)


def test_the_spec_template_offers_the_superior_field():
    assert "superior: ~" in spec_template(get_kind("eight-point"))
