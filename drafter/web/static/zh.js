// Validation messages from the server (drafter/spec.py words them in English) put into Chinese for the form;
// a message this table doesn't know is shown as it came.

const GOT = "(?: \\(got (.*)\\))?$";
const RULES = [
  [new RegExp(`^required$`), () => "必填"],
  [new RegExp(`^must be ≥ (\\S+)${GOT}`), (m) => `不能小于 ${m[1]}${got(m[2])}`],
  [new RegExp(`^must be ≤ (\\S+)${GOT}`), (m) => `不能大于 ${m[1]}${got(m[2])}`],
  [new RegExp(`^must be a whole number${GOT}`), (m) => `须为整数${got(m[1])}`],
  [new RegExp(`^must be a finite number${GOT}`), (m) => `须为有限的数${got(m[1])}`],
  [new RegExp(`^must be a number${GOT}`), (m) => `须为数字${got(m[1])}`],
  [new RegExp(`^must be one of (.*?)${GOT}`), (m) => `须为以下之一：${m[1]}${got(m[2])}`],
  [new RegExp(`^must be \\{current: …, previous: …\\}.*?${GOT}`), (m) => `须分别填写本年和上年的数值${got(m[1])}`],
  [new RegExp(`^must be a mapping${GOT}`), (m) => `格式不对${got(m[1])}`],
  [new RegExp(`^must be text${GOT}`), (m) => `须为文字${got(m[1])}`],
  [new RegExp(`^must be a list${GOT}`), (m) => `须为列表${got(m[1])}`],
  [new RegExp(`^must not be empty$`), () => "不能为空"],
  [new RegExp(`^unknown field(?:; expected one of: (.*))?$`), (m) => `未知字段${m[1] ? `；可用的字段：${m[1]}` : ""}`],
  [new RegExp(`^Input should be a valid date.*?${GOT}`), (m) => `须为日期，如 2026-01-16${got(m[1])}`],
];

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
