// Small DOM helpers for the workshop tools. h() and download() are the widgets' own
// (src/debatekit/widgets/lib/dom.mjs, copied here as dom.mjs by `make widgets`).
import { h } from "./dom.mjs";

export { download, h } from "./dom.mjs";

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
