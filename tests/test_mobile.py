"""Every page of the built book works on a phone: at 360 px width nothing scrolls sideways, chart
text is at least 11 px as shown, and controls are at least 24 px to touch."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import html_pages
from sitecheck.pages import reader_pages, widget_roots
from sitecheck.report import explain, failing

pytestmark = pytest.mark.site

PHONE = {"width": 360, "height": 740}
MIN_CHART_PX = 11
MIN_TARGET_PX = 24

#: Measured in the page: see the comment at the top of phone.js.
_MEASURE = (Path(__file__).parent / "sitecheck" / "phone.js").read_text(encoding="utf-8")


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
