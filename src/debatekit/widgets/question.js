// Question widget: the controls for one exercise question and, in practice mode, its check.
// compute() is pure (no DOM) and repeats debatekit.classroom.checking.check step for step, so a
// Node test holds the two to the same scores and feedback; a weighing question ranks the options
// with the shared trade-off model (lib/tradeoff_model.mjs). In assessed mode the widget has no key
// (practice is {}): it only records the answer, and the grader scores it later.
//
// Browser storage (localStorage), all under "debatekit:": "debatekit:answer:<store_key>:<question>"
// holds this browser's copy of one answer, where store_key (set by the kernel) is
// "<notebook file>|<release>|<copy id>"; an empty store_key means no browser copy. A copy only
// fills a question the kernel has no answer for, so it never overrides the notebook.

import { rankOptions } from "./lib/tradeoff_model.mjs";
import { h as el, storage, uniqueId } from "./lib/dom.mjs";

export { rankOptions } from "./lib/tradeoff_model.mjs";
export const NUMERIC_SLACK = 1e-9;

function fmt(x) {
  return String(x);
}

export function weighingOutcome(task, weights) {
  const { matrix } = task;
  for (const c of matrix.criteria) {
    if (task.adjustable.includes(c)) continue;
    if (Math.abs(weights[c] - task.lens_weights[c]) > 1e-9) {
      return [false, `This task keeps '${c}' at the ${task.lens} lens weight (${fmt(task.lens_weights[c])}); you changed it.`];
    }
  }
  const values = Object.values(weights);
  if (values.some((x) => !Number.isFinite(x) || x < 0) || !values.some((x) => x > 0)) {
    return [false, "Weights must be 0 or more, and at least one must be above 0."];
  }
  const ranks = rankOptions(matrix, weights);
  const firsts = ranks.filter((r) => r.rank === 1).map((r) => r.option);
  const target = task.target;
  if (firsts.length === 1 && firsts[0] === target) return [true, `'${target}' ranks first with your weights.`];
  if (firsts.includes(target)) {
    const others = firsts.filter((o) => o !== target).map((o) => `'${o}'`).join(", ");
    return [false, `'${target}' ties for first with ${others}; it must rank first on its own.`];
  }
  const rank = ranks.find((r) => r.option === target).rank;
  return [false, `With your weights '${firsts[0]}' ranks first and '${target}' ranks ${rank}.`];
}

const SCORERS = {
  single(q, p, answer) {
    if (answer === p.key) return [q.points, []];
    return [0, [p.feedback[answer] ?? "That is not the answer."]];
  },
  multiple(q, p, answer) {
    const hits = answer.filter((a) => p.key.includes(a)).length;
    const wrong = q.choices.filter((c) => answer.includes(c.id) && !p.key.includes(c.id));
    const score = (q.points * Math.max(0, hits - wrong.length)) / p.key.length;
    const feedback = wrong.map((c) => p.feedback[c.id] ?? `“${c.text}” is not one of them.`);
    const missed = p.key.length - hits;
    if (missed) feedback.push(`You missed ${missed} correct choice${missed === 1 ? "" : "s"}.`);
    return [score, feedback];
  },
  numeric(q, p, answer) {
    const { value, tolerance } = p.key;
    if (Math.abs(answer - value) <= tolerance + NUMERIC_SLACK) return [q.points, []];
    if (answer < value) return [0, [p.feedback.too_low ?? "Too low."]];
    return [0, [p.feedback.too_high ?? "Too high."]];
  },
  ordering(q, p, answer) {
    const group = {};
    p.key.forEach((members, g) => members.forEach((item) => (group[item] = g)));
    const position = {};
    answer.forEach((item, i) => (position[item] = i));
    let ordered = 0;
    let right = 0;
    for (const a of answer) {
      for (const b of answer) {
        if (group[a] < group[b]) {
          ordered += 1;
          if (position[a] < position[b]) right += 1;
        }
      }
    }
    const score = (q.points * right) / ordered;
    if (right === ordered) return [score, []];
    return [score, [p.feedback.hint ?? "Not quite in order.", `${right} of ${ordered} pairs are in the right order.`]];
  },
  matching(q, p, answer) {
    const wrong = q.claims.filter((c) => answer[c.id] !== p.key[c.id]);
    const score = (q.points * (q.claims.length - wrong.length)) / q.claims.length;
    return [score, wrong.map((c) => p.feedback[c.id] ?? `Check: “${c.text}”.`)];
  },
  citation(q, p, answer) {
    if (p.key.includes(answer)) return [q.points, []];
    return [0, [p.feedback[answer] ?? "That paragraph does not support the claim."]];
  },
  weighing(q, p, answer) {
    const [ok, sentence] = weighingOutcome(q, answer);
    return [ok ? q.points : 0, [sentence]];
  },
  short() {
    return [null, ["Scored by your instructor with the rubric."]];
  },
};

// --- Question types for reading critically (debatekit.classroom.reading_types) -----------------
// Their keys and every wrong option's feedback are derived in Python; here they are looked up.
function pickOne(q, p, answer) {
  if (p.key.includes(answer)) return [q.points, []];
  return [0, [p.feedback[answer] ?? "Not yet: look again at the paragraph."]];
}

const READING_SCORERS = {
  provenance: pickOne,
  overtaken: pickOne,
  move: pickOne,
  analogy(q, p, answer) {
    const wrong = q.statements.filter((s) => answer[s.id] !== p.key[s.id]);
    const score = (q.points * (q.statements.length - wrong.length)) / q.statements.length;
    return [score, wrong.map((s) => p.feedback[s.id] ?? `Check: “${s.text}”.`)];
  },
};
Object.assign(SCORERS, READING_SCORERS);
// --- end of the reading-critically scorers ---------------------------------------------------------

// Score one answer: {score, status, feedback}. `question` is the public part, `practice` the key
// material ({key, feedback, explanation}); `answer` null means unanswered.
export function compute(question, practice, answer) {
  if (answer === null || answer === undefined) {
    if (question.type === "short") return { score: null, status: "pending", feedback: ["No answer."] };
    return { score: 0, status: "unanswered", feedback: ["No answer."] };
  }
  const [score, feedback] = SCORERS[question.type](question, practice, answer);
  if (score === null) return { score: null, status: "pending", feedback };
  const status = score >= question.points ? "correct" : score > 0 ? "partial" : "wrong";
  if (status === "correct" && practice.explanation) feedback.push(practice.explanation);
  return { score, status, feedback };
}

// ---------------------------------------------------------------------------------------------
// Rendering: thin DOM code over the model. Every control is labelled and works by keyboard.

// Element ids (and radio group names) must be unique in the page, however many questions it shows.
function nextUid(qid) {
  return uniqueId(`dk-q-${qid}`);
}

const STATUS_TEXT = {
  correct: ["✓", "Correct"],
  partial: ["◐", "Partly right"],
  wrong: ["✗", "Not yet"],
  unanswered: ["?", "No answer yet"],
  pending: ["✎", "Saved for your instructor"],
};

// Shown when a second page attached to the kernel's widgets (see debatekit.widgets.question).
export const DETACHED_WARNING =
  "Warning: this notebook was reopened, or is open in another tab, while its kernel kept running. " +
  "Your answers are kept beside the notebook, but this page's notebook file may miss them: close other " +
  "tabs of it, run all cells (Run ▸ Run All Cells), then save.";

function excerpt(text, n = 220) {
  return text.length <= n ? text : text.slice(0, text.lastIndexOf(" ", n)) + " …";
}

function controls(q, answer, commit, uid) {
  if (READING_CONTROLS[q.type]) return READING_CONTROLS[q.type](q, answer, commit, uid);
  const box = el("div", { class: "dk-q-controls" });
  if (q.type === "single" || q.type === "multiple" || q.type === "citation") {
    const multiple = q.type === "multiple";
    const entries = q.type === "citation" ? q.candidates.map((c) => ({ id: c.pid, text: c.text })) : q.choices;
    const list = el("div", { class: "dk-q-choices" });
    entries.forEach((c, i) => {
      const id = `${uid}-c${i}`;
      const checked = multiple ? (answer || []).includes(c.id) : answer === c.id;
      const input = el("input", { type: multiple ? "checkbox" : "radio", name: `${uid}-choice`, id, value: c.id, checked });
      input.addEventListener("change", () => {
        if (multiple) {
          const picked = [...list.querySelectorAll("input:checked")].map((x) => x.value);
          commit(picked.length ? picked : null);
        } else commit(c.id);
      });
      const label =
        q.type === "citation"
          ? el("label", { for: id }, el("strong", {}, c.id), ": ", excerpt(c.text))
          : el("label", { for: id }, c.text);
      const row = el("div", { class: "dk-q-choice" }, input, label);
      if (q.type === "citation" && c.text.length > 220) {
        row.append(el("details", { class: "dk-q-full" }, el("summary", {}, `Read all of ${c.id}`), el("p", {}, c.text)));
      }
      list.append(row);
    });
    box.append(list);
  } else if (q.type === "numeric") {
    const id = `${uid}-num`;
    const input = el("input", { type: "number", step: "any", id, inputmode: "decimal" });
    if (typeof answer === "number") input.value = String(answer);
    // Recorded on every keystroke (as ipywidgets' continuous_update does), so the confirmation is
    // announced as soon as the student types.
    input.addEventListener("input", () => {
      const x = input.value.trim() === "" ? null : Number(input.value);
      commit(x === null || Number.isFinite(x) ? x : null);
    });
    box.append(el("label", { for: id }, "Your answer "), input, el("span", { class: "dk-q-unit" }, ` ${q.unit}`));
  } else if (q.type === "ordering") {
    const text = Object.fromEntries(q.items.map((i) => [i.id, i.text]));
    let order = Array.isArray(answer) ? [...answer] : q.items.map((i) => i.id);
    const list = el("ol", { class: "dk-q-order" });
    const note = el("p", { class: "dk-q-note", "aria-live": "polite" });
    const draw = (focusId, dir) => {
      list.replaceChildren(
        ...order.map((id, i) => {
          const up = el("button", { type: "button", "aria-label": `Move “${text[id]}” earlier`, disabled: i === 0 }, "↑");
          const down = el(
            "button",
            { type: "button", "aria-label": `Move “${text[id]}” later`, disabled: i === order.length - 1 },
            "↓",
          );
          const move = (d) => {
            const j = i + d;
            [order[i], order[j]] = [order[j], order[i]];
            commit([...order]);
            note.textContent = `“${text[id]}” is now number ${j + 1} of ${order.length}.`;
            draw(id, d);
          };
          up.addEventListener("click", () => move(-1));
          down.addEventListener("click", () => move(1));
          const li = el("li", { "data-id": id }, el("span", {}, text[id]), el("span", { class: "dk-q-movers" }, up, down));
          if (id === focusId) {
            const same = dir < 0 ? up : down;
            queueMicrotask(() => (same.disabled ? (dir < 0 ? down : up) : same).focus());
          }
          return li;
        }),
      );
    };
    draw();
    const keep = el("button", { type: "button", class: "dk-q-secondary" }, "Record this order");
    keep.addEventListener("click", () => {
      commit([...order]);
      note.textContent = "Order recorded.";
    });
    box.append(list, keep, note);
  } else if (q.type === "matching") {
    const current = answer && typeof answer === "object" ? { ...answer } : {};
    const table = el("div", { class: "dk-q-matching" });
    q.claims.forEach((c, i) => {
      const id = `${uid}-m${i}`;
      const select = el("select", { id });
      select.append(el("option", { value: "" }, "Choose…"));
      for (const o of q.options) select.append(el("option", { value: o.id, selected: current[c.id] === o.id }, o.text));
      select.addEventListener("change", () => {
        if (select.value) current[c.id] = select.value;
        else delete current[c.id];
        commit(Object.keys(current).length ? { ...current } : null);
      });
      table.append(el("label", { for: id }, c.text), select);
    });
    box.append(table);
  } else if (q.type === "weighing") {
    const m = q.matrix;
    const weights = answer && typeof answer === "object" ? { ...answer } : { ...q.lens_weights };
    const table = el("table", { class: "dk-q-weights" });
    table.append(
      el("caption", {}, `Weights (the ${q.lens} lens is the starting point)`),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Criterion"), el("th", { scope: "col" }, `${q.lens} lens`), el("th", { scope: "col" }, "Your weight"))),
    );
    const body = el("tbody");
    const ranking = el("ol", { class: "dk-q-ranking", "aria-live": "polite" });
    const redraw = () => {
      const valid = Object.values(weights).every((x) => Number.isFinite(x) && x >= 0) && Object.values(weights).some((x) => x > 0);
      ranking.replaceChildren(
        ...(valid
          ? rankOptions(m, weights).map((r) =>
              el("li", { class: r.option === q.target ? "dk-q-target" : null }, `${r.option}: ${r.score.toFixed(2)}${r.option === q.target ? " (the option to put first)" : ""}`),
            )
          : [el("li", {}, "Give every weight a number ≥ 0, at least one above 0.")]),
      );
    };
    m.criteria.forEach((c, i) => {
      const id = `${uid}-w${i}`;
      const fixed = !q.adjustable.includes(c);
      const input = el("input", { type: "number", id, min: "0", step: "0.5", value: String(weights[c]), readonly: fixed, "aria-describedby": fixed ? `${uid}-fixed` : null });
      input.addEventListener("input", () => {
        const x = Number(input.value);
        weights[c] = input.value.trim() === "" ? NaN : x;
        redraw();
        if (Object.values(weights).every(Number.isFinite)) commit({ ...weights });
      });
      const dir = m.directions[c] === "cost" ? " (cost: more is worse)" : "";
      body.append(el("tr", {}, el("th", { scope: "row" }, el("label", { for: id }, c + dir)), el("td", {}, fmt(q.lens_weights[c])), el("td", {}, input)));
    });
    table.append(body);
    const fixedNote = el("p", { id: `${uid}-fixed`, class: "dk-q-note" }, `Weights marked read-only stay at the ${q.lens} lens value.`);
    redraw();
    const keep = el("button", { type: "button", class: "dk-q-secondary" }, "Record these weights");
    keep.addEventListener("click", () => commit({ ...weights }));
    box.append(table, fixedNote, el("p", { class: "dk-q-note" }, "Ranking with your weights:"), ranking, keep);
  } else if (q.type === "short") {
    const id = `${uid}-text`;
    // The word count describes the text box (read on demand) rather than being announced on
    // every keystroke.
    const area = el("textarea", { id, rows: "6", "aria-describedby": `${id}-count` });
    area.value = typeof answer === "string" ? answer : "";
    const count = el("span", { class: "dk-q-note", id: `${id}-count` });
    const words = () => (area.value.trim() ? area.value.trim().split(/\s+/).length : 0);
    count.textContent = `${words()} of ${q.max_words} words`;
    area.addEventListener("input", () => {
      count.textContent = `${words()} of ${q.max_words} words`;
      commit(area.value.trim() ? area.value : null);
    });
    const rubric = el("ul", { class: "dk-q-rubric" }, ...q.rubric.map((r) => el("li", {}, `${r.criterion} (${fmt(r.points)} pt${r.points === 1 ? "" : "s"})`)));
    box.append(el("label", { for: id }, "Your answer"), area, count, el("p", { class: "dk-q-note" }, "Rubric:"), rubric);
  }
  return box;
}

// --- Controls for the reading-critically types: the quoted words, then a list to pick from or a
// sorting table, built with the shared controls above.
function quoted(quote, pid, label) {
  return el("figure", { class: "dk-q-quote" }, el("blockquote", {}, `“${quote}”`), el("figcaption", {}, `${label} ${pid}`));
}

function pickList(q, options, answer, commit, uid) {
  const list = el("div", { class: "dk-q-choices" });
  options.forEach((o, i) => {
    const id = `${uid}-c${i}`;
    const input = el("input", { type: "radio", name: `${uid}-choice`, id, value: o.id, checked: answer === o.id });
    input.addEventListener("change", () => commit(o.id));
    const label = o.pid ? el("label", { for: id }, el("strong", {}, o.pid), ": ", excerpt(o.text)) : el("label", { for: id }, o.text);
    const row = el("div", { class: "dk-q-choice" }, input, label);
    if (o.pid && o.text.length > 220) {
      row.append(el("details", { class: "dk-q-full" }, el("summary", {}, `Read all of ${o.pid}`), el("p", {}, o.text)));
    }
    list.append(row);
  });
  return list;
}

const READING_CONTROLS = {
  provenance(q, answer, commit, uid) {
    const options = [...q.candidates.map((c) => ({ id: c.pid, pid: c.pid, text: c.text })), q.none];
    return el("div", { class: "dk-q-controls" }, pickList(q, options, answer, commit, uid));
  },
  overtaken(q, answer, commit, uid) {
    const options = [...q.candidates.map((c) => ({ id: c.pid, pid: c.pid, text: c.text })), q.none];
    const claim = quoted(q.claim.quote, q.claim.pid, `The claim (card ${q.claim.card}), from`);
    return el("div", { class: "dk-q-controls" }, claim, pickList(q, options, answer, commit, uid));
  },
  move(q, answer, commit, uid) {
    const box = controls({ ...q, type: "single" }, answer, commit, uid);
    box.prepend(quoted(q.quote, q.pid, "From"));
    return box;
  },
  analogy(q, answer, commit, uid) {
    const box = controls({ ...q, type: "matching", claims: q.statements }, answer, commit, uid);
    box.prepend(quoted(q.quote, q.pid, "The analogy, from"));
    return box;
  },
};
// --- end of the reading-critically controls --------------------------------------------------------

function render({ model, el: root }) {
  const q = model.get("question");
  const uid = nextUid(q.id);
  const practice = model.get("practice");
  const isPractice = practice && Object.keys(practice).length > 0;
  const storeKey = model.get("store_key") ? `debatekit:answer:${model.get("store_key")}:${q.id}` : null;
  const store = storeKey ? storage() : null;
  let localChange = false;
  // debatekit:persist (two calls, here and in showResult): on the book, a practice answer and the
  // outcome of its last check are kept in the browser for the My work page (assets/workshop.js).
  // An assessed answer is not: it lives only in its own copy above, which "Start over" clears.
  const workId = `${model.get("assignment")}:${q.id}`;
  if (isPractice) {
    globalThis.debatekitWork?.persist(model, { area: "practice", widget: "question", id: workId, keys: ["answer"], label: "your answer" });
  }

  if ((model.get("answer") === null || model.get("answer") === undefined) && store) {
    try {
      const kept = store.getItem(storeKey);
      if (kept !== null) {
        model.set("answer", JSON.parse(kept));
        model.save_changes();
      }
    } catch {
      /* a stale or unreadable local copy is ignored */
    }
  }

  const number = model.get("number");
  const legend = el("legend", {}, number ? `Your answer to question ${number}` : "Your answer");
  const fieldset = el("fieldset", { class: "dk-q-fieldset" }, legend);
  const result = el("div", { class: "dk-q-result", "aria-live": "polite", "data-testid": "question-result" });
  const warning = el("p", { class: "dk-q-warning", role: "alert", "data-testid": "question-warning" });
  const box = el("div", { class: `dk-question dk-q-${q.type}`, "data-question": q.id, "data-testid": "question" }, warning, fieldset, result);
  root.append(box);
  const showWarning = () => {
    warning.hidden = !model.get("detached");
    warning.textContent = model.get("detached") ? DETACHED_WARNING : "";
  };
  showWarning();

  const commit = (value) => {
    localChange = true;
    model.set("answer", value);
    model.save_changes();
    localChange = false;
    if (store) {
      try {
        if (value === null) store.removeItem(storeKey);
        else store.setItem(storeKey, JSON.stringify(value));
      } catch {
        /* storage full or forbidden: the notebook copy still records it */
      }
    }
    if (!isPractice) result.replaceChildren(el("p", { class: "dk-q-note" }, value === null ? "No answer recorded." : "Answer recorded. In Jupyter, save the notebook to keep it (on the book page it stays in this browser only)."));
  };

  const showResult = () => {
    const r = compute(q, practice, model.get("answer"));
    globalThis.debatekitWork?.recordCheck(workId, r.status, model.get("answer"));
    const [icon, word] = STATUS_TEXT[r.status];
    const scoreText = r.score === null ? "" : ` — ${fmt(Math.round(r.score * 100) / 100)} of ${fmt(q.points)} point${q.points === 1 ? "" : "s"}`;
    const reread = (practice.reread || []).map((p) =>
      el(
        "details",
        { class: "dk-q-reread" },
        el("summary", {}, `Re-read ${p.pid}`),
        el("blockquote", {}, p.text),
        el("a", { href: p.url }, `Open ${p.pid} in the book`),
      ),
    );
    result.replaceChildren(
      el("p", { class: `dk-q-status dk-q-${r.status}` }, el("span", { "aria-hidden": "true" }, icon + " "), word + scoreText),
      ...(r.feedback.length ? [el("ul", { class: "dk-q-feedback" }, ...r.feedback.map((f) => el("li", {}, f)))] : []),
      ...(r.status === "correct" ? [] : reread),
    );
  };

  const draw = () => {
    fieldset.replaceChildren(legend, controls(q, model.get("answer"), commit, uid));
    if (isPractice) {
      const button = el("button", { type: "button", class: "dk-q-check" }, "Check my answer");
      button.addEventListener("click", showResult);
      fieldset.append(button);
    }
  };
  draw();

  const onAnswer = () => {
    if (!localChange) draw();
  };
  model.on("change:answer", onAnswer);
  model.on("change:detached", showWarning);
  return () => {
    model.off("change:answer", onAnswer);
    model.off("change:detached", showWarning);
  };
}

export default { render };
