// The figures form, generated from a kind's schema (GET /api/schema/{kind}); reads and fills a spec object.

import { el } from "./dom.js";
import { zhProblem } from "./zh.js";

import { toDate, toValue } from "./values.js";
import {
  buildPractices, buildSingles, buildTopLists, factsFromSpec, fillFactsRaw, fillSingles, hasFacts, readFacts, readFactsRaw,
  readSingles,
} from "./lists.js";

export { chineseNumber, toDate, toValue } from "./values.js";

function textInput(path, extra = {}) {
  return el("input", { type: "text", "data-path": path, inputmode: "decimal", ...extra });
}

const idFor = (path) => "f-" + path.replace(/[^\w-]/g, "_");

function errorSlot(path) {
  return el("small", { class: "err", id: `err-${idFor(path)}`, "data-err-for": path, hidden: true });
}

// --- field editors by schema type -------------------------------------------------------------
// The unit's own lists (practices, cases, problems, plans) come from the schema's `lists` and are built in
// lists.js; a figure type this page doesn't know is shown as such, never faked with a plain text box.
const KNOWN_TYPES = ["count", "amount", "titles"]; // drafter/bank/kinds.py FIGURE_TYPES

function unknownEditor(f) {
  return el("p", { class: "note", "data-unsupported": f.type },
    `这一项（${f.type}）暂不能在表单中填写：请在数据文件中填写后上传。`);
}

// An optional figure (kind.yaml `optional: true`) is said only when given: left empty, the draft leaves it out
// (no 【待补充】); a compared one needs both years or neither.
function figureRow(f) {
  const label = el("span", { class: "label" }, f.label,
    f.optional ? el("small", { class: "optional" }, f.compare ? "可选：两年都填或都不填" : "可选") : "");
  const opt = f.optional ? "（可选）" : "";
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
          textInput(`${f.path}.${key}`, { "aria-label": `${f.label}（${cap}）${opt}` }),
          el("span", { class: "unit" }, f.unit)),
      );
    }
  } else {
    inputs.append(textInput(f.path, { "aria-label": `${f.label}${opt}` }), el("span", { class: "unit" }, f.unit));
  }
  return el("div", { class: "field", "data-field": f.path, "data-optional": f.optional ? "" : null }, label, inputs,
    errorSlot(f.path));
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

// The year, and under it what the year data says a report on that year studies (filled in by the page).
function yearRow(row) {
  const field = row("year", "年度", textInput("year", { placeholder: "如 2025" }));
  const input = field.querySelector("input");
  input.setAttribute("aria-describedby", "year-facts");
  field.append(el("p", { class: "note year-facts", id: "year-facts", "data-year-facts": "" }));
  return field;
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
    yearRow(row),
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
  container.replaceChildren(orgFieldset(schema), ...buildSingles(schema));
  const practices = schema.lists && schema.lists.practices;
  for (const g of schema.groups) {
    const set = el("fieldset", { "data-group": g.id }, el("legend", {}, g.label));
    if (g.id === "campaign") set.append(el("p", { class: "note campaign-note", id: "campaign-note" }));
    for (const f of g.fields) set.append(figureRow(f));
    if (practices) set.append(buildPractices(g.id, g.label, practices));
    container.append(set);
  }
  buildTopLists(container, schema);
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
  readSingles(container, schema, spec);
  readFacts(container, spec);
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
  fillSingles(container, schema, spec || {});
  fillFactsRaw(container, factsFromSpec(spec || {}, schema));
}

// The form as typed (raw text, invalid entries included), to save and restore without loss.
export function readRaw(container) {
  const values = {};
  const lists = {};
  container.querySelectorAll("[data-path]").forEach((input) => {
    if (!input.closest("[data-titles], [data-list]")) values[input.dataset.path] = input.value;
  });
  container.querySelectorAll("[data-titles]").forEach((list) => {
    lists[list.dataset.titles] = [...list.querySelectorAll(".item input")].map((i) => i.value);
  });
  return { values, lists, facts: readFactsRaw(container) };
}

export function fillRaw(container, raw) {
  const values = (raw && raw.values) || {};
  const lists = (raw && raw.lists) || {};
  container.querySelectorAll("[data-path]").forEach((input) => {
    if (input.closest("[data-titles], [data-list]")) return;
    const v = values[input.dataset.path];
    if (input.tagName === "SELECT") {
      input.value = v && [...input.options].some((o) => o.value === v) ? v : input.options[0]?.value ?? "";
    } else input.value = v ?? "";
  });
  container.querySelectorAll("[data-titles]").forEach((list) => {
    list.querySelectorAll(".item").forEach((i) => i.remove());
    for (const t of lists[list.dataset.titles] || []) addTitle(list, list.dataset.titles, t);
  });
  fillFactsRaw(container, (raw && raw.facts) || {});
}

// Whether anything was typed (the level select alone doesn't count).
export function hasTypedData(raw) {
  return Object.entries(raw.values).some(([k, v]) => k !== "organisation.level" && v.trim()) ||
    Object.values(raw.lists).some((l) => l.some((t) => t.trim())) || hasFacts(raw.facts);
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
  for (const problem of problems) {
    // a union's member tag (plans[0].problem.constrained-int) is the validator's, not a field of the spec
    const p = { ...problem, path: problem.path.replace(/\.[a-z]+-[\w-]+$/, "") };
    const input = container.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
    let path = p.path;
    let field = null;
    while (path && !(field = container.querySelector(`[data-field="${CSS.escape(path)}"]`))) path = parentPath(path);
    if (!field) { rest.push(problem); continue; }
    const slot = field.querySelector(":scope > .err");
    const target = input || field.querySelector("input, select");
    if (target) {
      target.classList.add("invalid");
      target.setAttribute("aria-invalid", "true");
      const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!described.includes(slot.id)) target.setAttribute("aria-describedby", [...described, slot.id].join(" "));
    }
    const which = { current: "本年：", previous: "上年：" }[p.path.split(".").at(-1)];
    const prefix = which || (input || p.path === path ? "" : `${p.path.slice(path.length + 1)}：`);
    const text = prefix + zhProblem(p);
    slot.textContent = slot.textContent ? `${slot.textContent}；${text}` : text;
    slot.title = slot.title ? `${slot.title}; ${p.message}` : p.message; // the server's own words, on hover
    slot.hidden = false;
  }
  return rest;
}
