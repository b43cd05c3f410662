// Debate flow sheet and speech timer: one column per speech, the motion's arguments and rebuttals
// flowed into them, what answers what, a timer per speech, and the flow exported as Markdown.
// compute() and timer() are pure (no DOM) and repeat debatekit.models.flow step for step, so Node tests
// can hold them to the Python model; render() is the UI.

import { h, uniqueId } from "./lib/dom.mjs";

export const SIDES = ["proposition", "opposition"];
export const PHASE_LABELS = {
  ready: "Not started",
  "on-time": "On time",
  "final-minute": "1 minute left",
  "final-30": "30 seconds left",
  overtime: "Overtime",
};
const MD_SPECIAL = /([\\`*_{}\[\]<>#|$~^])/g;

// Backslash-escape characters Markdown would read as markup (Python: debatekit.build.book.escape_markdown).
export function escapeMarkdown(text) {
  return String(text).replace(MD_SPECIAL, "\\$1");
}

// Whole seconds as mm:ss (minutes keep growing past 59).
export function formatClock(seconds) {
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

// Phase, label, seconds remaining and clock text of a speech of `minutes` after `elapsed` seconds.
export function timer(minutes, elapsed) {
  const total = minutes * 60;
  const remaining = total - elapsed;
  let phase;
  if (elapsed <= 0) phase = "ready";
  else if (remaining <= 0) phase = "overtime";
  else if (remaining <= 30) phase = "final-30";
  else if (remaining <= 60) phase = "final-minute";
  else phase = "on-time";
  const clock = remaining > 0 ? formatClock(Math.ceil(remaining)) : "+" + formatClock(Math.floor(-remaining));
  return { phase, label: PHASE_LABELS[phase], remaining, clock };
}

function isNumber(x) {
  return typeof x === "number" && Number.isFinite(x);
}

function check(fmt, flow, elapsed) {
  const speeches = new Map(fmt.speeches.map((s) => [s.order, s]));
  for (const s of fmt.speeches) {
    if (!fmt.sides.slice(0, 2).includes(s.side)) throw new Error(`speech ${s.order} is for side '${s.side}', not one of ${fmt.sides}`);
    if (!isNumber(s.minutes) || s.minutes <= 0) throw new Error(`speech ${s.order} lasts ${s.minutes} minutes; give a positive number`);
  }
  const items = new Map(flow.items.map((i) => [i.item_id, i]));
  const entries = flow.entries;
  const sides = [];
  const seen = new Set();
  entries.forEach((e, n) => {
    const where = `flow entry ${n + 1}`;
    if (!isNumber(e.speech) || !speeches.has(e.speech)) throw new Error(`${where}: speech ${e.speech} is not a speech of ${fmt.name} with a side`);
    if (!items.has(e.item)) throw new Error(`${where}: unknown argument '${e.item}' for motion ${flow.motion_id}`);
    const side = SIDES[fmt.sides.indexOf(speeches.get(e.speech).side)];
    const item = items.get(e.item);
    if (item.side !== side) throw new Error(`${where}: ${item.item_id} is a ${item.side} item but speech ${e.speech} is for the ${side}`);
    const key = `${e.speech}|${e.item}`;
    if (seen.has(key)) throw new Error(`${where}: ${e.item} is already in speech ${e.speech}`);
    seen.add(key);
    sides.push(side);
  });
  entries.forEach((e, n) => {
    const a = e.answers;
    if (a === null || a === undefined) return;
    const ok = typeof a === "object" && !Array.isArray(a) && seen.has(`${a.speech}|${a.item}`);
    if (!ok) throw new Error(`flow entry ${n + 1}: answers an entry that is not on the flow`);
    if (a.speech >= e.speech) throw new Error(`flow entry ${n + 1}: answers speech ${a.speech}, which is not an earlier speech`);
    if (items.get(a.item).side === sides[n]) throw new Error(`flow entry ${n + 1}: answers ${a.item}, an argument of its own side`);
  });
  const times = new Map();
  for (const [key, value] of Object.entries(elapsed)) {
    if (!/^[0-9]+$/.test(key) || !speeches.has(Number(key))) throw new Error(`elapsed names speech ${key}, which is not a speech of ${fmt.name} with a side`);
    if (!isNumber(value) || value < 0) throw new Error(`elapsed time of speech ${key} is ${value}; give seconds, 0 or more`);
    times.set(Number(key), value);
  }
  return { items, times };
}

function entryLine(entry, item) {
  let text = `- **${escapeMarkdown(item.item_id)}**`;
  if (item.kind === "rebuttal") text += ` (rebuttal to ${escapeMarkdown(item.answers)})`;
  text += ` ${escapeMarkdown(item.claim)} (cards ${item.card_ids.join(", ")})`;
  const a = entry.answers;
  if (a !== null && a !== undefined) text += ` ↩ answers **${escapeMarkdown(a.item)}** in speech ${a.speech}`;
  return text;
}

// Each speech's timer and entries, and the whole flow as Markdown (Python: debatekit.models.flow.compute).
export function compute(fmt, flow, elapsed = {}) {
  const { items, times } = check(fmt, flow, elapsed);
  const lines = [
    `# Flow sheet: ${escapeMarkdown(flow.motion)}`, "",
    `- Format: ${escapeMarkdown(fmt.name)}`,
    `- Motion: ${flow.motion_id}. Arguments and rebuttals are the kit's; the card ids point to the articles' words.`, "",
  ];
  const out = fmt.speeches.map((s) => {
    const used = times.has(s.order) ? times.get(s.order) : 0;
    const t = timer(s.minutes, used);
    const entries = flow.entries.filter((e) => e.speech === s.order);
    const length = formatClock(Math.ceil(s.minutes * 60));
    lines.push(`## Speech ${s.order}: ${escapeMarkdown(s.speaker)} (${escapeMarkdown(s.side)}, ${length})`, "");
    if (used > 0) lines.push(`Time: ${t.clock} ${t.phase === "overtime" ? "over" : "left"} (${t.label}).`, "");
    if (entries.length) lines.push(...entries.map((e) => entryLine(e, items.get(e.item))));
    else lines.push("*Nothing flowed.*");
    lines.push("");
    return { order: s.order, speaker: s.speaker, side: s.side, minutes: s.minutes, elapsed: used, ...t, entries: entries.map((e) => e.item) };
  });
  return { speeches: out, markdown: lines.join("\n") };
}

// --- rendering ------------------------------------------------------------------------------

function shorten(text, n = 90) {
  return text.length <= n ? text : `${text.slice(0, n - 1).trimEnd()}…`;
}

const ANNOUNCED = new Set(["final-minute", "final-30", "overtime"]);

function render({ model, el: root }) {
  const id = uniqueId("dk-flow");
  const formats = model.get("formats");
  const motions = model.get("motions");
  const live = h("p", { class: "dk-flow-live", "aria-live": "polite", "data-testid": "flow-live" });
  const sheet = h("div", { class: "dk-flow-sheet", role: "region", tabindex: "0", "aria-label": "Flow sheet: one column per speech", "data-testid": "flow-sheet" });
  const motionText = h("p", { class: "dk-flow-motion", "data-testid": "flow-motion" });
  let columns = new Map();
  let base = {};
  let running = null; // {order, startedAt}
  let ticker = null;

  // Set-up: choose a format and a motion, then start a new flow.
  const formatSelect = h("select", { id: `${id}-format`, "data-testid": "format" },
    ...Object.values(formats).map((f) => h("option", { value: f.format_id }, f.name)));
  const motionSelect = h("select", { id: `${id}-motion`, "data-testid": "motion" },
    ...Object.values(motions).map((m) => h("option", { value: m.motion_id }, `${m.motion_id}: ${shorten(m.text, 70)}`)));
  const newFlow = h("button", { type: "button", "data-testid": "new-flow" }, "Start a new flow with this format and motion");
  newFlow.addEventListener("click", () => {
    stopTicker();
    model.set("entries", []);
    model.set("elapsed", {});
    model.set("markdown", "");
    model.set("format_id", formatSelect.value);
    model.set("motion_id", motionSelect.value);
    model.save_changes();
    build();
    const f = formats[formatSelect.value];
    live.textContent = `New flow: ${f.name}, motion ${motionSelect.value}, ${f.speeches.length} speeches. The old flow was cleared.`;
  });

  const exportButton = h("button", { type: "button", "data-testid": "export" }, "Export the flow as Markdown");
  const markdownBox = h("textarea", { id: `${id}-md`, readonly: "", rows: 10, "data-testid": "markdown", spellcheck: "false" });
  exportButton.addEventListener("click", () => {
    syncElapsed();
    const result = safeCompute();
    if (!result) return;
    markdownBox.value = result.markdown;
    model.set("markdown", result.markdown);
    model.save_changes();
    live.textContent = "The flow is in the Markdown box below: select it all and copy.";
  });
  markdownBox.addEventListener("focus", () => markdownBox.select());

  function fmt() {
    return formats[model.get("format_id")];
  }
  function motion() {
    return motions[model.get("motion_id")];
  }
  function flow() {
    const m = motion();
    return { motion_id: m.motion_id, motion: m.text, items: m.items, entries: model.get("entries") };
  }
  function elapsedOf(order) {
    const extra = running && running.order === order ? (performance.now() - running.startedAt) / 1000 : 0;
    return (base[order] || 0) + extra;
  }
  function allElapsed() {
    const out = {};
    for (const s of fmt().speeches) if (elapsedOf(s.order) > 0) out[String(s.order)] = elapsedOf(s.order);
    return out;
  }
  function syncElapsed() {
    model.set("elapsed", allElapsed());
    model.save_changes();
  }
  function safeCompute() {
    try {
      return compute(fmt(), flow(), allElapsed());
    } catch (error) {
      live.textContent = `The flow has a problem: ${error.message}.`;
      return null;
    }
  }
  function sideOf(speech) {
    return SIDES[fmt().sides.indexOf(speech.side)];
  }

  // Timers.
  function showTimer(order, announce) {
    const col = columns.get(order);
    const t = timer(col.speech.minutes, elapsedOf(order));
    const before = col.section.getAttribute("data-phase");
    col.clock.textContent = t.phase === "overtime" ? `${t.clock} over` : `${t.clock} left`;
    col.phase.textContent = t.label;
    col.section.setAttribute("data-phase", t.phase);
    const isRunning = running !== null && running.order === order;
    // aria-disabled, not disabled: the pressed button keeps keyboard focus when it stops applying
    col.start.setAttribute("aria-disabled", String(isRunning));
    col.pause.setAttribute("aria-disabled", String(!isRunning));
    if (announce && before !== t.phase && ANNOUNCED.has(t.phase)) {
      live.textContent = `Speech ${order}, ${col.speech.speaker}: ${t.label.toLowerCase()}.`;
    }
  }
  function stopTicker() {
    if (running) base[running.order] = elapsedOf(running.order);
    running = null;
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }
  function start(order) {
    if (running && running.order === order) return;
    const previous = running ? running.order : null;
    stopTicker();
    running = { order, startedAt: performance.now() };
    ticker = setInterval(() => running && showTimer(running.order, true), 250);
    if (previous !== null) showTimer(previous, false);
    showTimer(order, false);
    syncElapsed();
    live.textContent = `Timer started for speech ${order}, ${columns.get(order).speech.speaker}${previous !== null ? `; speech ${previous} paused` : ""}.`;
  }
  function pause(order) {
    if (!running || running.order !== order) return;
    stopTicker();
    showTimer(order, false);
    syncElapsed();
    live.textContent = `Timer paused for speech ${order} at ${columns.get(order).clock.textContent}.`;
  }
  function reset(order) {
    if (running && running.order === order) stopTicker();
    base[order] = 0;
    showTimer(order, false);
    syncElapsed();
    live.textContent = `Timer reset for speech ${order}.`;
  }

  // Flowing arguments.
  function addEntry(order) {
    const col = columns.get(order);
    const item = col.itemSelect.value;
    if (!item) {
      live.textContent = `Every ${sideOf(col.speech)} argument and rebuttal is already in speech ${order}.`;
      return;
    }
    const [aSpeech, aItem] = col.answerSelect.value ? col.answerSelect.value.split("|") : [null, null];
    const entry = { speech: order, item, answers: aItem ? { speech: Number(aSpeech), item: aItem } : null };
    model.set("entries", [...model.get("entries"), entry]);
    model.save_changes();
    drawEntries();
    col.itemSelect.focus();
    live.textContent = `Added ${item} to speech ${order}${aItem ? `, answering ${aItem} in speech ${aSpeech}` : ""}.`;
  }
  function removeEntry(order, item) {
    const entries = model.get("entries")
      .filter((e) => !(e.speech === order && e.item === item))
      .map((e) => (e.answers && e.answers.speech === order && e.answers.item === item ? { ...e, answers: null } : e));
    model.set("entries", entries);
    model.save_changes();
    drawEntries();
    columns.get(order).itemSelect.focus();
    live.textContent = `Removed ${item} from speech ${order}; anything that answered it now answers nothing.`;
  }

  function itemLabel(it) {
    return it.kind === "rebuttal" ? `${it.item_id} (rebuttal to ${it.answers}): ${shorten(it.claim)}` : `${it.item_id}: ${shorten(it.claim)}`;
  }

  function fillAnswers(col, entries) {
    const items = Object.fromEntries(motion().items.map((i) => [i.item_id, i]));
    const mine = sideOf(col.speech);
    const earlier = entries.filter((e) => e.speech < col.speech.order && items[e.item].side !== mine);
    const keep = col.answerSelect.value;
    col.answerSelect.replaceChildren(h("option", { value: "" }, "nothing (a new point)"),
      ...earlier.map((e) => h("option", { value: `${e.speech}|${e.item}` }, `${e.item} in speech ${e.speech}: ${shorten(items[e.item].claim, 60)}`)));
    const chosen = items[col.itemSelect.value];
    const target = chosen && chosen.kind === "rebuttal" ? earlier.filter((e) => e.item === chosen.answers).at(-1) : null;
    col.answerSelect.value = target ? `${target.speech}|${target.item}` : earlier.some((e) => `${e.speech}|${e.item}` === keep) ? keep : "";
  }

  function drawEntries() {
    let entries = model.get("entries");
    const result = safeCompute();
    if (!result) entries = [];
    const items = Object.fromEntries(motion().items.map((i) => [i.item_id, i]));
    for (const [order, col] of columns) {
      const here = entries.filter((e) => e.speech === order);
      col.list.replaceChildren(...here.map((e) => {
        const it = items[e.item];
        const remove = h("button", { type: "button", class: "dk-flow-remove", "aria-label": `Remove ${e.item} from speech ${order}` }, "Remove");
        remove.addEventListener("click", () => removeEntry(order, e.item));
        return h("li", { "data-item": e.item, class: `dk-flow-${it.kind}` },
          h("strong", {}, it.item_id), it.kind === "rebuttal" ? ` (rebuttal to ${it.answers})` : "", " ", it.claim, " ",
          h("span", { class: "dk-flow-cites" }, `(${it.card_ids.join(", ")})`),
          e.answers ? h("p", { class: "dk-flow-answers" }, `↩ answers ${e.answers.item} in speech ${e.answers.speech}`) : "",
          remove);
      }));
      col.count.textContent = here.length ? `${here.length} flowed` : "nothing flowed yet";
      const used = new Set(here.map((e) => e.item));
      const keep = col.itemSelect.value;
      const available = motion().items.filter((it) => it.side === sideOf(col.speech) && !used.has(it.item_id));
      col.itemSelect.replaceChildren(...available.map((it) => h("option", { value: it.item_id }, itemLabel(it))));
      if (available.some((it) => it.item_id === keep)) col.itemSelect.value = keep;
      col.add.disabled = available.length === 0;
      fillAnswers(col, entries);
    }
  }

  function build() {
    stopTicker();
    base = {};
    for (const [k, v] of Object.entries(model.get("elapsed"))) base[Number(k)] = v;
    const f = fmt();
    const m = motion();
    formatSelect.value = f.format_id;
    motionSelect.value = m.motion_id;
    motionText.replaceChildren(h("strong", {}, `Motion ${m.motion_id}: `), m.text, ` — ${f.sides[0]} argues the proposition case (P), ${f.sides[1]} the opposition case (O).`);
    columns = new Map();
    sheet.replaceChildren(...f.speeches.map((s) => {
      const sid = `${id}-s${s.order}`;
      const side = sideOf(s);
      const clock = h("span", { class: "dk-flow-clock", "data-testid": `clock-${s.order}` });
      const phase = h("span", { class: "dk-flow-phase", "data-testid": `phase-${s.order}` });
      const who = `speech ${s.order}, ${s.speaker}`;
      const startB = h("button", { type: "button", "aria-label": `Start the timer for ${who}`, "data-testid": `start-${s.order}` }, "Start");
      const pauseB = h("button", { type: "button", "aria-label": `Pause the timer for ${who}`, "data-testid": `pause-${s.order}` }, "Pause");
      const resetB = h("button", { type: "button", "aria-label": `Reset the timer for ${who}`, "data-testid": `reset-${s.order}` }, "Reset");
      startB.addEventListener("click", () => start(s.order));
      pauseB.addEventListener("click", () => pause(s.order));
      resetB.addEventListener("click", () => reset(s.order));
      const itemSelect = h("select", { id: `${sid}-item`, "data-testid": `item-${s.order}` });
      const answerSelect = h("select", { id: `${sid}-answers`, "data-testid": `answers-${s.order}` });
      const add = h("button", { type: "button", "data-testid": `add-${s.order}`, "aria-label": `Add to this speech (${who})` }, "Add to this speech");
      add.addEventListener("click", () => addEntry(s.order));
      const list = h("ol", { class: "dk-flow-entries", "data-testid": `entries-${s.order}` });
      const count = h("span", { class: "dk-flow-count" });
      const section = h("section", { class: `dk-flow-col dk-flow-${side}`, "data-speech": String(s.order), "data-testid": `speech-${s.order}`, "aria-labelledby": `${sid}-h` },
        h("h5", { id: `${sid}-h` }, `${s.order}. ${s.speaker}`),
        h("p", { class: "dk-flow-meta" }, `${s.side} (${side === "proposition" ? "P" : "O"}) · ${s.kind} · ${formatClock(Math.ceil(s.minutes * 60))} · `, count),
        h("div", { class: "dk-flow-timer", role: "group", "aria-label": `Timer for ${who}` },
          h("p", { class: "dk-flow-readout" }, clock, " ", phase),
          h("div", { class: "dk-flow-buttons" }, startB, pauseB, resetB)),
        list,
        h("div", { class: "dk-flow-add" },
          h("label", { for: itemSelect.id }, "Argument or rebuttal"), itemSelect,
          h("label", { for: answerSelect.id }, "It answers"), answerSelect, add));
      itemSelect.addEventListener("change", () => fillAnswers(columns.get(s.order), safeCompute() ? model.get("entries") : []));
      columns.set(s.order, { speech: s, section, clock, phase, start: startB, pause: pauseB, list, count, itemSelect, answerSelect, add });
      return section;
    }));
    for (const order of columns.keys()) showTimer(order, false);
    drawEntries();
    markdownBox.value = model.get("markdown");
  }

  root.append(h("div", { class: "dk-flow", "data-testid": "flow" },
    h("p", { class: "dk-flow-title" }, "Debate flow sheet and speech timer"),
    h("div", { class: "dk-flow-setup" },
      h("label", { for: formatSelect.id }, "Debate format"), formatSelect,
      h("label", { for: motionSelect.id }, "Motion"), motionSelect, newFlow),
    motionText,
    h("p", { class: "dk-flow-how" },
      "In each speech's column choose an argument or rebuttal, say what it answers (an earlier point of the other side) and press “Add to this speech”. ",
      "Each timer counts down the speech; the column is marked at 1 minute left, 30 seconds left and overtime, in words and by its border."),
    live, sheet,
    h("div", { class: "dk-flow-export" }, exportButton,
      h("label", { for: markdownBox.id }, "The flow as Markdown (read-only: select and copy)"), markdownBox)));

  const onSetup = () => build();
  const onEntries = () => drawEntries();
  model.on("change:format_id", onSetup);
  model.on("change:motion_id", onSetup);
  model.on("change:entries", onEntries);
  build();
  return () => {
    stopTicker();
    model.off("change:format_id", onSetup);
    model.off("change:motion_id", onSetup);
    model.off("change:entries", onEntries);
  };
}

export default { render };
