// Pure parts of the workshop (no DOM, no storage): card and backup shapes, checks and merging.
// Node tests import this module; the page modules build on it.

//: The kit's kinds of claim (debatekit.content.evidence.KINDS; a test keeps the two equal).
export const KINDS = ["fact", "figure", "forecast", "recommendation", "value judgement"];
export const BACKUP_FORMAT = "debatekit-backup";
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_BYTES = 5_000_000;
const AREAS = { cards: "list", cases: "list", practice: "map", widgets: "map" };
const TAG_MAX = 300;

export function normaliseSpace(text) {
  return String(text).replace(/\s+/g, " ").trim();
}

// A new student card from a quote cut out of one paragraph; throws with a message for a bad one.
export function makeCard({ quote, paragraphId, articleId, articleTitle, date, url, tag, kind }, now = new Date()) {
  const q = normaliseSpace(quote || "");
  if (!q) throw new Error("The quote is empty: pick at least one word.");
  const t = normaliseSpace(tag || "");
  if (!t) throw new Error("Write a tag line: what the card proves, in your own words.");
  if (t.length > TAG_MAX) throw new Error(`Keep the tag line under ${TAG_MAX} characters.`);
  if (!KINDS.includes(kind)) throw new Error("Choose the kind of claim the quote makes.");
  const stamp = now.toISOString();
  const id = `s-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  return {
    id, source: "student", paragraph_id: paragraphId, article_id: articleId, article_title: articleTitle,
    date: date || "unknown", url, quote: q, tag: t, kind, created_at: stamp, updated_at: stamp,
  };
}

// The card with a new tag and kind; the quote and where it comes from never change.
export function editCard(card, { tag, kind }, now = new Date()) {
  const t = normaliseSpace(tag || "");
  if (!t) throw new Error("The tag line cannot be empty.");
  if (t.length > TAG_MAX) throw new Error(`Keep the tag line under ${TAG_MAX} characters.`);
  if (!KINDS.includes(kind)) throw new Error("Choose one of the kinds of claim.");
  return { ...card, tag: t, kind, updated_at: now.toISOString() };
}

// Words of a paragraph with their character spans, for picking a quote word by word.
export function words(text) {
  const out = [];
  const re = /\S+/g;
  let m;
  while ((m = re.exec(text))) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

// The exact text from word ``first`` to word ``last`` (0-based, inclusive) of ``text``.
export function quoteBetween(text, first, last) {
  const w = words(text);
  if (!(first >= 0 && last < w.length && first <= last)) throw new Error("The last word must come after the first.");
  return text.slice(w[first].start, w[last].end);
}

export function emptyBackup() {
  return { cards: [], cases: [], practice: {}, widgets: {} };
}

export function makeBackup(areas, now = new Date()) {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exported_at: now.toISOString(), ...areas };
}

function isCard(c) {
  return c && typeof c === "object" && typeof c.id === "string" && typeof c.quote === "string" &&
    typeof c.paragraph_id === "string" && typeof c.tag === "string" && KINDS.includes(c.kind);
}

// Check a parsed backup file; returns {problems: [...], data} (data only when there is none).
export function validateBackup(parsed, size = 0) {
  const problems = [];
  if (size > MAX_BACKUP_BYTES) problems.push(`The file is ${size} bytes; a backup is at most ${MAX_BACKUP_BYTES}.`);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { problems: [...problems, "The file is not a debatekit backup (expected a JSON object)."] };
  }
  if (parsed.format !== BACKUP_FORMAT) problems.push(`The file is not a debatekit backup (format is ${JSON.stringify(parsed.format)}).`);
  if (parsed.version !== BACKUP_VERSION) problems.push(`This book reads backups of version ${BACKUP_VERSION}; the file is version ${JSON.stringify(parsed.version)}.`);
  for (const [area, shape] of Object.entries(AREAS)) {
    const v = parsed[area];
    if (v === undefined) continue;
    if (shape === "list" && !Array.isArray(v)) problems.push(`“${area}” should be a list.`);
    if (shape === "map" && (typeof v !== "object" || v === null || Array.isArray(v))) problems.push(`“${area}” should be a mapping.`);
  }
  if (Array.isArray(parsed.cards)) {
    parsed.cards.forEach((c, i) => { if (!isCard(c)) problems.push(`Card ${i + 1} lacks an id, quote, paragraph id, tag or known kind.`); });
  }
  if (Array.isArray(parsed.cases)) {
    parsed.cases.forEach((c, i) => {
      if (!c || typeof c !== "object" || typeof c.id !== "string" || !Array.isArray(c.arguments)) problems.push(`Case ${i + 1} lacks an id or its arguments.`);
    });
  }
  if (problems.length) return { problems };
  const data = emptyBackup();
  for (const area of Object.keys(AREAS)) if (parsed[area] !== undefined) data[area] = parsed[area];
  return { problems, data };
}

function newer(a, b) {
  return String(a.updated_at || a.at || "") >= String(b.updated_at || b.at || "") ? a : b;
}

// Merge a backup into what the browser holds: items are matched by id (key); where both have one,
// the more recently changed is kept. Nothing held here is dropped. Returns {data, added, updated}.
export function mergeBackup(current, incoming) {
  const data = emptyBackup();
  let added = 0;
  let updated = 0;
  for (const [area, shape] of Object.entries(AREAS)) {
    if (shape === "list") {
      const byId = new Map((current[area] || []).map((x) => [x.id, x]));
      for (const item of incoming[area] || []) {
        const mine = byId.get(item.id);
        if (!mine) { byId.set(item.id, item); added++; }
        else if (newer(item, mine) === item && JSON.stringify(item) !== JSON.stringify(mine)) { byId.set(item.id, item); updated++; }
      }
      data[area] = [...byId.values()];
    } else {
      const out = { ...(current[area] || {}) };
      for (const [k, item] of Object.entries(incoming[area] || {})) {
        if (!(k in out)) { out[k] = item; added++; }
        else if (newer(item, out[k]) === item && JSON.stringify(item) !== JSON.stringify(out[k])) { out[k] = item; updated++; }
      }
      data[area] = out;
    }
  }
  return { data, added, updated };
}

// Per page of the book: practice questions answered and right, widgets changed; per article the
// cards cut; and the cases built. Pages and articles in the order first seen.
export function progress(areas) {
  const pages = new Map();
  const page = (path, title) => {
    if (!pages.has(path)) pages.set(path, { page: path, title: title || path, answered: 0, checked: 0, right: 0, widgets: 0 });
    return pages.get(path);
  };
  for (const rec of Object.values(areas.practice || {})) {
    const p = page(rec.page, rec.title);
    const answer = rec.values ? rec.values.answer : null;
    if (answer !== null && answer !== undefined) p.answered++;
    if (rec.checked) {
      const same = JSON.stringify(rec.checked.answer) === JSON.stringify(answer);
      if (same) p.checked++;
      if (same && rec.checked.status === "correct") p.right++;
    }
  }
  for (const rec of Object.values(areas.widgets || {})) page(rec.page, rec.title).widgets++;
  const articles = new Map();
  for (const c of areas.cards || []) {
    if (!articles.has(c.article_id)) articles.set(c.article_id, { article: c.article_id, title: c.article_title, cards: 0 });
    articles.get(c.article_id).cards++;
  }
  return { pages: [...pages.values()], articles: [...articles.values()], cases: (areas.cases || []).length };
}
