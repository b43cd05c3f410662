// "My work": what the student has done (per page and per article), a backup file of everything
// kept in this browser, importing one (checked, then merged or replacing, as the student chooses)
// and clearing it all after a confirmation.
import { emptyBackup, makeBackup, mergeBackup, progress, validateBackup } from "./model.mjs";
import { download, fromRoot, h } from "./ui.mjs";

function table(caption, head, rows) {
  return h("div", { class: "dk-scroll" }, h("table", { class: "dk-table" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((x, i) => (i === 0 ? h("th", { scope: "row" }, x) : h("td", {}, x))))))));
}

function everything(work) {
  const all = emptyBackup();
  for (const area of work.areas) all[area] = work.read(area);
  return all;
}

export function start(marker, work) {
  const summary = h("div", { class: "dk-work-summary", id: "dk-work-summary" });
  const status = h("p", { class: "dk-work-status", role: "status" });

  const draw = () => {
    const p = progress(everything(work));
    const pageRows = p.pages.map((x) => [h("a", { href: fromRoot(work, x.page) }, x.title), String(x.answered), `${x.right} of ${x.checked}`, String(x.widgets)]);
    summary.replaceChildren(
      work.available() ? "" : h("p", { class: "dk-warning" }, "This browser does not keep data for the book (a private window, or site data turned off): nothing you make is kept after you close the page."),
      pageRows.length
        ? table("Practice and widgets, per page", ["Page", "Questions answered", "Right (of those checked)", "Widgets you changed"], pageRows)
        : h("p", {}, "No practice answers or widget changes yet."),
      p.articles.length
        ? table("Cards you cut, per article", ["Article", "Title", "Cards"], p.articles.map((a) => [a.article, a.title, String(a.cards)]))
        : h("p", {}, "No cards cut yet: select words on a reading page and cut one."),
      h("p", { id: "dk-work-cases" }, `Cases built: ${p.cases}. `, h("a", { href: fromRoot(work, "book/workshop/case-builder.html") }, "Open the case builder"), "."),
    );
  };

  // Export.
  const exportButton = h("button", { type: "button", class: "dk-button", id: "dk-export" }, "Export everything as a backup file");
  exportButton.addEventListener("click", () => {
    const backup = makeBackup(everything(work));
    const day = backup.exported_at.slice(0, 10);
    download(`debatekit-backup-${day}.json`, JSON.stringify(backup, null, 1), "application/json");
    status.textContent = `Backup file written (${backup.cards.length} cards, ${backup.cases.length} cases, ${Object.keys(backup.practice).length} answers, ${Object.keys(backup.widgets).length} widget settings).`;
  });

  // Import.
  const file = h("input", { type: "file", id: "dk-import-file", accept: ".json,application/json" });
  const merge = h("input", { type: "radio", name: "dk-import-mode", id: "dk-import-merge", value: "merge", checked: true });
  const replace = h("input", { type: "radio", name: "dk-import-mode", id: "dk-import-replace", value: "replace" });
  const importButton = h("button", { type: "button", class: "dk-button", id: "dk-import" }, "Import the backup");
  importButton.addEventListener("click", async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) { status.textContent = "Choose a backup file first."; return; }
    let parsed;
    try {
      parsed = JSON.parse(await chosen.text());
    } catch (e) {
      status.textContent = `${chosen.name} is not a backup file: it is not valid JSON (${e.message}). Nothing was changed.`;
      return;
    }
    const checked = validateBackup(parsed, chosen.size);
    if (checked.problems.length) {
      status.textContent = `${chosen.name} was not imported, nothing was changed: ${checked.problems.join(" ")}`;
      return;
    }
    let data = checked.data;
    let what;
    if (replace.checked) {
      if (!window.confirm("Replace everything kept in this browser with the backup? Work that is only here is lost.")) return;
      what = "replaced your work with the backup";
    } else {
      const merged = mergeBackup(everything(work), data);
      data = merged.data;
      what = `merged the backup into your work (${merged.added} added, ${merged.updated} updated, nothing removed)`;
    }
    const ok = work.areas.every((area) => work.write(area, data[area], "the imported backup"));
    status.textContent = ok ? `Done: ${what}.` : "The import could not be saved in full (see the alert at the top of the page).";
    draw();
  });

  // Clear.
  const clearButton = h("button", { type: "button", class: "dk-button dk-secondary", id: "dk-clear" }, "Clear all my work from this browser");
  clearButton.addEventListener("click", () => {
    if (!window.confirm("Delete every card, case, answer and widget setting kept in this browser? Export a backup first if you want to keep them.")) return;
    const ok = work.areas.every((area) => work.write(area, emptyBackup()[area], "clearing your work"));
    status.textContent = ok ? "Cleared: this browser keeps none of your work now." : "Not cleared (see the alert at the top of the page).";
    draw();
  });

  marker.append(
    summary,
    h("h2", {}, "Back up and move your work"),
    h("p", {}, "Your work is kept in this browser only. To keep it safe or move it to another computer, export a backup file, then import it there."),
    h("div", { class: "dk-cut-actions" }, exportButton),
    h("fieldset", { class: "dk-import" }, h("legend", {}, "Import a backup file"),
      h("label", { for: file.id }, "Backup file"), file,
      h("div", {}, merge, h("label", { for: merge.id }, "Merge: add the backup to what is here (where both have an item, the newer change is kept)")),
      h("div", {}, replace, h("label", { for: replace.id }, "Replace: throw away what is here and keep only the backup")),
      importButton),
    h("h2", {}, "Start again"),
    h("div", { class: "dk-cut-actions" }, clearButton),
    status);
  work.on(null, draw);
  draw();
}
