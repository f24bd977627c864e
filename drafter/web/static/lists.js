// The unit's own facts in the form (the `lists` part of /api/schema/{kind}, drafter/bank/facts.py):
// 特色做法 (practices) under each figure group, and the top-level lists 典型案例 (cases), 存在/查摆的问题
// (problems, with count, amount, status… for a self-inspection) and 下一步措施 (plans). Each row can be added
// and removed; every input is labelled and has its own error line, found by the path the server names
// (cases[0].who, meetings.practices[1]); a removal can be undone (the page's undo, through `onBeforeChange`).

import { el } from "./dom.js";
import { toDate, toValue } from "./values.js";

const defs = new Map(); // list path → {item: "text" | "record", fields, name, …} for the lists built
let beforeChange = () => {};

// The page's hook, called before a row is removed (it records the state for 撤销).
export function onBeforeChange(fn) {
  beforeChange = fn;
}

const ITEM_NAME = { cases: "案例", problems: "问题", plans: "措施" };
// Fields whose schema label names ids (方面 id, figure path): the form shows a choice instead, so a plain label.
const LABEL = { area: "方面", figure: "佐证数字（可选）", problem: "对应的问题", status: "整改状态" };
const UNIT = { count: "个", amount: "元", refund: "元" };
const PLACEHOLDER = { deadline: "如 2026年1月31日", who: "如 某乡镇党委副书记张某" };

const idFor = (path) => "f-" + path.replace(/[^\w-]/g, "_");
const errorSlot = (path) => el("small", { class: "err", id: `err-${idFor(path)}`, "data-err-for": path, hidden: true });

// --- building ----------------------------------------------------------------------------------

// The practices of one figure group: a list of one-line notes.
export function buildPractices(group, groupLabel, def) {
  const path = `${group}.practices`;
  defs.set(path, { item: "text", name: "做法", of: groupLabel, example: def.example });
  const rows = el("div", { class: "rows", "data-list": path });
  const add = el("button", { type: "button", class: "add", "data-add": path }, "＋ 添加一条做法");
  add.addEventListener("click", () => addRow(rows));
  const labelId = `label-${idFor(path)}`;
  return el("div", { class: "field practices", "data-field": path, role: "group", "aria-labelledby": labelId },
    el("span", { class: "label", id: labelId }, "特色做法", el("small", {}, "每条一句，不加句号（可选）")),
    el("div", { class: "inputs" }, rows, add),
    errorSlot(path));
}

// The top-level lists, one fieldset each, after the figure groups (a single record is built by buildSingles).
export function buildTopLists(container, schema) {
  for (const [name, def] of Object.entries(schema.lists || {})) {
    if (def.where !== "top" || def.item === "single") continue;
    defs.set(name, { ...def, name: ITEM_NAME[name] || "项", groups: schema.groups });
    const rows = el("div", { class: "rows", "data-list": name });
    const add = el("button", { type: "button", class: "add", "data-add": name }, `＋ 添加一条${ITEM_NAME[name] || ""}`);
    add.addEventListener("click", () => addRow(rows));
    container.append(el("fieldset", { "data-facts": name, "data-field": name },
      el("legend", {}, def.label), rows, add, errorSlot(name)));
  }
}

// One record, not a list (`item: "single"`): the notice a self-inspection answers (basis: {title, number}).
// Its inputs are plain form fields (data-path basis.title…): saved, restored and undone with the figures.
const SINGLE = {
  basis: {
    title: { label: "通知标题", hint: "不必加书名号", full: true, placeholder: "如 关于开展2025年度落实中央八项规定精神情况自查工作的通知" },
    number: { label: "文号", hint: "可选", placeholder: "如 青纪办发〔2025〕31号" },
  },
};

export function singleRecords(schema) {
  return Object.entries(schema.lists || {}).filter(([, def]) => def.item === "single");
}

export function buildSingles(schema) {
  return singleRecords(schema).map(([name, def]) => {
    const set = el("fieldset", { "data-facts": name, "data-field": name },
      el("legend", {}, `${def.label}（可选）`));
    for (const f of def.fields) {
      const fp = `${name}.${f.name}`;
      const words = (SINGLE[name] || {})[f.name] || { label: f.label };
      const input = el("input", { type: "text", class: words.full ? "wide full" : "wide", id: idFor(fp), "data-path": fp,
        placeholder: words.placeholder || "" });
      if (words.hint) input.setAttribute("aria-describedby", `hint-${idFor(fp)}`);
      set.append(el("div", { class: "field", "data-field": fp },
        el("label", { class: "label", for: input.id }, words.label,
          words.hint ? el("small", { id: `hint-${idFor(fp)}` }, words.hint) : ""),
        el("div", { class: "inputs" }, input),
        errorSlot(fp)));
    }
    set.append(errorSlot(name));
    return set;
  });
}

// The single records as typed into the spec (a record with nothing typed is left out).
export function readSingles(container, schema, spec) {
  for (const [name, def] of singleRecords(schema)) {
    const record = {};
    for (const f of def.fields) {
      const v = (container.querySelector(`[data-path="${name}.${f.name}"]`)?.value ?? "").trim();
      if (v) record[f.name] = v;
    }
    if (Object.keys(record).length) spec[name] = record;
  }
}

// The single records of spec data (an uploaded file) into their inputs; what the spec lacks is emptied.
export function fillSingles(container, schema, spec) {
  for (const [name, def] of singleRecords(schema)) {
    const record = spec && spec[name] && typeof spec[name] === "object" ? spec[name] : {};
    for (const f of def.fields) {
      const input = container.querySelector(`[data-path="${name}.${f.name}"]`);
      const v = record[f.name];
      if (input) input.value = v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    }
  }
}

function addRow(rows) {
  const items = rawItems(rows);
  items.push(defs.get(rows.dataset.list).item === "text" ? "" : {});
  renderRows(rows, items);
  rows.querySelector(":scope > :last-child input, :scope > :last-child select")?.focus();
}

function removeRow(rows, index) {
  beforeChange();
  const items = rawItems(rows);
  items.splice(index, 1);
  renderRows(rows, items);
  rows.dispatchEvent(new Event("input", { bubbles: true })); // autosave and redraft, as typing does
  rows.closest("[data-field]")?.querySelector("button.add")?.focus();
}

function removeButton(rows, index, what) {
  const b = el("button", { type: "button", class: "remove", "aria-label": `删除${what}`, title: `删除${what}` }, "×");
  b.addEventListener("click", () => removeRow(rows, index));
  return b;
}

function renderRows(rows, items) {
  const path = rows.dataset.list;
  const def = defs.get(path);
  rows.replaceChildren(...items.map((item, i) => (def.item === "text" ? textRow(rows, def, path, i, item) : recordRow(rows, def, path, i, item || {}))));
  if (path === "problems" || path === "plans") refreshPlans(rows.closest("form") || document);
}

function textRow(rows, def, path, i, value) {
  const p = `${path}[${i}]`;
  const input = el("input", { type: "text", class: "wide", id: idFor(p), "data-path": p,
    "aria-label": `${def.of}特色做法第 ${i + 1} 条`, placeholder: i === 0 && def.example ? `如 ${def.example}` : "" });
  input.value = value ?? "";
  return el("div", { class: "item", "data-field": p }, input, removeButton(rows, i, `第 ${i + 1} 条做法`), errorSlot(p));
}

function recordRow(rows, def, path, i, values) {
  const p = `${path}[${i}]`;
  const legend = `${def.name} ${i + 1}`;
  const set = el("fieldset", { class: "record", "data-field": p },
    el("legend", {}, legend, removeButton(rows, i, legend)));
  for (const f of def.fields) {
    const fp = `${p}.${f.name}`;
    const input = editor(def, f, fp, values[f.name] ?? "");
    input.id = idFor(fp);
    input.dataset.path = fp;
    const unit = UNIT[f.name] ? el("span", { class: "unit" }, UNIT[f.name]) : "";
    set.append(el("div", { class: "field", "data-field": fp },
      el("label", { class: "label", for: input.id }, LABEL[f.name] || f.label),
      el("div", { class: "inputs" }, input, unit),
      errorSlot(fp)));
  }
  set.append(errorSlot(p));
  return set;
}

function option(value, label, selected) {
  return el("option", { value, selected: selected === value }, label);
}

// A value the choices don't hold (from an uploaded file) stays visible as it was, for the server to name.
function keep(select, v) {
  if (v && ![...select.options].some((o) => o.value === v)) select.append(option(v, v, v));
  return select;
}

// The input for one field of a record: a choice where the value is an id, a text box otherwise.
function editor(def, f, path, value) {
  const v = String(value);
  if (f.name === "area") {
    return keep(el("select", {}, option("", "请选择", v), def.areas.map((a) => option(a.id, a.label, v))), v);
  }
  if (f.name === "status") {
    return keep(el("select", {}, option("", "（不写）", v), def.statuses.map((s) => option(s, s, v))), v);
  }
  if (f.name === "figure") {
    return keep(el("select", {}, option("", "（不引用数字）", v),
      def.groups.map((g) => el("optgroup", { label: g.label }, g.fields.map((x) => option(x.path, x.label, v))))), v);
  }
  if (f.name === "problem") {
    const select = el("select", { "data-plan-problem": "" }, option("", "请选择", v));
    select.dataset.value = v;
    select.addEventListener("focus", () => refreshPlans(select.closest("form") || document));
    return select;
  }
  const number = f.name in UNIT;
  const input = el("input", { type: "text", class: number ? "" : "wide", inputmode: number ? "decimal" : "text",
    placeholder: PLACEHOLDER[f.name] || "" });
  input.value = v;
  return input;
}

// The 对应的问题 choices of every plan: the problems listed now (by number and opening words) and the areas.
function refreshPlans(root) {
  const problems = [...root.querySelectorAll('[data-list="problems"] > .record')].map((r) => {
    const text = r.querySelector('[data-path$=".text"]')?.value.trim() || "";
    return text.length > 14 ? `${text.slice(0, 14)}…` : text;
  });
  const areas = defs.get("problems")?.areas || [];
  for (const select of root.querySelectorAll("[data-plan-problem]")) {
    const v = select.value || select.dataset.value || "";
    const numbers = problems.map((t, i) => option(String(i + 1), `第 ${i + 1} 条问题${t ? `：${t}` : ""}`, v));
    if (/^\d+$/.test(v) && Number(v) > problems.length) numbers.push(option(v, `第 ${v} 条问题（未列出）`, v));
    select.replaceChildren(option("", "请选择", v), ...numbers,
      el("optgroup", { label: "或按方面" }, areas.map((a) => option(a.id, `${a.label}方面的问题`, v))));
    select.value = v;
    select.dataset.value = v;
  }
}

// --- reading and filling -----------------------------------------------------------------------

function rawItems(rows) {
  const def = defs.get(rows.dataset.list);
  if (def.item === "text") return [...rows.querySelectorAll(":scope > .item input")].map((i) => i.value);
  return [...rows.querySelectorAll(":scope > .record")].map((r) => {
    const out = {};
    for (const f of def.fields) out[f.name] = r.querySelector(`[data-path$="].${f.name}"]`)?.value ?? "";
    return out;
  });
}

// The lists as typed (raw text), to save and restore without loss.
export function readFactsRaw(container) {
  const out = {};
  for (const rows of container.querySelectorAll("[data-list]")) out[rows.dataset.list] = rawItems(rows);
  return out;
}

export function fillFactsRaw(container, facts) {
  for (const rows of container.querySelectorAll("[data-list]")) {
    const items = (facts || {})[rows.dataset.list];
    renderRows(rows, Array.isArray(items) ? items : []);
  }
}

export function hasFacts(facts) {
  return Object.values(facts || {}).some((items) =>
    items.some((i) => (typeof i === "string" ? i.trim() : Object.values(i).some((v) => String(v).trim()))));
}

// A record field's value for the spec: numbers and dates read as the figures are; empty → left out.
function value(name, raw) {
  const text = String(raw ?? "").trim();
  if (!text) return undefined;
  if (name in UNIT) return toValue(text, UNIT[name]);
  if (name === "deadline") return toDate(text);
  if (name === "problem") return /^\d+$/.test(text) ? Number(text) : text;
  return text;
}

// Put the lists into the spec: practices under their groups, the rest at the top; empty rows are left out.
export function readFacts(container, spec) {
  for (const [path, items] of Object.entries(readFactsRaw(container))) {
    const def = defs.get(path);
    if (def.item === "text") {
      const notes = items.map((t) => t.trim()).filter(Boolean);
      if (notes.length) (spec[path.split(".")[0]] ??= {}).practices = notes;
      continue;
    }
    const records = items
      .map((item) => Object.fromEntries(def.fields.map((f) => [f.name, value(f.name, item[f.name])]).filter(([, v]) => v !== undefined)))
      .filter((r) => Object.keys(r).length);
    if (records.length) spec[path] = records;
  }
}

// Spec data (an uploaded file) as the raw lists the form shows.
export function factsFromSpec(spec, schema) {
  const out = {};
  const text = (v) => (v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  for (const g of schema.groups) {
    const notes = spec && spec[g.id] && spec[g.id].practices;
    out[`${g.id}.practices`] = Array.isArray(notes) ? notes.map(text) : [];
  }
  for (const [name, def] of Object.entries(schema.lists || {})) {
    if (def.where !== "top" || def.item === "single") continue;
    const items = spec && Array.isArray(spec[name]) ? spec[name] : [];
    out[name] = items.map((item) => Object.fromEntries(def.fields.map((f) => [f.name, text(item && item[f.name])])));
  }
  return out;
}
