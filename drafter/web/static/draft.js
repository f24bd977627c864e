// The document JSON (the same model `drafter draft --format json` writes): helpers and rendering.

import { el, withPlaceholders } from "./dom.js";

export const fullText = (s) => (s.prefix || "") + s.text;

// Every sentence in reading order (headings included), with its 1-based paragraph number (0 for headings).
export function sentences(doc) {
  const out = [];
  let para = 0;
  for (const section of doc.sections) {
    if (section.heading) out.push({ s: section.heading, section, para: 0 });
    for (const paragraph of section.paragraphs) {
      para += 1;
      for (const s of paragraph.sentences) out.push({ s, section, para, paragraph });
    }
  }
  return out;
}

export function paragraphs(doc) {
  return doc.sections.flatMap((s) => s.paragraphs);
}

export function templateText(p) {
  return p.sentences.map(fullText).join("");
}

export function paragraphText(p) {
  return p.polish && p.polish.text != null ? p.polish.text : templateText(p);
}

// Slot → variant (or the editor's own text) for every sentence: what the choices file records.
export function choicesOf(doc) {
  const out = {};
  if (!doc) return out;
  for (const { s } of sentences(doc)) {
    if (!s.slot) continue;
    if (s.custom != null) out[s.slot] = s.custom;
    else if (s.variant != null) out[s.slot] = s.variant;
  }
  return out;
}

// A redraft keeps a paragraph's polish when the paragraph's template text didn't change.
export function carryPolish(before, after) {
  const a = paragraphs(before);
  const b = paragraphs(after);
  if (a.length !== b.length) return;
  a.forEach((p, i) => {
    if (p.polish && templateText(p) === templateText(b[i])) b[i].polish = p.polish;
  });
}

// The 主送机关 line as printed: flush left, a full-width colon after it (Document.recipient_line).
function recipientLine(recipient) {
  return recipient.replace(/[：:]+$/, "") + "：";
}

// The draft as plain text, one paragraph per line (as Document.to_text writes it), for the review tab.
export function toText(doc) {
  const lines = [doc.title, ""];
  if (doc.recipient) lines.push(recipientLine(doc.recipient));
  for (const section of doc.sections) {
    if (section.heading) lines.push(section.number + fullText(section.heading));
    for (const p of section.paragraphs) lines.push("\u3000\u3000" + paragraphText(p));
  }
  if (doc.signature && doc.signature.length) lines.push("", ...doc.signature);
  return lines.join("\n") + "\n";
}

function sentenceNode(s, index, opts) {
  const classes = ["s"];
  if (s.slot && index === opts.selected) classes.push("selected");
  if (s.slot && opts.picked && s.slot in opts.picked) classes.push("picked");
  if (s.custom != null) classes.push("custom");
  if (opts.changed && opts.changed.has(index)) classes.push("changed");
  const attrs = { class: classes.join(" "), "data-i": index };
  // One tab stop for the whole draft (roving tabindex): the selected sentence, else the first.
  if (s.slot) Object.assign(attrs, { "data-slot": s.slot, tabindex: -1, role: "button", title: s.custom != null ? "自己的措辞：点击修改" : "点击更换措辞" });
  return el("span", attrs, withPlaceholders(fullText(s)));
}

// Render doc into container. opts: selected (sentence index), selectedPara, picked (slot map),
// onSentence(index), onParagraph(number).
export function renderDraft(container, doc, opts = {}) {
  container.replaceChildren();
  if (!doc) {
    container.append(el("p", { class: "empty" }, "填写左侧的数据，草稿会出现在这里。"));
    return;
  }
  // The title broken where the printed copy breaks it (title_lines from the server), each line centred.
  const titleLines = Array.isArray(doc.title_lines) && doc.title_lines.join("") === doc.title ? doc.title_lines : [doc.title];
  container.append(el("h2", {}, titleLines.map((line) => el("span", { class: "title-line" }, withPlaceholders(line)))));
  if (doc.recipient) container.append(el("p", { class: "recipient" }, withPlaceholders(recipientLine(doc.recipient))));
  let index = 0;
  let number = 0;
  for (const section of doc.sections) {
    if (section.heading) {
      container.append(el("h3", {}, section.number, sentenceNode(section.heading, index, opts)));
      index += 1;
    }
    for (const p of section.paragraphs) {
      number += 1;
      const classes = [];
      if (number === opts.selectedPara) classes.push("selected-para");
      if (p.polish && p.polish.text != null) {
        classes.push("polished");
        container.append(el("p", { class: classes.join(" "), "data-para": number, tabindex: -1, role: "button" }, p.polish.text));
        index += p.sentences.length;
        continue;
      }
      if (p.polish && p.polish.status === "rejected") classes.push("rejected");
      const node = el("p", { class: classes.join(" "), "data-para": number });
      for (const s of p.sentences) node.append(sentenceNode(s, index++, opts));
      container.append(node);
    }
  }
  if (doc.signature && doc.signature.length) {
    container.append(el("div", { class: "signature" }, doc.signature.map((line) => el("div", {}, line))));
  }
  const items = stops(container);
  const current = container.querySelector(".s.selected") || items[0];
  if (current) current.tabIndex = 0;
}

const stops = (container) => [...container.querySelectorAll(".s[data-slot], p.polished")];

// Arrow keys move through the sentences as one composite widget; Tab leaves it.
function rove(container, from, key) {
  const items = stops(container);
  const at = items.indexOf(from);
  if (at < 0) return false;
  const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[key];
  if (to === undefined) return false;
  const next = items[Math.max(0, Math.min(items.length - 1, to))];
  items.forEach((n) => { n.tabIndex = -1; });
  next.tabIndex = 0;
  next.focus();
  return true;
}

// One listener per container: clicks (and Enter) on sentences and polished paragraphs.
export function onDraftClick(container, { onSentence, onParagraph }) {
  const act = (target, keyboard = false) => {
    const s = target.closest(".s[data-slot]");
    if (s) return onSentence(Number(s.dataset.i), keyboard), true;
    const p = target.closest("p.polished");
    if (p) return onParagraph(Number(p.dataset.para), keyboard), true;
    return false;
  };
  // A click that ends a text selection is the reader copying text: keep the selection, don't open the editor.
  container.addEventListener("click", (e) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed && container.contains(sel.anchorNode)) return;
    act(e.target);
  });
  container.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && act(e.target, true)) e.preventDefault();
    else if (rove(container, e.target.closest(".s[data-slot], p.polished"), e.key)) e.preventDefault();
  });
}
