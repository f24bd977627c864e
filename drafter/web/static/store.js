// Nothing lost: the page's work saved in this browser (localStorage) and an undo history for picks, wording and
// the destructive actions (清空, uploads, a kind switch). Nothing here leaves the machine.

const KEY = "drafter.workbench.v1";

export function loadSaved() {
  try {
    const data = JSON.parse(localStorage.getItem(KEY) || "null");
    return data && typeof data === "object" ? data : null;
  } catch {
    return null; // a broken entry is as good as none
  }
}

export function save(data) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...data, savedAt: Date.now() }));
    return true;
  } catch {
    return false; // storage full or disabled: the page still works, it just can't restore
  }
}

export function forget() {
  try { localStorage.removeItem(KEY); } catch { /* nothing to forget */ }
}

// Snapshots of the undoable state; undo() and redo() trade the current state for a stored one.
export class History {
  constructor(limit = 100) {
    this.past = [];
    this.future = [];
    this.limit = limit;
  }

  push(snapshot) {
    this.past.push(snapshot);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  undo(current) {
    if (!this.past.length) return null;
    this.future.push(current);
    return this.past.pop();
  }

  redo(current) {
    if (!this.future.length) return null;
    this.past.push(current);
    return this.future.pop();
  }

  // The newest `keep` steps each way, for the saved work: an undo still works after a reload.
  saved(keep = 20) {
    return { past: this.past.slice(-keep), future: this.future.slice(-keep) };
  }

  load(data) {
    const ok = (list) => (Array.isArray(list) ? list.filter((s) => s && typeof s === "object" && s.kind) : []);
    this.past = ok(data && data.past);
    this.future = ok(data && data.future);
  }
}
