// A field's problem from the server ({path, message, code, params}: drafter/web/failures.py spec_problems) in
// Chinese, by its code (drafter/errors.py Problem) and the values it carries, never by the English words. A
// problem without a code, or with one this table doesn't know, is shown in the server's words.

// Text where a number belongs: say which Chinese forms are understood.
function hint(value) {
  return value && /[^\d.\-\s'"]/.test(value) ? "，如 86 或“八十六”；“两千多”“约九十”这类说法无法换算成确数" : "";
}

function got(value) {
  return value === undefined || value === null || value === "" ? "" : `（填的是 ${value}）`;
}

const YEAR_HALF = { current: "本年", previous: "上年" };

export const FIELD = {
  required: () => "必填",
  unknown_field: () => "本文种没有这一项，已略去（可能是别的文种的数据，或拼写有误）",
  min: (p) => `不能小于 ${p.limit}${got(p.got)}`,
  max: (p) => `不能大于 ${p.limit}${got(p.got)}`,
  integer: (p) => `须为整数${hint(p.got)}${got(p.got)}`,
  number: (p) => `须为数字${hint(p.got)}${got(p.got)}`,
  finite: (p) => `须为有限的数${got(p.got)}`,
  decimals: (p) => `最多保留 ${p.limit} 位小数，请自行四舍五入${got(p.got)}`,
  one_of: (p) => `须为以下之一：${p.expected}${got(p.got)}`,
  pair: (p) => `须分别填写本年和上年的数值${got(p.got)}`,
  mapping: (p) => `格式不对${got(p.got)}`,
  text: (p) => `须为文字${got(p.got)}`,
  list: (p) => `须为列表${got(p.got)}`,
  empty: () => "不能为空",
  date: (p) => `须为完整的日期，如 2026年1月16日 或 2026-01-16${got(p.got)}`,
  // the unit's own lists and the notice (drafter/bank/facts.py)
  note_short: () => "至少写两个字",
  note_long: (p) => `一条不超过 ${p.limit} 个字（现有 ${p.length} 个字）`,
  note_clause: () => "只写一句：中间不要用句号、分号、问号、感叹号或换行（可分成两条）",
  note_brackets: () => "不要写【】：待补充的标记由草稿自己加",
  notice_title: () => "请写通知的完整标题，如 关于开展…自查工作的通知",
  notice_title_form: (p) => `只写一个标题，不超过 ${p.limit} 个字，中间不要有句号、分号、书名号或【】（现有 ${p.length} 个字）`,
  doc_number: (p) => `文号应形如 青纪办发〔2025〕31号：年份写在六角括号〔〕中，后接序号和“号”${got(p.got)}`,
  no_problem: (p) => `没有第 ${p.number} 条问题：上面只列了 ${p.count} 条`,
  no_problem_in_area: () => "上面列出的问题中没有这一方面的",
  problems_over_figure: (p) => `这一方面的问题合计 ${p.total} 个，多于该方面填写的问题数（${p.figure}）`,
  refund_over_amount: (p) => `清退金额 ${p.refund} 元多于涉及金额（${p.amount} 元）`,
  deadline_needed: () => "整改中的问题须填写整改时限",
  // figures against each other and the year data (drafter/bank/checks.py)
  exceeds: (p) => `${p.label} ${p.value} 大于${p.other}（${p.other_value}），不可能`,
  sum: (p) => `${p.label}为 ${p.value}，但${(p.parts || []).join("、")}合计 ${p.sum}，两者应相等`,
  requires: (p) => `${p.label}为 ${p.value}，但${p.other}为 0`,
  both_years: (p) => `这一项可以不填，但要填就须两年都填：请补上${YEAR_HALF[p.missing] || ""}的数值，或把两年都清空`,
  no_campaign: (p) => `${p.year}年没有中央部署的集中学习教育：请删去这一组数字`,
  year_unknown: (p) => `年度资料中没有 ${p.year} 年：这一组数字无处写入，请删去`,
};

// A field problem in Chinese when its code is known; the server's words otherwise.
export function zhProblem(problem) {
  const render = problem && FIELD[problem.code];
  return render ? render(problem.params || {}) : String((problem && problem.message) ?? problem);
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
