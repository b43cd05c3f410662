// Submission widget: gathers a notebook's answers and downloads them as one answers file (the
// format of debatekit.classroom.answers.answers_document), so an assessment can be answered on
// the static book, with no Jupyter, and graded by `debatekit grade` beside notebooks.
// compute() is pure (no DOM): the document for given answers, tested under Node against Python.
//
// Browser storage (localStorage), all under "debatekit:": this widget reads the question widgets'
// copies, "debatekit:answer:<store_key>:<question>" (see question.js), and "Start over" removes
// them. It writes nothing of its own.

import { h as el, storage } from "./lib/dom.mjs";

export const ANSWERS_FIELD = "debatekit_answers";
export const FORMAT = 1;

// The answers file for `meta` ({assignment, release, questions_digest}) and `answers` (question id
// → answer; null or missing means unanswered), with every question of `qids` present.
export function compute(meta, qids, answers) {
  const all = {};
  for (const qid of qids) {
    const a = answers[qid];
    all[qid] = a === undefined ? null : a;
  }
  return {
    [ANSWERS_FIELD]: FORMAT,
    assignment: meta.assignment,
    release: meta.release,
    questions_digest: meta.questions_digest,
    source: "book page",
    answers: all,
  };
}

// The answers this browser holds, with the kernel's (model "answers") first where it has them.
function gather(model) {
  const store = storage();
  const key = model.get("store_key");
  const kernel = model.get("answers") || {};
  const found = {};
  for (const qid of model.get("questions")) {
    if (kernel[qid] !== undefined && kernel[qid] !== null) {
      found[qid] = kernel[qid];
      continue;
    }
    if (!store || !key) continue;
    try {
      const kept = store.getItem(`debatekit:answer:${key}:${qid}`);
      if (kept !== null) found[qid] = JSON.parse(kept);
    } catch {
      /* an unreadable copy counts as unanswered */
    }
  }
  return found;
}

function render({ model, el: root }) {
  const qids = model.get("questions");
  const status = el("p", { class: "dk-submit-status", "aria-live": "polite", "data-testid": "submit-status" });
  const download = el("button", { type: "button", class: "dk-submit-download" }, "Download my answers");
  const clear = el("button", { type: "button", class: "dk-submit-clear" }, "Start over (clear this browser's answers)");
  const confirm = el("button", { type: "button", class: "dk-submit-confirm", hidden: true }, "Yes, clear them");
  const count = () => {
    const n = Object.keys(gather(model)).length;
    status.textContent = `${n} of ${qids.length} questions answered in this browser.`;
  };
  download.addEventListener("click", () => {
    const meta = {
      assignment: model.get("assignment"),
      release: model.get("release"),
      questions_digest: model.get("questions_digest"),
    };
    const doc = compute(meta, qids, gather(model));
    const blob = new Blob([JSON.stringify(doc, null, 1)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: model.get("file_name") });
    document.body.append(link);
    link.click();
    link.remove();
    const n = Object.values(doc.answers).filter((a) => a !== null).length;
    status.textContent = `Downloaded ${model.get("file_name")} with ${n} of ${qids.length} answers: submit that file.`;
  });
  clear.addEventListener("click", () => {
    confirm.hidden = false;
    confirm.focus();
  });
  confirm.addEventListener("click", () => {
    const store = storage();
    const key = model.get("store_key");
    if (store && key) for (const qid of qids) store.removeItem(`debatekit:answer:${key}:${qid}`);
    confirm.hidden = true;
    status.textContent = "This browser's answers are cleared; reload the page to start over.";
  });
  root.append(el("div", { class: "dk-submit" }, download, clear, confirm, status));
  count();
  window.addEventListener("storage", count);
  return () => window.removeEventListener("storage", count);
}

export default { render };
