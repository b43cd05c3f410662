// Trade-off matrix widget: weigh the criteria, watch the ranking, see what would change it.
// compute() is the shared model (lib/tradeoff_model.mjs), which Node tests hold to debatekit.models.tradeoff;
// render() is the thin UI over it. `make widgets` bundles this file into dist/tradeoff.js.

import { compute, formatWeight, readout } from "./lib/tradeoff_model.mjs";
import { emphasised, h, paragraphHref, svg as s, uniqueId } from "./lib/dom.mjs";

export { compute, formatWeight, readout, TIE_TOLERANCE } from "./lib/tradeoff_model.mjs";
export { paragraphHref } from "./lib/dom.mjs";
export const SLIDER_MAX = 10;
export const MY_WEIGHTS = "My weights";

// --- rendering ------------------------------------------------------------------------------

const ROW = 46;
const BAR_MAX = 500;

function drawChart(svg, result, patternId) {
  const order = result.options.map((_, i) => i).sort((a, b) => result.ranks[a] - result.ranks[b] || a - b);
  svg.setAttribute("viewBox", `0 0 600 ${order.length * ROW + 4}`);
  const rows = order.map((i, pos) => {
    const option = result.options[i];
    const by = result.dominatedBy[option];
    const y = pos * ROW;
    const width = Math.max(1, (result.scores[i] / 10) * BAR_MAX);
    const label = `${result.ranks[i]}. ${option}` + (by.length ? ` (dominated by ${by.join(", ")})` : "");
    return s(
      "g",
      { "data-option": option, "data-rank": String(result.ranks[i]), class: by.length ? "dk-row dk-dominated" : "dk-row" },
      s("text", { x: 0, y: y + 16, class: "dk-label" }, label),
      s("rect", { x: 0, y: y + 23, width, height: 16, class: "dk-bar", style: by.length ? `fill: url(#${patternId})` : null }),
      s("text", { x: width + 6, y: y + 36, class: "dk-value" }, result.scores[i].toFixed(2)),
    );
  });
  const pattern = s(
    "pattern",
    { id: patternId, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 8, height: 8, class: "dk-hatch-bg" }),
    s("line", { x1: 0, y1: 0, x2: 0, y2: 8, class: "dk-hatch-line" }),
  );
  svg.replaceChildren(s("defs", {}, pattern), ...rows);
  const summary = order
    .map((i) => `${result.ranks[i]}. ${result.options[i]}, ${result.scores[i].toFixed(2)}`
      + (result.dominatedBy[result.options[i]].length ? " (dominated)" : ""))
    .join("; ");
  svg.setAttribute("aria-label", `Ranking, best first, scores out of 10: ${summary}.`);
}

function render({ model, el: root }) {
  const id = uniqueId("dk-tradeoff");
  // debatekit:persist (one call): on the book, the student's weights and score changes are kept
  // in the browser and restored here, through the model (assets/workshop.js).
  globalThis.debatekitWork?.persist(model, { widget: "tradeoff", id: model.get("title"), keys: ["weights", "lens", "scores", "justifications"], label: "the trade-off matrix" });
  const criteria = model.get("criteria");
  const options = model.get("options");
  const directions = model.get("directions");
  const descriptions = model.get("criteria_descriptions");
  const lenses = model.get("lenses");
  const lensCards = (model.get("citations").lenses) || {};
  const lensNotes = model.get("lens_notes");
  const lensLabels = model.get("lens_labels") || {};
  let myWeights = { ...model.get("weights") };
  let pending = null;
  let local = false; // true while this view writes to the model, so its own echo is not redrawn twice

  function write(changes) {
    local = true;
    for (const [k, v] of Object.entries(changes)) model.set(k, v);
    model.save_changes();
    local = false;
    draw();
  }

  // Header.
  const head = h(
    "div", { class: "dk-head" },
    h("p", { class: "dk-title" }, model.get("title")),
    model.get("question") ? h("p", { class: "dk-question" }, model.get("question")) : "",
    model.get("note") ? h("p", { class: "dk-note" }, model.get("note")) : "",
  );

  // Lens picker and sliders.
  const lensSelect = h("select", { id: `${id}-lens`, "data-testid": "lens" },
    ...[...Object.keys(lenses), MY_WEIGHTS].map((name) => h("option", { value: name }, lensLabels[name] || name)));
  const lensNote = h("p", { class: "dk-lens-note", id: `${id}-lens-note` });
  lensSelect.setAttribute("aria-describedby", lensNote.id);
  const sliders = {};
  const outputs = {};
  const cites = {};
  const sliderRows = criteria.map((c, k) => {
    const sid = `${id}-w${k}`;
    const cost = directions[c] === "cost";
    sliders[c] = h("input", {
      type: "range", id: sid, min: 0, max: SLIDER_MAX, step: 0.5, "data-criterion": c,
      "aria-describedby": `${sid}-desc`,
    });
    outputs[c] = h("output", { for: sid, class: "dk-weight-value" });
    cites[c] = h("span", { class: "dk-cites" });
    sliders[c].addEventListener("input", () => {
      const weights = { ...model.get("weights"), [c]: Number(sliders[c].value) };
      myWeights = weights;
      write({ weights, lens: MY_WEIGHTS });
    });
    return h(
      "div", { class: "dk-weight" },
      h("label", { for: sid }, c, cost ? h("span", { class: "dk-cost" }, " (a cost: higher scores count against)") : ""),
      sliders[c], outputs[c],
      h("p", { class: "dk-desc", id: `${sid}-desc` }, descriptions[c] || "", " ", cites[c]),
    );
  });
  lensSelect.addEventListener("change", () => {
    const lens = lensSelect.value;
    write({ lens, weights: lens === MY_WEIGHTS ? { ...myWeights } : { ...lenses[lens] } });
  });
  const controls = h(
    "div", { class: "dk-controls" },
    h("div", { class: "dk-lens" }, h("label", { for: lensSelect.id }, "Weigh the criteria as "), lensSelect, lensNote),
    h("fieldset", {}, h("legend", {}, `Weights (0 = ignore, ${SLIDER_MAX} = matters most)`), ...sliderRows),
  );

  // Chart and readout.
  const patternId = `${id}-hatch`;
  const svg = s("svg", { role: "img", class: "dk-chart", "data-testid": "ranking", preserveAspectRatio: "xMinYMin meet" });
  const legend = h("p", { class: "dk-legend" },
    h("span", { class: "dk-key dk-key-solid", "aria-hidden": "true" }), " on the Pareto frontier ",
    h("span", { class: "dk-key dk-key-hatched", "aria-hidden": "true" }),
    " dominated: another option is at least as good on every criterion and better on one");
  const readoutBox = h("p", { class: "dk-readout", "aria-live": "polite", "data-testid": "tipping-readout" });
  const chart = h("figure", { class: "dk-figure" }, svg, h("figcaption", {}, legend));

  // Editable score table; a change waits for a one-line reason before it counts.
  const cells = options.map((o, i) => criteria.map((c, j) => {
    const input = h("input", {
      type: "number", min: 0, max: 10, step: 0.5, inputmode: "decimal",
      "aria-label": `Score of ${o} on ${c}`, "data-cell-option": o, "data-cell-criterion": c,
    });
    input.addEventListener("change", () => propose(i, j, input));
    return input;
  }));
  const table = h(
    "table", { class: "dk-scores" },
    h("caption", {}, "Scores from 0 to 10 (our judgement; see the sources below). Change one to test your own view."),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Option"),
      ...criteria.map((c) => h("th", { scope: "col" }, c, directions[c] === "cost" ? " (cost)" : "")))),
    h("tbody", {}, ...options.map((o, i) => h("tr", {}, h("th", { scope: "row" }, o),
      ...cells[i].map((input) => h("td", {}, input))))),
  );
  const reasonInput = h("input", { type: "text", id: `${id}-reason`, "data-testid": "reason", autocomplete: "off" });
  const reasonLabel = h("label", { for: reasonInput.id });
  const reasonError = h("p", { class: "dk-error", id: `${id}-reason-error`, role: "alert" });
  const applyButton = h("button", { type: "submit" }, "Apply change");
  const cancelButton = h("button", { type: "button" }, "Cancel");
  const form = h("form", { class: "dk-reason", hidden: "" }, reasonLabel, reasonInput, applyButton, cancelButton, reasonError);
  const tableNote = h("p", { class: "dk-error", role: "alert" });
  const log = h("ul", { class: "dk-log", "data-testid": "justifications" });
  const cardText = model.get("cards") || {};
  const linkTemplate = model.get("link_template");
  const sources = h("details", { class: "dk-sources" }, h("summary", {}, "Where the scores and weights come from"),
    ...options.map((o) => {
      const cards = model.get("citations").scores?.[o] || {};
      const notes = model.get("score_notes")[o] || {};
      return h("div", {}, h("p", { class: "dk-source-option" }, o), h("ul", {}, ...criteria.map((c) =>
        h("li", {}, `${c}: ${notes[c] || ""} `, h("span", { class: "dk-cites" }, (cards[c] || []).join(", "))))));
    }),
    Object.keys(cardText).length ? h("p", { class: "dk-source-option" }, "The cards cited, with the articles' words") : "",
    h("ul", { class: "dk-cards" }, ...Object.entries(cardText).map(([id, card]) => {
      const pid = card.paragraph_id;
      const href = linkTemplate ? paragraphHref(linkTemplate, pid) : null;
      return h("li", {}, h("span", { class: "dk-cites" }, id), " (", href ? h("a", { href }, pid) : pid, "): ",
        `“${card.quote}”`, card.date ? ` (${card.date})` : "");
    })));

  function closeForm() {
    pending = null;
    form.hidden = true;
    reasonInput.value = "";
    reasonError.textContent = "";
    reasonInput.removeAttribute("aria-invalid");
  }

  function propose(i, j, input) {
    const current = model.get("scores")[i][j];
    if (pending && (pending.i !== i || pending.j !== j)) cells[pending.i][pending.j].value = String(model.get("scores")[pending.i][pending.j]);
    const value = input.valueAsNumber;
    tableNote.textContent = "";
    if (Number.isNaN(value) || value < 0 || value > 10) {
      tableNote.textContent = `Scores run from 0 to 10; ${options[i]} on ${criteria[j]} stays at ${current}.`;
      input.value = String(current);
      closeForm();
      return;
    }
    if (value === current) {
      closeForm();
      return;
    }
    pending = { i, j, from: current, to: value };
    reasonLabel.textContent = `Why change ${options[i]} on ${criteria[j]} from ${current} to ${value}? (one line, required) `;
    form.hidden = false;
    reasonInput.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!pending) return;
    const reason = reasonInput.value.trim();
    if (!reason) {
      reasonError.textContent = "Write a one-line reason before the change is applied.";
      reasonInput.setAttribute("aria-invalid", "true");
      reasonInput.setAttribute("aria-describedby", reasonError.id);
      reasonInput.focus();
      return;
    }
    const { i, j, from, to } = pending;
    const scores = model.get("scores").map((row) => row.slice());
    scores[i][j] = to;
    const entry = { option: options[i], criterion: criteria[j], from, to, reason };
    closeForm();
    write({ scores, justifications: [...model.get("justifications"), entry] });
    cells[i][j].focus();
  });
  function cancel() {
    if (!pending) return;
    const { i, j } = pending;
    closeForm();
    cells[i][j].value = String(model.get("scores")[i][j]);
    cells[i][j].focus();
  }
  cancelButton.addEventListener("click", cancel);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      cancel();
    }
  });

  const box = h("div", { class: "dk-tradeoff", "data-testid": "tradeoff" },
    head, controls, chart, readoutBox,
    h("div", { class: "dk-table-wrap" }, table), tableNote, form,
    h("p", { class: "dk-log-title" }, "Your score changes and reasons:"), log, sources);
  root.append(box);

  function draw() {
    const weights = model.get("weights");
    const lens = model.get("lens");
    const scores = model.get("scores");
    lensSelect.value = lens in lenses ? lens : MY_WEIGHTS;
    lensNote.textContent = lensNotes[lens] || (lens in lenses ? "" : "Your own weights: move any slider.");
    for (const c of criteria) {
      const v = weights[c];
      if (Number(sliders[c].value) !== v) sliders[c].value = String(v);
      sliders[c].setAttribute("aria-valuetext", `${formatWeight(v)} of ${SLIDER_MAX}`);
      outputs[c].textContent = formatWeight(v);
      const ids = lensCards[lens]?.[c];
      cites[c].textContent = ids?.length ? `Why this weight: ${ids.join(", ")}` : "";
    }
    cells.forEach((row, i) => row.forEach((input, j) => {
      if (!(pending && pending.i === i && pending.j === j) && input.valueAsNumber !== scores[i][j]) input.value = String(scores[i][j]);
    }));
    log.replaceChildren(...model.get("justifications").map((e) =>
      h("li", {}, `${e.option} on ${e.criterion}: ${e.from} → ${e.to}. “${e.reason}”`)));
    let result;
    try {
      result = compute({ options, criteria, values: scores }, weights, directions);
    } catch (error) {
      svg.replaceChildren();
      svg.setAttribute("aria-label", "No ranking: " + error.message);
      readoutBox.replaceChildren(`No ranking: ${error.message}.`);
      return;
    }
    drawChart(svg, result, patternId);
    readoutBox.replaceChildren(...emphasised(readout(result, SLIDER_MAX)));
  }

  const onChange = () => {
    if (!local) draw();
  };
  const events = ["change:weights", "change:lens", "change:scores", "change:justifications"];
  for (const e of events) model.on(e, onChange);
  draw();
  return () => {
    for (const e of events) model.off(e, onChange);
  };
}

export default { render };
