"""The workbench page driven in headless Chromium (Debian's chromium, Playwright from PyPI); screenshots in tests/artifacts/.

One browser for the module; the server runs in-process on 127.0.0.1 on a free port, with the fake
OpenAI-compatible server from llm_server.py as its polishing model.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from conftest import FULL, PARTIAL, ROOT
from llm_server import FakeOpenAI
from playwright.sync_api import Page, expect, sync_playwright

import drafter
from drafter.web import Workbench, running
from drafter.web.app import create_app
from drafter.web.server import LOOPBACK_HOSTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT = 20_000  # ms; the first check loads jieba's dictionary


@pytest.fixture(scope="module")
def base_url():
    with FakeOpenAI() as llm:
        bench = Workbench(llm={"model": "openai:faithful", "base_url": llm.base_url, "cache": False})
        with running(create_app(bench, allowed_hosts=LOOPBACK_HOSTS)) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url) -> Page:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url)
    expect(pg.locator("body")).to_have_attribute("data-ready", "true")
    yield pg
    context.close()
    assert errors == [], errors  # no uncaught script error on any screen


def shot(page: Page, name: str, settle: bool = True) -> None:
    """A screenshot for docs/screenshots/: of a current draft (unless `settle` is off), without a passing toast."""
    if settle:
        expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))
    page.evaluate("document.getElementById('message').hidden = true")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def field(page: Page, path: str):
    return page.locator(f'#form-fields [data-path="{path}"]')


def sentence_texts(page: Page, pane: str) -> list[str]:
    return page.locator(f"#{pane} [data-i]").all_inner_texts()


def redrafted(page: Page, action) -> None:
    """Do action and wait until the page has rendered the draft it asked for."""
    count = int(page.locator("body").get_attribute("data-drafts") or 0)
    action()
    expect(page.locator("body")).to_have_attribute("data-drafts", str(count + 1))


def fill_sample(page: Page) -> None:
    page.click("#fill-sample")
    expect(page.locator("#draft-write h2")).to_have_text("青山县2025年贯彻落实中央八项规定精神情况工作总结")


def test_fill_the_form_and_see_the_draft(page):
    draft = page.locator("#draft-write")
    expect(draft).to_contain_text("【待补充：会议次数】")  # an empty form drafts placeholders
    expect(page.locator('[data-field="meetings.count"] .cap')).to_have_text(["本年", "上年"])
    field(page, "organisation.name").fill("青山县")
    field(page, "year").fill("2025")
    field(page, "meetings.count.current").fill("86")
    field(page, "meetings.count.previous").fill("１０２")  # full-width digits, as a Chinese IME types them
    expect(draft.locator("h2")).to_have_text("青山县2025年贯彻落实中央八项规定精神情况工作总结")
    expect(draft).to_contain_text("86次，较上年同期减少16次，同比下降15.7%")
    expect(draft).not_to_contain_text("【待补充：会议次数】")

    field(page, "meetings.count.previous").fill("-3")
    field(page, "organisation.date").fill("2026-13-01")
    error = page.locator('[data-err-for="meetings.count"]')
    expect(error).to_have_text("上年：不能小于 0（填的是 -3）")  # in Chinese at the field
    expect(error).to_have_attribute("title", "must be ≥ 0 (got -3)")  # the server's words on hover
    expect(page.locator('[data-err-for="organisation.date"]')).to_contain_text("须为完整的日期")
    expect(field(page, "meetings.count.previous")).to_have_class("invalid")
    expect(page.locator("#form-problems")).to_contain_text("有 2 处数据需要修改")
    expect(page.locator("#draft-state")).to_have_class("state stale")
    expect(draft).to_contain_text("减少16次")  # the last good draft stays
    page.locator('[data-field="meetings.count"]').evaluate("e => e.scrollIntoView({block: 'center'})")
    shot(page, "write-error", settle=False)
    field(page, "organisation.date").fill("2026-01-16")

    field(page, "meetings.count.previous").fill("80")
    expect(draft).to_contain_text("较上年同期增加6次，同比增长7.5%")
    expect(error).to_be_hidden()
    fill_sample(page)
    shot(page, "write")


def test_upload_a_spec_file_to_fill_the_form(page, tmp_path):
    path = tmp_path / "county.yaml"
    path.write_bytes(FULL.read_bytes() + b"\ncolour: red\n")
    page.set_input_files("#spec-file", str(path))
    expect(field(page, "frugality.three_public.previous")).to_have_value("905.1")
    expect(page.locator('[data-titles="institutions.titles"] input')).to_have_count(5)
    expect(page.locator("#draft-write h2")).to_have_text(drafter.draft(FULL).title)
    expect(page.locator("#message")).to_contain_text("“colour”：本文种没有这一项")  # the one thing the form can't hold

    path.write_text("meetings: [unclosed", encoding="utf-8")
    page.set_input_files("#spec-file", str(path))
    expect(page.locator("#message")).to_contain_text("“county.yaml”不是有效的 YAML 文件")
    expect(page.locator("#message details")).to_contain_text("county.yaml: not valid YAML")  # the server's words
    expect(field(page, "frugality.three_public.previous")).to_have_value("905.1")  # the form is kept


def test_swap_a_variant_and_only_that_sentence_changes(page):
    fill_sample(page)
    slot = "tasks.meetings.figures"
    page.click(f'#draft-write .s[data-slot="{slot}"]')
    expect(page.locator("#screen-edit")).to_be_visible()
    expect(page.locator("[data-current-slot]")).to_have_text(slot)
    options = page.locator("#slot-panel .variant")
    expect(options.first).to_be_visible()
    assert options.count() >= 2
    before = sentence_texts(page, "draft-edit")
    index = page.locator(f'#draft-edit .s[data-slot="{slot}"]').get_attribute("data-i")
    target = page.locator("#slot-panel .variant:not(.current)").first
    new_text = target.locator(".text").inner_text()
    picked = int(target.get_attribute("data-index"))
    target.locator("button.use").click()
    changed = page.locator(f'#draft-edit .s[data-i="{index}"]')
    expect(changed).to_have_text(new_text)
    after = sentence_texts(page, "draft-edit")
    assert len(after) == len(before)
    differing = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert differing == [int(index)]
    expect(page.locator("#slot-panel .variant.current .text")).to_have_text(new_text)
    expect(page.locator("#choice-state")).to_contain_text("手动选定 1 处")
    shot(page, "edit")

    with page.expect_download() as info:
        page.click("#download-choices")
    choices = yaml.safe_load(Path(info.value.path()).read_text(encoding="utf-8"))["choices"]
    assert choices[slot] == picked
    assert len(choices) == len(
        set(page.locator("#draft-edit [data-slot]").evaluate_all("ns => ns.map(n => n.dataset.slot)"))
    )

    # Locked, a new seed changes nothing; unlocked, it changes phrasings (but not the pick).
    page.check("#lock")
    expect(page.locator("#choice-state")).to_contain_text("已锁定")
    redrafted(page, lambda: page.click("#next-seed"))
    assert sentence_texts(page, "draft-edit") == after
    page.uncheck("#lock")
    redrafted(page, lambda: page.click("#next-seed"))
    unlocked = sentence_texts(page, "draft-edit")
    assert unlocked != after and unlocked[int(index)] == new_text


def test_polish_a_paragraph_and_revert_it(page):
    fill_sample(page)
    page.click('#draft-write .s[data-slot="tasks.meetings.figures"]')
    number = page.locator("#polish-panel .polish").get_attribute("data-para")
    template = page.locator(f'#draft-edit p[data-para="{number}"]').inner_text()
    page.click("#polish-button")
    expect(page.locator("#polish-panel .verdict")).to_have_attribute("data-status", "accepted")
    polished = page.locator(f'#draft-edit p.polished[data-para="{number}"]')
    expect(polished).to_be_visible()
    assert polished.inner_text() != template
    shot(page, "polish")
    page.click("#revert-button")
    expect(page.locator(f'#draft-edit p[data-para="{number}"]')).to_have_text(template)
    expect(page.locator("#polish-panel .verdict")).to_contain_text("已由您还原")


def test_upload_a_docx_and_see_the_coverage_panel(page, tmp_path):
    doc = drafter.draft(PARTIAL)  # missing figures: placeholder findings
    doc.sections = [s for s in doc.sections if s.id != "closing"]  # no 存在问题, no 下一步打算
    path = tmp_path / "青山县总结.docx"
    path.write_bytes(drafter.docx_bytes(doc))
    page.click("#tab-btn-review")
    page.set_input_files("#review-file", str(path))
    coverage = page.locator("#coverage")
    expect(coverage.locator("li.found").first).to_be_visible()
    expect(coverage.locator('[data-theme="next_steps"]')).to_contain_text("✗")
    expect(coverage.locator('[data-theme="meetings"]')).to_contain_text("✓")
    expect(page.locator('[data-suggestion-for="next_steps"]')).to_contain_text("建议补充")
    page.click('[data-theme="meetings"]')
    marks = page.locator("#review-doc mark.hit")
    expect(marks.first).to_be_visible()
    hits = int(page.locator('[data-theme="meetings"] .count').inner_text().split()[0])
    assert marks.count() == hits and all("会" in m for m in marks.all_inner_texts())
    shot(page, "review")
    first = page.locator(".finding-item").first
    first.locator(".locate").click()
    expect(page.locator("#review-doc mark.finding")).to_be_visible()
    shot(page, "review-finding")


def test_download_a_docx_and_open_it(page, tmp_path):
    fill_sample(page)
    with page.expect_download() as info:
        page.click('[data-download="docx"]')
    download = info.value
    assert download.suggested_filename == "青山县2025年贯彻落实中央八项规定精神情况工作总结.docx"
    path = tmp_path / "draft.docx"
    download.save_as(str(path))
    texts = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert texts[0].split("\n") == ["青山县2025年贯彻落实", "中央八项规定精神情况工作总结"]
    assert any("较上年同期减少16次" in t for t in texts)


# --- nothing lost -----------------------------------------------------------------------------


def test_reload_restores_the_form_picks_and_review_text(page):
    field(page, "organisation.name").fill("白水镇")
    field(page, "meetings.count.current").fill("8６x")  # an invalid entry is kept as typed, too
    page.click("#tab-btn-review")
    page.fill("#review-text", "一段待审的文字。")
    page.select_option("#review-kind", "discipline-summary")
    page.wait_for_timeout(500)  # the autosave is debounced
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(field(page, "organisation.name")).to_have_value("白水镇")
    expect(field(page, "meetings.count.current")).to_have_value("8６x")
    expect(page.locator("#review-text")).to_have_value("一段待审的文字。")
    expect(page.locator("#review-kind")).to_have_value("discipline-summary")
    expect(page.locator("#message")).to_contain_text("已恢复上次的工作")


def test_reload_restores_picks_and_own_wording_and_ctrl_z_undoes_own_wording(page):
    fill_sample(page)
    slot = "tasks.meetings.figures"
    page.click(f'#draft-write .s[data-slot="{slot}"]')
    sentence = page.locator(f'#draft-edit .s[data-slot="{slot}"]')
    original = sentence.inner_text()
    mine = "经统筹精简，" + page.locator("#own-text").input_value()
    page.fill("#own-text", mine)
    page.click(".own button[type=submit]")
    expect(sentence).to_have_text(mine)
    other = "tasks.meetings.lead"
    page.click(f'#draft-edit .s[data-slot="{other}"]')
    target = page.locator("#slot-panel .variant:not(.current)").first
    picked = target.locator(".text").inner_text()
    target.locator("button.use").click()
    expect(page.locator(f'#draft-edit .s[data-slot="{other}"]')).to_contain_text(picked)

    page.locator("#draft-edit h2").click()
    page.keyboard.press("Control+z")  # the pick goes first, then the own wording
    expect(page.locator(f'#draft-edit .s[data-slot="{other}"]')).not_to_contain_text(picked)
    expect(sentence).to_have_text(mine)
    page.keyboard.press("Control+z")
    expect(sentence).to_have_text(original)
    page.keyboard.press("Control+y")
    expect(sentence).to_have_text(mine)
    page.keyboard.press("Control+y")
    expect(page.locator(f'#draft-edit .s[data-slot="{other}"]')).to_contain_text(picked)

    page.wait_for_timeout(500)  # the autosave is debounced
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator(f'#draft-write .s[data-slot="{slot}"]')).to_have_text(mine)
    expect(page.locator(f'#draft-write .s[data-slot="{other}"]')).to_contain_text(picked)


def test_a_clear_can_be_undone_even_after_a_reload(page):
    fill_sample(page)
    page.click("#clear-form")
    expect(field(page, "organisation.name")).to_have_value("")
    page.wait_for_timeout(500)  # the autosave is debounced
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(field(page, "organisation.name")).to_have_value("")
    page.locator("#draft-write h2").click()
    page.keyboard.press("Control+z")
    expect(field(page, "organisation.name")).to_have_value("青山县")
    expect(page.locator("#draft-write h2")).to_contain_text("青山县2025年")


def test_an_upload_over_typed_data_can_be_undone(page, tmp_path):
    field(page, "organisation.name").fill("白水镇")
    field(page, "meetings.count.current").fill("12")
    path = tmp_path / "county.yaml"
    path.write_bytes(FULL.read_bytes())
    page.set_input_files("#spec-file", str(path))
    expect(page.locator("#message")).to_contain_text("替换了表单中原有的数据")
    expect(field(page, "organisation.name")).to_have_value("青山县")
    redrafted(page, lambda: page.locator("#message button.action").click())  # 撤销
    expect(field(page, "organisation.name")).to_have_value("白水镇")
    expect(field(page, "meetings.count.current")).to_have_value("12")


def test_clear_and_a_kind_switch_can_be_undone(page):
    fill_sample(page)
    page.click("#clear-form")
    expect(field(page, "organisation.name")).to_have_value("")
    page.locator("#message button.action").click()  # 撤销
    expect(field(page, "organisation.name")).to_have_value("青山县")

    field(page, "meetings.count.current").fill("77")
    page.select_option("#kind", "self-inspection")
    expect(page.locator("#message")).to_contain_text("数据已保存")
    expect(field(page, "organisation.name")).to_have_value("")
    page.select_option("#kind", "eight-point")  # switching back restores the work
    expect(field(page, "meetings.count.current")).to_have_value("77")
    expect(page.locator("#draft-write")).to_contain_text("77次")
    page.select_option("#kind", "discipline-summary")
    # the switch's own message (naming the kind left), not the one still showing from the switch before
    expect(page.locator("#message")).to_contain_text("中央八项规定精神情况工作总结”的数据已保存")
    page.locator("#message button.action").click()  # 撤销 the switch itself
    expect(page.locator("#kind")).to_have_value("eight-point")
    expect(field(page, "meetings.count.current")).to_have_value("77")


def test_ctrl_z_and_ctrl_y_undo_and_redo_a_pick(page):
    fill_sample(page)
    slot = "tasks.meetings.figures"
    page.click(f'#draft-write .s[data-slot="{slot}"]')
    sentence = page.locator(f'#draft-edit .s[data-slot="{slot}"]')
    before = sentence.inner_text()
    target = page.locator("#slot-panel .variant:not(.current)").first
    expect(target).to_be_visible()
    new_text = target.locator(".text").inner_text()
    target.locator("button.use").click()
    expect(sentence).to_have_text(new_text)
    page.locator("#draft-edit h2").click()
    page.keyboard.press("Control+z")
    expect(sentence).to_have_text(before)
    page.keyboard.press("Control+y")
    expect(sentence).to_have_text(new_text)


def test_the_review_kind_never_touches_the_writers_form(page):
    fill_sample(page)
    page.click("#tab-btn-review")
    page.select_option("#review-kind", "self-inspection")
    page.fill("#review-text", "青山县2025年自查报告\n\n今年召开会议3次。\n")
    page.click("#check-text")
    expect(page.locator("#review-summary")).to_contain_text("自查报告")
    page.click("#tab-btn-write")
    expect(page.locator("#kind")).to_have_value("eight-point")
    expect(field(page, "organisation.name")).to_have_value("青山县")


# --- every screen -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"),
    [(390, 844), (1366, 768), (683, 384)],  # a phone, a small laptop, and that laptop at 200% zoom
)
def test_every_screen_fits_its_viewport(browser, base_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    pg = context.new_page()
    pg.goto(base_url)
    expect(pg.locator("body")).to_have_attribute("data-ready", "true")
    fill_sample(pg)
    for add in ("meetings.practices", "cases", "problems", "plans"):  # the list editors open, one row each
        pg.click(f'[data-add="{add}"]')
    for tab in ("write", "edit", "review"):
        pg.click(f"#tab-btn-{tab}")
        sizes = pg.evaluate(
            """() => ({page: document.documentElement.scrollWidth,
                tabs: [...document.querySelectorAll('[role=tab]')].map(t => t.getBoundingClientRect().height),
                panes: [...document.querySelectorAll('.screen:not([hidden]) .pane')]
                    .map(p => p.getBoundingClientRect().width)})"""
        )
        assert sizes["page"] <= width, (tab, sizes)  # no sideways scrolling
        assert max(sizes["tabs"]) <= 48, (tab, sizes)  # each tab label on one line
        assert min(sizes["panes"]) >= min(width, 1000) * 0.3, (tab, sizes)  # no pane squeezed to a sliver
        if tab == "write" and width == 683:
            pg.evaluate("window.scrollTo(0, 0)")
            shot(pg, "write-zoom200")
    pg.click("#tab-btn-write")
    s = pg.locator("#draft-write .s[data-slot]").nth(3)
    box = s.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 24  # big enough to tap
    s.click()
    expect(pg.locator("#screen-edit")).to_be_visible()
    if width == 390:
        expect(pg.locator("#slot-panel .variant").first).to_be_in_viewport()  # a tap shows the variants
        shot(pg, "edit-phone")
        pg.click("#tab-btn-review")
        pg.fill("#review-text", MESSY)
        pg.click("#check-text")
        expect(pg.locator(".finding-item").first).to_be_visible()
        pg.locator("#review-summary").evaluate("e => e.scrollIntoView()")
        shot(pg, "review-phone")
        pg.click("#tab-btn-write")
        pg.evaluate("window.scrollTo(0, 0)")
        shot(pg, "write-phone")
    context.close()


# --- editors ----------------------------------------------------------------------------------


def test_own_wording_round_trip_through_a_choices_file(page, tmp_path):
    fill_sample(page)
    slot = "tasks.meetings.figures"
    page.click(f'#draft-write .s[data-slot="{slot}"]')
    own = page.locator("#own-text")
    expect(own).to_be_visible()
    original = own.input_value()
    own.fill("各项会议精简高效。")  # drops the meeting figures
    page.click(".own button[type=submit]")
    expect(page.locator("#own-err")).to_contain_text("漏掉了数据")
    expect(own).to_have_attribute("aria-invalid", "true")
    expect(own).to_have_attribute("aria-describedby", "own-help own-err")
    mine = "经统筹精简，" + original
    own.fill(mine)
    page.click(".own button[type=submit]")
    sentence = page.locator(f'#draft-edit .s[data-slot="{slot}"]')
    expect(sentence).to_have_text(mine)
    expect(sentence).to_have_class(re.compile(r"\bcustom\b"))
    expect(page.locator("#own-err")).to_be_hidden()

    with page.expect_download() as info:
        page.click("#download-choices")
    path = tmp_path / "mine.choices.yaml"
    info.value.save_as(str(path))
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["choices"][slot] == mine

    page.click("#clear-picks")
    expect(sentence).not_to_have_text(mine)
    page.set_input_files("#choices-file", str(path))
    expect(sentence).to_have_text(mine)
    expect(page.locator("#message")).to_contain_text("已读入 mine.choices.yaml")
    expect(page.locator("#kind")).to_have_value("eight-point")
    expect(field(page, "organisation.name")).to_have_value("青山县")  # the form is untouched


def test_a_new_set_of_wordings_is_highlighted_counted_and_undoable(page):
    fill_sample(page)
    page.click("#tab-btn-edit")
    before = sentence_texts(page, "draft-edit")
    page.click("#next-seed")
    message = page.locator("#message")
    expect(message).to_contain_text("句措辞（共")
    after = sentence_texts(page, "draft-edit")
    changed = sum(a != b for a, b in zip(before, after, strict=True))
    assert changed > 0
    expect(message).to_contain_text(f"换了 {changed} 句措辞")
    expect(page.locator("#draft-edit .s.changed")).to_have_count(changed)
    redrafted(page, lambda: message.locator("button.action").click())
    expect(page.locator("#seed")).to_have_value("0")
    assert sentence_texts(page, "draft-edit") == before


def test_text_in_the_draft_can_be_selected_without_opening_the_editor(page):
    fill_sample(page)
    s = page.locator("#draft-write .s[data-slot]").nth(2)
    box = s.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert len(page.evaluate("getSelection().toString()")) > 3
    expect(page.locator("#screen-write")).to_be_visible()  # still on the writer's tab


# --- reviewers --------------------------------------------------------------------------------

MESSY = "青山县2025年党风廉政建设工作总结\n\n今年,我们召开会议3次,开展专项检查.全年共查处问题【待补充：问题数】起，处理【待补充：人数】人。\n"


def test_review_defaults_to_the_best_kind_and_says_why(page):
    page.click("#tab-btn-review")
    expect(page.locator("#review-kind")).to_have_value("auto")
    page.fill("#review-text", drafter.draft(ROOT / "corpora" / "examples" / "discipline-2025.yaml").to_text())
    page.click("#check-text")
    line = page.locator("#review-kind-line")
    expect(line).to_contain_text("按“党风廉政建设工作总结”检查：自动选择")
    expect(line).to_contain_text("其他：")
    page.select_option("#review-kind", "eight-point")
    page.click("#check-text")
    expect(line).to_contain_text("这篇文字更像“党风廉政建设工作总结”")
    page.click("#use-better-kind")
    expect(page.locator("#review-kind")).to_have_value("discipline-summary")
    expect(line).to_contain_text("按“党风廉政建设工作总结”检查")


def test_findings_come_first_grouped_and_a_fix_can_be_applied(page, tmp_path):
    page.click("#tab-btn-review")
    page.fill("#review-text", MESSY)
    page.click("#check-text")
    side = page.locator(".review-side")
    headings = side.locator("h2").all_inner_texts()
    assert headings == ["问题", "主题覆盖"]
    commas = page.locator('.finding-item[data-rule="punctuation"]', has_text="「,」")
    expect(commas).to_have_count(1)
    expect(commas).to_have_attribute("data-count", "2")  # two half-width commas, one row
    expect(commas.locator(".count")).to_have_text("×2")
    commas.locator(".locate").click()
    expect(page.locator("#review-doc mark.finding")).to_have_text(",")
    commas.locator(".fix").click()
    expect(page.locator("#message")).to_contain_text("已采纳 2 处修改")
    expect(page.locator("#review-doc")).to_contain_text("今年，我们召开会议3次，开展专项检查.")
    page.locator('.finding-item[data-rule="punctuation"]').first.locator(".ignore").click()
    expect(page.locator('.finding-item[data-rule="punctuation"]')).to_have_count(0)
    todo = page.locator('.finding-item[data-rule="placeholder"]')  # every open placeholder: one row
    expect(todo).to_have_count(1)
    expect(todo).to_contain_text("问题数、人数")

    page.click("#edit-text")  # edit in place and check again
    page.fill("#review-text", page.locator("#review-text").input_value().replace("【待补充：问题数】", "12"))
    page.click("#check-text")
    expect(page.locator("#review-doc")).to_contain_text("查处问题12起")
    with page.expect_download() as info:
        page.click("#download-reviewed")
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert "今年，我们召开会议3次" in saved and "查处问题12起" in saved


def test_an_empty_document_is_called_empty_and_old_errors_go(page, tmp_path):
    page.click("#tab-btn-review")
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    page.set_input_files("#review-file", str(bad))
    expect(page.locator("#message")).to_contain_text("无法作为 Word 文档")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"\n\n")
    page.set_input_files("#review-file", str(empty))
    expect(page.locator("#review-summary")).to_contain_text("文档是空的")
    expect(page.locator("#findings")).not_to_contain_text("没有发现问题")
    expect(page.locator("#message")).to_be_hidden()  # the old error is gone


def test_a_long_check_shows_progress_and_an_upload_over_pasted_text_can_be_undone(page, tmp_path):
    page.click("#tab-btn-review")
    page.fill("#review-text", MESSY)

    def slowly(route):
        page.wait_for_timeout(1500)  # a long check, as a 138k-character paste is
        route.continue_()

    page.route("**/api/check", slowly)
    page.click("#check-text")
    expect(page.locator("#review-progress")).to_be_visible()
    expect(page.locator("#review-summary")).to_contain_text("正在检查…已用")
    expect(page.locator("#check-text")).to_be_disabled()  # no second check on top of the first
    expect(page.locator(".finding-item").first).to_be_visible()
    expect(page.locator("#review-progress")).to_be_hidden()
    page.unroute("**/api/check")

    page.click("#edit-text")
    page.fill("#review-text", "另一段粘贴的文字。")
    other = tmp_path / "别的.txt"
    other.write_text("青山县2025年工作总结\n\n全年召开会议3次。\n", encoding="utf-8")
    page.set_input_files("#review-file", str(other))
    expect(page.locator("#message")).to_contain_text("替换了先前粘贴的文字")
    page.locator("#message button.action").click()
    expect(page.locator("#review-text")).to_have_value("另一段粘贴的文字。")


# --- Chinese throughout -----------------------------------------------------------------------


def test_chinese_dates_and_numerals_are_accepted_and_others_explained(page):
    fill_sample(page)
    field(page, "organisation.date").fill("2026年1月16日")
    field(page, "year").fill("二〇二四年")
    field(page, "meetings.count.current").fill("八十六")
    field(page, "meetings.count.previous").fill("一百零二次")
    draft = page.locator("#draft-write")
    expect(draft.locator("h2")).to_contain_text("2024年")
    expect(draft).to_contain_text("86次，较上年同期减少16次")
    expect(draft.locator(".signature")).to_contain_text("2026年1月16日")
    expect(page.locator("#draft-state")).not_to_have_class(re.compile("stale"))
    field(page, "organisation.date").fill("二〇二六年一月十六日")
    field(page, "meetings.count.current").fill("九十")
    expect(draft).to_contain_text("90次")
    field(page, "meetings.count.current").fill("两千多")
    expect(page.locator('[data-err-for="meetings.count"]')).to_contain_text("无法换算")
    field(page, "organisation.date").fill("2026年1月")
    expect(page.locator('[data-err-for="organisation.date"]')).to_contain_text("须为完整的日期")


def test_developer_words_sit_behind_details(page):
    fill_sample(page)
    page.click('#draft-write .s[data-slot="tasks.meetings.figures"]')
    panel = page.locator("#slot-panel")
    expect(panel.locator(".variant").first).to_be_visible()
    expect(panel.locator("[data-current-slot]")).to_be_hidden()  # the slot id is folded away
    visible = panel.evaluate(
        "p => [...p.querySelectorAll('*')].filter(n => n.checkVisibility() && !n.closest('details:not([open])')"
        " && !n.children.length).map(n => n.textContent).join(' ')"
    )
    assert "tasks." not in visible and "第 0 种" not in visible and "diff" not in visible, visible
    panel.locator("#slot-details summary").click()
    expect(panel.locator("[data-current-slot]")).to_have_text("tasks.meetings.figures")
    expect(panel.locator("#slot-details")).to_contain_text("diff")


# --- export guards ----------------------------------------------------------------------------


def test_downloads_wait_for_a_valid_current_draft_and_name_open_placeholders(page):
    word = page.locator('[data-download="docx"]')
    warning = page.locator("#export-warning")
    expect(word).to_be_enabled()
    expect(warning).to_contain_text("处待补充：")
    expect(warning).to_contain_text("单位名称、年度")
    fill_sample(page)
    expect(warning).to_be_hidden()
    field(page, "meetings.count.previous").fill("-3")
    expect(page.locator("#draft-state")).to_have_class(re.compile("stale"))
    expect(word).to_be_disabled()
    expect(page.locator("#download-choices")).to_be_disabled()
    expect(warning).to_contain_text("草稿不是最新的")
    field(page, "meetings.count.previous").fill("102")
    expect(word).to_be_enabled()
    field(page, "meetings.count.current").fill("")
    expect(warning).to_have_text("还有 1 处待补充：会议次数")


def test_print_shows_the_document_alone(page):
    fill_sample(page)
    page.click("#tab-btn-review")  # printing from another tab still prints the draft
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => ['.bar', '.form-pane', '#screen-review', '#draft-write', '.pane-head']
            .map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none'])"""
    )
    assert dict(shown) == {
        ".bar": False,
        ".form-pane": False,
        "#screen-review": False,
        "#draft-write": True,
        ".pane-head": False,
    }
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print("printed pages:", pages)
    assert 1 <= pages <= 7  # the 2025 example has its 学习教育 paragraph
    page.emulate_media(media="screen")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_download_a_pdf(page):
    fill_sample(page)
    with page.expect_download(timeout=120_000) as info:
        page.click('[data-download="pdf"]')
    assert info.value.suggested_filename.endswith(".pdf")
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")


# --- accessibility ----------------------------------------------------------------------------


def test_every_input_is_labelled_and_errors_are_described(page):
    fill_sample(page)
    for add in ("meetings.practices", "cases", "problems", "plans"):
        page.click(f'[data-add="{add}"]')
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')
                         && !i.getAttribute('aria-labelledby'))
            .map(i => i.id || i.dataset.path || i.outerHTML.slice(0, 60))"""
    )
    assert unnamed == []
    field(page, "meetings.count.previous").fill("-3")
    bad = field(page, "meetings.count.previous")
    expect(bad).to_have_attribute("aria-invalid", "true")
    described = bad.get_attribute("aria-describedby")
    expect(page.locator(f"#{described}")).to_contain_text("不能小于 0")
    field(page, "meetings.count.previous").fill("80")
    expect(bad).not_to_have_attribute("aria-invalid", "true")


def test_keyboard_reaches_the_sentences_in_few_tabs_and_moves_with_arrows(page):
    assert page.locator('#draft-write [tabindex="0"]').count() == 1  # one tab stop for the whole draft
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.locator("#draft-write .s[data-slot]").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    second = page.locator("#draft-write .s[data-slot]").nth(1)
    expect(second).to_be_focused()
    expect(second).to_have_attribute("tabindex", "0")
    expect(first).to_have_attribute("tabindex", "-1")
    page.keyboard.press("Enter")  # focus goes to the sentence's variants, not to <body>
    expect(page.locator("#slot-panel .variant .use:not([disabled])").first).to_be_focused()
    live = page.locator("#live").inner_text()
    assert live.startswith("草稿已更新") and len(live) < 40
    assert page.locator("#draft-write").get_attribute("aria-live") is None
