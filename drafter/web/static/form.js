// The figures form, generated from a kind's schema (GET /api/schema/{kind}); reads and fills a spec object.

import { el } from "./dom.js";
import { zh } from "./zh.js";

// Full-width digits and separators typed with a Chinese input method count as ASCII ones.
function normalise(raw) {
  return raw
    .trim()
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，]/g, "");
}

const DIGITS = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS = { 十: 10, 百: 100, 千: 1000 };

// A Chinese numeral read as a number when it is unambiguous: 八十六 → 86, 一百零二 → 102, 一万二千 → 12000,
// and digit by digit when it has a 〇 (二〇二五 → 2025). Anything else (两千多, 二五) → null.
export function chineseNumber(text) {
  if (!/^[〇零一二两三四五六七八九十百千万]+$/.test(text)) return null;
  if (!/[十百千万]/.test(text)) {
    if (text.length === 1) return DIGITS[text];
    return text.includes("〇") && !text.includes("两") ? Number([...text].map((c) => DIGITS[c]).join("")) : null;
  }
  if (/〇/.test(text)) return null;
  let total = 0;
  let section = 0;
  let num = null;
  for (const c of text) {
    if (c in DIGITS) {
      if (num !== null && num !== 0 && DIGITS[c] !== 0) return null; // 八六十: two digits in a row
      num = DIGITS[c];
    } else if (c === "万") {
      total += (section + (num ?? 0)) * 10000;
      section = 0;
      num = null;
    } else {
      section += (num || 1) * UNITS[c];
      num = null;
    }
  }
  return total + section + (num ?? 0);
}

// A number when the text is one (digits, full-width digits, or an unambiguous Chinese numeral, with the
// field's unit or 年 after it allowed); otherwise the text itself, so the server can say what is wrong with it.
export function toValue(raw, unit = "") {
  let text = normalise(raw);
  if (text === "") return undefined;
  for (const u of [unit, "年"]) if (u && text.endsWith(u) && text.length > u.length) text = text.slice(0, -u.length).trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const zh = chineseNumber(text);
  return zh === null ? raw.trim() : zh;
}

// A date typed the Chinese way as ISO text: 2026年1月16日, 二〇二六年一月十六日, 2026.1.16, 2026/1/16 → 2026-01-16.
// Anything else is passed on as typed, for the server to explain.
export function toDate(raw) {
  const text = normalise(raw).replace(/\s+/g, "");
  const part = "(\\d{1,4}|[〇零一二三四五六七八九十]+)";
  const m = new RegExp(`^${part}[年./-]${part}[月./-]${part}日?$`).exec(text);
  if (!m) return raw.trim();
  const [y, mo, d] = m.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : chineseNumber(p)));
  if (y === null || mo === null || d === null || y < 1000) return raw.trim();
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function textInput(path, extra = {}) {
  return el("input", { type: "text", "data-path": path, inputmode: "decimal", ...extra });
}

const idFor = (path) => "f-" + path.replace(/[^\w-]/g, "_");

function errorSlot(path) {
  return el("small", { class: "err", id: `err-${idFor(path)}`, "data-err-for": path, hidden: true });
}

// --- field editors by schema type -------------------------------------------------------------
// TODO(issue 13): list-of-text fields (e.g. practices: 特色做法, one paragraph each) and list-of-record fields
// (e.g. cases: 典型案例 {单位, 问题, 处理}; problems: 存在问题 {问题, 原因, 措施}) are coming to the kind schema.
// They belong here, chosen by f.type as /api/schema reports it: a repeating <textarea> list (like titlesEditor
// below, with add/remove/reorder) for text lists, and a repeating fieldset per record built from the record's
// own field list in the schema. readSpec/fillForm/readRaw/fillRaw each need the matching branch. Until the schema
// carries them, a type this page doesn't know is shown as such, never faked with a plain text box.
const KNOWN_TYPES = ["count", "amount", "titles"]; // drafter/bank/kinds.py FIGURE_TYPES

function unknownEditor(f) {
  return el("p", { class: "note", "data-unsupported": f.type },
    `这一项（${f.type}）暂不能在表单中填写：请在数据文件中填写后上传。`);
}

function figureRow(f) {
  const label = el("span", { class: "label" }, f.label);
  const inputs = el("div", { class: "inputs" });
  if (!KNOWN_TYPES.includes(f.type)) {
    inputs.append(unknownEditor(f));
  } else if (f.type === "titles") {
    inputs.append(titlesEditor(f));
  } else if (f.compare) {
    for (const [key, cap] of [["current", "本年"], ["previous", "上年"]]) {
      inputs.append(
        el("span", { class: "pair" },
          el("span", { class: "cap" }, cap),
          textInput(`${f.path}.${key}`, { "aria-label": `${f.label}（${cap}）` }),
          el("span", { class: "unit" }, f.unit)),
      );
    }
  } else {
    inputs.append(textInput(f.path, { "aria-label": f.label }), el("span", { class: "unit" }, f.unit));
  }
  return el("div", { class: "field", "data-field": f.path }, label, inputs, errorSlot(f.path));
}

function titlesEditor(f) {
  const list = el("div", { class: "titles", "data-titles": f.path });
  const add = el("button", { type: "button", class: "add" }, "＋ 添加一项");
  add.addEventListener("click", () => {
    addTitle(list, f.path, "");
    list.querySelector(".item:last-of-type input")?.focus();
  });
  list.append(add);
  return list;
}

function renumber(list, path) {
  list.querySelectorAll(".item input").forEach((input, i) => {
    input.dataset.path = `${path}[${i}]`;
  });
}

function addTitle(list, path, value) {
  const input = el("input", { type: "text", class: "wide", "aria-label": "制度名称" });
  input.value = value;
  const remove = el("button", { type: "button", "aria-label": "删除此项", title: "删除此项" }, "×");
  const item = el("div", { class: "item" }, "《", input, "》", remove);
  remove.addEventListener("click", () => {
    item.remove();
    renumber(list, path);
    list.dispatchEvent(new Event("input", { bubbles: true }));
  });
  list.insertBefore(item, list.querySelector("button.add"));
  renumber(list, path);
}

function orgFieldset(schema) {
  const level = el("select", { "data-path": "organisation.level", "aria-label": "单位层级" });
  for (const l of schema.levels) level.append(el("option", { value: l.id }, l.label));
  // Each input named by its <label> (not by its placeholder); the hint describes it.
  const row = (path, label, input, hint) => {
    input.id = idFor(path);
    if (hint) input.setAttribute("aria-describedby", `hint-${idFor(path)}`);
    return el("div", { class: "field", "data-field": path },
      el("label", { class: "label", for: input.id }, label, hint ? el("small", { id: `hint-${idFor(path)}` }, hint) : ""),
      el("div", { class: "inputs" }, input),
      errorSlot(path));
  };
  return el("fieldset", { id: "org" },
    el("legend", {}, "单位和年度"),
    row("organisation.name", "单位名称", el("input", { type: "text", class: "wide", "data-path": "organisation.name", placeholder: "如 青山县" })),
    row("organisation.level", "单位层级", level, "决定“县委”“局党组”等称谓"),
    row("year", "年度", textInput("year", { placeholder: "如 2025" })),
    row("organisation.issuer", "落款单位", el("input", { type: "text", class: "wide", "data-path": "organisation.issuer", placeholder: "可选" })),
    row("organisation.superior", "上级党组织", el("input", { type: "text", "data-path": "organisation.superior", placeholder: "如 市委（可选）" }),
      "不填按层级：县→市委，乡镇、部门→县委"),
    row("organisation.date", "成文日期", el("input", { type: "text", "data-path": "organisation.date", placeholder: "如 2026年1月16日（可选）" })),
    schema.recipient === "none" ? "" : row("organisation.recipient", "主送机关",
      el("input", { type: "text", class: "wide", "data-path": "organisation.recipient",
        placeholder: schema.recipient === "required" ? "如 县纪委监委" : "如 县纪委监委（可选）" }),
      "标题下顶格，后加冒号"));
}

export function buildForm(container, schema) {
  container.replaceChildren(orgFieldset(schema));
  for (const g of schema.groups) {
    const set = el("fieldset", { "data-group": g.id }, el("legend", {}, g.label));
    for (const f of g.fields) set.append(figureRow(f));
    container.append(set);
  }
}

function set(obj, keys, value) {
  if (value === undefined) return;
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

// The spec the form describes: empty fields are left out (the draft shows 【待补充：…】 for them).
export function readSpec(container, kind, schema) {
  const spec = { kind, organisation: {} };
  const val = (path) => container.querySelector(`[data-path="${path}"]`)?.value ?? "";
  for (const key of ["name", "issuer", "superior", "date", "recipient"]) {
    const v = val(`organisation.${key}`).trim();
    if (v) spec.organisation[key] = key === "date" ? toDate(v) : v;
  }
  spec.organisation.level = val("organisation.level");
  set(spec, ["year"], toValue(val("year")));
  for (const g of schema.groups) {
    for (const f of g.fields) {
      const keys = [g.id, f.name];
      if (!KNOWN_TYPES.includes(f.type)) {
        continue; // not editable here yet (see the TODO above figureRow)
      } else if (f.type === "titles") {
        const items = [...container.querySelectorAll(`[data-titles="${f.path}"] .item input`)]
          .map((i) => i.value.trim().replace(/^《|》$/g, ""))
          .filter(Boolean);
        if (items.length) set(spec, keys, items);
      } else if (f.compare) {
        const pair = {};
        set(pair, ["current"], toValue(val(`${f.path}.current`), f.unit));
        set(pair, ["previous"], toValue(val(`${f.path}.previous`), f.unit));
        if (Object.keys(pair).length) set(spec, keys, pair);
      } else {
        set(spec, keys, toValue(val(f.path), f.unit));
      }
    }
  }
  return spec;
}

function put(container, path, value) {
  const input = container.querySelector(`[data-path="${path}"]`);
  if (input) input.value = value === undefined || value === null ? "" : String(value);
}

// Fill the form from spec data (an uploaded file or the samples); fields the spec lacks are emptied.
export function fillForm(container, schema, spec) {
  const org = (spec && spec.organisation) || {};
  for (const key of ["name", "issuer", "superior", "date", "recipient"]) put(container, `organisation.${key}`, org[key]);
  if (org.level && schema.levels.some((l) => l.id === org.level)) put(container, "organisation.level", org.level);
  put(container, "year", spec.year);
  for (const g of schema.groups) {
    const group = (spec && spec[g.id]) || {};
    for (const f of g.fields) {
      const value = group[f.name];
      if (!KNOWN_TYPES.includes(f.type)) {
        continue;
      } else if (f.type === "titles") {
        const list = container.querySelector(`[data-titles="${f.path}"]`);
        list.querySelectorAll(".item").forEach((i) => i.remove());
        for (const t of Array.isArray(value) ? value : []) addTitle(list, f.path, t);
      } else if (f.compare) {
        const pair = value && typeof value === "object" ? value : {};
        put(container, `${f.path}.current`, pair.current);
        put(container, `${f.path}.previous`, pair.previous);
      } else {
        put(container, f.path, value);
      }
    }
  }
}

// The form as typed (raw text, invalid entries included), to save and restore without loss.
export function readRaw(container) {
  const values = {};
  const lists = {};
  container.querySelectorAll("[data-path]").forEach((input) => {
    if (!input.closest("[data-titles]")) values[input.dataset.path] = input.value;
  });
  container.querySelectorAll("[data-titles]").forEach((list) => {
    lists[list.dataset.titles] = [...list.querySelectorAll(".item input")].map((i) => i.value);
  });
  return { values, lists };
}

export function fillRaw(container, raw) {
  const values = (raw && raw.values) || {};
  const lists = (raw && raw.lists) || {};
  container.querySelectorAll("[data-path]").forEach((input) => {
    if (input.closest("[data-titles]")) return;
    const v = values[input.dataset.path];
    if (input.tagName === "SELECT") {
      input.value = v && [...input.options].some((o) => o.value === v) ? v : input.options[0]?.value ?? "";
    } else input.value = v ?? "";
  });
  container.querySelectorAll("[data-titles]").forEach((list) => {
    list.querySelectorAll(".item").forEach((i) => i.remove());
    for (const t of lists[list.dataset.titles] || []) addTitle(list, list.dataset.titles, t);
  });
}

// Whether anything was typed (the level select alone doesn't count).
export function hasTypedData(raw) {
  return Object.entries(raw.values).some(([k, v]) => k !== "organisation.level" && v.trim()) ||
    Object.values(raw.lists).some((l) => l.some((t) => t.trim()));
}

// The kind's sample figures as spec data, for the “填入样例数据” button.
export function sampleSpec(schema) {
  const spec = {
    kind: schema.id,
    organisation: { name: "青山县", level: schema.levels[0].id, issuer: "中共青山县委员会", date: "2026-01-16" },
    year: 2025,
  };
  for (const g of schema.groups) {
    spec[g.id] = {};
    for (const f of g.fields) {
      spec[g.id][f.name] = f.compare ? { current: f.sample[0], previous: f.sample[1] } : f.sample;
    }
  }
  return spec;
}

// meetings.count.previous → meetings.count; institutions.titles[2] → institutions.titles
function parentPath(path) {
  const m = /^(.*?)(\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1] : "";
}

export function clearProblems(container) {
  container.querySelectorAll(".invalid").forEach((i) => {
    i.classList.remove("invalid");
    i.removeAttribute("aria-invalid");
    const described = (i.getAttribute("aria-describedby") || "").split(" ").filter((d) => d && !d.startsWith("err-"));
    if (described.length) i.setAttribute("aria-describedby", described.join(" "));
    else i.removeAttribute("aria-describedby");
  });
  container.querySelectorAll(".err").forEach((e) => {
    e.hidden = true;
    e.textContent = "";
    e.title = "";
  });
}

// Show each problem at its field (paths as the server gives them, e.g. meetings.count.previous);
// returns the problems no field could take, for the list at the top of the form.
export function showProblems(container, problems) {
  clearProblems(container);
  const rest = [];
  for (const p of problems) {
    const input = container.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
    let path = p.path;
    let field = null;
    while (path && !(field = container.querySelector(`[data-field="${CSS.escape(path)}"]`))) path = parentPath(path);
    if (!field) { rest.push(p); continue; }
    const slot = field.querySelector(".err");
    const target = input || field.querySelector("input, select");
    if (target) {
      target.classList.add("invalid");
      target.setAttribute("aria-invalid", "true");
      const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!described.includes(slot.id)) target.setAttribute("aria-describedby", [...described, slot.id].join(" "));
    }
    const which = { current: "本年：", previous: "上年：" }[p.path.split(".").at(-1)];
    const prefix = which || (input || p.path === path ? "" : `${p.path.slice(path.length + 1)}：`);
    const text = prefix + zh(p.message);
    slot.textContent = slot.textContent ? `${slot.textContent}；${text}` : text;
    slot.title = slot.title ? `${slot.title}; ${p.message}` : p.message; // the server's own words, on hover
    slot.hidden = false;
  }
  return rest;
}
