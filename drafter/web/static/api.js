// Talking to the drafter server: JSON in, JSON out; every failure becomes an ApiError with a readable message.

// `code` and `params` say what went wrong (zh.js turns them into Chinese); `message` is the server's own words.
export class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `服务器返回 ${status}`);
    this.status = status;
    this.code = body.code || "";
    this.params = body.params || {};
    this.problems = body.problems || [];
  }
}

async function send(url, options = {}) {
  let res;
  try {
    res = await fetch(url, options);
  } catch {
    throw new ApiError(0, { error: "", code: "offline" });
  }
  if (!res.ok) {
    let body = { error: `服务器返回 ${res.status}` };
    if ((res.headers.get("content-type") || "").includes("application/json")) {
      try { body = await res.json(); } catch { /* keep the generic message */ }
    }
    throw new ApiError(res.status, body);
  }
  return res;
}

export async function getJSON(url) {
  return (await send(url)).json();
}

export async function postJSON(url, data) {
  const res = await send(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  return res.json();
}

export async function postFile(url, file, fields = {}) {
  const form = new FormData();
  form.append("file", file, file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return (await send(url, { method: "POST", body: form })).json();
}

function filenameFrom(disposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition || "");
  return plain ? plain[1] : fallback;
}

// Ask the server for a file made from the current draft and hand it to the browser as a download.
export async function download(fmt, doc) {
  await saveResponse(await send(`/api/download/${fmt}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ document: doc }),
  }), `draft.${fmt}`);
}

// POST (JSON data, or a File as multipart with `fields`) and save the file the server answers with.
export async function downloadFrom(url, data, fields = {}) {
  let options;
  if (data instanceof File) {
    const form = new FormData();
    form.append("file", data, data.name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    options = { method: "POST", body: form };
  } else {
    options = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(data) };
  }
  await saveResponse(await send(url, options), "download.docx");
}

async function saveResponse(res, fallback) {
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filenameFrom(res.headers.get("content-disposition"), fallback);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}
