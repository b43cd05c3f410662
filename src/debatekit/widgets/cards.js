// Evidence-card table: filter every card by article, stakeholder, kind, topic and words.
// compute() is pure (no DOM) and repeats debatekit.render.card_table.filter_card_ids, so Node tests can
// hold it to the Python reference; render() is the thin UI over it.

import { h, uniqueId } from "./lib/dom.mjs";

export const FILTERS = ["article", "stakeholder", "kind", "topic", "text"];
const FOLD = { "‘": "'", "’": "'", "“": '"', "”": '"' };

// Lower case, curly quotes straightened, runs of whitespace as one space (as card_table.fold).
export function fold(text) {
  return text
    .replace(/[‘’“”]/g, (c) => FOLD[c])
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

function haystack(row) {
  return fold([row.card_id, row.paragraph_id, row.quote, row.claim, row.figure, row.date || ""].join(" "));
}

// The ids of the rows that pass every filter, in row order; an empty filter lets every row through.
export function compute(rows, filters) {
  const f = filters || {};
  const words = fold(f.text || "").split(" ").filter(Boolean);
  return rows
    .filter(
      (row) =>
        (!f.article || row.article_id === f.article) &&
        (!f.kind || row.kind === f.kind) &&
        (!f.stakeholder || row.stakeholders.includes(f.stakeholder)) &&
        (!f.topic || row.topics.includes(f.topic)) &&
        words.every((w) => haystack(row).includes(w)),
    )
    .map((row) => row.card_id);
}

const LABELS = {
  article: "Article",
  stakeholder: "Stakeholder",
  kind: "Kind of claim",
  topic: "Topic",
  text: "Words in the quote, paraphrase or date",
};

function render({ model, el }) {
  const uid = uniqueId("dk-cards");
  const rows = model.get("rows");
  const byId = Object.fromEntries(rows.map((r) => [r.card_id, r]));
  const options = model.get("options");
  const stakeholderNames = Object.fromEntries(options.stakeholder.map((o) => [o.value, o.label]));
  const controls = {};
  const fields = FILTERS.map((name) => {
    const id = `${uid}-${name}`;
    let control;
    if (name === "text") {
      control = h("input", { type: "search", id, autocomplete: "off", "data-testid": "cards-text" });
    } else {
      control = h("select", { id, "data-testid": `cards-${name}` }, h("option", { value: "" }, "Any"));
      for (const o of options[name]) control.append(h("option", { value: o.value }, o.label));
    }
    controls[name] = control;
    const event = name === "text" ? "input" : "change";
    control.addEventListener(event, () => {
      model.set(name, control.value);
      model.save_changes();
    });
    return h("div", { class: "dk-cards-field" }, h("label", { for: id }, LABELS[name]), control);
  });
  const reset = h("button", { type: "button", "data-testid": "cards-reset" }, "Show all cards");
  reset.addEventListener("click", () => {
    for (const name of FILTERS) model.set(name, "");
    model.save_changes();
  });
  const status = h("p", { class: "dk-cards-status", "aria-live": "polite", "data-testid": "cards-status" });
  const tbody = h("tbody", { "data-testid": "cards-rows" });
  const head = ["Card", "Paragraph", "Kind", "Date", "The article's words", "Our paraphrase", "Stakeholders", "Topics"];
  const table = h(
    "table",
    {},
    h("caption", {}, "Evidence cards matching the filters"),
    h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col" }, t)))),
    tbody,
  );
  const scroller = h("div", { class: "dk-cards-scroll", tabindex: "0", role: "region", "aria-label": "Matching evidence cards" }, table);
  const form = h("div", { class: "dk-cards-filters", role: "search", "aria-label": "Filter the evidence cards" }, ...fields, reset);
  el.append(h("div", { class: "dk-cards", "data-testid": "cards" }, form, status, scroller));

  function row(r) {
    const href = model.get("link_template").replace("{article}", r.article_id).replace("{pid}", r.paragraph_id);
    const kind = h("td", {}, r.kind);
    if (r.figure) kind.append(" ", h("strong", {}, r.figure));
    return h(
      "tr",
      { "data-card": r.card_id },
      h("td", {}, r.card_id),
      h("td", {}, h("a", { href }, r.paragraph_id)),
      kind,
      h("td", {}, r.date || ""),
      h("td", {}, `“${r.quote}”`),
      h("td", {}, r.claim),
      h("td", {}, r.stakeholders.map((s) => stakeholderNames[s] || s).join(", ")),
      h("td", {}, r.topics.join(", ")),
    );
  }

  function draw() {
    const filters = Object.fromEntries(FILTERS.map((name) => [name, model.get(name)]));
    for (const name of FILTERS) if (controls[name].value !== filters[name]) controls[name].value = filters[name];
    const ids = compute(rows, filters);
    status.textContent = `Showing ${ids.length} of ${rows.length} cards.`;
    tbody.replaceChildren(...ids.map((id) => row(byId[id])));
  }

  const events = FILTERS.map((name) => `change:${name}`);
  for (const e of events) model.on(e, draw);
  draw();
  return () => events.forEach((e) => model.off(e, draw));
}

export default { render };
