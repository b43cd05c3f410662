// Concordance widget: every paragraph that mentions a term, with context and a link.
// compute() is pure (no DOM) so Node tests can check it against debatekit.content.corpus.concordance.

import { h as el, paragraphHref, uniqueId } from "./lib/dom.mjs";

export { paragraphHref } from "./lib/dom.mjs";

export function compute(paragraphs, term, width = 60) {
  const needle = term.trim().toLowerCase();
  if (!needle) return [];
  const hits = [];
  for (const p of paragraphs) {
    const low = p.text.toLowerCase();
    const at = low.indexOf(needle);
    if (at < 0) continue;
    const start = Math.max(0, at - width);
    const end = Math.min(p.text.length, at + needle.length + width);
    hits.push({
      pid: p.pid,
      count: low.split(needle).length - 1,
      before: (start ? "…" : "") + p.text.slice(start, at),
      match: p.text.slice(at, at + needle.length),
      after: p.text.slice(at + needle.length, end) + (end < p.text.length ? "…" : ""),
    });
  }
  return hits;
}

function render({ model, el: root }) {
  const id = uniqueId("dk-concordance");
  const input = el("input", { type: "search", id, autocomplete: "off", "data-testid": "concordance-input" });
  const texts = new Set(model.get("paragraphs").map((p) => p.article_id)).size;
  const label = el("label", { for: id }, `Find a word or phrase in ${texts === 1 ? "the text" : `all ${texts} texts`}`);
  const status = el("p", { class: "dk-concordance-status", "aria-live": "polite", "data-testid": "concordance-status" });
  const list = el("ol", { class: "dk-concordance-hits", "data-testid": "concordance-hits" });
  const box = el("div", { class: "dk-concordance", "data-testid": "concordance" }, label, input, status, list);
  root.append(box);

  function draw() {
    const term = model.get("term");
    if (input.value !== term) input.value = term;
    const hits = compute(model.get("paragraphs"), term, model.get("width"));
    const total = hits.reduce((n, h) => n + h.count, 0);
    status.textContent = term.trim()
      ? `“${term.trim()}”: ${total} mention${total === 1 ? "" : "s"} in ${hits.length} paragraph${hits.length === 1 ? "" : "s"}.`
      : "Type a word to search the paragraphs.";
    list.replaceChildren(
      ...hits.map((h) => {
        const href = paragraphHref(model.get("link_template"), h.pid);
        return el(
          "li",
          { "data-pid": h.pid },
          el("a", { href }, h.pid),
          " ",
          h.before,
          el("mark", {}, h.match),
          h.after,
        );
      }),
    );
  }

  input.addEventListener("input", () => {
    model.set("term", input.value);
    model.save_changes();
  });
  model.on("change:term", draw);
  draw();
  return () => model.off("change:term", draw);
}

export default { render };
