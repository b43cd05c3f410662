"""The built book: a strict build, every page loads clean in Chromium, nothing comes from another
host, the reading text is searchable and the demo widget reacts with no kernel."""

from urllib.parse import urljoin

import pytest
from conftest import html_pages

pytestmark = pytest.mark.site


def test_book_builds_with_warnings_as_errors(built_book):
    assert (built_book / "index.html").exists()
    for aid in ("a000", "a001", "a002", "a003", "a004"):
        assert (built_book / "book" / "readings" / f"{aid}.html").exists()


def test_reading_pages_have_an_anchor_for_every_paragraph(built_book):
    from debatekit.content import corpus

    for art in corpus.load_articles():
        html = (built_book / "book" / "readings" / f"{art.id}.html").read_text(encoding="utf-8")
        for p in art.paragraphs:
            assert f'id="{p.pid}"' in html, p.pid


def test_no_page_references_another_host_for_scripts_or_styles(built_book):
    import re

    pattern = re.compile(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', re.I)
    offenders = [
        page
        for page in html_pages(built_book)
        if pattern.search((built_book / page).read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_page_loads_without_errors_or_foreign_requests(built_book, site_url, browser):
    problems = {}
    context = browser.new_context()
    for rel in html_pages(built_book):
        page = context.new_page()
        from conftest import PageWatch

        watch = PageWatch(page)
        response = page.goto(urljoin(site_url, rel), wait_until="networkidle")
        page.wait_for_timeout(150)  # let widget rendering settle
        issues = list(watch.errors)
        if response is None or response.status != 200:
            issues.append(f"HTTP {response.status if response else 'no response'}")
        issues += [f"foreign request: {u}" for u in watch.foreign_requests()]
        if issues:
            problems[rel] = issues
        page.close()
    context.close()
    assert problems == {}


def test_concordance_widget_reacts_on_the_static_page(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, "book/finding-evidence.html"))
    status = page.locator("[data-testid=concordance-status]")
    status.wait_for(timeout=20000)
    assert "sanctions" in status.inner_text()
    box = page.get_by_label("Find a word or phrase in all 5 texts")
    box.fill("Black Sea")
    assert status.inner_text().startswith("“Black Sea”: 3 mentions in 3 paragraphs")
    hits = page.locator("[data-testid=concordance-hits] li")
    assert hits.count() == 3
    link = hits.first.locator("a")
    assert link.get_attribute("href") == "../book/readings/a000.html#a000-p14"
    box.fill("")
    box.press_sequentially("crocodile")
    assert "2 mentions in 2 paragraphs" in status.inner_text()  # a000-p39 and a000-p40
    assert watched_page.foreign_requests() == []


def test_search_finds_text_inside_the_readings(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, "search.html?q=crocodile"))
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=20000)
    assert "a000" in results.first.inner_html()


def test_paragraph_anchor_is_addressable(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, "book/readings/a001.html#a001-p07"))
    target = page.locator("#a001-p07")
    assert target.count() == 1
    assert target.inner_text().startswith("7")
    assert "nuclear relationship" in target.inner_text()
