"""A commented blank figures spec for a kind, generated from its figure schema."""

from __future__ import annotations

from .kinds import Kind

__all__ = ["spec_template"]


def spec_template(kind: Kind) -> str:
    """YAML text a writer fills in; every figure left empty (~) drafts as 【待补充：…】."""
    levels = " | ".join(kind.levels)
    first_level = next(iter(kind.levels))
    lines = [
        f"# drafter figures spec: {kind.name} ({kind.id})",
        "# Fill in what you know. A figure left empty (~) shows in the draft as 【待补充：…】.",
        "# Compared figures take this year's and last year's values; drafter derives",
        "# the 较上年/同比 wording itself. Counts are whole numbers; amounts take at most",
        "# two decimals (万元). Then: drafter draft THIS_FILE",
        f"kind: {kind.id}",
        "organisation:",
        "  name: ~          # 单位名称，如 青山县",
        f"  level: {first_level}{' ' * max(1, 10 - len(first_level))}# {levels}",
        "  issuer: ~        # 落款单位（可选），如 中共青山县委员会",
        "  date: ~          # 成文日期（可选），如 2026-01-15",
    ]
    if kind.recipient != "none":
        need = "必填，缺则草稿显示【待补充：主送机关】" if kind.recipient == "required" else "可选"
        lines.append(f"  recipient: ~     # 主送机关（{need}），如 县纪委监委；标题下顶格，后加全角冒号")
    lines += [
        "year: ~            # 年度，如 2025",
    ]
    for group, label in kind.groups.items():
        lines += ["", f"{group}:  # {label}"]
        for f in kind.figures:
            if f.group != group or f.type == "rate":  # rates are computed from their counts
                continue
            unit = f"（{f.unit}）" if f.unit else ""
            if f.type == "titles":
                lines.append(f"  {f.name}: ~  # {f.label}，一行一项，如 - 公务接待管理办法；本年没有写 []")
            elif f.compare:
                lines.append(
                    f"  {f.name}: {{current: ~, previous: ~, reason: ~}}  # {f.label}{unit}：本年、上年、变化原因"
                )
            else:
                lines.append(f"  {f.name}: ~  # {f.label}{unit}")
    return "\n".join(lines) + "\n"
