"""The page's list editors (practices, cases, problems, plans), the year data in the form, the Word copy with
review comments and the error codes, driven in Debian's Chromium (fixtures shared with test_web_browser)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import test_web_browser as wb
from conftest import PARTIAL, ROOT
from playwright.sync_api import expect
from test_web_browser import field, fill_sample, redrafted, shot

import drafter
from drafter.document import Document

EXAMPLES = ROOT / "corpora" / "examples"
base_url, browser, page = wb.base_url, wb.browser, wb.page  # the fixtures: a server and a browser for this module


def upload_spec(page, path: Path) -> None:
    page.set_input_files("#spec-file", str(path))
    expect(page.locator("#message")).to_contain_text(f"已读入 {path.name}")


def page_draft(page, tmp_path) -> Document:
    """The draft on the page, as its JSON download."""
    with page.expect_download() as info:
        page.click('[data-download="json"]')
    out = tmp_path / "page.json"
    info.value.save_as(str(out))
    return Document.from_data(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "name", ["county-2025.yaml", "county-2021.yaml", "self-inspection-2025.yaml", "discipline-2025.yaml"]
)
def test_a_spec_with_lists_drafts_through_the_form_as_the_cli_drafts_it(page, tmp_path, name):
    path = EXAMPLES / name
    upload_spec(page, path)
    expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))
    data = drafter.load_spec(path)
    assert page.locator("#form-problems").is_hidden()
    # every list row of the file is in the form, in its own labelled inputs
    for key in ("cases", "problems", "plans"):
        expect(page.locator(f'[data-list="{key}"] > .record')).to_have_count(len(getattr(data, key) or []))
    assert page_draft(page, tmp_path).to_text() == drafter.draft(path).to_text()


def test_county_lists_fill_the_right_inputs(page):
    upload_spec(page, EXAMPLES / "county-2025.yaml")
    expect(field(page, "research.practices[0]")).to_have_value("县级领导干部调研前列出问题清单，调研后建立解决问题台账")
    expect(field(page, "frugality.practices[1]")).to_have_value("公务用车实行平台统一调度、费用单车核算")
    expect(field(page, "cases[1].who")).to_have_value("县某局办公室主任李某")
    expect(field(page, "problems[2].area")).to_have_value("research")
    expect(field(page, "problems[2].figure")).to_have_value("research.problems_solved")
    expect(field(page, "plans[0].problem")).to_have_value("2")
    expect(page.locator('label[for="f-cases_0__who"]')).to_contain_text("当事人")
    page.locator('[data-facts="problems"]').evaluate("e => e.scrollIntoView()")
    shot(page, "write-lists")


def test_a_practice_and_a_case_typed_in_checked_removed_undone_and_restored(page):
    fill_sample(page)
    draft = page.locator("#draft-write")
    page.click('[data-add="meetings.practices"]')
    note = field(page, "meetings.practices[0]")
    expect(note).to_be_focused()
    note.fill("会前一律精简议程。会后不发简报")
    error = page.locator('[data-err-for="meetings.practices[0]"]')
    expect(error).to_contain_text("只写一句")  # in Chinese, at the row
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_attribute("aria-describedby", re.compile(r"err-f-meetings_practices_0_"))
    note.fill("视频会议能开的不再集中开会")
    expect(draft).to_contain_text("视频会议能开的不再集中开会")
    expect(error).to_be_hidden()

    page.click('[data-add="cases"]')
    field(page, "cases[0].who").fill("某镇副镇长王某")
    field(page, "cases[0].what").fill("违规接受宴请")
    expect(page.locator('[data-err-for="cases[0].handling"]')).to_contain_text("必填")
    field(page, "cases[0].handling").fill("受到党内警告处分")
    expect(draft).to_contain_text("某镇副镇长王某")

    page.click('[data-add="problems"]')
    page.select_option('[data-path="problems[0].area"]', "meetings")
    field(page, "problems[0].text").fill("个别会议套开不够")
    page.click('[data-add="plans"]')
    page.select_option('[data-path="plans[0].problem"]', "1")
    field(page, "plans[0].text").fill("能合并的会议一律合并召开")
    expect(draft).to_contain_text("个别会议套开不够")
    expect(draft).to_contain_text("能合并的会议一律合并召开")

    page.locator('[data-field="meetings.practices[0]"] button.remove').click()
    expect(draft).not_to_contain_text("视频会议能开的不再集中开会")
    redrafted(page, lambda: page.locator("#message button.action").click())  # 撤销
    expect(field(page, "meetings.practices[0]")).to_have_value("视频会议能开的不再集中开会")
    expect(draft).to_contain_text("视频会议能开的不再集中开会")

    page.wait_for_timeout(500)  # the autosave is debounced
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(field(page, "meetings.practices[0]")).to_have_value("视频会议能开的不再集中开会")
    expect(field(page, "cases[0].handling")).to_have_value("受到党内警告处分")
    expect(page.locator("#draft-write")).to_contain_text("某镇副镇长王某")


def test_found_problems_and_plans_are_checked_in_chinese_at_their_row(page):
    page.select_option("#kind", "self-inspection")
    page.click("#fill-sample")
    expect(page.locator("#draft-write h2")).to_contain_text("自查报告")
    page.click('[data-add="problems"]')
    page.select_option('[data-path="problems[0].area"]', "reception")
    field(page, "problems[0].text").fill("个别接待未附公函")
    field(page, "problems[0].amount").fill("100")
    field(page, "problems[0].refund").fill("300元")
    page.select_option('[data-path="problems[0].status"]', "整改中")
    expect(page.locator('[data-field="problems[0]"]')).to_contain_text("整改中的问题须填写整改时限")
    field(page, "problems[0].deadline").fill("2026年3月31日")
    expect(page.locator('[data-err-for="problems[0].refund"]')).to_contain_text("清退金额 300 元多于涉及金额")
    field(page, "problems[0].refund").fill("50")
    page.click('[data-add="plans"]')
    options = page.locator('[data-path="plans[0].problem"] option').all_inner_texts()
    assert "第 1 条问题：个别接待未附公函" in options, options
    page.select_option('[data-path="plans[0].problem"]', "1")
    field(page, "plans[0].text").fill("严格执行接待公函制度")
    expect(page.locator("#draft-write")).to_contain_text("个别接待未附公函")
    draft = page.locator("#draft-write")
    expect(draft).to_contain_text("资金50元")  # the refund, in the bank's words
    expect(draft).to_contain_text("2026年3月31日")  # the deadline
    expect(draft).to_contain_text("严格执行接待公函制度")  # the plan
    expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))


def test_the_notice_is_typed_checked_in_chinese_cited_cleared_undone_and_restored(page):
    fill_sample(page)
    expect(page.locator('[data-facts="basis"]')).to_have_count(0)  # only a kind that answers a notice has it
    page.select_option("#kind", "self-inspection")
    page.click("#fill-sample")
    draft = page.locator("#draft-write")
    expect(draft.locator("h2")).to_contain_text("自查报告")
    title, number = field(page, "basis.title"), field(page, "basis.number")
    expect(page.locator('label[for="f-basis_title"]')).to_contain_text("通知标题")
    expect(page.locator('label[for="f-basis_number"]')).to_contain_text("文号")
    number.fill("青纪办发〔2025〕31号")
    expect(page.locator('[data-err-for="basis.title"]')).to_contain_text("必填")  # a 文号 alone names no notice
    title.fill("关于开展作风建设专项自查工作的通知")
    number.fill("青纪办发2025年31号")
    error = page.locator('[data-err-for="basis.number"]')
    expect(error).to_contain_text("文号应形如 青纪办发〔2025〕31号")  # in Chinese, at the input
    expect(number).to_have_attribute("aria-invalid", "true")
    number.fill("青纪办发〔2025〕31号")
    expect(draft).to_contain_text("《关于开展作风建设专项自查工作的通知》（青纪办发〔2025〕31号）")
    expect(error).to_be_hidden()
    page.locator('[data-facts="basis"]').evaluate("e => e.scrollIntoView()")
    shot(page, "write-notice")

    page.click("#clear-form")
    expect(title).to_have_value("")
    redrafted(page, lambda: page.locator("#message button.action").click())  # 撤销
    expect(number).to_have_value("青纪办发〔2025〕31号")
    expect(draft).to_contain_text("《关于开展作风建设专项自查工作的通知》")
    page.wait_for_timeout(500)  # the autosave is debounced
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(field(page, "basis.title")).to_have_value("关于开展作风建设专项自查工作的通知")


def test_an_optional_figure_is_marked_needs_both_years_and_leaves_no_placeholder(page):
    page.select_option("#kind", "self-inspection")
    page.click("#fill-sample")
    draft = page.locator("#draft-write")
    expect(draft.locator("h2")).to_contain_text("自查报告")
    expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))
    placeholders = draft.locator("mark.ph").count()
    row = page.locator('[data-field="reception.costs"]')
    expect(row.locator(".label")).to_contain_text("可选")
    expect(page.locator('[data-field="reception.batches"] .label')).not_to_contain_text("可选")
    expect(field(page, "reception.costs.current")).to_have_attribute("aria-label", re.compile("可选"))
    expect(draft).to_contain_text("公务接待费")
    field(page, "reception.costs.previous").fill("")
    error = page.locator('[data-err-for="reception.costs"]')
    expect(error).to_contain_text("上年：这一项可以不填，但要填就须两年都填")  # at the missing half
    expect(field(page, "reception.costs.previous")).to_have_attribute("aria-invalid", "true")
    field(page, "reception.costs.current").fill("")
    expect(error).to_be_hidden()
    expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))
    expect(draft).not_to_contain_text("公务接待费")  # said only when given
    expect(draft.locator("mark.ph")).to_have_count(placeholders)  # and no 【待补充】 for the export guard


def test_the_year_data_shows_under_the_year_and_at_the_campaign_figures(page):
    fill_sample(page)  # 2025
    facts = page.locator("#year-facts")
    expect(facts).to_contain_text("二十届三中、四中全会")
    expect(facts).to_contain_text("深入贯彻中央八项规定精神学习教育（3月至7月）")
    expect(page.locator("#campaign-note")).to_contain_text("2025年开展")
    field(page, "year").fill("2026")
    expect(facts).to_contain_text("当年没有中央部署的集中学习教育")
    expect(page.locator('[data-group="campaign"]')).to_have_class(re.compile(r"\boff\b"))
    expect(page.locator('[data-err-for="campaign.problems_found"]')).to_contain_text("2026年没有中央部署的集中学习教育")
    field(page, "year").fill("2090")
    expect(facts).to_contain_text("年度资料只覆盖")
    field(page, "year").fill("2021")
    expect(facts).to_contain_text("党史学习教育")
    expect(page.locator('[data-group="campaign"]')).not_to_have_class(re.compile(r"\boff\b"))


# --- the Word copy with comments --------------------------------------------------------------


def comments(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/comments.xml").decode("utf-8")


def test_review_downloads_the_word_copy_with_comments(page, tmp_path):
    doc = drafter.draft(PARTIAL)
    path = tmp_path / "青山县总结.docx"
    path.write_bytes(drafter.docx_bytes(doc))
    page.click("#tab-btn-review")
    expect(page.locator("#download-annotated")).to_be_disabled()
    page.set_input_files("#review-file", str(path))
    expect(page.locator(".finding-item").first).to_be_visible()
    with page.expect_download() as info:
        page.click("#download-annotated")
    assert info.value.suggested_filename == "青山县总结（审核意见）.docx"
    assert "待补充" in comments(Path(info.value.path()).read_bytes())

    page.click("#edit-text")  # an edited text: its Word copy is made from the text, not the file
    page.fill("#review-text", "青山县2025年党风廉政建设工作总结\n\n今年,我们召开会议3次。\n")
    page.click("#check-text")
    expect(page.locator('.finding-item[data-rule="punctuation"]')).to_have_count(1)
    with page.expect_download() as info:
        page.click("#download-annotated")
    assert info.value.suggested_filename == "青山县2025年党风廉政建设工作总结（审核意见）.docx"
    assert "标点" in comments(Path(info.value.path()).read_bytes())


def test_server_errors_show_in_chinese_by_their_code(page, tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    page.click("#tab-btn-review")
    page.set_input_files("#review-file", str(bad))
    message = page.locator("#message")
    expect(message).to_contain_text("“坏.docx”无法作为 Word 文档（.docx）读取")
    expect(message.locator("details")).to_contain_text("not a readable .docx")  # the server's words, folded
    page.route(
        "**/api/check",
        lambda route: route.fulfill(
            status=500,
            content_type="application/json",
            body=json.dumps({"error": "something odd", "code": "internal", "params": {}}),
        ),
    )
    page.fill("#review-text", "一段文字。")
    page.click("#check-text")
    expect(message).to_contain_text("服务器内部出错")
    page.unroute("**/api/check")
    page.route("**/api/check", lambda route: route.abort())
    page.click("#check-text")
    expect(message).to_contain_text("无法连接到 drafter 服务")


def test_variants_written_for_other_figures_are_not_offered(page):
    fill_sample(page)
    page.click('#draft-write .s[data-slot="tasks.meetings.figures"]')
    panel = page.locator("#slot-panel")
    expect(panel.locator(".variant").first).to_be_visible()
    other = panel.locator(".other-variants")
    expect(other).to_be_visible()
    expect(other.locator("summary")).to_contain_text("与当前数据不符")
    assert other.locator(".variant").count() >= 1
    assert all(b.is_disabled() for b in other.locator("button.use").all())
    offered = panel.locator("ol.variants").first.locator(".variant")
    assert offered.count() >= 2
    assert set(offered.evaluate_all("ns => ns.map(n => n.dataset.fits)")) == {"true"}
