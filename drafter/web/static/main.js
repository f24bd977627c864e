// The workbench page: state, tabs, and the flow form → /api/draft → draft → edits → downloads.

import { download, getJSON, postFile, postJSON } from "./api.js";
import { buildForm, clearProblems, fillForm, fillRaw, hasTypedData, readRaw, readSpec, sampleSpec, showProblems } from "./form.js";
import { History, loadSaved, save } from "./store.js";
import { onBeforeChange } from "./lists.js";
import { showYear } from "./era.js";
import { carryPolish, choicesOf, onDraftClick, paragraphs, renderDraft, sentences, toText } from "./draft.js";
import { renderPolishPanel, renderSlotPanel } from "./inspector.js";
import { initReview } from "./review.js";
import { el } from "./dom.js";
import { zhError, zhErrorParts, zhProblem } from "./zh.js";

const $ = (id) => document.getElementById(id);

const state = {
  kind: null,
  schema: null,
  doc: null, // the draft on screen (document JSON)
  spec: null, // the spec that drafted it
  picks: {}, // slot → variant the editor chose
  locked: null, // slot → variant frozen by “锁定全部措辞”, or null
  selected: null, // sentence index in the edit tab
  selectedPara: null, // paragraph number (1-based) in the edit tab
  polish: { available: false, model: "", note: "" },
  request: 0,
  drafted: 0,
  forms: {}, // kind → {form, picks, locked, seed}: the work of every kind touched, so a kind switch loses nothing
  restoring: false,
};
const history = new History();

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// --- messages ---------------------------------------------------------------------------------

let messageTimer;
// A message; `action` ({label, run}) adds a button (撤销, say) and keeps the message up longer; `details`
// (the server's own words, in English) sits behind a 详情 toggle.
function showMessage(text, kind = "error", action = null, details = "") {
  const box = $("message");
  box.replaceChildren(el("span", {}, text));
  if (details && details !== text) {
    box.append(el("details", { class: "details" }, el("summary", {}, "详情"), el("code", {}, details)));
  }
  if (action) {
    const b = el("button", { type: "button", class: "action" }, action.label);
    b.addEventListener("click", (e) => { e.stopPropagation(); box.hidden = true; action.run(); });
    box.append(" ", b);
  }
  box.className = kind;
  box.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { box.hidden = true; }, action ? 15000 : kind === "info" ? 4000 : 12000);
}
$("message").addEventListener("click", (e) => { if (e.target === $("message")) $("message").hidden = true; });

// A failed request in Chinese, with the server's words behind 详情.
function showError(e) {
  const { text, details } = zhErrorParts(e);
  showMessage(text, "error", null, details);
}

// --- saving and undo --------------------------------------------------------------------------

// The undoable state: the kind, the form as typed, seed, picks (variants and own wording) and the lock.
function snapshot() {
  return {
    kind: state.kind,
    form: readRaw($("form-fields")),
    seed: $("seed").value,
    picks: { ...state.picks },
    locked: state.locked ? { ...state.locked } : null,
  };
}

async function restore(snap) {
  state.restoring = true;
  try {
    if (snap.kind !== state.kind) await loadKind(snap.kind);
    fillRaw($("form-fields"), snap.form);
    $("seed").value = snap.seed ?? "0";
    state.picks = { ...(snap.picks || {}) };
    state.locked = snap.locked ? { ...snap.locked } : null;
    $("lock").checked = Boolean(state.locked);
  } finally {
    state.restoring = false;
  }
  await redraft();
}

// Record the state before a change; `label` names the change for the 撤销 message.
function remember() {
  history.push(snapshot());
  autosaveSoon(); // the undo steps are saved with the work
}

async function undo() {
  const snap = history.undo(snapshot());
  if (!snap) return showMessage("没有可以撤销的操作。", "info");
  await restore(snap);
  showMessage("已撤销。", "info", { label: "重做", run: redo });
}

async function redo() {
  const snap = history.redo(snapshot());
  if (!snap) return showMessage("没有可以重做的操作。", "info");
  await restore(snap);
  showMessage("已重做。", "info", { label: "撤销", run: undo });
}

function autosave() {
  if (!state.kind || state.restoring) return;
  state.forms[state.kind] = snapshot();
  save({
    kind: state.kind,
    forms: state.forms,
    review: { text: $("review-text").value, kind: $("review-kind").value },
    history: history.saved(),
  });
}
const autosaveSoon = debounce(autosave, 300);

// `stale`: the draft on screen is not what the form says (invalid data, a redraft pending or failed):
// downloads wait until it is.
function setDraftState(text, stale = false) {
  const node = $("draft-state");
  node.textContent = text;
  node.classList.toggle("stale", stale);
  state.stale = stale;
  updateExports();
}

// The open 【待补充：…】 placeholders of the draft, by label, in order.
function openPlaceholders(doc) {
  if (!doc) return [];
  const labels = [];
  for (const m of toText(doc).matchAll(/【待补充：([^】]*)】/g)) if (!labels.includes(m[1])) labels.push(m[1]);
  return labels;
}

function updateExports() {
  const ready = Boolean(state.doc) && !state.stale;
  const why = !state.doc ? "还没有草稿" : state.stale ? "草稿不是最新的：先改正数据或等待生成完成" : "";
  for (const b of document.querySelectorAll("[data-download], #download-choices")) {
    b.disabled = !ready;
    b.title = why;
  }
  const open = ready ? openPlaceholders(state.doc) : [];
  const warn = $("export-warning");
  warn.hidden = !open.length && ready;
  warn.textContent = !ready ? (state.doc ? "草稿不是最新的，暂不能下载。" : "") :
    `还有 ${open.length} 处待补充：${open.slice(0, 2).join("、")}${open.length > 2 ? " 等" : ""}`;
  warn.title = open.join("、");
  if (!warn.textContent) warn.hidden = true;
}

// --- rendering --------------------------------------------------------------------------------

function renderAll() {
  const opts = { selected: state.selected, selectedPara: state.selectedPara, picked: state.picks, changed: state.changed };
  renderDraft($("draft-write"), state.doc, { ...opts, selected: null, selectedPara: null });
  renderDraft($("draft-edit"), state.doc, opts);
  updateExports();
  const picked = Object.keys(state.picks).length;
  const locked = state.locked ? Object.keys(state.locked).length : 0;
  $("choice-state").textContent =
    (locked ? `已锁定 ${locked} 处措辞：改数据、换种子都不会改变它们。` : "未锁定：改数据或换种子时，措辞可能随之变化。") +
    (picked ? ` 手动选定 ${picked} 处。` : "");
  renderPolishPanel($("polish-panel"), state, { onPolish: polish, onRevert: revert });
}

function renderInspector() {
  const listed = renderSlotPanel($("slot-panel"), state, pick, ownWording);
  renderPolishPanel($("polish-panel"), state, { onPolish: polish, onRevert: revert });
  return listed;
}

// --- drafting ---------------------------------------------------------------------------------

async function redraft(choices = null) {
  const spec = readSpec($("form-fields"), state.kind, state.schema);
  showYear(spec.year, () => readSpec($("form-fields"), state.kind, state.schema).year);
  const seed = Number.parseInt($("seed").value, 10) || 0;
  const id = ++state.request;
  setDraftState("正在生成…", true);
  try {
    const doc = await postJSON("/api/draft", { spec, seed, choices: choices || { ...(state.locked || {}), ...state.picks } });
    if (id !== state.request) return null; // a newer edit is already on its way
    clearProblems($("form-fields"));
    $("form-problems").hidden = true;
    const before = state.doc;
    if (before) carryPolish(before, doc);
    state.changed = null;
    state.doc = doc;
    state.spec = spec;
    renderAll();
    setDraftState(`共 ${sentences(doc).length} 句`);
    const open = openPlaceholders(doc).length;
    $("live").textContent = `草稿已更新：共 ${sentences(doc).length} 句${open ? `，待补充 ${open} 处` : ""}。`;
    if (state.selected != null) renderSlotPanel($("slot-panel"), state, pick, ownWording); // variants with the new figures
    autosave();
    document.body.dataset.drafts = String(++state.drafted); // lets tests wait for a render
    return before;
  } catch (e) {
    if (id !== state.request) return null;
    if (e.status === 422 && e.problems.length) {
      const rest = showProblems($("form-fields"), e.problems);
      const box = $("form-problems");
      box.replaceChildren(`有 ${e.problems.length} 处数据需要修改（已在对应栏目标出）。`);
      if (rest.length) box.append(el("ul", {}, rest.map((p) => el("li", {}, p.path ? `“${p.path}”：${zhProblem(p)}` : zhProblem(p)))));
      box.hidden = false;
      setDraftState("数据有误：草稿停在上一次有效的数据", true);
    } else {
      showError(e);
      setDraftState("草稿没有更新", true);
    }
    return null;
  }
}

const redraftSoon = debounce(() => redraft(), 350);

async function loadKind(kind) {
  state.kind = kind;
  state.schema = await getJSON(`/api/schema/${encodeURIComponent(kind)}`);
  state.doc = null;
  state.picks = {};
  state.locked = null;
  state.selected = state.selectedPara = null;
  $("lock").checked = false;
  $("kind").value = kind;
  buildForm($("form-fields"), state.schema);
  renderAll();
  renderInspector();
}

// --- editing ----------------------------------------------------------------------------------

function select(index) {
  state.selected = index;
  const item = sentences(state.doc)[index];
  state.selectedPara = item ? item.para || null : null;
  renderAll();
  return renderInspector();
}

// The sentences that differ between two drafts (indices), shown highlighted until the next redraft.
function markChanged(before) {
  const old = sentences(before);
  state.changed = new Set();
  sentences(state.doc).forEach(({ s }, i) => {
    if (!old[i] || old[i].s.text !== s.text) state.changed.add(i);
  });
  renderAll();
  return state.changed.size;
}

// Swap one sentence (a variant number, own text, or null: back to the seed's choice); every other slot stays
// pinned to what is on screen, so nothing else can change.
async function pick(slot, choice) {
  remember();
  if (choice === null) delete state.picks[slot];
  else state.picks[slot] = choice;
  const pinned = { ...choicesOf(state.doc), ...(state.locked || {}), ...state.picks };
  if (choice === null) delete pinned[slot];
  const before = await redraft(pinned);
  if (before) markChanged(before);
  return before;
}

// The editor's own wording for a slot: checked by the server first; returns a problem in Chinese, or null.
async function ownWording(slot, text) {
  let res;
  try {
    res = await postJSON("/api/wording", { spec: state.spec, slot, text });
  } catch (e) {
    return zhError(e);
  }
  if (!res.ok) {
    if (res.dropped && res.dropped.length) {
      const lost = res.dropped.map((d) => `${d.label}（${d.text}）`).join("、");
      return `这段文字漏掉了数据：${lost}。自己的措辞须保留原句中的全部数据。`;
    }
    return res.error === "empty" ? "请先填写文字。" : "文字中有无法处理的符号（如 {{、{%），请删去后再试。";
  }
  const before = await pick(slot, text.trim());
  if (before) showMessage("已采用您的措辞。", "info", { label: "撤销", run: undo });
  return null;
}

async function polish(number, button) {
  button.disabled = true;
  button.textContent = "润色中…";
  try {
    const res = await postJSON("/api/polish", { document: state.doc, paragraph: number });
    state.doc = res.document;
    renderAll();
    const status = paragraphs(state.doc)[number - 1].polish?.status;
    const kept = status === "accepted" || status === "cached";
    showMessage(kept ? `第 ${number} 段已润色：守卫通过。` : `第 ${number} 段的改写没有通过守卫，保留模板原文。`, "info");
  } catch (e) {
    showError(e);
    renderAll();
  }
}

async function revert(number) {
  try {
    const res = await postJSON("/api/revert", { document: state.doc, paragraph: number });
    state.doc = res.document;
    renderAll();
  } catch (e) {
    showError(e);
  }
}

// --- tabs -------------------------------------------------------------------------------------

function showTab(name) {
  $("message").hidden = true;
  for (const b of document.querySelectorAll("[role=tab]")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const s of document.querySelectorAll(".screen")) s.hidden = s.id !== `screen-${name}`;
}

// --- wiring -----------------------------------------------------------------------------------

function wire() {
  // Removing a row of a list (a practice, a case, a problem) can be undone like the other destructive actions.
  onBeforeChange(() => {
    remember();
    setTimeout(() => showMessage("已删除一行。", "info", { label: "撤销", run: undo }));
  });
  for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => showTab(b.dataset.tab));
  const edited = () => { setDraftState("正在更新…", true); autosaveSoon(); redraftSoon(); };
  $("form-fields").addEventListener("input", edited);
  $("form-fields").addEventListener("change", redraftSoon);
  $("seed").addEventListener("input", edited);
  $("next-seed").addEventListener("click", async () => {
    remember();
    $("seed").value = String((Number.parseInt($("seed").value, 10) || 0) + 1);
    const before = await redraft();
    if (!before) return;
    const n = markChanged(before);
    const total = sentences(state.doc).length;
    showMessage(n ? `换了 ${n} 句措辞（共 ${total} 句），已用黄色标出。` : "没有句子可换：措辞已全部锁定或手动选定。", "info",
      n ? { label: "撤销", run: undo } : null);
  });
  $("choices-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      const res = await postFile("/api/choices", file);
      if (res.kind && res.kind !== state.kind) {
        const name = $("kind").querySelector(`option[value="${CSS.escape(res.kind)}"]`)?.textContent || res.kind;
        showMessage(`${file.name} 是“${name}”的措辞选择，与当前文种不符；请先切换文种。`);
        return;
      }
      remember();
      state.picks = { ...res.choices };
      const before = await redraft({ ...state.picks });
      if (before) {
        markChanged(before);
        showMessage(`已读入 ${file.name}：${Object.keys(res.choices).length} 处措辞。`, "info", { label: "撤销", run: undo });
      }
    } catch (err) {
      showError(err);
    }
  });
  // A kind switch keeps each kind's work (switching back restores it) and can be undone.
  $("kind").addEventListener("change", async (e) => {
    const from = state.schema ? state.schema.name : "";
    remember();
    state.forms[state.kind] = snapshot();
    const saved = state.forms[e.target.value];
    await loadKind(e.target.value);
    if (saved) await restore(saved);
    else await redraft();
    showMessage(`已切换文种；“${from}”的数据已保存，切换回去即可恢复。`, "info", { label: "撤销", run: undo });
  });
  $("fill-sample").addEventListener("click", () => {
    const typed = hasTypedData(readRaw($("form-fields")));
    remember();
    fillForm($("form-fields"), state.schema, sampleSpec(state.schema));
    redraft();
    if (typed) showMessage("已用样例数据替换表单。", "info", { label: "撤销", run: undo });
  });
  $("clear-form").addEventListener("click", () => {
    if (!hasTypedData(readRaw($("form-fields")))) return;
    remember();
    fillForm($("form-fields"), state.schema, {});
    redraft();
    showMessage("已清空表单。", "info", { label: "撤销", run: undo });
  });
  $("spec-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      const res = await postFile("/api/spec", file);
      const typed = hasTypedData(readRaw($("form-fields")));
      remember();
      state.forms[state.kind] = snapshot();
      const kind = res.spec && typeof res.spec.kind === "string" ? res.spec.kind : state.kind;
      if (kind !== state.kind && $("kind").querySelector(`option[value="${CSS.escape(kind)}"]`)) await loadKind(kind);
      fillForm($("form-fields"), state.schema, res.spec || {});
      await redraft();
      // Problems the form can't hold (unknown fields, say) would vanish with the redraft: name them.
      const unseen = res.problems.filter((p) => !document.querySelector(`[data-field="${CSS.escape(p.path.split(/[.[]/)[0])}"], [data-path="${CSS.escape(p.path)}"]`));
      if (unseen.length) showMessage(`${file.name} 中有未能填入表单的内容：\n` + unseen.map((p) => `“${p.path}”：${zhProblem(p)}`).join("\n"));
      else if (typed) showMessage(`已读入 ${file.name}，替换了表单中原有的数据。`, "info", { label: "撤销", run: undo });
      else showMessage(`已读入 ${file.name}`, "info");
    } catch (err) {
      showError(err);
    }
  });
  for (const b of document.querySelectorAll("[data-download]")) {
    b.addEventListener("click", async () => {
      const open = openPlaceholders(state.doc);
      if (open.length) showMessage(`注意：下载的草稿中还有 ${open.length} 处待补充（${open.slice(0, 3).join("、")}${open.length > 3 ? " 等" : ""}）。`, "info");
      const label = b.textContent;
      if (b.dataset.download === "pdf") { b.textContent = "正在生成 PDF…"; b.disabled = true; }
      try { await download(b.dataset.download, state.doc); } catch (e) { showError(e); }
      finally { b.textContent = label; updateExports(); }
    });
  }
  $("download-choices").addEventListener("click", () => download("choices", state.doc).catch(showError));
  $("lock").addEventListener("change", (e) => {
    remember();
    state.locked = e.target.checked ? choicesOf(state.doc) : null;
    renderAll();
  });
  $("clear-picks").addEventListener("click", () => {
    if (!Object.keys(state.picks).length) return;
    remember();
    state.picks = {};
    redraft();
  });
  const handlers = {
    // Enter on a sentence (keyboard) moves focus to its variants once they are listed.
    onSentence: async (i, keyboard) => {
      showTab("edit");
      const listed = select(i);
      // Side by side, keep the sentence in view; stacked (a phone), show its variants under the finger.
      if (window.matchMedia("(max-width: 900px)").matches) $("slot-panel").scrollIntoView({ block: "start" });
      else $("draft-edit").querySelector(".s.selected")?.scrollIntoView({ block: "center" });
      if (keyboard) {
        await listed;
        ($("slot-panel").querySelector(".variant .use:not(:disabled)") || $("own-text"))?.focus();
      }
    },
    onParagraph: (n) => { showTab("edit"); state.selected = null; state.selectedPara = n; renderAll(); renderInspector(); },
  };
  onDraftClick($("draft-write"), handlers);
  onDraftClick($("draft-edit"), handlers);
  initReview({ getDoc: () => state.doc, toText, showMessage, hideMessage: () => { $("message").hidden = true; }, onChange: autosaveSoon });
  // Ctrl+Z / Ctrl+Y undo picks, own wording and the destructive actions; inside a text box the browser's own undo.
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
    if (typing) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) { e.preventDefault(); undo(); }
    else if (key === "y" || (key === "z" && e.shiftKey)) { e.preventDefault(); redo(); }
  });
  window.addEventListener("pagehide", autosave);
}

async function start() {
  wire();
  try {
    const [status, kinds] = await Promise.all([getJSON("/api/status"), getJSON("/api/kinds")]);
    state.polish = status.polish;
    $("kind").replaceChildren(...kinds.map((k) => el("option", { value: k.id }, k.name)));
    $("review-kind").append(...kinds.map((k) => el("option", { value: k.id }, k.name)));
    const saved = loadSaved();
    const known = (id) => kinds.some((k) => k.id === id);
    if (saved && saved.forms) for (const [k, v] of Object.entries(saved.forms)) if (known(k)) state.forms[k] = v;
    if (saved && saved.review) {
      $("review-text").value = saved.review.text || "";
      if (saved.review.kind === "auto" || known(saved.review.kind)) $("review-kind").value = saved.review.kind;
    }
    if (saved && saved.history) history.load({
      past: (saved.history.past || []).filter((snap) => known(snap.kind)),
      future: (saved.history.future || []).filter((snap) => known(snap.kind)),
    });
    const kind = saved && known(saved.kind) ? saved.kind : known("eight-point") ? "eight-point" : kinds[0].id;
    await loadKind(kind);
    if (state.forms[kind]) {
      await restore(state.forms[kind]);
      if (hasTypedData(state.forms[kind].form || { values: {}, lists: {} }) || Object.keys(state.picks).length) {
        showMessage("已恢复上次的工作（保存在本浏览器中）。", "info");
      }
    } else await redraft();
    document.body.dataset.ready = "true";
  } catch (e) {
    showError(e);
  }
}

start();
