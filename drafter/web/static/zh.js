// Validation messages from the server (drafter/spec.py words them in English) put into Chinese for the form;
// a message this table doesn't know is shown as it came.

const GOT = "(?: \\(got (.*)\\))?$";
const RULES = [
  [new RegExp(`^required$`), () => "必填"],
  [new RegExp(`^must be ≥ (\\S+)${GOT}`), (m) => `不能小于 ${m[1]}${got(m[2])}`],
  [new RegExp(`^must be ≤ (\\S+)${GOT}`), (m) => `不能大于 ${m[1]}${got(m[2])}`],
  [new RegExp(`^must be a whole number${GOT}`), (m) => `须为整数${hint(m[1])}${got(m[1])}`],
  [new RegExp(`^must be a finite number${GOT}`), (m) => `须为有限的数${got(m[1])}`],
  [new RegExp(`^must be a number${GOT}`), (m) => `须为数字${hint(m[1])}${got(m[1])}`],
  [new RegExp(`^must be one of (.*?)${GOT}`), (m) => `须为以下之一：${m[1]}${got(m[2])}`],
  [new RegExp(`^must be \\{current: …, previous: …\\}.*?${GOT}`), (m) => `须分别填写本年和上年的数值${got(m[1])}`],
  [new RegExp(`^must be a mapping${GOT}`), (m) => `格式不对${got(m[1])}`],
  [new RegExp(`^must be text${GOT}`), (m) => `须为文字${got(m[1])}`],
  [new RegExp(`^must be a list${GOT}`), (m) => `须为列表${got(m[1])}`],
  [new RegExp(`^must not be empty$`), () => "不能为空"],
  [new RegExp(`^unknown field(?:; expected one of: (.*))?$`), () => "本文种没有这一项，已略去（可能是别的文种的数据，或拼写有误）"],
  [new RegExp(`^Input should be a valid date.*?${GOT}`), (m) => `须为完整的日期，如 2026年1月16日 或 2026-01-16${got(m[1])}`],
];

// Text where a number belongs: say which Chinese forms are understood.
function hint(value) {
  return value && /[^\d.\-\s'"]/.test(value) ? "，如 86 或“八十六”；“两千多”“约九十”这类说法无法换算成确数" : "";
}

function got(value) {
  return value === undefined ? "" : `（填的是 ${value}）`;
}

export function zh(message) {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}

// Errors from the server and from files, put into Chinese; unknown messages come through as they are.
const ERRORS = [
  [/not a readable \.docx/, () => "文件无法作为 Word 文档（.docx）读取：可能已损坏，或其实是其他格式（如 .doc）。请用 Word 另存为 .docx 后重试。"],
  [/^(.*?): not valid YAML/, (m) => `${m[1]} 不是有效的 YAML 文件，请检查缩进和冒号。`],
  [/^(.*?): not valid JSON/, (m) => `${m[1]} 不是有效的 JSON 文件。`],
  [/^(.*?): not valid TOML/, (m) => `${m[1]} 不是有效的 TOML 文件。`],
  [/^(.*?): not UTF-8 text/, (m) => `${m[1]} 不是 UTF-8 编码的文字，请另存为 UTF-8 后重试。`],
  [/^(.*?): can't read (\S+?|a file without a suffix);/, (m) => `无法读取 ${m[1]}：不支持这种文件类型。`],
  [/expected a mapping with 'choices/, () => "这不是措辞选择文件（应含 choices: 一节，由“下载措辞选择文件”生成）。"],
  [/choices\.(\S+): must be a variant number or text/, (m) => `措辞选择文件中 ${m[1]} 一项的值不对：应为措辞编号或文字。`],
  [/choice for slot (\S+): the text drops (.*)$/, () => "您自己写的某句措辞漏掉了（已改动的）数据：请在“修改措辞”中更新它，或改回可选措辞。"],
  [/^polishing (?:is not available|needs)/, () => "润色不可用：未配置语言模型（drafter.toml 的 [llm]）。"],
  [/request body too large|larger than/i, () => "文件太大：上限为 10 MB。"],
  [/expected a file in the form field/, () => "没有收到文件，请重新选择。"],
  [/^unknown format/, () => "不支持的下载格式。"],
  [/^internal error/, () => "服务器内部出错：请记下刚才的操作并报告。"],
  [/LibreOffice is not installed|LibreOffice/, (m, msg) => (/[\u4e00-\u9fff]/.test(msg) ? msg.split("（")[0] : "无法导出 PDF：本机没有可用的 LibreOffice。")],
  [/^bad request/, () => "请求格式不对（页面与服务器版本不符？请刷新页面）。"],
];

// {text, details}: the Chinese message, and the server's own words for the 详情 line (empty when already Chinese).
export function zhErrorParts(message) {
  for (const [pattern, render] of ERRORS) {
    const m = pattern.exec(message);
    if (m) return { text: render(m, message), details: message };
  }
  return { text: message, details: "" };
}

export function zhError(message) {
  return zhErrorParts(message).text;
}
