// The student's own cards on the cards page, beside the kit's: filter them, edit the tag line and
// kind (never the quote, which is the article's words), delete one after a confirmation.
import { KINDS, editCard } from "./model.mjs";
import { fromRoot, h, kindSelect } from "./ui.mjs";

export function start(marker, work) {
  const status = h("p", { class: "dk-my-cards-status", role: "status" });
  const search = h("input", { type: "search", id: "dk-my-cards-search", autocomplete: "off" });
  const article = h("select", { id: "dk-my-cards-article" });
  const kind = h("select", { id: "dk-my-cards-kind" }, h("option", { value: "" }, "any kind"), ...KINDS.map((k) => h("option", { value: k }, k)));
  const count = h("p", { class: "dk-my-cards-count" });
  const list = h("ul", { class: "dk-my-cards" });
  marker.append(
    h("div", { class: "dk-my-cards-filters" },
      h("label", { for: search.id }, "Words in the quote or tag"), search,
      h("label", { for: article.id }, "Article"), article,
      h("label", { for: kind.id }, "Kind"), kind),
    count, list, status);

  const draw = () => {
    const cards = work.read("cards");
    const chosen = article.value;
    const articles = [...new Map(cards.map((c) => [c.article_id, c.article_title])).entries()];
    article.replaceChildren(h("option", { value: "" }, "any article"), ...articles.map(([id, t]) => h("option", { value: id, selected: id === chosen }, `${id} · ${t}`)));
    const q = search.value.trim().toLowerCase();
    const shown = cards.filter((c) => (!article.value || c.article_id === article.value) && (!kind.value || c.kind === kind.value)
      && (!q || `${c.quote} ${c.tag}`.toLowerCase().includes(q)));
    count.textContent = cards.length
      ? `Showing ${shown.length} of your ${cards.length} card${cards.length === 1 ? "" : "s"}.`
      : "You have not cut a card yet: open a reading, select words in a paragraph and cut one.";
    list.replaceChildren(...shown.map((c) => item(c)));
  };

  const item = (c) => {
    const tagId = `dk-edit-tag-${c.id}`;
    const tag = h("input", { type: "text", id: tagId, value: c.tag, maxlength: "300" });
    const kinds = kindSelect(`dk-edit-kind-${c.id}`, KINDS, c.kind);
    const save = h("button", { type: "button", class: "dk-button" }, "Save changes");
    const del = h("button", { type: "button", class: "dk-button dk-secondary" }, "Delete");
    const edit = h("details", { class: "dk-card-edit" }, h("summary", {}, `Edit the tag or kind of “${c.tag}”`),
      h("label", { for: tagId }, "Tag line"), tag, h("label", { for: kinds.id }, "Kind"), kinds, h("div", { class: "dk-cut-actions" }, save, del));
    save.addEventListener("click", () => {
      try {
        const ok = work.update("cards", (cards) => cards.map((x) => (x.id === c.id ? editCard(x, { tag: tag.value, kind: kinds.value }) : x)), "your card's changes");
        status.textContent = ok ? `Saved: “${tag.value.trim()}” (${kinds.value}).` : "Not saved (see the alert at the top of the page).";
      } catch (e) {
        status.textContent = e.message;
      }
    });
    del.addEventListener("click", () => {
      if (!window.confirm(`Delete your card “${c.tag}”? Its quote is: “${c.quote}”`)) return;
      const ok = work.update("cards", (cards) => cards.filter((x) => x.id !== c.id), "the deletion");
      status.textContent = ok ? `Deleted your card “${c.tag}”.` : "Not deleted (see the alert at the top of the page).";
      search.focus();
    });
    return h("li", { class: "dk-my-card", "data-card": c.id },
      h("p", { class: "dk-card-tag" }, h("strong", {}, c.tag), ` · ${c.kind}`),
      h("blockquote", {}, c.quote),
      h("p", { class: "dk-card-source" }, h("a", { href: fromRoot(work, c.url) }, c.paragraph_id), ` · ${c.article_id}: ${c.article_title} · date: ${c.date} · cut by you`),
      edit);
  };

  for (const control of [search, article, kind]) control.addEventListener("input", draw);
  work.on("cards", draw);
  draw();
  if (!work.available()) work.report("changes to your cards", null);
}
