// Small DOM helpers shared by the workshop tools.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function kindSelect(id, kinds, value) {
  const select = h("select", { id, required: true });
  select.append(h("option", { value: "" }, "Choose a kind…"));
  for (const k of kinds) select.append(h("option", { value: k, selected: k === value }, k));
  return select;
}

// Where the book's root is, for links stored relative to it.
export function fromRoot(work, rel) {
  return new URL(rel, work.root).href;
}
