// Numbers and dates as people type them (digits, full-width digits, Chinese numerals and dates) read as values.

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
