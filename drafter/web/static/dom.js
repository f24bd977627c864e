// Building DOM without innerHTML: el("p", {class: "x"}, "text", child, …). Text is always text, never markup.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined || v === null) continue;
    if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === "" || c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Text with every 【待补充：…】 placeholder wrapped in <mark class="ph">.
export function withPlaceholders(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/【待补充：[^】]*】|\*{3,}/g)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(el("mark", { class: "ph" }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
