"""Issue 17: user-supplied template text (choices, overlays, user kinds) renders within bounds, or is refused
with a one-line PhraseBankError naming the slot; the sandbox's refusals of escapes still hold."""

from __future__ import annotations

import time

import pytest
from conftest import FULL

from drafter import Drafter, PhraseBankError, get_kind, load_spec
from drafter.drafting.sandbox import BoundedSandbox, RenderLimits, RenderRefused

DRAFTER = Drafter(get_kind("eight-point"))
SPEC = load_spec(FULL)
SLOT = "tasks.meetings.lead"

HOSTILE = {
    "nested loops": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "nested capped loops": "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "huge repetition": "{{ 'x'*10**9 }}",
    "repetition literal": "{{ 'x'*1000000000 }}",
    "list repetition": "{{ [1]*100000000 }}",
    "range join repeated": "{{ range(100000)|join(',')*1000 }}",
    "join repeated": "{{ range(10000)|join(',')*1000 }}",
    "huge range": "{{ range(10**9)|list }}",
    "division by zero": "{{ 1/0 }}",
    "floor division by zero": "{{ 1//0 }}",
    "huge power": "{{ 10**5000 }}",
    "float power": "{{ 10.0**5000 }}",
    "recursive macro": "{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(0) }}",
    "doubling concatenation": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "doubling plus": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
    "wide format": "{{ '%1000000000d' % 1 }}",
    "wide format filter": "{{ '%1000000000d'|format(1) }}",
    "wide str.format": "{{ '{:>1000000000}'.format(1) }}",
    "center": "{{ 'x'|center(1000000000) }}",
    "ljust": "{{ 'x'.ljust(1000000000) }}",
    "big output": "{% for i in range(10000) %}{% for j in range(100) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    "escape": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr escape": "{{ ''|attr('__class__') }}",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_choice_is_refused_naming_the_slot(name):
    start = time.monotonic()
    with pytest.raises(PhraseBankError) as info:
        DRAFTER.draft(SPEC, choices={SLOT: HOSTILE[name] + "{{ meetings.count }}"})
    assert time.monotonic() - start < 10
    message = str(info.value)
    assert SLOT in message and "\n" not in message and len(message) < 400
    assert info.value.exit_code == 2


def test_hostile_overlay_variant_is_refused(tmp_path):
    from drafter.bank.phrasebank import Slot

    slot = Slot(SLOT, ("{{ range(100000)|join(',')*1000 }}",))
    with pytest.raises(PhraseBankError, match=SLOT):
        DRAFTER.render_variant(slot, 0, {})


def test_wall_clock_limit_is_enforced():
    env = BoundedSandbox(limits=RenderLimits(seconds=0.2, max_steps=10**12))
    start = time.monotonic()
    with pytest.raises(RenderRefused, match="longer than"):
        env.from_string("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}").render()
    assert time.monotonic() - start < 2


def test_ordinary_templates_still_render():
    env = BoundedSandbox()
    src = "{% for i in range(3) %}{{ i * 2 }}{{ 'ab' ~ i }}{% endfor %}{{ 2**10 }}{{ '%05.1f' % 3.14159 }}{{ [1,2]|join('-') }}"
    assert env.from_string(src).render() == "0ab02ab14ab21024003.11-2"


def test_bank_drafts_are_unchanged_in_time():
    start = time.monotonic()
    for seed in range(5):
        DRAFTER.draft(SPEC, seed=seed)
    assert time.monotonic() - start < 20


def test_bytecode_cached_without_the_guards_is_never_loaded(tmp_path):
    from jinja2 import DictLoader, FileSystemBytecodeCache
    from jinja2.sandbox import SandboxedEnvironment

    source = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    plain = SandboxedEnvironment(
        loader=DictLoader({"t": source}), bytecode_cache=FileSystemBytecodeCache(str(cache_dir))
    )
    plain.get_template("t")  # unguarded bytecode now in the cache
    bounded = BoundedSandbox(
        loader=DictLoader({"t": source}),
        bytecode_cache=FileSystemBytecodeCache(str(cache_dir)),
        limits=RenderLimits(seconds=0.5),
    )
    start = time.monotonic()
    with pytest.raises(RenderRefused):
        bounded.get_template("t").render()
    assert time.monotonic() - start < 5
