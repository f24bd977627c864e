// The review tab: check pasted text, an uploaded file or the current draft against a kind chosen here (never the
// writer's); findings first, grouped, each with 定位 / 采纳修改 / 忽略; coverage below; edit and check again.

import { downloadFrom, postFile, postJSON } from "./api.js";
import { el } from "./dom.js";
import { zhErrorParts } from "./zh.js";

const RULES = {
  placeholder: "待补充数据",
  number: "数字与计算",
  norm: "规范表述",
  punctuation: "标点符号",
  repetition: "重复用语",
  structure: "结构层次",
  typo: "错别字",
  claim: "表述分寸",
};
const SEVERITY = { error: "错误", warning: "提醒", info: "提示" };

// The text with [start, end) spans marked; one div per line, so offsets stay those of the check JSON.
function renderText(container, text, marks) {
  const points = new Set([0, text.length]);
  for (const m of marks) { points.add(Math.max(0, m.start)); points.add(Math.min(text.length, m.end)); }
  const sorted = [...points].sort((a, b) => a - b);
  container.replaceChildren();
  let line = el("div", { class: "line" });
  container.append(line);
  for (let k = 0; k + 1 < sorted.length; k++) {
    const [a, b] = [sorted[k], sorted[k + 1]];
    const covering = marks.filter((m) => m.start <= a && b <= m.end);
    text.slice(a, b).split("\n").forEach((piece, n) => {
      if (n > 0) { line = el("div", { class: "line" }); container.append(line); }
      if (!piece) return;
      line.append(covering.length
        ? el("mark", { class: covering.map((m) => m.cls).join(" "), "data-start": a }, piece)
        : document.createTextNode(piece));
    });
  }
  container.querySelector("mark")?.scrollIntoView({ block: "center" });
}

function place(loc) {
  const where = loc.section_heading ? loc.section_heading.slice(0, 14) : "导语";
  return `${where} · 第 ${loc.paragraph + 1} 段第 ${loc.sentence + 1} 句`;
}

// Findings of the same rule about the same words say the same thing: one row with a count. Open placeholders
// (【待补充：…】) are one row whatever their labels: the row lists them.
function groupFindings(findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = f.rule === "placeholder" ? `${f.rule_id}` : `${f.rule_id || f.rule}\u0000${f.text}\u0000${f.message}`;
    if (!groups.has(key)) groups.set(key, { key, first: f, items: [] });
    groups.get(key).items.push(f);
  }
  return [...groups.values()];
}

function placeholderLine(items) {
  const labels = [...new Set(items.map((f) => f.text.replace(/^【待补充：|】$/g, "")))];
  return `待补充的内容 ${items.length} 处：${labels.slice(0, 12).join("、")}${labels.length > 12 ? " 等" : ""}`;
}

const pct = (x) => `${Math.round(x * 100)}%`;

export function initReview({ getDoc, toText, showMessage, hideMessage, onChange }) {
  const $ = (id) => document.getElementById(id);
  const kindSelect = $("review-kind");
  const textarea = $("review-text");
  const docView = $("review-doc");
  const editButton = $("edit-text");
  const summary = $("review-summary");
  const coverage = $("coverage");
  const findings = $("findings");
  const progress = $("review-progress");
  const kindName = (id) => kindSelect.querySelector(`option[value="${CSS.escape(id)}"]`)?.textContent || id;
  let result = null;
  let name = "粘贴的文字";
  let upload = null; // {file, text}: the Word file last checked, while the text is still what it read
  const ignored = new Set();
  textarea.addEventListener("input", onChange);
  kindSelect.addEventListener("change", onChange);

  const activate = (button, marks) => {
    document.querySelectorAll("#screen-review .active").forEach((b) => b.classList.remove("active"));
    button.classList.add("active");
    renderText(docView, result.text, marks);
  };

  function editing(on) {
    textarea.hidden = !on;
    docView.hidden = on;
    editButton.hidden = on || !result;
  }

  // Which kind the text was checked against, and why: the best fit when chosen automatically.
  function kindLine(r) {
    const fits = r.kind_fit || [];
    const mine = fits.find((f) => f.kind === r.kind);
    const others = fits.filter((f) => f.kind !== r.kind).map((f) => `${kindName(f.kind)} ${pct(f.coverage)}`).join("，");
    const line = el("p", { class: "kind-line", id: "review-kind-line" });
    if (kindSelect.value === "auto") {
      line.append(`按“${kindName(r.kind)}”检查：自动选择，它的必备主题在文中出现得最多（${mine ? pct(mine.coverage) : "—"}`,
        others ? `；其他：${others}` : "", "）。");
    } else {
      line.append(`按“${kindName(r.kind)}”检查（必备主题 ${mine ? pct(mine.coverage) : "—"}）。`);
    }
    if (r.better_kind) {
      const better = fits.find((f) => f.kind === r.better_kind);
      const use = el("button", { type: "button", id: "use-better-kind" }, `改按“${kindName(r.better_kind)}”检查`);
      use.addEventListener("click", () => { kindSelect.value = r.better_kind; onChange(); recheck(); });
      line.append(el("br"), el("strong", {}, `这篇文字更像“${kindName(r.better_kind)}”（${pct(better.coverage)}）。`), " ", use);
    }
    return line;
  }

  function renderFindings(r) {
    findings.replaceChildren();
    const groups = groupFindings(r.findings).filter((g) => !ignored.has(g.key));
    const fixable = groups.filter((g) => g.first.fixable);
    if (fixable.length) {
      const all = el("button", { type: "button", id: "fix-all" }, `采纳全部安全修改（${fixable.reduce((n, g) => n + g.items.length, 0)} 处）`);
      all.addEventListener("click", () => applyFixes(fixable.flatMap((g) => g.items)));
      findings.append(el("div", { class: "toolbar" }, all));
    }
    if (!groups.length) {
      findings.append(el("p", { class: "note" }, ignored.size ? "其余问题已忽略。" : "没有发现问题。"));
      return;
    }
    for (const g of groups) {
      const f = g.first;
      let at = 0;
      const locate = el("button", { type: "button", class: "locate" }, "定位");
      const row = el("div", { class: "finding-item", "data-rule": f.rule, "data-count": g.items.length, "data-start": f.location.start },
        el("div", {},
          el("span", { class: `sev ${f.severity}` }, SEVERITY[f.severity] || f.severity),
          el("span", { class: "rule-name" }, RULES[f.rule] || f.rule),
          g.items.length > 1 ? el("span", { class: "count" }, `×${g.items.length}`) : "",
          " ", f.rule === "placeholder" && g.items.length > 1 ? placeholderLine(g.items)
            : f.message.includes(f.text) ? f.message : `「${f.text}」 ${f.message}`,
          f.suggest && !(f.rule === "placeholder" && g.items.length > 1) ? ` → ${f.suggest}` : ""),
        el("div", { class: "where" }, place(f.location), g.items.length > 1 ? ` 等 ${g.items.length} 处` : ""),
        el("div", { class: "actions" }, locate));
      locate.addEventListener("click", () => {
        const item = g.items[at % g.items.length];
        at += 1;
        activate(row, [{ start: item.location.start, end: item.location.end, cls: "finding" }]);
        row.querySelector(".where").textContent = place(item.location) + (g.items.length > 1 ? `（第 ${((at - 1) % g.items.length) + 1}/${g.items.length} 处）` : "");
      });
      if (f.fixable) {
        const fix = el("button", { type: "button", class: "fix" }, g.items.length > 1 ? `采纳修改（${g.items.length} 处）` : "采纳修改");
        fix.addEventListener("click", () => applyFixes(g.items));
        row.querySelector(".actions").append(fix);
      }
      const ignore = el("button", { type: "button", class: "ignore" }, "忽略");
      ignore.addEventListener("click", () => { ignored.add(g.key); renderFindings(result); });
      row.querySelector(".actions").append(ignore);
      findings.append(row);
    }
  }

  function renderCoverage(r) {
    coverage.replaceChildren(...r.themes.map((t) => {
      const state = t.found ? "found" : t.required ? "missing" : "optional";
      const mark = t.found ? "✓" : t.required ? "✗" : "–";
      const button = el("button", { type: "button", "data-theme": t.id },
        el("span", { class: "mark" }, mark), t.name, el("span", { class: "count" }, t.found ? `${t.hits.length} 处` : t.required ? "缺失" : "可选"));
      button.addEventListener("click", () => {
        activate(button, t.hits.map((h) => ({ start: h.start, end: h.end, cls: "hit" })));
        if (!t.found) showMessage(`文中没有“${t.name}”的内容${t.suggestion ? "，可参考下方建议句补充" : ""}。`, "info");
      });
      const item = el("li", { class: state }, button);
      if (t.suggestion) {
        const copy = el("button", { type: "button", class: "copy" }, "复制");
        copy.addEventListener("click", async () => {
          try { await navigator.clipboard.writeText(t.suggestion); showMessage("已复制建议句。", "info"); }
          catch { showMessage("浏览器不允许复制，请手动选中建议句。"); }
        });
        item.append(el("div", { class: "suggestion", "data-suggestion-for": t.id }, copy, "建议补充：", t.suggestion));
      }
      return item;
    }));
    if (r.uncovered_terms && r.uncovered_terms.length) {
      coverage.append(el("li", { class: "terms" }, "未归入主题的高频词：" + r.uncovered_terms.join("、")));
    }
  }

  function show(r) {
    hideMessage(); // an old error never stays over a new result
    result = r;
    textarea.value = r.text;
    onChange();
    editing(false);
    $("download-reviewed").disabled = false;
    $("download-annotated").disabled = !r.text.trim();
    if (!r.text.trim()) {
      summary.replaceChildren(el("strong", {}, "文档是空的"), "：没有可检查的文字。");
      coverage.replaceChildren();
      findings.replaceChildren(el("p", { class: "note" }, "文档是空的，无从检查。"));
      renderText(docView, r.text, []);
      return;
    }
    renderText(docView, r.text, []);
    const required = r.themes.filter((t) => t.required);
    const found = required.filter((t) => t.found).length;
    summary.replaceChildren(
      el("strong", {}, r.title || r.file), el("br"),
      `必备主题 ${found}/${required.length}（${pct(r.coverage)}）· 错误 ${r.summary.errors} 处 · 提醒 ${r.summary.warnings} 处`,
      kindLine(r));
    renderFindings(r);
    renderCoverage(r);
  }

  const buttons = () => document.querySelectorAll("#screen-review .toolbar button, #screen-review .toolbar input, #review-kind");

  // A check in flight: a progress bar and the seconds so far (a long paste takes a while), buttons held.
  async function run(promise, busy = "正在检查") {
    const started = Date.now();
    progress.hidden = false;
    summary.textContent = `${busy}…`;
    const tick = setInterval(() => {
      summary.textContent = `${busy}…已用 ${Math.round((Date.now() - started) / 1000)} 秒（第一次检查需要加载分词词典；长文会久一些）`;
    }, 500);
    buttons().forEach((b) => { b.disabled = true; });
    try {
      const r = await promise;
      show(r);
      return r;
    } catch (e) {
      summary.textContent = "检查没有完成。";
      const { text, details } = zhErrorParts(e);
      showMessage(text, "error", null, details);
      return null;
    } finally {
      clearInterval(tick);
      progress.hidden = true;
      buttons().forEach((b) => { b.disabled = false; });
      $("download-reviewed").disabled = !result;
      $("download-annotated").disabled = !result || !result.text.trim();
    }
  }

  function checkText(text, label = name) {
    name = label;
    if (!text.trim()) {
      editing(true);
      hideMessage();
      summary.replaceChildren(el("strong", {}, "文档是空的"), "：请先粘贴或上传报告全文。");
      findings.replaceChildren();
      coverage.replaceChildren();
      return null;
    }
    return run(postJSON("/api/check", { text, kind: kindSelect.value, name: label }));
  }

  function recheck() {
    return checkText(textarea.hidden && result ? result.text : textarea.value);
  }

  async function applyFixes(items) {
    const before = result;
    const fixes = items.map((f) => ({ rule_id: f.rule_id, start: f.location.start, end: f.location.end }));
    const r = await run(postJSON("/api/fix", { text: result.text, kind: result.kind, name, fixes }), "正在修改并重新检查");
    if (r) {
      showMessage(`已采纳 ${r.applied} 处修改，并重新检查。`, "info", { label: "撤销", run: () => show(before) });
    }
  }

  $("review-file").addEventListener("change", (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    name = file.name;
    const typed = !textarea.hidden && textarea.value.trim() && (!result || textarea.value !== result.text) ? textarea.value : null;
    run(postFile("/api/check", file, { kind: kindSelect.value })).then((r) => {
      upload = r && file.name.toLowerCase().endsWith(".docx") ? { file, text: r.text } : null;
      // the text pasted before the upload is not lost: one click puts it back
      if (r && typed) {
        showMessage(`已检查 ${file.name}，它替换了先前粘贴的文字。`, "info", { label: "撤销", run: () => {
          textarea.value = typed;
          editing(true);
          onChange();
        } });
      }
    });
  });
  $("check-text").addEventListener("click", recheck);
  $("check-draft").addEventListener("click", () => {
    const doc = getDoc();
    if (!doc) return showMessage("还没有草稿：先在“撰写”里填写数据。");
    const kind = kindSelect.value === "auto" ? doc.kind : kindSelect.value;
    name = "当前草稿";
    run(postJSON("/api/check", { text: toText(doc), kind, name }));
  });
  editButton.addEventListener("click", () => {
    if (result) textarea.value = result.text;
    editing(true);
    textarea.focus();
  });
  // The Word copy with a comment per finding: of the uploaded .docx itself while its text is unchanged (its
  // formatting kept), else of the text as it stands now (edited, fixed or pasted).
  $("download-annotated").addEventListener("click", async () => {
    const text = textarea.hidden && result ? result.text : textarea.value;
    const button = $("download-annotated");
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "正在生成批注稿…";
    try {
      if (upload && upload.text === text) await downloadFrom("/api/annotate", upload.file, { kind: result.kind });
      else await downloadFrom("/api/annotate", { text, kind: result ? result.kind : kindSelect.value, name: (result && result.title) || name });
    } catch (e) {
      const { text: message, details } = zhErrorParts(e);
      showMessage(message, "error", null, details);
    } finally {
      button.textContent = label;
      button.disabled = !result;
    }
  });
  $("download-reviewed").addEventListener("click", () => {
    const text = textarea.hidden && result ? result.text : textarea.value;
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" })),
      download: `${(result && (result.title || "").trim()) || "审核稿"}.txt` });
    document.body.append(a);
    a.click();
    a.remove();
  });
}
