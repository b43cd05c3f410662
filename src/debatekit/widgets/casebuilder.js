// Case builder: a motion and a side, arguments (claim, warrant, impact, cards) and rebuttals to the
// other side's arguments in the kit, with what a judge would flag. compute() is pure and repeats
// debatekit.models.casecheck.check_case step for step (a Node test holds the two to the same findings);
// render() is the UI. On the book the case is kept in the browser through globalThis.debatekitWork
// (assets/workshop.js), with the student's own cards; in Jupyter it lives in the ``case`` trait.

import { download, h, uniqueId } from "./lib/dom.mjs";

export const CASE_FORMAT = "debatekit-case";
export const CASE_VERSION = 1;

export const FINDINGS = {
  "no-arguments": "the case has no argument",
  "no-claim": "an argument states no claim",
  "no-warrant": "an argument gives no warrant (why the evidence supports the claim)",
  "no-impact": "an argument says nothing of its impact (why it matters)",
  "no-card": "an argument rests on no card",
  "unknown-paragraph": "a card names a paragraph the readings do not have",
  "not-verbatim": "a card's quote is not, word for word, in the paragraph it names",
  "rebuttal-no-response": "a rebuttal says nothing",
  "rebuttal-no-card": "a rebuttal rests on no evidence",
  "one-article": "every card comes from a single article",
};

// The characters Python's str.split() treats as whitespace, so both sides normalise alike.
const SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

export function normaliseSpace(text) {
  return String(text).replace(SPACE, " ").replace(/^ | $/g, "");
}

export function articleOf(pid) {
  const i = pid.lastIndexOf("-p");
  return i < 0 ? pid : pid.slice(0, i);
}

const blank = (v) => typeof v !== "string" || !v.trim().replace(SPACE, "");

function finding(code, where, detail = "") {
  return { code, where, message: `${where}: ${FINDINGS[code]}` + (detail ? ` (${detail})` : "") };
}

function cardFindings(card, where, paragraphs) {
  const pid = String(card.paragraph_id ?? "");
  const label = `${where}, card ${card.id ?? "?"}`;
  if (!Object.prototype.hasOwnProperty.call(paragraphs, pid)) return [finding("unknown-paragraph", label, pid || "no paragraph id")];
  if (!normaliseSpace(paragraphs[pid]).includes(normaliseSpace(card.quote ?? "")) || blank(card.quote)) {
    return [finding("not-verbatim", label, pid)];
  }
  return [];
}

// Every finding for the case, given the text of each paragraph a card may cite.
export function compute(theCase, paragraphs) {
  const found = [];
  const args = theCase.arguments || [];
  const rebuttals = theCase.rebuttals || [];
  if (!args.length) found.push(finding("no-arguments", "case"));
  const articles = new Set();
  let cards = 0;
  args.forEach((arg, i) => {
    const where = `argument ${i + 1}`;
    for (const [field, code] of [["claim", "no-claim"], ["warrant", "no-warrant"], ["impact", "no-impact"]]) {
      if (blank(arg[field])) found.push(finding(code, where));
    }
    const own = arg.cards || [];
    if (!own.length) found.push(finding("no-card", where));
    for (const card of own) {
      found.push(...cardFindings(card, where, paragraphs));
      articles.add(articleOf(String(card.paragraph_id ?? "")));
      cards++;
    }
  });
  rebuttals.forEach((reb, i) => {
    const where = `rebuttal ${i + 1}`;
    if (blank(reb.response)) found.push(finding("rebuttal-no-response", where));
    const own = reb.cards || [];
    if (!own.length) found.push(finding("rebuttal-no-card", where));
    for (const card of own) {
      found.push(...cardFindings(card, where, paragraphs));
      articles.add(articleOf(String(card.paragraph_id ?? "")));
      cards++;
    }
  });
  if (cards && articles.size === 1) found.push(finding("one-article", "case", `all ${cards} from ${[...articles][0]}`));
  return found;
}

// --- exports ----------------------------------------------------------------------------------

function sideLabel(side) {
  return side === "opposition" ? "Opposition" : "Proposition";
}

function cardLine(c) {
  return `“${c.quote}” (${c.paragraph_id}; ${c.source === "kit" ? "kit card " + c.id : "cut by the student"}) — tag: ${c.tag}; ${c.kind}`;
}

export function caseMarkdown(theCase, motion, findings) {
  const lines = [`# Case: ${motion ? motion.text : theCase.motion}`, "", `- Student: ${theCase.student || "(no name)"}`,
    `- Motion: ${theCase.motion}`, `- Side: ${sideLabel(theCase.side)}`, ""];
  (theCase.arguments || []).forEach((a, i) => {
    lines.push(`## Argument ${i + 1}: ${a.claim || "(no claim)"}`, "", `**Warrant.** ${a.warrant || "(none)"}`, "",
      `**Impact.** ${a.impact || "(none)"}`, "", "**Cards.**", "", ...((a.cards || []).map((c) => `- ${cardLine(c)}`)), "");
  });
  (theCase.rebuttals || []).forEach((r, i) => {
    lines.push(`## Rebuttal ${i + 1}: to “${r.target_claim || "?"}”`, "", r.response || "(no response)", "", "**Cards.**", "",
      ...((r.cards || []).map((c) => `- ${cardLine(c)}`)), "");
  });
  lines.push("## What a judge would flag", "", ...(findings.length ? findings.map((f) => `- ${f.message}`) : ["- Nothing."]), "");
  return lines.join("\n");
}

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);

function cardHtml(c) {
  return `<div class="card"><blockquote>“${esc(c.quote)}”</blockquote><p class="ours"><span class="ids">${esc(c.paragraph_id)}</span> · ${esc(c.source === "kit" ? "kit card " + c.id : "cut by the student")} · tag (the student's): ${esc(c.tag)} · ${esc(c.kind)}</p></div>`;
}

export function casePrintHtml(theCase, motion, findings, css) {
  const args = (theCase.arguments || []).map((a, i) => `<h2>Argument ${i + 1}: ${esc(a.claim || "(no claim)")}</h2>
<p><strong>Warrant.</strong> ${esc(a.warrant || "(none)")}</p><p><strong>Impact.</strong> ${esc(a.impact || "(none)")}</p>${(a.cards || []).map(cardHtml).join("")}`).join("");
  const rebs = (theCase.rebuttals || []).map((r, i) => `<h2>Rebuttal ${i + 1}: to “${esc(r.target_claim || "?")}”</h2><p>${esc(r.response || "(no response)")}</p>${(r.cards || []).map(cardHtml).join("")}`).join("");
  const flags = findings.length ? `<ul>${findings.map((f) => `<li>${esc(f.message)}</li>`).join("")}</ul>` : "<p>Nothing.</p>";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Case: ${esc(theCase.student || "student")} · ${esc(theCase.motion)} · ${esc(sideLabel(theCase.side))}</title><style>${css}</style></head><body>
<section class="sheet"><h1>Case: ${esc(sideLabel(theCase.side))}</h1><p class="motion">${esc(motion ? motion.text : theCase.motion)}</p>
<p class="note">Student: ${esc(theCase.student || "(no name)")} · motion ${esc(theCase.motion)}. Quotes are the articles' words; claims, warrants, impacts and tags are the student's.</p>
${args}${rebs}<h2>What a judge would flag</h2>${flags}</section></body></html>`;
}

// --- rendering --------------------------------------------------------------------------------

function newCase(motionId) {
  const id = `case-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  return { format: CASE_FORMAT, version: CASE_VERSION, id, student: "", motion: motionId, side: "proposition",
    arguments: [], rebuttals: [], updated_at: new Date().toISOString() };
}

// A loaded case file: the parsed case, or an Error saying what is wrong with it.
export function readCaseFile(parsed, motionIds) {
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return new Error("the file does not hold a case (a JSON object)");
  if (parsed.format !== CASE_FORMAT) return new Error(`the file is not a debatekit case (format ${JSON.stringify(parsed.format)})`);
  if (parsed.version !== CASE_VERSION) return new Error(`this builder reads case files of version ${CASE_VERSION}, not ${JSON.stringify(parsed.version)}`);
  if (!motionIds.includes(parsed.motion)) return new Error(`unknown motion ${JSON.stringify(parsed.motion)}`);
  if (!["proposition", "opposition"].includes(parsed.side)) return new Error(`side must be proposition or opposition, not ${JSON.stringify(parsed.side)}`);
  if (!Array.isArray(parsed.arguments) || !Array.isArray(parsed.rebuttals || [])) return new Error("arguments and rebuttals must be lists");
  return { ...parsed, rebuttals: parsed.rebuttals || [], id: typeof parsed.id === "string" ? parsed.id : newCase(parsed.motion).id };
}

function render({ model, el: root }) {
  const prefix = uniqueId("dk-case");
  const uid = (s) => `${prefix}-${s}`;
  const work = globalThis.debatekitWork || null;
  const motions = model.get("motions");
  const motionById = Object.fromEntries(motions.map((m) => [m.motion_id, m]));
  const kitCards = model.get("kit_cards");
  const paragraphs = model.get("paragraphs");
  const linkTemplate = model.get("link_template");
  const contentRoot = document.documentElement.dataset.content_root || "";
  const href = (pid) => linkTemplate.replace("{root}", contentRoot).replace("{article}", articleOf(pid)).replace("{pid}", pid);

  const stored = () => (work ? work.read("cases") : []);
  let theCase = model.get("case") && model.get("case").id ? model.get("case") : null;
  if (!theCase) theCase = stored().slice().sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)))[0] || newCase(motions[0].motion_id);

  const status = h("p", { class: "dk-case-status", role: "status", "data-testid": "case-status" });
  const say = (text) => { status.textContent = text; };
  const flags = h("ul", { class: "dk-case-findings", "data-testid": "case-findings" });
  const flagsNote = h("p", { class: "dk-case-flag-count", "aria-live": "polite" });

  function studentCards() {
    return work ? work.read("cards") : [];
  }

  function save(quiet = true) {
    theCase.updated_at = new Date().toISOString();
    model.set("case", JSON.parse(JSON.stringify(theCase)));
    model.save_changes();
    if (work) {
      const ok = work.update("cases", (all) => {
        const i = all.findIndex((c) => c.id === theCase.id);
        if (i >= 0) all[i] = theCase;
        else all.push(theCase);
      }, "your case");
      if (!ok) say("Your case could not be kept in this browser: download it as JSON before you leave.");
      else if (!quiet) say("Case saved in this browser.");
    }
    showFindings();
    drawSaved();
  }

  function showFindings() {
    const found = compute(theCase, paragraphs);
    flags.replaceChildren(...(found.length ? found.map((f) => h("li", { "data-code": f.code }, f.message)) : [h("li", {}, "Nothing: a judge would find no gap of these kinds.")]));
    flagsNote.textContent = found.length ? `${found.length} thing${found.length === 1 ? "" : "s"} a judge would flag.` : "Nothing a judge would flag.";
    return found;
  }

  // --- the case's header: student, motion, side, saved cases ---
  const student = h("input", { type: "text", id: uid("student"), autocomplete: "name" });
  const motion = h("select", { id: uid("motion") }, ...motions.map((m) => h("option", { value: m.motion_id }, `${m.motion_id}: ${m.text}`)));
  const sides = ["proposition", "opposition"].map((s) => h("input", { type: "radio", name: uid("side"), id: uid(s), value: s }));
  const savedSelect = h("select", { id: uid("saved") });
  const openButton = h("button", { type: "button", class: "dk-case-button" }, "Open");
  const newButton = h("button", { type: "button", class: "dk-case-button" }, "Start a new case");

  function drawSaved() {
    const all = stored();
    savedSelect.replaceChildren(...(all.length ? all : [theCase]).map((c) => h("option", { value: c.id, selected: c.id === theCase.id },
      `${c.motion} · ${sideLabel(c.side)} · ${(c.arguments || []).length} arguments${c.id === theCase.id ? " (open)" : ""}`)));
  }

  student.addEventListener("input", () => { theCase.student = student.value; save(); });
  motion.addEventListener("change", () => { theCase.motion = motion.value; save(); drawRebuttalTargets(); say(`Motion ${motion.value}: ${motionById[motion.value].text}`); });
  sides.forEach((r) => r.addEventListener("change", () => { theCase.side = r.value; save(); drawRebuttalTargets(); say(`You argue for the ${sideLabel(r.value).toLowerCase()}.`); }));
  openButton.addEventListener("click", () => {
    const found = stored().find((c) => c.id === savedSelect.value);
    if (found) { theCase = found; drawAll(); say(`Opened the case on ${found.motion} (${sideLabel(found.side)}).`); }
  });
  newButton.addEventListener("click", () => { theCase = newCase(motion.value); save(); drawAll(); say("A new, empty case: add an argument."); });

  // --- cards: choose one of the student's or the kit's ---
  function cardPicker(id) {
    const select = h("select", { id });
    select.append(h("option", { value: "" }, "Choose a card…"));
    const mine = studentCards();
    if (mine.length) select.append(h("optgroup", { label: "Your cards" }, ...mine.map((c) => h("option", { value: `s:${c.id}` }, `${c.paragraph_id} · ${c.tag}`))));
    select.append(h("optgroup", { label: "The kit's cards" }, ...Object.entries(kitCards).map(([cid, c]) => h("option", { value: `k:${cid}` }, `${cid} · ${c.claim}`))));
    return select;
  }

  function cardFrom(value) {
    if (value.startsWith("s:")) {
      const c = studentCards().find((x) => x.id === value.slice(2));
      return c && { id: c.id, source: "student", paragraph_id: c.paragraph_id, quote: c.quote, tag: c.tag, kind: c.kind };
    }
    const c = kitCards[value.slice(2)];
    return c && { id: value.slice(2), source: "kit", paragraph_id: c.paragraph_id, quote: c.quote, tag: c.claim, kind: c.kind };
  }

  function cardList(owner, label) {
    const list = h("ul", { class: "dk-case-cards" });
    const draw = () => list.replaceChildren(...(owner.cards || []).map((c, i) => {
      const remove = h("button", { type: "button", class: "dk-case-button", "aria-label": `Remove card ${c.id} from ${label}` }, "Remove");
      remove.addEventListener("click", () => { owner.cards.splice(i, 1); save(); draw(); say(`Removed card ${c.id} from ${label}.`); picker.focus(); });
      return h("li", {}, h("q", {}, c.quote), " ", h("a", { href: href(c.paragraph_id) }, c.paragraph_id), ` · ${c.source === "kit" ? "kit" : "yours"}: ${c.tag} `, remove);
    }));
    const pid = uid(`pick-${label.replace(/\W+/g, "-")}`);
    const picker = cardPicker(pid);
    const add = h("button", { type: "button", class: "dk-case-button" }, "Add the card");
    add.addEventListener("click", () => {
      const card = picker.value && cardFrom(picker.value);
      if (!card) { say(`Choose a card for ${label} first.`); return; }
      owner.cards = owner.cards || [];
      owner.cards.push(card);
      save();
      draw();
      say(`Added card ${card.id} (${card.paragraph_id}) to ${label}.`);
    });
    draw();
    return h("div", { class: "dk-case-evidence" }, h("p", { class: "dk-case-label" }, "Cards"), list,
      h("label", { for: pid }, `Add a card to ${label}`), h("div", { class: "dk-case-row" }, picker, add));
  }

  function textField(owner, field, label, rows = 2) {
    const id = uid(`${label}-${field}`.replace(/\W+/g, "-"));
    const area = h("textarea", { id, rows });
    area.value = owner[field] || "";
    area.addEventListener("input", () => { owner[field] = area.value; save(); });
    return [h("label", { for: id }, `${field[0].toUpperCase()}${field.slice(1)}`), area];
  }

  // --- arguments ---
  const argList = h("div", { class: "dk-case-arguments" });
  const addArgument = h("button", { type: "button", class: "dk-case-button" }, "Add an argument");
  function drawArguments(focusLast = false) {
    argList.replaceChildren(...theCase.arguments.map((a, i) => {
      const label = `argument ${i + 1}`;
      const remove = h("button", { type: "button", class: "dk-case-button" }, `Remove argument ${i + 1}`);
      remove.addEventListener("click", () => {
        if (!window.confirm(`Remove argument ${i + 1}${a.claim ? ` (“${a.claim}”)` : ""}?`)) return;
        theCase.arguments.splice(i, 1); save(); drawArguments(); say(`Removed argument ${i + 1}.`); addArgument.focus();
      });
      return h("fieldset", { class: "dk-case-argument" }, h("legend", {}, `Argument ${i + 1}`),
        ...textField(a, "claim", label), ...textField(a, "warrant", label, 3), ...textField(a, "impact", label), cardList(a, label), remove);
    }));
    if (focusLast) argList.querySelector("fieldset:last-child textarea")?.focus();
  }
  addArgument.addEventListener("click", () => {
    theCase.arguments.push({ claim: "", warrant: "", impact: "", cards: [] });
    save(); drawArguments(true); say(`Argument ${theCase.arguments.length} added: write its claim.`);
  });

  // --- rebuttals to the other side's kit arguments ---
  const rebList = h("div", { class: "dk-case-rebuttals" });
  const target = h("select", { id: uid("target") });
  const addRebuttal = h("button", { type: "button", class: "dk-case-button" }, "Add a rebuttal");
  const otherSide = () => (theCase.side === "opposition" ? "proposition" : "opposition");
  function drawRebuttalTargets() {
    const m = motionById[theCase.motion];
    target.replaceChildren(...m.arguments[otherSide()].map((a) => h("option", { value: a.number }, `${sideLabel(otherSide())} ${a.number}: ${a.claim}`)));
  }
  function drawRebuttals(focusLast = false) {
    rebList.replaceChildren(...theCase.rebuttals.map((r, i) => {
      const label = `rebuttal ${i + 1}`;
      const remove = h("button", { type: "button", class: "dk-case-button" }, `Remove rebuttal ${i + 1}`);
      remove.addEventListener("click", () => {
        if (!window.confirm(`Remove rebuttal ${i + 1}?`)) return;
        theCase.rebuttals.splice(i, 1); save(); drawRebuttals(); say(`Removed rebuttal ${i + 1}.`); addRebuttal.focus();
      });
      return h("fieldset", { class: "dk-case-rebuttal" }, h("legend", {}, `Rebuttal ${i + 1}`),
        h("p", {}, `Answers the ${r.target_side} argument ${r.target}: “${r.target_claim}”`),
        ...textField(r, "response", label, 3), cardList(r, label), remove);
    }));
    if (focusLast) rebList.querySelector("fieldset:last-child textarea")?.focus();
  }
  addRebuttal.addEventListener("click", () => {
    const m = motionById[theCase.motion];
    const a = m.arguments[otherSide()].find((x) => String(x.number) === target.value);
    theCase.rebuttals.push({ target_side: otherSide(), target: a.number, target_claim: a.claim, response: "", cards: [] });
    save(); drawRebuttals(true); say(`Rebuttal ${theCase.rebuttals.length} added: answer “${a.claim}”.`);
  });

  // --- export and load ---
  const fileName = (ext) => `case-${(theCase.student || "student").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student"}-${theCase.motion}-${theCase.side}.${ext}`;
  const mdButton = h("button", { type: "button", class: "dk-case-button" }, "Download as Markdown");
  const printButton = h("button", { type: "button", class: "dk-case-button" }, "Download a print-ready page");
  const jsonButton = h("button", { type: "button", class: "dk-case-button" }, "Download as a case file (JSON)");
  mdButton.addEventListener("click", () => { download(fileName("md"), caseMarkdown(theCase, motionById[theCase.motion], compute(theCase, paragraphs)), "text/markdown"); say("Markdown file written."); });
  printButton.addEventListener("click", () => { download(fileName("html"), casePrintHtml(theCase, motionById[theCase.motion], compute(theCase, paragraphs), model.get("print_css")), "text/html"); say("Print-ready page written: open it and print (or save as PDF)."); });
  jsonButton.addEventListener("click", () => { download(fileName("json"), JSON.stringify(theCase, null, 1), "application/json"); say("Case file written: hand it in, or load it again here."); });
  // The file field is hidden behind a button, which the keyboard can press like any other.
  const loadInput = h("input", { type: "file", id: uid("load"), accept: ".json,application/json", hidden: true, tabindex: "-1", "data-role": "load-case" });
  const loadButton = h("button", { type: "button", class: "dk-case-button" }, "Load a case file (JSON)…");
  loadButton.addEventListener("click", () => loadInput.click());
  loadInput.addEventListener("change", async () => {
    const file = loadInput.files && loadInput.files[0];
    if (!file) return;
    let parsed;
    try { parsed = JSON.parse(await file.text()); } catch (e) { say(`${file.name} is not a case file: not valid JSON.`); return; }
    const got = readCaseFile(parsed, motions.map((m) => m.motion_id));
    if (got instanceof Error) { say(`${file.name} was not loaded: ${got.message}.`); return; }
    theCase = got;
    save();
    drawAll();
    say(`Loaded ${file.name}: ${theCase.arguments.length} arguments, ${theCase.rebuttals.length} rebuttals.`);
  });

  function drawAll() {
    student.value = theCase.student || "";
    motion.value = theCase.motion;
    sides.forEach((r) => { r.checked = r.value === theCase.side; });
    drawSaved();
    drawRebuttalTargets();
    drawArguments();
    drawRebuttals();
    showFindings();
  }

  const box = h("div", { class: "dk-case", "data-testid": "case-builder" },
    h("p", { class: "dk-case-title" }, model.get("title")),
    h("div", { class: "dk-case-head" },
      h("label", { for: student.id }, "Your name (printed on the case)"), student,
      h("label", { for: motion.id }, "Motion"), motion,
      h("fieldset", { class: "dk-case-sides" }, h("legend", {}, "Your side"), ...sides.map((r) => h("span", {}, r, h("label", { for: r.id }, sideLabel(r.value))))),
      work ? h("div", {}, h("label", { for: savedSelect.id }, "Your saved cases"), h("div", { class: "dk-case-row" }, savedSelect, openButton, newButton)) : ""),
    h("h3", {}, "Arguments"), argList, addArgument,
    h("h3", {}, "Rebuttals to the other side"), h("label", { for: target.id }, "Argument to answer"), h("div", { class: "dk-case-row" }, target, addRebuttal), rebList,
    h("h3", {}, "What a judge would flag"), flagsNote, flags,
    h("h3", {}, "Export"), h("div", { class: "dk-case-row" }, mdButton, printButton, jsonButton),
    h("div", { class: "dk-case-row" }, loadButton), loadInput,
    status);
  root.append(box);
  drawAll();
  if (work && !work.available()) work.report("your case", null);
}

export default { render };
