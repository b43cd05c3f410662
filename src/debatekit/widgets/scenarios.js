// Scenario explorer widget: toggle an article's measures to see which of its claimed consequences are in
// play, and order another article's steps to see which preconditions are unmet. compute() and
// consequencesInPlay() are pure (no DOM) and repeat debatekit.models.scenarios step for step, so Node
// tests can hold them to the Python model; render() is the UI.

import { h, uniqueId } from "./lib/dom.mjs";

function idsOf(kind, records, key) {
  const ids = records.map((r) => r[key]);
  const dupes = [...new Set(ids.filter((x, i) => ids.indexOf(x) !== i))].sort();
  if (dupes.length) throw new Error(`${kind} id(s) ${dupes.join(", ")} appear more than once`);
  return ids;
}

// For each consequence: in play or not, required measures missing, chosen measures ruling it out.
export function consequencesInPlay(selected, measures, consequences) {
  const known = new Set(idsOf("measure", measures, "measure_id"));
  const unknown = [...new Set(selected.filter((m) => !known.has(m)))].sort();
  if (unknown.length) throw new Error(`selected measure(s) ${unknown.join(", ")} are not measures of the explorer`);
  const chosen = new Set(selected);
  return consequences.map((c) => {
    for (const m of [...c.all_of, ...c.none_of]) {
      if (!known.has(m)) throw new Error(`consequence '${c.consequence_id}' names unknown measure '${m}'`);
    }
    const missing = c.all_of.filter((m) => !chosen.has(m));
    const blocked = c.none_of.filter((m) => chosen.has(m));
    return { consequence_id: c.consequence_id, in_play: !missing.length && !blocked.length, missing, blocked_by: blocked };
  });
}

// Which preconditions of each step do not come before it in `order` (every step listed once).
export function compute(order, steps) {
  const ids = idsOf("step", steps, "step_id");
  const known = new Set(ids);
  for (const s of steps) {
    for (const p of s.preconditions) {
      if (!known.has(p) || p === s.step_id) throw new Error(`step '${s.step_id}' has precondition '${p}', which is not another step`);
    }
  }
  if (!Array.isArray(order) || !order.every((x) => typeof x === "string")) throw new Error("order must be a list of step ids");
  const unknown = order.filter((x) => !known.has(x));
  if (unknown.length) throw new Error(`order names unknown step(s) ${unknown.join(", ")}`);
  const repeated = [...new Set(order.filter((x, i) => order.indexOf(x) !== i))].sort();
  if (repeated.length) throw new Error(`order lists step(s) ${repeated.join(", ")} more than once`);
  const missing = ids.filter((x) => !order.includes(x));
  if (missing.length) throw new Error(`order leaves out step(s) ${missing.join(", ")}; place every step once`);
  const position = Object.fromEntries(order.map((x, k) => [x, k]));
  const pre = Object.fromEntries(steps.map((s) => [s.step_id, s.preconditions]));
  const unmet = {};
  for (const x of order) unmet[x] = pre[x].filter((p) => position[p] > position[x]);
  return { unmet, blocked: order.filter((x) => unmet[x].length) };
}

// --- rendering ------------------------------------------------------------------------------

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}


function quotesFor(ids, cards) {
  return ids.filter((c) => cards[c]).map((c) => h("blockquote", {}, `“${cards[c].quote}” `, h("cite", {}, `${c}, ${cards[c].paragraph_id}` + (cards[c].date ? `, ${cards[c].date}` : ""))));
}

function renderExplorer(model, id, cards) {
  const ex = model.get("explorer");
  const labels = Object.fromEntries(ex.measures.map((m) => [m.measure_id, m.label]));
  const boxes = {};
  const summary = h("p", { class: "dk-sc-live", "aria-live": "polite", "data-testid": "inplay-summary" });
  const items = {};

  function setSelected(selected) {
    model.set("selected", selected);
    model.save_changes();
    draw();
  }

  const fieldsets = ex.scenarios.map((sc) => {
    const rows = ex.measures.filter((m) => m.scenario === sc.scenario_id).map((m) => {
      const bid = `${id}-m-${m.measure_id}`;
      boxes[m.measure_id] = h("input", { type: "checkbox", id: bid, "data-measure": m.measure_id, "data-testid": `measure-${m.measure_id}` });
      boxes[m.measure_id].addEventListener("change", () => {
        const chosen = new Set(model.get("selected"));
        if (boxes[m.measure_id].checked) chosen.add(m.measure_id);
        else chosen.delete(m.measure_id);
        setSelected(ex.measures.map((x) => x.measure_id).filter((x) => chosen.has(x)));
      });
      return h("div", { class: "dk-sc-measure" }, boxes[m.measure_id],
        h("label", { for: bid }, m.label, " ", h("span", { class: "dk-sc-cites" }, `(${m.card_ids.join(", ")})`)));
    });
    const preset = h("button", { type: "button", "data-testid": `preset-${sc.scenario_id}`,
      "aria-label": `Choose exactly this scenario's measures: ${sc.title}` }, "Choose exactly this scenario's measures");
    preset.addEventListener("click", () => setSelected([...sc.preset]));
    return h("fieldset", { class: "dk-sc-scenario", "data-scenario": sc.scenario_id },
      h("legend", {}, sc.title, " ", h("span", { class: "dk-sc-cites" }, `(${sc.paragraph_ids.join(", ")})`)),
      h("p", { class: "dk-sc-summary" }, sc.summary),
      ...rows, preset);
  });
  const clear = h("button", { type: "button", "data-testid": "measures-clear" }, "Clear all measures");
  clear.addEventListener("click", () => setSelected([]));

  const lists = ex.scenarios.map((sc) => {
    const lis = ex.consequences.filter((c) => c.scenario === sc.scenario_id).map((c) => {
      const status = h("span", { class: "dk-sc-status" });
      const reason = h("p", { class: "dk-sc-reason" });
      items[c.consequence_id] = { li: null, status, reason };
      const li = h("li", { "data-consequence": c.consequence_id, class: `dk-sc-${c.kind.replace(" ", "-")}` },
        status, " ",
        h("span", { class: "dk-sc-claimant" }, `${c.claimant} ${c.kind === "reported claim" ? "is reported as claiming" : c.kind === "caveat" ? "adds a caveat" : "claims"}: `),
        c.claim, " ", h("span", { class: "dk-sc-cites" }, `(${c.card_ids.join(", ")})`),
        reason,
        h("details", {}, h("summary", {}, "The article's words"), ...quotesFor(c.card_ids, cards),
          c.reading ? h("p", { class: "dk-sc-reading" }, `How we mapped it (ours): ${c.reading}`) : ""));
      items[c.consequence_id].li = li;
      return li;
    });
    return h("div", { class: "dk-sc-consequences" }, h("p", { class: "dk-sc-subhead" }, `${ex.follows}: ${sc.title}`), h("ul", {}, ...lis));
  });

  function draw() {
    const selected = model.get("selected");
    for (const [m, box] of Object.entries(boxes)) box.checked = selected.includes(m);
    let status;
    try {
      status = consequencesInPlay(selected, ex.measures, ex.consequences);
    } catch (error) {
      summary.textContent = `Cannot evaluate: ${error.message}.`;
      return;
    }
    for (const s of status) {
      const it = items[s.consequence_id];
      it.li.setAttribute("data-in-play", String(s.in_play));
      it.status.textContent = s.in_play ? "✔ In play" : "✖ Not in play";
      const why = [];
      if (s.missing.length) why.push(`needs ${s.missing.map((m) => `“${labels[m]}”`).join(" and ")}`);
      if (s.blocked_by.length) why.push(`ruled out while chosen: ${s.blocked_by.map((m) => `“${labels[m]}”`).join(", ")}`);
      it.reason.textContent = s.in_play ? "Its conditions hold with the measures you chose." : `Not in play: ${why.join("; ")}.`;
    }
    const n = status.filter((s) => s.in_play).length;
    summary.textContent = `${plural(selected.length, "measure", "measures")} chosen: ${n} of ${status.length} consequences the article states are in play.`;
  }

  const section = h("section", { class: "dk-sc-explorer", "aria-labelledby": `${id}-ex-h` },
    h("h4", { id: `${id}-ex-h` }, ex.heading),
    h("p", { class: "dk-sc-premise" }, ex.premise, " ", h("span", { class: "dk-sc-cites" }, `(${ex.premise_cards.join(", ")})`)),
    h("div", { class: "dk-sc-fieldsets" }, ...fieldsets), clear, summary, ...lists);
  return { section, draw };
}

function renderSequence(model, id, cards) {
  const steps = model.get("steps");
  const phases = model.get("phases");
  const byId = Object.fromEntries(steps.map((s) => [s.step_id, s]));
  const list = h("ol", { class: "dk-sc-steps", "data-testid": "sequence" });
  const live = h("p", { class: "dk-sc-live", "aria-live": "polite", "data-testid": "sequence-summary" });
  const rows = {};

  function move(stepId, delta) {
    const order = [...model.get("order")];
    const k = order.indexOf(stepId);
    const j = k + delta;
    if (j < 0 || j >= order.length) return;
    [order[k], order[j]] = [order[j], order[k]];
    model.set("order", order);
    model.save_changes();
    const result = draw();
    const row = rows[stepId];
    const target = (delta < 0 && j === 0) || (delta > 0 && j === order.length - 1) ? (delta < 0 ? row.down : row.up) : (delta < 0 ? row.up : row.down);
    target.focus();
    if (result) live.textContent = `Moved “${byId[stepId].label}” to position ${j + 1} of ${order.length}. ${countText(result)}`;
  }

  function countText(result) {
    return result.blocked.length
      ? `${plural(result.blocked.length, "step has", "steps have")} unmet preconditions.`
      : "Every step comes after its preconditions.";
  }

  for (const s of steps) {
    const up = h("button", { type: "button", class: "dk-sc-move", "aria-label": `Move “${s.label}” up`, "data-testid": `up-${s.step_id}` }, "↑ Up");
    const down = h("button", { type: "button", class: "dk-sc-move", "aria-label": `Move “${s.label}” down`, "data-testid": `down-${s.step_id}` }, "↓ Down");
    up.addEventListener("click", () => move(s.step_id, -1));
    down.addEventListener("click", () => move(s.step_id, 1));
    const status = h("p", { class: "dk-sc-step-status" });
    const position = h("span", { class: "dk-sc-position" });
    const grounds = s.grounds.map((g) => h("li", {}, `Before it: ${byId[g.precondition].label}. `, h("q", {}, g.quote), " ",
      h("cite", {}, g.paragraph_id), h("span", { class: "dk-sc-reading" }, ` Our reading: ${g.reading}`)));
    const li = h("li", { "data-step": s.step_id },
      h("div", { class: "dk-sc-step-head" }, position,
        h("span", { class: "dk-sc-step-label" }, s.label), " ",
        h("span", { class: `dk-sc-phase dk-sc-phase-${s.phase}` }, `${s.phase}: ${phases[s.phase] || ""}`),
        h("span", { class: "dk-sc-buttons" }, up, down)),
      status,
      h("details", {}, h("summary", {}, `Why (${s.card_ids.join(", ")})`), ...quotesFor(s.card_ids, cards),
        grounds.length ? h("ul", { class: "dk-sc-grounds" }, ...grounds) : h("p", {}, "The article states no step that must come before this one.")));
    rows[s.step_id] = { li, up, down, status, position };
  }

  function draw() {
    const order = model.get("order");
    let result;
    try {
      result = compute(order, steps);
    } catch (error) {
      live.textContent = `Cannot check this order: ${error.message}.`;
      return null;
    }
    order.forEach((x, k) => {
      const r = rows[x];
      r.position.textContent = `${k + 1}.`;
      r.up.disabled = k === 0;
      r.down.disabled = k === order.length - 1;
      const unmet = result.unmet[x];
      r.li.setAttribute("data-unmet", String(unmet.length));
      r.li.classList.toggle("dk-sc-blocked", unmet.length > 0);
      r.status.textContent = unmet.length
        ? `⚠ Unmet: ${unmet.map((p) => `“${byId[p].label}”`).join(" and ")} must come before this step.`
        : byId[x].preconditions.length ? "✔ Its preconditions come earlier." : "✔ No preconditions.";
    });
    list.replaceChildren(...order.map((x) => rows[x].li));
    return result;
  }

  const reset = h("button", { type: "button", "data-testid": "sequence-reset" }, "Back to the starting order");
  reset.addEventListener("click", () => {
    model.set("order", [...model.get("start_order")]);
    model.save_changes();
    const result = draw();
    if (result) live.textContent = `Starting order restored. ${countText(result)}`;
  });

  const section = h("section", { class: "dk-sc-sequence", "aria-labelledby": `${id}-seq-h` },
    h("h4", { id: `${id}-seq-h` }, model.get("sequencing_heading")),
    h("p", { class: "dk-sc-note" }, model.get("sequencing_note")),
    h("p", { class: "dk-sc-how" }, "Use the Up and Down buttons (Tab to reach them, Enter or Space to press) to reorder the steps. ",
      model.get("start_note")),
    list, live, reset);
  return { section, draw: () => {
    const result = draw();
    if (result && !live.textContent) live.textContent = countText(result);
  } };
}

function render({ model, el: root }) {
  const id = uniqueId("dk-scenarios");
  const cards = model.get("cards");
  const explorer = renderExplorer(model, id, cards);
  const sequence = renderSequence(model, id, cards);
  root.append(h("div", { class: "dk-scenarios", "data-testid": "scenarios" },
    h("p", { class: "dk-sc-title" }, model.get("title")),
    h("p", { class: "dk-sc-how" }, "Everything under “claims” is what the articles say, in our paraphrase with the card ids; ",
      "open “The article's words” for the quotes. Which measures a claim depends on, and which steps must come first, is our reading where marked."),
    explorer.section, sequence.section));
  const onSelected = () => explorer.draw();
  const onOrder = () => sequence.draw();
  model.on("change:selected", onSelected);
  model.on("change:order", onOrder);
  explorer.draw();
  sequence.draw();
  return () => {
    model.off("change:selected", onSelected);
    model.off("change:order", onOrder);
  };
}

export default { render };
