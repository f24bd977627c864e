// Talking to the drafter server: JSON in, JSON out; every failure becomes an ApiError with a readable message.

export class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `服务器返回 ${status}`);
    this.status = status;
    this.problems = body.problems || [];
  }
}

async function send(url, options = {}) {
  let res;
  try {
    res = await fetch(url, options);
  } catch {
    throw new ApiError(0, { error: "无法连接到 drafter 服务：它是否还在运行？（drafter serve）" });
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
  const res = await send(`/api/download/${fmt}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ document: doc }),
  });
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filenameFrom(res.headers.get("content-disposition"), `draft.${fmt}`);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}
