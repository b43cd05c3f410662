"""The student's workshop on the built book, in Chromium: cut a card from a reading (by selection
and by keyboard), refuse a selection across paragraphs, edit and delete cards, build a case with
two arguments and a rebuttal and export it, find everything after a reload, and move it all to a
fresh browser profile with a backup file."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlparse

import pytest
from conftest import LOCAL_HOST
from sitecheck.axe import describe_axe, run_axe

from debatekit.content import corpus

pytestmark = pytest.mark.site

READING = "book/readings/a001.html"
CARDS = "book/reference/cards.html"
BUILDER = "book/workshop/case-builder.html"
MY_WORK = "book/workshop/my-work.html"


@pytest.fixture
def context(browser):
    """A fresh profile; when the test is done, every request it made must have gone to 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    requests = []
    ctx.on("request", lambda r: requests.append(r.url))
    yield ctx
    ctx.close()
    foreign = [
        u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).hostname != LOCAL_HOST
    ]
    assert requests and foreign == []


def open_page(context, site_url, rel):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(urljoin(site_url, rel), wait_until="load")
    page.errors = errors
    return page


def select_words(page, pid: str, start: int, end: int, end_pid: str | None = None):
    """Select characters [start, end) of a paragraph's text (past its number), or from one
    paragraph into another (end counted in ``end_pid``)."""
    page.evaluate(
        """([pid, start, end, endPid]) => {
          const textNode = (p) => [...p.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
          const a = textNode(document.getElementById(pid));
          const b = textNode(document.getElementById(endPid || pid));
          const lead = (n) => n.textContent.length - n.textContent.trimStart().length;
          const range = document.createRange();
          range.setStart(a, lead(a) + start);
          range.setEnd(b, lead(b) + end);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        [pid, start, end, end_pid],
    )


def stored(page, area):
    return page.evaluate("(a) => JSON.parse(localStorage.getItem('debatekit:v1:' + a) || 'null')", area)


def cut_by_selection(page, pid, start, end, tag, kind):
    select_words(page, pid, start, end)
    page.click("#dk-cut-selection")
    dialog = page.locator("dialog.dk-cut-dialog[open]")
    dialog.get_by_label("Tag line").fill(tag)
    dialog.get_by_label("Kind of claim").select_option(kind)
    dialog.get_by_role("button", name="Save the card").click()
    page.wait_for_function("() => !document.querySelector('dialog[open]')")


def test_a_selection_inside_one_paragraph_becomes_a_card_with_its_source(context, site_url):
    page = open_page(context, site_url, READING)
    text = corpus.paragraph("a001-p06").text
    start = text.index("the EU is responsible")
    end = start + len("the EU is responsible for the sanctions relief that matters most to Moscow")
    cut_by_selection(page, "a001-p06", start, end, "Europe holds the relief Russia wants", "fact")
    assert "Card saved from a001-p06" in page.locator(".dk-cut-status").inner_text()
    [card] = stored(page, "cards")
    assert card["quote"] == text[start:end]
    assert (card["paragraph_id"], card["article_id"], card["kind"]) == ("a001-p06", "a001", "fact")
    assert (
        card["date"] == corpus.article("a001").date and card["article_title"] == corpus.article("a001").title
    )
    assert card["url"] == f"{READING}#a001-p06" and card["tag"] == "Europe holds the relief Russia wants"
    assert page.errors == []


def test_a_selection_across_paragraphs_or_an_empty_one_is_refused_with_a_message(context, site_url):
    page = open_page(context, site_url, READING)
    select_words(page, "a001-p05", 10, 30, end_pid="a001-p06")
    page.click("#dk-cut-selection")
    message = page.locator(".dk-cut-status").inner_text()
    assert "runs from a001-p05 into a001-p06" in message and "one paragraph" in message
    assert page.locator("dialog[open]").count() == 0
    page.evaluate("getSelection().removeAllRanges()")
    page.click("#dk-cut-selection")
    assert "Nothing is selected" in page.locator(".dk-cut-status").inner_text()
    assert stored(page, "cards") is None


def test_the_keyboard_picks_a_quote_word_by_word(context, site_url):
    page = open_page(context, site_url, READING)
    button = page.get_by_role("button", name="Cut a card from paragraph 1 (a001-p01)")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.dk-cut-dialog[open]")
    first, last = dialog.get_by_label("First word"), dialog.get_by_label("Last word")
    assert first.evaluate("e => e === document.activeElement")
    first.focus()
    page.keyboard.press("ArrowDown")  # second word
    last.select_option(index=4)
    dialog.get_by_label("Tag line").fill("Ukraine's security is Europe's")
    dialog.get_by_label("Kind of claim").select_option("recommendation")
    page.keyboard.press("Enter")
    words = corpus.paragraph("a001-p01").text.split(" ")
    [card] = stored(page, "cards")
    assert card["quote"] == " ".join(words[1:5])
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Cut a card from paragraph 1 (a001-p01)"
    )


def test_cards_are_listed_filtered_edited_and_deleted_on_the_cards_page(context, site_url):
    page = open_page(context, site_url, READING)
    text = corpus.paragraph("a001-p06").text
    cut_by_selection(page, "a001-p06", 0, 20, "first tag", "fact")
    cut_by_selection(page, "a001-p03", 0, 25, "second tag", "forecast")
    page = open_page(context, site_url, CARDS)
    cards = page.locator(".dk-my-card")
    cards.first.wait_for()
    assert cards.count() == 2
    page.locator("#dk-my-cards-kind").select_option("forecast")
    assert cards.count() == 1 and "second tag" in cards.first.inner_text()
    page.locator("#dk-my-cards-kind").select_option("")
    page.get_by_label("Words in the quote or tag").fill("first")
    assert cards.count() == 1
    card = cards.first
    card.locator("summary").click()
    card.get_by_label("Tag line").fill("an edited tag")
    card.get_by_label("Kind", exact=True).select_option("figure")
    card.get_by_role("button", name="Save changes").click()
    first = [c for c in stored(page, "cards") if c["paragraph_id"] == "a001-p06"][0]
    assert (first["tag"], first["kind"], first["quote"]) == ("an edited tag", "figure", text[:20])
    assert (
        page.locator(f".dk-my-card[data-card='{first['id']}'] input[readonly], .dk-my-card textarea").count()
        == 0
    )
    page.on("dialog", lambda d: d.accept())
    page.get_by_label("Words in the quote or tag").fill("")
    mine = page.locator(f".dk-my-card[data-card='{first['id']}']")
    mine.locator("summary").click()
    mine.get_by_role("button", name="Delete").click()
    assert [c["tag"] for c in stored(page, "cards")] == ["second tag"]
    assert "Deleted" in page.locator(".dk-my-cards-status").inner_text()


def build_case(page):
    builder = page.locator("[data-testid=case-builder]")
    builder.wait_for()
    builder.get_by_label("Your name (printed on the case)").fill("Ada Student")
    builder.get_by_label("Motion").select_option("m01")
    builder.get_by_label("Proposition").check()
    for n, card in ((1, "s:"), (2, "k:a000-c01")):
        builder.get_by_role("button", name="Add an argument").click()
        builder.get_by_label("Claim", exact=True).nth(n - 1).fill(f"Claim {n}")
        builder.get_by_label("Warrant", exact=True).nth(n - 1).fill(f"Warrant {n}")
        if n == 1:
            builder.get_by_label("Impact", exact=True).nth(0).fill("Impact 1")
        picker = builder.get_by_label(f"Add a card to argument {n}")
        value = (
            card
            if card.startswith("k:")
            else picker.locator("option[value^='s:']").first.get_attribute("value")
        )
        picker.select_option(value)
        builder.locator("fieldset.dk-case-argument").nth(n - 1).get_by_role(
            "button", name="Add the card"
        ).click()
    builder.get_by_label("Argument to answer").select_option(index=0)
    builder.get_by_role("button", name="Add a rebuttal").click()
    builder.get_by_label("Response", exact=True).fill("They overstate it.")
    return builder


def test_a_case_with_two_arguments_and_a_rebuttal_is_checked_and_exported(context, site_url, tmp_path):
    page = open_page(context, site_url, READING)
    cut_by_selection(page, "a001-p06", 0, 40, "my card", "fact")
    page = open_page(context, site_url, BUILDER)
    builder = build_case(page)
    findings = builder.locator("[data-testid=case-findings] li")
    codes = findings.evaluate_all("els => els.map(e => e.dataset.code)")
    assert codes == ["no-impact", "rebuttal-no-card"], codes
    with page.expect_download() as md:
        builder.get_by_role("button", name="Download as Markdown").click()
    markdown = open(md.value.path(), encoding="utf-8").read()
    assert (
        "## Argument 2: Claim 2" in markdown
        and "argument 2: an argument says nothing of its impact" in markdown
    )
    with page.expect_download() as printable:
        builder.get_by_role("button", name="Download a print-ready page").click()
    html = open(printable.value.path(), encoding="utf-8").read()
    assert "@page" in html and "a000-p02" in html
    with page.expect_download() as js:
        builder.get_by_role("button", name="Download as a case file (JSON)").click()
    saved = json.loads(open(js.value.path(), encoding="utf-8").read())
    assert (saved["student"], saved["motion"], saved["side"]) == ("Ada Student", "m01", "proposition")
    assert len(saved["arguments"]) == 2 and len(saved["rebuttals"]) == 1
    assert saved["arguments"][0]["cards"][0]["source"] == "student"
    # The file loads again (into a fresh profile's builder), with the same findings.
    path = tmp_path / "case.json"
    path.write_text(json.dumps(saved))
    fresh = context.browser.new_context()
    other = open_page(fresh, site_url, BUILDER)
    other.locator("[data-testid=case-builder]").wait_for()
    other.locator("input[data-role=load-case]").set_input_files(str(path))
    other.wait_for_function(
        "() => document.querySelector('[data-testid=case-status]').textContent.startsWith('Loaded')"
    )
    again = other.locator("[data-testid=case-findings] li").evaluate_all(
        "els => els.map(e => e.dataset.code)"
    )
    assert again == codes
    fresh.close()
    assert page.errors == []


def test_everything_is_there_after_a_reload(context, site_url):
    page = open_page(context, site_url, READING)
    cut_by_selection(page, "a001-p06", 0, 40, "kept card", "fact")
    page = open_page(context, site_url, BUILDER)
    build_case(page)
    page.reload(wait_until="load")
    builder = page.locator("[data-testid=case-builder]")
    builder.wait_for()
    assert builder.get_by_label("Your name (printed on the case)").input_value() == "Ada Student"
    assert builder.locator("fieldset.dk-case-argument").count() == 2
    assert builder.get_by_label("Response", exact=True).input_value() == "They overstate it."
    page = open_page(context, site_url, CARDS)
    page.locator(".dk-my-card").first.wait_for()
    assert "kept card" in page.locator(".dk-my-cards").inner_text()
    page = open_page(context, site_url, MY_WORK)
    page.locator("#dk-work-cases").wait_for()
    assert "Cases built: 1" in page.locator("#dk-work-cases").inner_text()
    assert "a001" in page.locator(".dk-my-work table").first.inner_text()


def test_a_backup_moves_everything_to_a_fresh_profile_and_a_bad_file_changes_nothing(
    context, site_url, browser, tmp_path
):
    page = open_page(context, site_url, READING)
    cut_by_selection(page, "a001-p06", 0, 40, "moving card", "fact")
    page = open_page(context, site_url, BUILDER)
    build_case(page)
    page = open_page(context, site_url, MY_WORK)
    page.locator("#dk-export").wait_for()
    with page.expect_download() as dl:
        page.click("#dk-export")
    backup = tmp_path / "backup.json"
    dl.value.save_as(backup)
    data = json.loads(backup.read_text())
    assert data["format"] == "debatekit-backup" and len(data["cards"]) == 1 and len(data["cases"]) == 1

    fresh = browser.new_context()
    other = open_page(fresh, site_url, MY_WORK)
    other.locator("#dk-import").wait_for()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something else", "cards": "no"}))
    other.set_input_files("#dk-import-file", str(bad))
    other.click("#dk-import")
    other.wait_for_function(
        "() => document.querySelector('.dk-work-status').textContent.includes('was not imported')"
    )
    assert stored(other, "cards") is None
    other.set_input_files("#dk-import-file", str(backup))
    other.check("#dk-import-merge")
    other.click("#dk-import")
    other.wait_for_function("() => document.querySelector('.dk-work-status').textContent.startsWith('Done')")
    assert stored(other, "cards") == data["cards"] and stored(other, "cases") == data["cases"]
    assert "Cases built: 1" in other.locator("#dk-work-cases").inner_text()
    other.on("dialog", lambda d: d.accept())
    other.click("#dk-clear")
    assert stored(other, "cards") == [] and "Cases built: 0" in other.locator("#dk-work-cases").inner_text()
    fresh.close()


def test_a_failed_save_is_reported_on_the_page(context, site_url):
    page = open_page(context, site_url, READING)
    page.locator("#dk-cut-selection").wait_for()
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException("full", "QuotaExceededError"); }; }""")
    text = corpus.paragraph("a001-p06").text
    cut_by_selection(page, "a001-p06", 0, len(text.split(" ")[0]), "lost?", "fact")
    alert = page.locator("#dk-store-alert[role=alert]")
    assert "Not saved: your new card" in alert.inner_text() and "full" in alert.inner_text()
    assert "could not be saved" in page.locator(".dk-cut-status").inner_text()


def test_the_workshop_tools_pass_axe_once_in_use(context, site_url):
    """The site-wide axe scan sees these pages empty; here each is scanned with work in it."""
    page = open_page(context, site_url, READING)
    cut_by_selection(page, "a001-p06", 0, 40, "an accessible card", "fact")
    page.get_by_role("button", name="Cut a card from paragraph 2 (a001-p02)").click()
    page.locator("dialog.dk-cut-dialog[open]").wait_for()
    found = {READING: describe_axe(run_axe(page))}
    page = open_page(context, site_url, BUILDER)
    build_case(page)
    found[BUILDER] = describe_axe(run_axe(page))
    for rel in (CARDS, MY_WORK):
        page = open_page(context, site_url, rel)
        page.locator(".dk-my-card, #dk-work-cases").first.wait_for()
        found[rel] = describe_axe(run_axe(page))
    assert {k: v for k, v in found.items() if v} == {}


def test_practice_answers_and_widget_settings_survive_a_reload(context, site_url):
    page = open_page(context, site_url, "exercises/a000.html")
    question = page.locator(".dk-question:has(input[type=radio])").first
    question.wait_for()
    qid = question.get_attribute("data-question")
    question.locator("input[type=radio]").nth(1).check()
    question.get_by_role("button", name="Check my answer").click()
    page = open_page(context, site_url, "book/chapters/a000.html")
    slider = page.locator(".dk-tradeoff input[type=range]").first
    slider.wait_for()
    before = slider.input_value()
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    changed = slider.input_value()
    assert changed != before
    page.reload(wait_until="load")
    slider = page.locator(".dk-tradeoff input[type=range]").first
    slider.wait_for()
    assert slider.input_value() == changed
    page = open_page(context, site_url, "exercises/a000.html")
    question = page.locator(f".dk-question[data-question='{qid}']")
    question.wait_for()
    assert question.locator("input[type=radio]").nth(1).is_checked()
    page = open_page(context, site_url, MY_WORK)
    table = page.locator(".dk-my-work table").first
    table.wait_for()
    rows = table.locator("tbody tr").all_inner_texts()
    assert any(r.split("\t")[1:2] == ["1"] for r in rows), rows  # one question answered on a page
    assert any(r.split("\t")[-1] == "1" for r in rows), rows  # one widget changed on another
