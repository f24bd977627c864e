"""`drafter kind lint`: everything wrong with a kind folder, from kind.yaml to the last variant."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DrafterError
from .bank_lint import LintFinding, lint_bank

__all__ = ["MIN_VARIANTS", "lint_kind"]

MIN_VARIANTS = 3
# say('slot.id'), say('slot.id', fact), and say('slot.prefix.' ~ fact.source, fact) (every slot under the prefix)
_SAYS = re.compile(r"""\b(?:say|heading)\(\s*['"]([^'"]+)['"]\s*(~|,|\))""")


def _used_slots(template_dir: Path) -> dict[str, str]:
    """Slot id → the template that says it, read from the template sources (every branch of an if)."""
    used: dict[str, str] = {}
    for path in sorted(template_dir.glob("*.j2")):
        for slot_id, after in _SAYS.findall(path.read_text(encoding="utf-8")):
            used.setdefault(slot_id + ("*" if after == "~" else ""), path.name)
    return used


def lint_kind(path: str | Path) -> list[LintFinding]:
    """Load errors, template errors, missing and unused slots, bank lint, untagged themes, thin slots."""
    from jinja2 import TemplateSyntaxError

    from ..bank.kinds import load_kind
    from ..bank.phrasebank import load_phrasebank
    from ..bank.samples import sample_spec
    from ..drafting.drafter import Drafter

    try:
        kind = load_kind(path)
    except DrafterError as exc:
        return [LintFinding("load", "kind.yaml", None, str(exc))]
    findings: list[LintFinding] = []
    try:
        bank = load_phrasebank(kind.slot_dirs)
    except DrafterError as exc:
        return [LintFinding("load", "slots", None, str(exc))]
    drafter = Drafter(kind, bank)
    for tpl in sorted(kind.template_dir.glob("*.j2")):
        try:
            drafter.env.parse(tpl.read_text(encoding="utf-8"))
        except TemplateSyntaxError as exc:
            findings.append(LintFinding("template", tpl.name, None, f"line {exc.lineno}: {exc.message}"))
    used = _used_slots(kind.template_dir)
    prefixes = tuple(s[:-1] for s in used if s.endswith("*"))
    for slot_id, template in used.items():
        if slot_id.endswith("*"):
            continue
        if slot_id not in bank:
            findings.append(
                LintFinding("missing-slot", slot_id, None, f"{template} says it but slots/ has no such slot")
            )
    shared = {d.resolve() for d in kind.slot_dirs[1:]}  # a shared folder serves several kinds; each says what it needs
    for slot in bank:
        unused = slot.id not in used and not slot.id.startswith(prefixes)
        if unused and Path(slot.source).resolve().parent not in shared:
            findings.append(LintFinding("unused-slot", slot.id, None, f"no template says it ({slot.source})"))
        if len(slot.enabled) < MIN_VARIANTS and kind.learned_from is None:
            findings.append(
                LintFinding(
                    "few-variants", slot.id, None, f"{len(slot.enabled)} variant(s); write {MIN_VARIANTS} or more"
                )
            )
    tagged = {t for slot in bank for t in slot.themes}
    for theme in kind.themes:
        if theme.id not in tagged:
            findings.append(LintFinding("untagged-theme", theme.id, None, f"no slot is tagged with it ({theme.name})"))
    try:
        spec = sample_spec(kind)
    except DrafterError as exc:
        return [*findings, LintFinding("sample", "kind.yaml", None, str(exc))]
    if not any(f.rule in ("template", "missing-slot") for f in findings):  # rendering needs sound templates
        try:
            drafter.draft(spec)
        except DrafterError as exc:
            findings.append(LintFinding("draft", "-", None, f"the samples in kind.yaml don't draft: {exc}"))
    return findings + lint_bank(kind)
