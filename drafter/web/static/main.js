// The workbench page: state, tabs, and the flow form → /api/draft → draft → edits → downloads.

import { download, getJSON, postFile, postJSON } from "./api.js";
import { buildForm, clearProblems, fillForm, readSpec, sampleSpec, showProblems } from "./form.js";
import { carryPolish, choicesOf, onDraftClick, paragraphs, renderDraft, sentences, toText } from "./draft.js";
import { renderPolishPanel, renderSlotPanel } from "./inspector.js";
import { initReview } from "./review.js";
import { el } from "./dom.js";
import { zh } from "./zh.js";

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
};

// --- messages ---------------------------------------------------------------------------------

let messageTimer;
function showMessage(text, kind = "error") {
  const box = $("message");
  box.textContent = text;
  box.className = kind;
  box.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { box.hidden = true; }, kind === "info" ? 4000 : 12000);
}
$("message").addEventListener("click", () => { $("message").hidden = true; });

function setDraftState(text, stale = false) {
  const node = $("draft-state");
  node.textContent = text;
  node.classList.toggle("stale", stale);
}

// --- rendering --------------------------------------------------------------------------------

function renderAll() {
  const opts = { selected: state.selected, selectedPara: state.selectedPara, picked: state.picks };
  renderDraft($("draft-write"), state.doc, { ...opts, selected: null, selectedPara: null });
  renderDraft($("draft-edit"), state.doc, opts);
  for (const b of document.querySelectorAll("[data-download]")) b.disabled = !state.doc;
  $("download-choices").disabled = !state.doc;
  const picked = Object.keys(state.picks).length;
  const locked = state.locked ? Object.keys(state.locked).length : 0;
  $("choice-state").textContent =
    (locked ? `已锁定 ${locked} 处措辞：改数据、换种子都不会改变它们。` : "未锁定：改数据或换种子时，措辞可能随之变化。") +
    (picked ? ` 手动选定 ${picked} 处。` : "");
  renderPolishPanel($("polish-panel"), state, { onPolish: polish, onRevert: revert });
}

function renderInspector() {
  renderSlotPanel($("slot-panel"), state, pick);
  renderPolishPanel($("polish-panel"), state, { onPolish: polish, onRevert: revert });
}

// --- drafting ---------------------------------------------------------------------------------

async function redraft(choices = null) {
  const spec = readSpec($("form-fields"), state.kind, state.schema);
  const seed = Number.parseInt($("seed").value, 10) || 0;
  const id = ++state.request;
  setDraftState("正在生成…");
  try {
    const doc = await postJSON("/api/draft", { spec, seed, choices: choices || { ...(state.locked || {}), ...state.picks } });
    if (id !== state.request) return null; // a newer edit is already on its way
    clearProblems($("form-fields"));
    $("form-problems").hidden = true;
    const before = state.doc;
    if (before) carryPolish(before, doc);
    state.doc = doc;
    state.spec = spec;
    renderAll();
    setDraftState(`共 ${sentences(doc).length} 句`);
    if (state.selected != null) renderSlotPanel($("slot-panel"), state, pick); // variants with the new figures
    document.body.dataset.drafts = String(++state.drafted); // lets tests wait for a render
    return before;
  } catch (e) {
    if (id !== state.request) return null;
    if (e.status === 422 && e.problems.length) {
      const rest = showProblems($("form-fields"), e.problems);
      const box = $("form-problems");
      box.replaceChildren(`有 ${e.problems.length} 处数据需要修改（已在对应栏目标出）。`);
      if (rest.length) box.append(el("ul", {}, rest.map((p) => el("li", {}, p.path ? `${p.path}：${zh(p.message)}` : zh(p.message)))));
      box.hidden = false;
      setDraftState("数据有误：草稿停在上一次有效的数据", true);
    } else {
      showMessage(e.message);
      setDraftState("草稿没有更新", true);
    }
    return null;
  }
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
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
  renderInspector();
}

// Swap one sentence: every other slot stays pinned to what is on screen, so nothing else can change.
async function pick(slot, index) {
  state.picks[slot] = index;
  const before = await redraft({ ...choicesOf(state.doc), ...(state.locked || {}), ...state.picks });
  if (!before) return;
  const old = sentences(before);
  sentences(state.doc).forEach(({ s }, i) => {
    if (old[i] && old[i].s.text !== s.text) {
      document.querySelectorAll(`.s[data-i="${i}"]`).forEach((n) => n.classList.add("changed"));
    }
  });
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
    showMessage(e.message);
    renderAll();
  }
}

async function revert(number) {
  try {
    const res = await postJSON("/api/revert", { document: state.doc, paragraph: number });
    state.doc = res.document;
    renderAll();
  } catch (e) {
    showMessage(e.message);
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
  for (const b of document.querySelectorAll("[role=tab]")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("form-fields").addEventListener("input", redraftSoon);
  $("form-fields").addEventListener("change", redraftSoon);
  $("seed").addEventListener("input", redraftSoon);
  $("next-seed").addEventListener("click", () => {
    $("seed").value = String((Number.parseInt($("seed").value, 10) || 0) + 1);
    redraft();
  });
  $("kind").addEventListener("change", async (e) => {
    await loadKind(e.target.value);
    await redraft();
  });
  $("fill-sample").addEventListener("click", () => {
    fillForm($("form-fields"), state.schema, sampleSpec(state.schema));
    redraft();
  });
  $("clear-form").addEventListener("click", () => {
    fillForm($("form-fields"), state.schema, {});
    redraft();
  });
  $("spec-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      const res = await postFile("/api/spec", file);
      const kind = res.spec && typeof res.spec.kind === "string" ? res.spec.kind : state.kind;
      if (kind !== state.kind && $("kind").querySelector(`option[value="${CSS.escape(kind)}"]`)) await loadKind(kind);
      fillForm($("form-fields"), state.schema, res.spec || {});
      await redraft();
      // Problems the form can't hold (unknown fields, say) would vanish with the redraft: name them.
      const unseen = res.problems.filter((p) => !document.querySelector(`[data-field="${CSS.escape(p.path.split(/[.[]/)[0])}"], [data-path="${CSS.escape(p.path)}"]`));
      if (unseen.length) showMessage(`${file.name} 中有未能填入表单的内容：\n` + unseen.map((p) => `${p.path}：${zh(p.message)}`).join("\n"));
      else showMessage(`已读入 ${file.name}`, "info");
    } catch (err) {
      showMessage(err.message);
    }
  });
  for (const b of document.querySelectorAll("[data-download]")) {
    b.addEventListener("click", () => download(b.dataset.download, state.doc).catch((e) => showMessage(e.message)));
  }
  $("download-choices").addEventListener("click", () => download("choices", state.doc).catch((e) => showMessage(e.message)));
  $("lock").addEventListener("change", (e) => {
    state.locked = e.target.checked ? choicesOf(state.doc) : null;
    renderAll();
  });
  $("clear-picks").addEventListener("click", () => {
    state.picks = {};
    redraft();
  });
  const handlers = {
    onSentence: (i) => {
      showTab("edit");
      select(i);
      $("draft-edit").querySelector(".s.selected")?.scrollIntoView({ block: "center" });
    },
    onParagraph: (n) => { showTab("edit"); state.selected = null; state.selectedPara = n; renderAll(); renderInspector(); },
  };
  onDraftClick($("draft-write"), handlers);
  onDraftClick($("draft-edit"), handlers);
  initReview({ getDoc: () => state.doc, getKind: () => state.kind, toText, showMessage });
}

async function start() {
  wire();
  try {
    const [status, kinds] = await Promise.all([getJSON("/api/status"), getJSON("/api/kinds")]);
    state.polish = status.polish;
    $("kind").replaceChildren(...kinds.map((k) => el("option", { value: k.id }, k.name)));
    await loadKind(kinds.some((k) => k.id === "eight-point") ? "eight-point" : kinds[0].id);
    await redraft();
    document.body.dataset.ready = "true";
  } catch (e) {
    showMessage(e.message);
  }
}

start();
