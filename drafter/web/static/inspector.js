// The edit tab's side panel: the selected sentence's slot and variants, and polishing of its paragraph.

import { postJSON } from "./api.js";
import { el } from "./dom.js";
import { paragraphs, sentences, templateText } from "./draft.js";
import { zhError } from "./zh.js";

const STATUS = {
  accepted: ["ok", "✓ 守卫通过，已采用润色稿"],
  cached: ["ok", "✓ 守卫通过，已采用润色稿（取自缓存）"],
  rejected: ["no", "✗ 守卫未通过，保留模板原文"],
  skipped: ["off", "未润色"],
};
const REASONS = { placeholder: "本段含待补充的数据，补齐后才能润色", "reverted by editor": "已由您还原为模板原文" };

let variantsRequest = 0;

// The selected sentence: slot id, figures it used, and every variant rendered with the current figures.
// The own-wording box: the sentence's text to edit; the server checks it keeps the slot's figures.
function ownWording(s, state, onOwn, onPick) {
  const text = el("textarea", { id: "own-text", rows: 3, "aria-describedby": "own-help" });
  text.value = s.custom != null ? s.custom : s.text;
  const err = el("p", { id: "own-err", class: "err", role: "alert", hidden: true });
  const use = el("button", { type: "submit", class: "primary" }, "使用这段文字");
  const form = el("form", { class: "own", "data-slot": s.slot },
    el("label", { for: "own-text" }, "自己的措辞"),
    el("p", { id: "own-help", class: "note" }, "可在原句上改写；原句中的数字、名称须保留（改了数据后需重新检查）。"),
    text, err, el("div", { class: "toolbar" }, use));
  if (s.custom != null) {
    const back = el("button", { type: "button", id: "own-drop" }, "改回可选措辞");
    back.addEventListener("click", () => onPick(s.slot, null));
    form.querySelector(".toolbar").append(back);
  }
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    use.disabled = true;
    const problem = await onOwn(s.slot, text.value);
    use.disabled = false;
    err.hidden = !problem;
    err.textContent = problem || "";
    if (problem) {
      text.setAttribute("aria-invalid", "true");
      text.setAttribute("aria-describedby", "own-help own-err");
      text.focus();
    } else {
      text.removeAttribute("aria-invalid");
      text.setAttribute("aria-describedby", "own-help");
    }
  });
  return form;
}

export async function renderSlotPanel(panel, state, onPick, onOwn) {
  const item = state.doc && state.selected != null ? sentences(state.doc)[state.selected] : null;
  if (!item || !item.s.slot) {
    panel.replaceChildren(el("p", { class: "hint" }, "在左侧草稿中点击一句话，这里会列出同一位置的其他措辞。"));
    return;
  }
  const s = item.s;
  const where = item.para ? `第 ${item.para} 段` : "标题";
  const current = s.custom != null ? "自己的措辞" : "可选措辞之一";
  const figures = (s.figures || []).filter((f) => !f.name.startsWith("org."));
  const list = el("ol", { class: "variants", "aria-label": "可选措辞" }, el("li", { class: "hint" }, "正在用当前数据生成各种措辞…"));
  // Slot ids, variant numbers and formulas are for the developer: behind 详情.
  const details = el("details", { class: "details", id: "slot-details" }, el("summary", {}, "详情"),
    el("p", {}, "槽位 ", el("code", { "data-current-slot": s.slot }, s.slot), s.custom == null ? ` · 第 ${s.variant} 种措辞` : ""),
    figures.length
      ? el("ul", { class: "figures" }, figures.map((f) => el("li", {}, `${f.name} = ${f.text}`, f.derivation ? `（${f.derivation}）` : "")))
      : "");
  panel.replaceChildren(
    el("h3", {}, "所选句子"),
    el("p", { class: "meta" }, `${item.section.number || ""}${where} · 当前：${current}`, s.slot in state.picks ? " · 已手动选定" : ""),
    details,
    el("h4", { class: "sub" }, "可换用的措辞"),
    list,
    ownWording(s, state, onOwn, onPick),
  );
  const id = ++variantsRequest;
  let views;
  try {
    views = await postJSON(`/api/variants/${encodeURIComponent(s.slot)}`, { spec: state.spec });
  } catch (e) {
    if (id === variantsRequest) list.replaceChildren(el("li", { class: "problems" }, zhError(e)));
    return;
  }
  if (id !== variantsRequest) return;
  const view = views.find((v) => v.id === s.slot);
  if (view && view.note) panel.querySelector(".meta").append(` · ${view.note}`);
  // Variants written for other figures (none held, no change, a zero…) would state something untrue here: they
  // are folded away, shown for reference but not offered.
  const variantItem = (v) => {
    const isCurrent = s.custom == null && v.index === s.variant;
    const usable = v.enabled && (v.fits || isCurrent);
    const cls = ["variant", isCurrent ? "current" : "", usable ? "" : "disabled"].filter(Boolean).join(" ");
    const label = isCurrent ? "" : !v.enabled ? "已停用" : usable ? "使用" : "不适用";
    const use = el("button", { type: "button", class: "use", disabled: isCurrent || !usable, "data-index": v.index }, label);
    use.addEventListener("click", () => onPick(s.slot, v.index));
    return el("li", { class: cls, "data-index": v.index, "data-fits": String(v.fits) }, el("span", { class: "text" }, v.text), use);
  };
  const fitting = view.variants.filter((v) => v.fits || (s.custom == null && v.index === s.variant));
  const other = view.variants.filter((v) => !fitting.includes(v));
  list.replaceChildren(...fitting.map(variantItem));
  if (other.length) {
    list.after(el("details", { class: "details other-variants" },
      el("summary", {}, `其他情形的说法 ${other.length} 种（与当前数据不符，不能选用）`),
      el("ol", { class: "variants" }, other.map(variantItem))));
  }
}

function verdict(p) {
  if (!p.polish) return null;
  const [cls, label] = STATUS[p.polish.status] || ["off", p.polish.status];
  const reason = p.polish.reason ? REASONS[p.polish.reason] || p.polish.reason : "";
  return el("div", { class: `verdict ${cls}`, "data-status": p.polish.status },
    el("strong", {}, label), p.polish.model ? `（${p.polish.model}）` : "", reason ? el("div", {}, reason) : "");
}

// Polishing the selected paragraph: the button, the guard's verdict, and a one-click revert.
export function renderPolishPanel(panel, state, { onPolish, onRevert }) {
  const number = state.selectedPara;
  if (!state.doc || !number) {
    panel.replaceChildren();
    return;
  }
  const p = paragraphs(state.doc)[number - 1];
  const box = el("section", { class: "polish", "data-para": number }, el("h4", {}, `润色第 ${number} 段`));
  if (!state.polish.available) {
    box.append(el("p", { class: "note", id: "polish-unavailable" },
      "未配置语言模型，润色不可用。在 drafter.toml 的 [llm] 中设置 model（如 openai:qwen2.5-7b-instruct）后重新运行 drafter serve。",
      state.polish.note ? el("details", { class: "details" }, el("summary", {}, "详情"), state.polish.note) : ""));
    panel.replaceChildren(box);
    return;
  }
  const polished = p.polish && p.polish.text != null;
  const polishButton = el("button", { type: "button", class: "primary", id: "polish-button" }, polished ? "重新润色" : "润色本段");
  polishButton.addEventListener("click", () => onPolish(number, polishButton));
  box.append(el("div", { class: "toolbar" }, polishButton, el("span", { class: "note" }, `模型：${state.polish.model}`)));
  const v = verdict(p);
  if (v) box.append(v);
  if (polished) {
    const revert = el("button", { type: "button", id: "revert-button" }, "还原为模板原文");
    revert.addEventListener("click", () => onRevert(number));
    box.append(el("p", { class: "note" }, "润色稿："), el("blockquote", {}, p.polish.text),
      el("p", { class: "note" }, "模板原文："), el("blockquote", {}, templateText(p)), revert);
  } else if (p.polish && p.polish.candidate) {
    box.append(el("p", { class: "note" }, "未采用的改写（仅供参考）："), el("blockquote", {}, p.polish.candidate));
  }
  panel.replaceChildren(box);
}
