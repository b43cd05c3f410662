// Accessible names for controls the theme and MyST-NB draw (axe: summary-name,
// label-content-name-mismatch). Each fix makes the name screen readers hear match what is shown:
// - the sidebar's expand/collapse toggles are a <summary> holding only an icon: they get a name;
// - MyST-NB's "Show code cell source" toggles carry aria-label="Toggle hidden content", which hides
//   their visible text: the label is dropped so the visible text names them;
// - the search field shows "Search Ctrl+K" but is named "Search": it is named by what it shows;
// - the colour-mode button's icons carry titles (Light, Dark, System Settings) that differ from the
//   button's name, "Color mode": the icons are decorative, so their titles are removed;
// - the theme's Font Awesome icons are drawn by its CSS webfont (the book leaves out fontawesome.js,
//   which hid them as it redrew them as SVG): they are hidden from screen readers, which would
//   otherwise announce the icon font's private-use character.
function nameThemeControls() {
  for (const summary of document.querySelectorAll(".bd-sidebar details > summary")) {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) continue;
    const link = summary.parentElement.parentElement.querySelector(":scope > a");
    const name = link ? link.textContent.trim() : "this section";
    summary.setAttribute("aria-label", `Show or hide the pages under “${name}”`);
  }
  for (const summary of document.querySelectorAll('summary[aria-label="Toggle hidden content"]')) {
    if (summary.textContent.trim()) summary.removeAttribute("aria-label");
  }
  for (const button of document.querySelectorAll(".search-button__button")) {
    const shown = button.textContent.replace(/\s+/g, " ").trim();
    if (shown) button.setAttribute("aria-label", shown);
  }
  for (const icon of document.querySelectorAll(".theme-switch-button .theme-switch")) {
    icon.removeAttribute("title");
    icon.setAttribute("aria-hidden", "true");
    for (const title of icon.querySelectorAll("title")) title.remove();
  }
  for (const icon of document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]')) {
    if (!icon.textContent.trim() && !icon.hasAttribute("aria-label")) icon.setAttribute("aria-hidden", "true");
  }
}

document.addEventListener("DOMContentLoaded", nameThemeControls);

// The theme wires only the first .primary-toggle and .secondary-toggle of a page, in the top navbar,
// which this book's layout hides; the ones readers see, in the article header, did nothing. They
// press the wired one, so the sidebars open (as a dialog on narrow screens) and close as designed.
function wireSidebarToggles() {
  for (const kind of [".primary-toggle", ".secondary-toggle"]) {
    const [wired, ...others] = document.querySelectorAll(kind);
    for (const toggle of others) {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    }
  }
}

document.addEventListener("DOMContentLoaded", wireSidebarToggles);
