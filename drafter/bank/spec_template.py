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
        "  superior: ~      # 上级党组织的称呼（可选），如 市委；不填按层级（县→市委，乡镇→县委）",
        "  date: ~          # 成文日期（可选），如 2026-01-15",
    ]
    if kind.recipient != "none":
        need = "必填，缺则草稿显示【待补充：主送机关】" if kind.recipient == "required" else "可选"
        lines.append(f"  recipient: ~     # 主送机关（{need}），如 县纪委监委；标题下顶格，后加全角冒号")
    lines += [
        "year: ~            # 年度，如 2025",
    ]
    if kind.basis:
        lines += [
            "# basis: {title: 关于开展落实中央八项规定精神情况自查的通知, number: 青纪办发〔2025〕12号}",
            "#   # 依据的通知（可选）：导语开头引用其标题和文号；标题可不加《》，文号年份用〔〕",
        ]
    for group, label in kind.groups.items():
        lines += ["", f"{group}:  # {label}"]
        for f in kind.figures:
            if f.group != group or f.type == "rate":  # rates are computed from their counts
                continue
            unit = f"（{f.unit}）" if f.unit else ""
            unit += "（可选，不填则草稿不写此项）" if f.optional else ""
            if f.type == "titles":
                lines.append(f"  {f.name}: ~  # {f.label}，一行一项，如 - 公务接待管理办法；本年没有写 []")
            elif f.compare:
                lines.append(
                    f"  {f.name}: {{current: ~, previous: ~, reason: ~}}  # {f.label}{unit}：本年、上年、变化原因"
                )
            else:
                lines.append(f"  {f.name}: ~  # {f.label}{unit}")
        if group == next(iter(kind.groups)):
            lines.append(
                "  # practices: [结合实际推行“一单一函一清单”管理]  # 本单位特色做法（任何分组都可加），每条一句，不加句号"
            )
    return "\n".join(lines + _facts_lines(kind)) + "\n"


def _facts_lines(kind: Kind) -> list[str]:
    """The unit's own facts, commented out: a draft without them stays generic."""
    first = next((f.group for f in kind.figures if f.name == "problems"), next(iter(kind.groups)))
    lines = [
        "",
        "# 本单位的事实（可选；不填则草稿只用通用表述）。每条写成一个分句，不加句号。",
        "# cases:            # 典型案例（当事人匿名）",
        "#   - {who: 某乡镇党委副书记张某, what: 违规接受管理服务对象宴请, handling: 受到党内警告处分}",
        f"# problems:         # 存在的问题；area 为上面的分组名（{'、'.join(kind.groups)}）",
    ]
    if kind.found_problems:
        lines += [
            f"#   - {{area: {first}, text: 2批次接待未附公函, count: 2, amount: 1860.0, done: 补齐审批手续,"
            " refund: 600.0, status: 已整改}",
            f"#   - {{area: {first}, text: 1次接待超标准安排陪餐, count: 1, status: 整改中, deadline: 2026-03-31}}",
            "#     # count 个数，amount 涉及金额（元），refund 清退金额（元），status 已整改 或 整改中（整改中须写 deadline）",
        ]
    else:
        lines.append(
            f"#   - {{area: {first}, text: 个别单位落实不够到位, figure: ~}}  # figure：佐证的数字路径（可选）"
        )
    lines += [
        "# plans:            # 下一步措施（可选）；problem 为问题序号（从1起）或分组名，缺则由问题推出",
        "#   - {problem: 1, text: 健全常态化监督机制}",
    ]
    return lines
