// The review tab: check pasted text, an uploaded file or the current draft; coverage and findings with highlights.

import { postFile, postJSON } from "./api.js";
import { el } from "./dom.js";

const RULES = {
  placeholder: "待补充数据",
  number: "数字与计算",
  norm: "规范表述",
  punctuation: "标点符号",
  repetition: "重复用语",
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

export function initReview({ getDoc, toText, showMessage, onChange }) {
  const kindSelect = document.getElementById("review-kind");
  const getKind = () => kindSelect.value;
  document.getElementById("review-text").addEventListener("input", onChange);
  kindSelect.addEventListener("change", onChange);
  const textarea = document.getElementById("review-text");
  const docView = document.getElementById("review-doc");
  const editButton = document.getElementById("edit-text");
  const summary = document.getElementById("review-summary");
  const coverage = document.getElementById("coverage");
  const findings = document.getElementById("findings");
  let result = null;

  const activate = (button, marks) => {
    document.querySelectorAll("#screen-review .active").forEach((b) => b.classList.remove("active"));
    button.classList.add("active");
    renderText(docView, result.text, marks);
  };

  function show(r) {
    result = r;
    textarea.hidden = true;
    docView.hidden = false;
    editButton.hidden = false;
    renderText(docView, r.text, []);
    const required = r.themes.filter((t) => t.required);
    const found = required.filter((t) => t.found).length;
    const errors = r.summary.errors;
    summary.replaceChildren(
      el("strong", {}, r.title || r.file), el("br"),
      `必备主题 ${found}/${required.length}（${Math.round(r.coverage * 100)}%）· 错误 ${errors} 处 · 提醒 ${r.summary.warnings} 处`);
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
    findings.replaceChildren();
    if (!r.findings.length) {
      findings.append(el("p", { class: "note" }, "没有发现问题。"));
      return;
    }
    const byRule = new Map();
    for (const f of r.findings) byRule.set(f.rule, [...(byRule.get(f.rule) || []), f]);
    for (const [rule, items] of byRule) {
      const group = el("div", { class: "rule", "data-rule": rule }, el("h3", {}, `${RULES[rule] || rule}（${items.length}）`));
      for (const f of items) {
        const b = el("button", { type: "button", class: "finding-item", "data-start": f.location.start },
          el("span", { class: `sev ${f.severity}` }, SEVERITY[f.severity] || f.severity),
          f.message.includes(f.text) ? f.message : `「${f.text}」 ${f.message}`, f.suggest ? ` → ${f.suggest}` : "", el("br"),
          el("span", { class: "where" }, place(f.location)));
        b.addEventListener("click", () => activate(b, [{ start: f.location.start, end: f.location.end, cls: "finding" }]));
        group.append(b);
      }
      findings.append(group);
    }
  }

  async function run(promise) {
    summary.textContent = "正在检查…（第一次检查需要加载分词词典，稍候）";
    try {
      show(await promise);
    } catch (e) {
      summary.textContent = "检查没有完成。";
      showMessage(e.message);
    }
  }

  document.getElementById("review-file").addEventListener("change", (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) run(postFile("/api/check", file, { kind: getKind() }));
  });
  document.getElementById("check-text").addEventListener("click", () => {
    if (!textarea.value.trim()) {
      textarea.hidden = false;
      docView.hidden = true;
      showMessage("请先粘贴报告全文。");
      return;
    }
    run(postJSON("/api/check", { text: textarea.value, kind: getKind(), name: "粘贴的文字" }));
  });
  document.getElementById("check-draft").addEventListener("click", () => {
    const doc = getDoc();
    if (!doc) return showMessage("还没有草稿：先在“撰写”里填写数据。");
    run(postJSON("/api/check", { text: toText(doc), kind: getKind() === "auto" ? doc.kind : getKind(), name: "当前草稿" }));
  });
  editButton.addEventListener("click", () => {
    if (result && !textarea.value.trim()) textarea.value = result.text;
    textarea.hidden = false;
    docView.hidden = true;
    editButton.hidden = true;
  });
}
