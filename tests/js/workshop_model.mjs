// Backups checked and merged by assets/workshop/model.mjs (run by tests/test_workshop.py).
import * as m from "../../assets/workshop/model.mjs";

const card = (id, tag, at) => ({id, quote: "q", paragraph_id: "x-p01", tag, kind: "fact", updated_at: at});
const mine = {cards: [card("a", "old", "2026-01-01"), card("b", "only here", "2026-01-01")], cases: [], practice: {k: {at: "2026-01-03", values: {answer: 1}}}, widgets: {}};
const theirs = m.makeBackup({cards: [card("a", "new", "2026-02-01"), card("c", "from backup", "2026-01-01")], cases: [], practice: {k: {at: "2026-01-02", values: {answer: 2}}}, widgets: {}});
const ok = m.validateBackup(JSON.parse(JSON.stringify(theirs)));
const merged = m.mergeBackup(mine, ok.data);
const bad = m.validateBackup({format: "x", version: 2, cards: [{id: 1}], practice: []});
console.log(JSON.stringify({problems: ok.problems, tags: merged.data.cards.map((c) => c.tag), answer: merged.data.practice.k.values.answer,
  added: merged.added, updated: merged.updated, bad: bad.problems.length, badData: bad.data === undefined,
  quote: m.quoteBetween("one  two three four", 1, 2)}));
