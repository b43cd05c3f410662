"""Every page of the built book works on a phone: at 360 px width nothing scrolls sideways, chart
text is at least 11 px as shown, and controls are at least 24 px to touch."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import html_pages
from sitecheck.pages import reader_pages, widget_roots
from sitecheck.report import explain, failing

pytestmark = pytest.mark.site

PHONE = {"width": 360, "height": 740}
MIN_CHART_PX = 11
MIN_TARGET_PX = 24

# Measured in the page: what sticks out past the viewport, SVG text smaller than the minimum as
# drawn, and controls smaller than the minimum target (inline text links are exempt, as in WCAG).
_MEASURE = """([minText, minTarget]) => {
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
}"""


@pytest.fixture(scope="module")
def phone_views(built_book, site_url, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    views = {}
    for rel in reader_pages(built_book, html_pages(built_book)):
        page = context.new_page()
        page.goto(urljoin(site_url, rel), wait_until="load")
        widget_roots(page)
        views[rel] = page.evaluate(_MEASURE, [MIN_CHART_PX, MIN_TARGET_PX])
        page.close()
    context.close()
    return views


def test_every_page_was_measured_on_a_phone(built_book, phone_views):
    assert set(phone_views) == set(reader_pages(built_book, html_pages(built_book)))


def test_no_page_scrolls_sideways_at_360_px(phone_views):
    found = failing({rel: v["scroll"] for rel, v in phone_views.items()})
    assert found == {}, explain(found)


def test_chart_text_is_at_least_11_px_as_shown_on_a_phone(phone_views):
    assert sum(v["svgText"] for v in phone_views.values()) > 0, "no chart text was measured"
    found = failing({rel: v["text"] for rel, v in phone_views.items()})
    assert found == {}, explain(found)


def test_controls_are_at_least_24_px_to_touch(phone_views):
    found = failing({rel: v["targets"] for rel, v in phone_views.items()})
    assert found == {}, explain(found)
