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
  // the unit's own lists (drafter/bank/facts.py)
  [/^must be a short note of at least two characters$/, () => "至少写两个字"],
  [/^must be one short note of at most (\d+) characters \(got (\d+)\)$/, (m) => `一条不超过 ${m[1]} 个字（现有 ${m[2]} 个字）`],
  [/^must be one clause/, () => "只写一句：中间不要用句号、分号、问号、感叹号或换行（可分成两条）"],
  [/^must not contain 【】/, () => "不要写【】：待补充的标记由草稿自己加"],
  [/^no problem (\d+): problems lists (\d+)$/, (m) => `没有第 ${m[1]} 条问题：上面只列了 ${m[2]} 条`],
  [/^no problem in area/, () => "上面列出的问题中没有这一方面的"],
  [/^problems in \S+ add up to (\d+), more than \S+ \((.*)\)$/, (m) => `这一方面的问题合计 ${m[1]} 个，多于该方面填写的问题数（${m[2]}）`],
  [/^(\S+) is more than problems\[\d+\]\.amount \((.*)\)$/, (m) => `清退金额 ${m[1]} 元多于涉及金额（${m[2]} 元）`],
  [/status 整改中 needs deadline/, () => "整改中的问题须填写整改时限"],
  [/^the year data records no central study campaign in (\d+)/, (m) => `${m[1]}年没有中央部署的集中学习教育：请删去这一组数字`],
  [/^the year data .*has no entry for (\d+)/, (m) => `年度资料中没有 ${m[1]} 年：这一组数字无处写入，请删去`],
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

// Errors from the server, by the code it sends (drafter/web/failures.py CODES), never by its English words;
// `p` holds the values the message needs. The server's words go behind the 详情 toggle.
const KB = (bytes) => `${Math.round(bytes / 1024 / 1024) >= 1 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`}`;
const file = (p, what = "文件") => (p.name ? `“${p.name}”` : what);
export const CODE_MESSAGES = {
  offline: () => "无法连接到 drafter 服务：它是否还在运行？（在命令行运行 drafter serve）",
  bad_host: () => "服务器拒绝了这个网址：请用 drafter serve 显示的地址打开页面。",
  bad_input: () => "数据有误，服务器无法处理（详见“详情”）。",
  bad_request: () => "请求格式不对（页面与服务器版本不符？请刷新页面）。",
  choices_invalid: (p) => `${file(p)}不是可用的措辞选择文件：应含 choices: 一节，每项为措辞编号或文字（由“下载措辞选择文件”生成）。`,
  content_type: () => "请求格式不对（页面与服务器版本不符？请刷新页面）。",
  docx_unreadable: (p) => `${file(p)}无法作为 Word 文档（.docx）读取：可能已损坏，或其实是其他格式（如 .doc）。请用 Word 另存为 .docx 后重试。`,
  internal: () => "服务器内部出错：请记下刚才的操作并报告。",
  missing_extra: (p) => `服务器缺少可选组件${p.extra ? `（${p.extra}）` : ""}，无法完成这项操作。`,
  no_file: () => "没有收到文件，请重新选择。",
  not_found: () => "服务器上没有这项功能（页面与服务器版本不符？请刷新页面）。",
  not_utf8: (p) => `${file(p)}不是 UTF-8 编码的文字，请另存为 UTF-8 后重试。`,
  own_wording_stale: () => "您自己写的某句措辞漏掉了（已改动的）数据：请在“修改措辞”中更新它，或改回可选措辞。",
  pdf_failed: () => "PDF 没有生成：LibreOffice 转换失败。可先下载 Word 文件再自行转换。",
  pdf_unavailable: () => "本机没有安装 LibreOffice，无法导出 PDF：请先下载 Word 文件再自行转换。",
  polish_failed: () => "润色没有完成：语言模型的设置有误（drafter.toml 的 [llm]）。",
  polish_unavailable: () => "润色不可用：未配置语言模型（drafter.toml 的 [llm]）。",
  spec_invalid: () => "数据有误：已在表单中标出。",
  spec_unreadable: (p) => `${file(p)}不是有效的 ${p.format || "数据"} 文件，请检查格式（YAML 注意缩进和冒号）。`,
  text_encoding: (p) => `${file(p)}的文字编码无法识别：请另存为 UTF-8 后重试。`,
  too_deep: () => "请求的数据嵌套太深，服务器拒绝处理。",
  too_large: (p) => `文件或文字太大：上限为 ${p.limit ? KB(p.limit) : "10 MB"}。`,
  unknown_format: () => "不支持的下载格式。",
  unknown_kind: () => "服务器上没有这个文种（页面与服务器版本不符？请刷新页面）。",
  unknown_slot: () => "措辞选择文件中有本文种没有的句子位置：它可能属于别的文种或旧版本。",
  upload_type: (p) => `无法读取${file(p)}：不支持这种文件类型${p.allowed ? `，请用 ${p.allowed.join("、")}` : ""}。`,
};

// {text, details}: the Chinese message for an error, and the server's own words for the 详情 line.
export function zhErrorParts(error) {
  const render = error && CODE_MESSAGES[error.code];
  if (render) return { text: render(error.params || {}), details: error.message || "" };
  if (error && error.status) return { text: `服务器返回错误（${error.status}）。`, details: error.message || "" };
  return { text: "页面出错了：请刷新页面后重试。", details: String((error && error.message) || error) };
}

export function zhError(error) {
  return zhErrorParts(error).text;
}
