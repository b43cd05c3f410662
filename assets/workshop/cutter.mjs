// Cut a card on a reading page: select words inside one paragraph (or pick them word by word with
// the ✂ button beside a paragraph's number), write a tag line, choose the kind, save. The quote is
// the paragraph's own text, so it is verbatim by construction.
import { KINDS, makeCard, normaliseSpace, quoteBetween, words } from "./model.mjs";
import { fromRoot, h, kindSelect } from "./ui.mjs";

const SKIP = ".para-num, .dk-cut-button";

// The paragraph's text as the reader sees it, without its number and cut button.
export function paragraphText(p) {
  const copy = p.cloneNode(true);
  for (const x of copy.querySelectorAll(SKIP)) x.remove();
  return normaliseSpace(copy.textContent);
}

// What the selection would cut: {pid, quote} or {problem} saying why no card can be cut.
export function readSelection(selection, paragraphs) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !normaliseSpace(selection.toString())) {
    return { problem: "Nothing is selected. Select words inside one numbered paragraph first, or use the ✂ button beside a paragraph’s number to pick the words." };
  }
  const range = selection.getRangeAt(0);
  const within = (node) => paragraphs.find((p) => p.contains(node));
  const start = within(range.startContainer);
  const end = within(range.endContainer);
  if (!start || !end) {
    return { problem: "The selection is not inside a numbered paragraph of the article. Select words in one paragraph." };
  }
  if (start !== end) {
    return { problem: `The selection runs from ${start.id} into ${end.id}. A card quotes one paragraph: select words inside one of them.` };
  }
  const part = range.cloneContents();
  if (part.querySelector && part.querySelector(".footnote-reference")) {
    return { problem: "The selection includes a footnote mark. End the selection before the mark (or start after it)." };
  }
  for (const x of part.querySelectorAll(SKIP)) x.remove();
  const quote = normaliseSpace(part.textContent);
  if (!quote) return { problem: "Only the paragraph number is selected. Select the words you want to quote." };
  if (!paragraphText(start).includes(quote)) return { problem: "The selection could not be matched to the paragraph’s text. Select the words again." };
  return { pid: start.id, quote };
}

let dialogCount = 0;

function editor(work, meta, announce) {
  const n = ++dialogCount;
  const title = h("h2", { id: `dk-cut-title-${n}` }, "Cut a card");
  const where = h("p", { class: "dk-cut-where" });
  const pick = h("div", { class: "dk-cut-pick" });
  const preview = h("blockquote", { class: "dk-cut-quote", id: `dk-cut-quote-${n}` });
  const tag = h("input", { type: "text", id: `dk-cut-tag-${n}`, maxlength: "300", required: true, autocomplete: "off" });
  const kind = kindSelect(`dk-cut-kind-${n}`, KINDS, "");
  const message = h("p", { class: "dk-cut-message", role: "status" });
  const save = h("button", { type: "submit", class: "dk-button" }, "Save the card");
  const cancel = h("button", { type: "button", class: "dk-button dk-secondary" }, "Cancel");
  const form = h("form", { method: "dialog", class: "dk-cut-form" },
    title, where, pick,
    h("p", { class: "dk-cut-label" }, "Quote (the article’s words, exactly):"), preview,
    h("label", { for: tag.id }, "Tag line: what this card proves, in your own words"), tag,
    h("label", { for: kind.id }, "Kind of claim"), kind,
    message, h("div", { class: "dk-cut-actions" }, save, cancel));
  const dialog = h("dialog", { class: "dk-cut-dialog", "aria-labelledby": title.id }, form);
  document.body.append(dialog);
  let current = null;

  const setQuote = (text) => {
    current.quote = text;
    preview.textContent = text;
  };

  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let card;
    try {
      card = makeCard({
        quote: current.quote, paragraphId: current.pid, articleId: meta.article, articleTitle: meta.title,
        date: meta.date, url: `${work.pagePath()}#${current.pid}`, tag: tag.value, kind: kind.value,
      });
    } catch (e) {
      message.textContent = e.message;
      return;
    }
    const ok = work.update("cards", (cards) => { cards.push(card); }, "your new card");
    dialog.close();
    announce(ok ? `Card saved from ${card.paragraph_id}: “${card.tag}”. It is listed on the cards page with the kit’s cards.`
      : "The card could not be saved in this browser (see the alert at the top of the page).");
  });

  return {
    open({ pid, quote, paragraph, opener }) {
      current = { pid, quote: "" };
      tag.value = "";
      kind.value = "";
      message.textContent = "";
      where.replaceChildren(`From paragraph `, h("a", { href: `#${pid}` }, pid), ` of ${meta.article} (${meta.title}), dated ${meta.date}.`);
      pick.replaceChildren();
      if (quote) {
        setQuote(quote);
      } else {
        const text = paragraphText(paragraph);
        const list = words(text);
        const first = h("select", { id: `dk-cut-first-${n}` });
        const last = h("select", { id: `dk-cut-last-${n}` });
        list.forEach((w, i) => {
          first.append(h("option", { value: i }, `${i + 1}: ${w.text}`));
          last.append(h("option", { value: i }, `${i + 1}: ${w.text}`));
        });
        last.value = String(list.length - 1);
        const change = () => {
          const a = Number(first.value);
          const b = Number(last.value);
          if (b < a) {
            message.textContent = "The last word comes before the first: move one of them.";
            setQuote("");
          } else {
            message.textContent = "";
            setQuote(quoteBetween(text, a, b));
          }
        };
        first.addEventListener("change", change);
        last.addEventListener("change", change);
        pick.append(
          h("p", {}, "Pick the first and the last word of your quote:"),
          h("label", { for: first.id }, "First word"), first,
          h("label", { for: last.id }, "Last word"), last);
        change();
      }
      dialog.addEventListener("close", () => opener && opener.focus(), { once: true });
      dialog.showModal();
      (quote ? tag : pick.querySelector("select")).focus();
    },
  };
}

export function start(marker, work) {
  const meta = { article: marker.dataset.article, title: marker.dataset.title, date: marker.dataset.date };
  const paragraphs = [...document.querySelectorAll("main p[id]")].filter((p) => p.id.startsWith(`${meta.article}-p`) && p.querySelector(".para-num"));
  const status = h("p", { class: "dk-cut-status", role: "status" });
  const announce = (text) => { status.textContent = text; };
  const ed = editor(work, meta, announce);

  let held = null;
  const cutButton = h("button", { type: "button", class: "dk-button", id: "dk-cut-selection" }, "✂ Cut a card from the selection");
  // Read the selection before the press can move focus (and, on some browsers, clear it).
  cutButton.addEventListener("pointerdown", () => { held = readSelection(getSelection(), paragraphs); });
  cutButton.addEventListener("click", () => {
    const got = held || readSelection(getSelection(), paragraphs);
    held = null;
    if (got.problem) announce(got.problem);
    else ed.open({ pid: got.pid, quote: got.quote, opener: cutButton });
  });
  const cardsLink = h("a", { href: fromRoot(work, "book/reference/cards.html#your-cards") }, "your cards");
  const bar = h("div", { class: "dk-cut-bar", role: "region", "aria-label": "Cut a card" },
    h("div", { class: "dk-cut-row" }, cutButton, h("span", {}, " · see ", cardsLink)), status);
  marker.append(h("p", { class: "dk-cut-help" },
    "Cut evidence cards from this reading: select words inside one numbered paragraph and press “Cut a card from the selection” (at the foot of the page), or press ✂ beside a paragraph’s number to pick the words with the keyboard. Cards stay in this browser; see ",
    h("a", { href: fromRoot(work, "book/workshop/my-work.html") }, "My work"), "."));
  for (const p of paragraphs) {
    const num = p.querySelector(".para-num");
    const b = h("button", { type: "button", class: "dk-cut-button", "aria-label": `Cut a card from paragraph ${num.textContent.trim()} (${p.id})` }, "✂");
    b.addEventListener("click", () => ed.open({ pid: p.id, paragraph: p, opener: b }));
    num.after(b);
  }
  const article = marker.closest("section") || document.querySelector("main article") || document.body;
  article.append(bar);
  if (!work.available()) work.report("cards you cut here", null);
}
