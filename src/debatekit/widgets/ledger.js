// Stakeholder ledger widget: rate each gain and risk, see each stakeholder's net balance.
// compute() is pure (no DOM) and repeats debatekit.models.ledger.compute step for step (same sums in
// the same order, same rounding) so Node tests can hold it to the Python model; render() is the UI.

import { h, svg as s, uniqueId } from "./lib/dom.mjs";

export const WEIGHT_MAX = 5;
export const MINUS = "\u2212";
const KINDS = ["gain", "risk"];
const PERCENT = /^\d+(\.\d+)?%$/;

function isNumber(v) {
  return typeof v === "number" && !Number.isNaN(v);
}

// A likelihood as a probability: a number from 0 to 1, or a string percentage such as "40%".
export function parseLikelihood(value, itemId) {
  if (typeof value === "string") {
    const text = value.trim();
    if (PERCENT.test(text) && Number(text.slice(0, -1)) <= 100) return Number(text.slice(0, -1)) / 100;
    throw new Error(`likelihood of item '${itemId}' is '${value}'; give 0 to 1 or a percentage such as '40%'`);
  }
  if (!isNumber(value) || value < 0 || value > 1) {
    throw new Error(`likelihood of item '${itemId}' is ${value}; give 0 to 1 or a percentage such as '40%'`);
  }
  return value;
}

function rating(item, ratings) {
  const id = item.item_id;
  const given = Object.hasOwn(ratings, id) ? ratings[id] : {};
  if (given === null || typeof given !== "object" || Array.isArray(given)) {
    throw new Error(`rating of item '${id}' must be a mapping with weight and/or likelihood`);
  }
  const extra = Object.keys(given).filter((k) => k !== "weight" && k !== "likelihood").sort();
  if (extra.length) throw new Error(`rating of item '${id}' has unknown key(s) ${extra.join(", ")}; use weight and likelihood`);
  const weight = Object.hasOwn(given, "weight") ? given.weight : item.default_weight;
  if (!isNumber(weight) || weight < 0 || weight > WEIGHT_MAX) {
    throw new Error(`weight of item '${id}' is ${weight}; give a number from 0 to 5`);
  }
  const likelihood = Object.hasOwn(given, "likelihood") ? given.likelihood : item.default_likelihood;
  return [weight, parseLikelihood(likelihood, id)];
}

// A signed amount to one decimal, halves away from zero: "+1.5", "−3.2", "0.0" (Python: format_amount).
export function formatAmount(x) {
  const text = Math.abs(x).toFixed(1);
  if (text === "0.0") return text;
  return (x < 0 ? MINUS : "+") + text;
}

export function verdict(netText) {
  if (netText === "0.0") return "gains and risks balance";
  return netText.startsWith(MINUS) ? "risks outweigh gains" : "gains outweigh risks";
}

// Each item's weight × likelihood and each stakeholder's gains, risks and net (= gains − risks).
export function compute(items, ratings = {}) {
  if (ratings === null || typeof ratings !== "object" || Array.isArray(ratings)) {
    throw new Error("ratings must map item ids to {weight, likelihood}");
  }
  const known = new Set(items.map((x) => x.item_id));
  const unknown = Object.keys(ratings).filter((k) => !known.has(k)).sort();
  if (unknown.length) throw new Error(`ratings name unknown item(s) ${unknown.join(", ")}`);
  const rows = [];
  const totals = new Map();
  for (const x of items) {
    if (!KINDS.includes(x.kind)) throw new Error(`item '${x.item_id}' has kind '${x.kind}'; use gain or risk`);
    const [weight, likelihood] = rating(x, ratings);
    const contribution = weight * likelihood;
    rows.push({ item_id: x.item_id, weight, likelihood, contribution });
    if (!totals.has(x.stakeholder)) totals.set(x.stakeholder, { gains: 0, risks: 0 });
    const t = totals.get(x.stakeholder);
    if (x.kind === "gain") t.gains += contribution;
    else t.risks += contribution;
  }
  const stakeholders = [...totals].map(([s, t]) => {
    const net = t.gains - t.risks;
    const text = formatAmount(net);
    const says = verdict(text);
    return { stakeholder: s, gains: t.gains, risks: t.risks, net, text, verdict: says, summary: `${s}: net ${text} (${says})` };
  });
  return { items: rows, stakeholders };
}

// --- rendering ------------------------------------------------------------------------------

const WIDTH = 640;
const AXIS = 320;
const HALF = 220; // longest bar; leaves room for its value text
const ROW = 78;

// The chart's scale: the largest amount shown, rounded up to a multiple of 5 (at least 5).
function scaleMax(result) {
  let top = 0;
  for (const r of result.stakeholders) top = Math.max(top, r.gains, r.risks, Math.abs(r.net));
  return Math.max(5, Math.ceil(top / 5) * 5);
}

function drawChart(svg, result, names, hatchId) {
  const max = scaleMax(result);
  const len = (x) => (x / max) * HALF;
  const rows = result.stakeholders.map((r, k) => {
    const y = k * ROW;
    const g = len(r.gains);
    const q = len(r.risks);
    const n = len(Math.abs(r.net));
    const netX = r.net < 0 ? AXIS - n : AXIS;
    return s(
      "g", { "data-stakeholder": r.stakeholder, class: "dk-ledger-row" },
      s("text", { x: 0, y: y + 15, class: "dk-ledger-name" }, `${names[r.stakeholder] || r.stakeholder}: net ${r.text} (${r.verdict})`),
      s("rect", { x: AXIS - q, y: y + 24, width: Math.max(q, 0.5), height: 18, class: "dk-ledger-risk", fill: `url(#${hatchId})` }),
      s("text", { x: AXIS - q - 5, y: y + 38, "text-anchor": "end", class: "dk-ledger-value" }, `${formatAmount(-r.risks)} risks`),
      s("rect", { x: AXIS, y: y + 24, width: Math.max(g, 0.5), height: 18, class: "dk-ledger-gain" }),
      s("text", { x: AXIS + g + 5, y: y + 38, class: "dk-ledger-value" }, `${formatAmount(r.gains)} gains`),
      s("rect", { x: netX, y: y + 48, width: Math.max(n, 0.5), height: 10, class: "dk-ledger-net" }),
      s("text", r.net < 0
        ? { x: netX - 5, y: y + 58, "text-anchor": "end", class: "dk-ledger-value dk-ledger-net-text" }
        : { x: AXIS + n + 5, y: y + 58, class: "dk-ledger-value dk-ledger-net-text" }, `net ${r.text}`),
    );
  });
  const height = result.stakeholders.length * ROW;
  const hatch = s(
    "pattern", { id: hatchId, width: 7, height: 7, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 7, height: 7, class: "dk-ledger-hatch-bg" }),
    s("line", { x1: 0, y1: 0, x2: 0, y2: 7, class: "dk-ledger-hatch-line" }),
  );
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${height + 22}`);
  svg.replaceChildren(
    s("defs", {}, hatch),
    ...rows,
    s("line", { x1: AXIS, y1: 18, x2: AXIS, y2: height + 2, class: "dk-ledger-axis" }),
    s("text", { x: AXIS - HALF, y: height + 18, class: "dk-ledger-tick" }, `${MINUS}${max}`),
    s("text", { x: AXIS, y: height + 18, "text-anchor": "middle", class: "dk-ledger-tick" }, "0"),
    s("text", { x: AXIS + HALF, y: height + 18, "text-anchor": "end", class: "dk-ledger-tick" }, `+${max}`),
  );
  svg.setAttribute(
    "aria-label",
    "Net balance by stakeholder (gains minus risks, each weight × likelihood): "
      + result.stakeholders.map((r) => `${names[r.stakeholder] || r.stakeholder} gains ${formatAmount(r.gains)}, risks ${formatAmount(-r.risks)}, net ${r.text}`).join("; ")
      + ".",
  );
}

function render({ model, el: root }) {
  const id = uniqueId("dk-ledger");
  // debatekit:persist (one call): on the book, the student's ratings are kept in the browser and
  // restored here, through the model (assets/workshop.js).
  globalThis.debatekitWork?.persist(model, { widget: "ledger", id: model.get("title"), keys: ["ratings"], label: "the ledger" });
  const items = model.get("items");
  const names = model.get("names");
  const article = model.get("article");
  const byId = Object.fromEntries(items.map((x) => [x.item_id, x]));
  const weightInputs = {};
  const likelihoodInputs = {};
  const outputs = {};
  const contributions = {};
  let local = false;

  const live = h("p", { class: "dk-ledger-live", "aria-live": "polite", "data-testid": "ledger-live" });
  const summaryList = h("ul", { class: "dk-ledger-summary", "data-testid": "ledger-summary" });

  function setRating(itemId, key, value) {
    const ratings = { ...model.get("ratings") };
    ratings[itemId] = { ...(ratings[itemId] || {}), [key]: value };
    local = true;
    model.set("ratings", ratings);
    model.save_changes();
    local = false;
    draw(byId[itemId].stakeholder);
  }

  const groups = model.get("stakeholders").map((stakeholder) => {
    const rows = items.filter((x) => x.stakeholder === stakeholder).map((x, k) => {
      const rid = `${id}-${x.item_id}`;
      const sign = x.kind === "gain" ? "+" : MINUS;
      weightInputs[x.item_id] = h("input", {
        type: "range", id: `${rid}-w`, min: 0, max: WEIGHT_MAX, step: 0.5, "data-item": x.item_id,
        "data-testid": `weight-${x.item_id}`, "aria-label": `Weight of “${x.label}” (${x.kind} for ${stakeholder}), 0 to 5`,
      });
      likelihoodInputs[x.item_id] = h("input", {
        type: "range", id: `${rid}-p`, min: 0, max: 100, step: 5, "data-item": x.item_id,
        "data-testid": `likelihood-${x.item_id}`, "aria-label": `Likelihood of “${x.label}” (${x.kind} for ${stakeholder}), 0 to 100 percent`,
      });
      outputs[x.item_id] = {
        w: h("output", { for: `${rid}-w`, class: "dk-ledger-num" }),
        p: h("output", { for: `${rid}-p`, class: "dk-ledger-num" }),
      };
      contributions[x.item_id] = h("td", { class: "dk-ledger-num", "data-testid": `contribution-${x.item_id}` });
      weightInputs[x.item_id].addEventListener("input", () => setRating(x.item_id, "weight", Number(weightInputs[x.item_id].value)));
      likelihoodInputs[x.item_id].addEventListener("input", () =>
        setRating(x.item_id, "likelihood", Number(likelihoodInputs[x.item_id].value) / 100));
      const quotes = h("details", { class: "dk-ledger-quotes" },
        h("summary", {}, `What ${article} says (${x.card_ids.join(", ")})`),
        ...x.quotes.map((q, j) => h("blockquote", {}, `“${q}” `,
          h("cite", {}, x.card_ids[j] + (x.dates?.[j] ? `, ${x.dates[j]}` : "")))),
        x.note ? h("p", { class: "dk-ledger-note" }, `Note (ours): ${x.note}`) : "");
      return h(
        "tr", { class: `dk-ledger-${x.kind}`, "data-item": x.item_id },
        h("th", { scope: "row" },
          h("span", { class: "dk-ledger-label" }, x.label),
          h("span", { class: "dk-ledger-heading" }, ` ${article}: “${x.heading}”`), quotes),
        h("td", { class: "dk-ledger-kind" }, h("span", { class: "dk-ledger-sign", "aria-hidden": "true" }, sign), x.kind === "gain" ? " Gain" : " Risk"),
        h("td", {}, h("div", { class: "dk-ledger-slider" }, weightInputs[x.item_id], outputs[x.item_id].w)),
        h("td", {}, h("div", { class: "dk-ledger-slider" }, likelihoodInputs[x.item_id], outputs[x.item_id].p)),
        contributions[x.item_id],
      );
    });
    return h(
      "section", { class: "dk-ledger-group", "data-stakeholder": stakeholder, "aria-labelledby": `${id}-${stakeholder}-h` },
      h("h4", { id: `${id}-${stakeholder}-h` }, names[stakeholder] || stakeholder),
      h("div", { class: "dk-ledger-table-wrap" }, h(
        "table", { class: "dk-ledger-table" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "Item (our label; the article's heading and words below)"),
          h("th", { scope: "col" }, "Kind"),
          h("th", { scope: "col" }, "Weight (0–5)"),
          h("th", { scope: "col" }, "Likelihood"),
          h("th", { scope: "col" }, "Weight × likelihood"))),
        h("tbody", {}, ...rows),
      )),
    );
  });

  const hatchId = `${id}-hatch`;
  const svg = s("svg", { role: "img", class: "dk-ledger-chart", "data-testid": "ledger-chart", preserveAspectRatio: "xMinYMin meet" });
  const legend = h("p", { class: "dk-ledger-legend" },
    h("span", { class: "dk-key dk-key-gain", "aria-hidden": "true" }), " gains (+, solid, right of 0) ",
    h("span", { class: "dk-key dk-key-risk", "aria-hidden": "true" }), " risks (−, hatched, left of 0) ",
    h("span", { class: "dk-key dk-key-net", "aria-hidden": "true" }), " net = gains − risks (thin bar)");
  const reset = h("button", { type: "button", "data-testid": "ledger-reset" }, "Reset all ratings to the starting values");
  reset.addEventListener("click", () => {
    local = true;
    model.set("ratings", {});
    model.save_changes();
    local = false;
    draw(null);
    live.textContent = "All ratings reset. " + compute(items, {}).stakeholders.map((r) => r.summary).join(". ") + ".";
  });

  const box = h(
    "div", { class: "dk-ledger", "data-testid": "ledger" },
    h("p", { class: "dk-ledger-title" }, model.get("title")),
    h("p", { class: "dk-ledger-how" },
      "For each item set a weight (how much it matters, 0–5) and a likelihood (0–100%). ",
      "Each stakeholder's net balance is the sum of weight × likelihood over its gains minus the same sum over its risks. ",
      "The starting values are ours and neutral (weight 3, likelihood 50%); the article gives no numbers."),
    h("figure", { class: "dk-ledger-figure" }, svg, h("figcaption", {}, legend)),
    summaryList, live, reset, ...groups,
  );
  root.append(box);

  function draw(changed) {
    let result;
    try {
      result = compute(items, model.get("ratings"));
    } catch (error) {
      live.textContent = `No balance: ${error.message}.`;
      return;
    }
    for (const r of result.items) {
      const x = byId[r.item_id];
      const pct = Math.round(r.likelihood * 100);
      if (Number(weightInputs[r.item_id].value) !== r.weight) weightInputs[r.item_id].value = String(r.weight);
      if (Number(likelihoodInputs[r.item_id].value) !== pct) likelihoodInputs[r.item_id].value = String(pct);
      weightInputs[r.item_id].setAttribute("aria-valuetext", `${r.weight} of 5`);
      likelihoodInputs[r.item_id].setAttribute("aria-valuetext", `${pct}%`);
      outputs[r.item_id].w.textContent = String(r.weight);
      outputs[r.item_id].p.textContent = `${pct}%`;
      contributions[r.item_id].textContent = formatAmount(x.kind === "gain" ? r.contribution : -r.contribution);
    }
    drawChart(svg, result, names, hatchId);
    summaryList.replaceChildren(...result.stakeholders.map((r) =>
      h("li", { "data-stakeholder": r.stakeholder, class: r.net < 0 && r.text !== "0.0" ? "dk-neg" : "" }, r.summary)));
    if (changed) {
      const row = result.stakeholders.find((r) => r.stakeholder === changed);
      if (row) live.textContent = row.summary;
    }
  }

  const onChange = () => {
    if (!local) draw(null);
  };
  model.on("change:ratings", onChange);
  draw(null);
  return () => model.off("change:ratings", onChange);
}

export default { render };
