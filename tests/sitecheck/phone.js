// Measured in a page shown at phone width (tests/test_mobile.py): what sticks out past the viewport,
// SVG text smaller than the minimum as drawn, and controls smaller than the minimum touch target
// (inline text links are exempt, as in WCAG). Called with [minimum text px, minimum target px].
(([minText, minTarget]) => {
  const width = document.documentElement.clientWidth;
  const out = {scroll: [], text: [], targets: [], svgText: 0};
  if (document.documentElement.scrollWidth > width) {
    const wide = [...document.querySelectorAll("main *")].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width && r.right > width + 1 && !e.closest(".dk-scroll, .dk-scroll-box, pre, .highlight, .table-wrapper, .pst-scrollable-table-container, .dk-scroll-x");
    });
    out.scroll.push(`page is ${document.documentElement.scrollWidth}px wide at ${width}px: ` +
      wide.slice(0, 4).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`).join(", "));
  }
  for (const t of document.querySelectorAll("main svg text")) {
    const r = t.getBoundingClientRect();
    if (!r.width) continue;
    out.svgText++;
    const svg = t.ownerSVGElement;
    const scale = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < minText - 0.05) out.text.push(`“${t.textContent.slice(0, 30)}” ${px.toFixed(1)}px`);
  }
  const controls = "main button, main input:not([type=hidden]), main select, main summary, main [role=button], main [role=slider]";
  for (const e of document.querySelectorAll(controls)) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === "hidden") continue;
    if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5) {
      out.targets.push(`${e.tagName.toLowerCase()} “${(e.getAttribute("aria-label") || e.textContent || e.type || "").trim().slice(0, 30)}” ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    }
  }
  return out;
})
