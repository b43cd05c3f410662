// DOM helpers shared by every widget and the workshop tools (esbuild bundles them into each
// widget's dist/ file; the workshop imports them through assets/workshop/ui.mjs).

const SVG_NS = "http://www.w3.org/2000/svg";

// Attributes null, undefined or false are left out and true is written as ""; children are
// flattened and null, undefined or false ones skipped. Text is always a text node, never HTML.
function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// An HTML element: h("label", { for: id }, "Name", child, ...).
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// An SVG element, built as h() builds an HTML one.
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

// A page-wide unique id "<prefix>-<n>". The counter lives on globalThis, not in this module:
// anywidget loads a fresh copy of a widget's module for every widget, and every bundle has its own
// copy of this file, so a module-level counter would start again at 1 for each.
export function uniqueId(prefix) {
  globalThis.__debatekitIds = (globalThis.__debatekitIds || 0) + 1;
  return `${prefix}-${globalThis.__debatekitIds}`;
}

// "*x* and *y*" → text with <em> for the starred names (built as nodes, never as HTML).
export function emphasised(text) {
  return text.split("*").map((part, i) => (i % 2 ? h("em", {}, part) : document.createTextNode(part)));
}

// A link to a paragraph of the readings. "{root}" in the template is the book's root as seen from
// this page (Sphinx's data-content_root), so the same template works on every page of the book.
export function paragraphHref(template, pid) {
  const root = (typeof document !== "undefined" && document.documentElement.dataset.content_root) || "";
  return template.replace("{root}", root).replace("{article}", pid.slice(0, 4)).replace("{pid}", pid);
}

// Offer `text` as a file download named `name`.
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The browser's localStorage, or null where it is forbidden (a sandboxed frame, say).
export function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
