"""The theme's buttons on the built book without its fontawesome.js (left out by
_templates/static/webpack-macros.html): every icon is drawn by the theme's webfont and hidden from
screen readers, and the sidebar toggle, search, colour mode, download and full-screen buttons work."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.site

PAGE = "book/chapters/a000.html"


@pytest.fixture
def chapter(site_url, watched_page):
    page = watched_page.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(urljoin(site_url, PAGE), wait_until="load")
    page.evaluate("() => document.fonts.ready")
    return page


def test_no_page_asks_for_fontawesome_js(built_book, chapter, watched_page):
    assert [u for u in watched_page.requests if "fontawesome.js" in u] == []
    assert "fontawesome.js" not in (built_book / PAGE).read_text(encoding="utf-8")


def test_every_icon_is_drawn_by_the_webfont_and_hidden_from_screen_readers(chapter):
    icons = chapter.evaluate("""() => [...document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]')]
        .filter((i) => i.getClientRects().length)
        .map((i) => {
          const before = getComputedStyle(i, '::before');
          return { cls: i.className, glyph: before.content, font: before.fontFamily,
                   width: i.getBoundingClientRect().width, hidden: i.getAttribute('aria-hidden') };
        })""")
    assert len(icons) >= 6  # sidebar, search, colour mode, download, full screen, contents
    bad = [i for i in icons
           if i["glyph"] in ("none", "normal", '""') or "Font Awesome" not in i["font"] or i["width"] < 4
           or i["hidden"] != "true"]  # fmt: skip
    assert bad == []
    assert chapter.evaluate("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')")


def test_the_sidebar_toggle_hides_and_shows_the_navigation(chapter):
    sidebar = chapter.locator("#pst-primary-sidebar")
    toggle = chapter.locator(".bd-header-article .primary-toggle")
    assert sidebar.is_visible() and toggle.is_visible()
    toggle.click()
    shown = "() => document.querySelector('#pst-primary-sidebar').checkVisibility({visibilityProperty: true})"
    chapter.wait_for_function(f"() => !({shown})()")
    toggle.click()
    chapter.wait_for_function(shown)


def test_on_a_phone_the_sidebar_toggle_opens_the_navigation_as_a_dialog(chapter):
    chapter.set_viewport_size({"width": 360, "height": 740})
    chapter.locator(".bd-header-article .primary-toggle").click()
    dialog = chapter.locator("#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible")
    assert dialog.locator("a[href$='a001.html']").first.is_visible()


def test_the_search_button_opens_the_search_field(chapter):
    chapter.locator(".search-button__button:visible").first.click()
    dialog = chapter.locator("#pst-search-dialog")
    dialog.wait_for(state="visible")
    field = dialog.locator("input[name=q]")
    assert field.evaluate("(e) => e === document.activeElement")
    field.fill("sanctions")
    field.press("Enter")
    chapter.wait_for_url("**/search.html?q=sanctions*")


def test_the_colour_mode_button_cycles_the_theme(chapter):
    button = chapter.locator(".bd-header-article .theme-switch-button")
    seen = []
    for _ in range(3):
        button.click()
        seen.append(chapter.evaluate("() => document.documentElement.dataset.mode"))
    assert sorted(seen) == ["auto", "dark", "light"]


def test_the_download_menu_offers_the_notebook_and_pdf(built_book, chapter):
    chapter.locator(".bd-header-article .dropdown-toggle[aria-label='Download this page']").click()
    menu = chapter.locator(".bd-header-article .dropdown-menu.show")
    menu.wait_for(state="visible")
    source = menu.locator("a[href$='.ipynb']")
    assert source.is_visible() and menu.locator("button:has-text('.pdf')").is_visible()
    target = (built_book / "book" / "chapters" / source.get_attribute("href")).resolve()
    assert target.is_file(), target


def test_the_full_screen_button_enters_and_leaves_full_screen(chapter):
    button = chapter.locator(".bd-header-article .btn-fullscreen-button")
    button.click()
    chapter.wait_for_function("() => document.fullscreenElement !== null")
    button.click()
    chapter.wait_for_function("() => document.fullscreenElement === null")
