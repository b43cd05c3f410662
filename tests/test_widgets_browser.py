"""The ledger, scenario and flow widgets on the built static book: operated by keyboard alone,
they react with no kernel, announce what changed and log no console errors."""

from __future__ import annotations

from urllib.parse import urljoin

import needs
import pytest

pytestmark = pytest.mark.site

PAGE = "book/widgets-gallery.html"
MINUS = "\u2212"


def open_gallery(watched_page, site_url, testid: str, clock: bool = False):
    page = watched_page.page
    if clock:
        page.clock.install()
    page.goto(urljoin(site_url, PAGE))
    page.locator(f"[data-testid={testid}]").wait_for(timeout=20000)
    if clock:
        # from here on the page's time moves only by run_for: a slow machine adds no seconds
        page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    return page


def focused_testid(page) -> str | None:
    return page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-testid')")


def live_changes(page, selector: str) -> None:
    """Start counting text changes of a live region (read back with ``changes_seen``)."""
    page.evaluate(
        """(sel) => {
          window.__liveChanges = 0;
          new MutationObserver(() => window.__liveChanges++).observe(
            document.querySelector(sel), { childList: true, characterData: true, subtree: true });
        }""",
        selector,
    )


def changes_seen(page) -> int:
    return page.evaluate("() => window.__liveChanges")


def assert_clean(watched_page):
    assert watched_page.errors == []
    assert watched_page.foreign_requests() == []


def test_each_widget_has_its_static_fallback_beside_it(built_book):
    html = (built_book / PAGE).read_text(encoding="utf-8")
    assert '<img alt="Diverging bar chart of the stakeholder ledger at its starting values' in html
    assert "Europe/EU: gains +3.0, risks \u22124.5, net \u22121.5." in html
    assert html.count('class="dataframe dk-scenarios-fallback"') == 2
    assert 'class="dk-flow-fallback"' in html and "# Flow sheet: This House would supply Ukraine" in html


# --- the stakeholder ledger ------------------------------------------------------------------------


def test_ledger_sliders_move_by_keyboard_and_the_balance_and_summary_follow(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "ledger")
    ledger = page.locator("[data-testid=ledger]")
    summary = ledger.locator("[data-testid=ledger-summary]")
    europe = ledger.locator("[data-testid=ledger-chart] g[data-stakeholder=Europe]")
    assert "Europe: net \u22121.5 (risks outweigh gains)" in summary.inner_text()
    assert "net \u22121.5" in europe.text_content()

    weight = ledger.locator("[data-testid=weight-eu-energy]")
    weight.focus()
    page.keyboard.press("End")  # weight 5: risks 1.5 + 5 × 0.5 + 1.5 = 5.5, gains 3 → −2.5
    live = ledger.locator("[data-testid=ledger-live]")
    assert live.inner_text() == f"Europe: net {MINUS}2.5 (risks outweigh gains)"
    page.keyboard.press("Tab")
    assert focused_testid(page) == "likelihood-eu-energy"
    page.keyboard.press("End")  # likelihood 100%: 1.5 + 5 + 1.5 = 8 → −5.0
    assert live.inner_text() == f"Europe: net {MINUS}5.0 (risks outweigh gains)"
    assert ledger.locator("[data-testid=contribution-eu-energy]").inner_text() == f"{MINUS}5.0"
    assert f"net {MINUS}5.0" in europe.text_content()
    assert f"Europe/EU gains +3.0, risks {MINUS}8.0, net {MINUS}5.0" in (
        ledger.locator("[data-testid=ledger-chart]").get_attribute("aria-label")
    )

    us = ledger.locator("[data-testid=weight-us-cost-savings]")
    us.focus()
    page.keyboard.press("ArrowRight")  # 3.5 × 0.5 = 1.75 → US net +0.25, shown +0.3 (halves away from zero)
    assert live.inner_text() == "US: net +0.3 (gains outweigh risks)"

    ledger.locator("[data-testid=ledger-reset]").focus()
    page.keyboard.press("Enter")
    assert "Europe: net \u22121.5" in summary.inner_text() and "US: net 0.0" in summary.inner_text()
    assert live.inner_text().startswith("All ratings reset.")
    assert_clean(watched_page)


def test_ledger_controls_have_names_and_a_visible_keyboard_focus(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "ledger")
    slider = page.locator("[data-testid=weight-us-leverage]")
    assert "Weight of" in slider.get_attribute("aria-label")
    slider.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back to the slider by keyboard, so :focus-visible applies
    assert focused_testid(page) == "weight-us-leverage"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


# --- the scenario explorer -------------------------------------------------------------------------


def test_measures_toggle_by_keyboard_and_the_claimed_consequences_follow(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "scenarios")
    root = page.locator("[data-testid=scenarios]")
    summary = root.locator("[data-testid=inplay-summary]")
    leverage = root.locator("li[data-consequence=lose-leverage]")
    assert summary.inner_text().startswith("0 measures chosen: 0 of 9")
    assert leverage.get_attribute("data-in-play") == "false"

    root.locator("[data-testid=measure-troop-drawdown]").focus()
    page.keyboard.press("Space")
    assert summary.inner_text() == "1 measure chosen: 5 of 9 consequences the article states are in play."
    assert leverage.get_attribute("data-in-play") == "true"
    assert "In play" in leverage.inner_text()

    root.locator("[data-testid=measure-energy-sanctions]").focus()
    page.keyboard.press("Space")
    assert leverage.get_attribute("data-in-play") == "false"
    assert "ruled out while chosen: “Intensify sanctions on Russia's energy sector”" in leverage.inner_text()
    assert root.locator("li[data-consequence=vacuum]").get_attribute("data-in-play") == "true"

    root.locator("[data-testid=preset-stick]").focus()
    page.keyboard.press("Enter")
    assert summary.inner_text() == "6 measures chosen: 4 of 9 consequences the article states are in play."
    assert root.locator("li[data-consequence=smokescreen]").get_attribute("data-in-play") == "true"
    assert_clean(watched_page)


def test_steps_reorder_with_up_buttons_and_unmet_preconditions_clear(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "scenarios")
    root = page.locator("[data-testid=scenarios]")
    steps = root.locator("[data-testid=sequence] > li")
    unmet = root.locator("[data-testid=sequence] > li[data-unmet='1']")
    assert steps.nth(7).get_attribute("data-step") == "ceasefire"
    assert [unmet.nth(i).get_attribute("data-step") for i in range(unmet.count())] == [
        "guardrails",
        "nuclear-limits",
    ]
    assert "Unmet: “Agree a thirty-day ceasefire” must come before this step" in (
        root.locator("li[data-step=guardrails]").inner_text()
    )

    root.locator("[data-testid=up-ceasefire]").focus()
    for _ in range(6):  # from position 8 to 2; focus stays on the button that moved
        page.keyboard.press("Enter")
        assert focused_testid(page) == "up-ceasefire"
    live = root.locator("[data-testid=sequence-summary]")
    assert live.inner_text().startswith("Moved “Agree a thirty-day ceasefire” to position 2 of 9.")
    assert "Every step comes after its preconditions." in live.inner_text()
    assert root.locator("[data-testid=sequence] > li[data-unmet='0']").count() == 9

    page.keyboard.press("Enter")  # to the top: Up is disabled there, so focus moves to Down
    assert steps.first.get_attribute("data-step") == "ceasefire"
    assert focused_testid(page) == "down-ceasefire"
    # the peace agreement is last; moving it up past its preconditions leaves them unmet
    assert root.locator("[data-testid=down-peace-agreement]").is_disabled()
    root.locator("[data-testid=up-peace-agreement]").focus()
    for _ in range(5):  # position 9 → 4, now above sanctions coordination (position 5)
        page.keyboard.press("Enter")
    agreement = root.locator("li[data-step=peace-agreement]")
    assert agreement.get_attribute("data-unmet") == "1"
    assert (
        "Unmet: “Coordinate sanctions policy with the EU” must come before this step"
        in agreement.inner_text()
    )
    assert "1 step has unmet preconditions." in live.inner_text()
    assert_clean(watched_page)


# --- the flow sheet and timer ----------------------------------------------------------------------


def test_flow_adds_an_argument_by_keyboard_and_exports_markdown(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "flow")
    root = page.locator("[data-testid=flow]")
    assert root.locator("[data-testid=entries-2] > li").count() == 1
    assert root.locator("[data-testid=entries-3] > li").count() == 2
    assert root.locator("section[data-speech]").count() == 6  # Oxford speeches with a side

    root.locator("[data-testid=item-4]").focus()
    page.keyboard.press("ArrowDown")  # the second proposition item
    chosen = root.locator("[data-testid=item-4]").input_value()
    page.keyboard.press("Tab")
    assert focused_testid(page) == "answers-4"
    page.keyboard.press("ArrowDown")  # the first earlier opposition point
    answered = root.locator("[data-testid=answers-4]").input_value()
    page.keyboard.press("Tab")
    assert focused_testid(page) == "add-4"
    page.keyboard.press("Enter")
    entry = root.locator("[data-testid=entries-4] > li")
    assert entry.count() == 1 and entry.get_attribute("data-item") == chosen
    speech, item = answered.split("|")
    assert f"answers {item} in speech {speech}" in entry.inner_text()
    assert root.locator("[data-testid=flow-live]").inner_text().startswith(f"Added {chosen} to speech 4")

    root.locator("[data-testid=export]").focus()
    page.keyboard.press("Enter")
    box = root.locator("[data-testid=markdown]")
    assert box.get_attribute("readonly") is not None
    md = box.input_value()
    assert md.startswith("# Flow sheet: This House would supply Ukraine with long-range missiles")
    section = md.split("## Speech 4:")[1].split("## ")[0]
    assert f"- **{chosen}**" in section and f"↩ answers **{item}** in speech {speech}" in section

    remove = entry.get_by_role("button", name=f"Remove {chosen} from speech 4")
    remove.focus()
    page.keyboard.press("Enter")
    assert root.locator("[data-testid=entries-4] > li").count() == 0
    assert_clean(watched_page)


def test_timer_warns_at_one_minute_thirty_seconds_and_overtime_but_not_every_second(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "flow", clock=True)
    root = page.locator("[data-testid=flow]")
    clock, phase = root.locator("[data-testid=clock-2]"), root.locator("[data-testid=phase-2]")
    column = root.locator("[data-testid=speech-2]")
    live = root.locator("[data-testid=flow-live]")
    assert (clock.inner_text(), phase.inner_text()) == ("06:00 left", "Not started")

    root.locator("[data-testid=start-2]").focus()
    page.keyboard.press("Enter")
    assert live.inner_text().startswith("Timer started for speech 2")
    live_changes(page, "[data-testid=flow-live]")
    page.clock.run_for(20_000)
    assert (clock.inner_text(), phase.inner_text()) == ("05:40 left", "On time")
    assert changes_seen(page) == 0  # twenty seconds ticked by with nothing announced

    page.clock.run_for(280_500)  # 300.5 s used: 59.5 s left
    assert (clock.inner_text(), phase.inner_text()) == ("01:00 left", "1 minute left")
    assert column.get_attribute("data-phase") == "final-minute"
    assert live.inner_text() == "Speech 2, Proposition opener: 1 minute left."
    page.clock.run_for(30_000)
    assert phase.inner_text() == "30 seconds left"
    assert live.inner_text() == "Speech 2, Proposition opener: 30 seconds left."
    page.clock.run_for(40_000)
    assert (clock.inner_text(), phase.inner_text()) == ("+00:10 over", "Overtime")
    assert live.inner_text() == "Speech 2, Proposition opener: overtime."
    assert changes_seen(page) == 3  # one announcement per threshold

    root.locator("[data-testid=pause-2]").focus()
    page.keyboard.press("Enter")
    page.clock.run_for(10_000)
    assert clock.inner_text() == "+00:10 over"  # paused
    root.locator("[data-testid=reset-2]").focus()
    page.keyboard.press("Enter")
    assert (clock.inner_text(), phase.inner_text()) == ("06:00 left", "Not started")
    assert_clean(watched_page)


def test_a_new_format_and_motion_rebuild_the_columns(site_url, watched_page):
    page = open_gallery(watched_page, site_url, "flow")
    root = page.locator("[data-testid=flow]")
    root.locator("[data-testid=format]").focus()
    page.keyboard.press("ArrowDown")  # Oxford → British Parliamentary (file order)
    assert root.locator("[data-testid=format]").input_value() == "bp"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_testid(page) == "new-flow"
    page.keyboard.press("Enter")
    assert root.locator("section[data-speech]").count() == 8
    assert root.locator(".dk-flow-entries > li").count() == 0
    assert root.locator("[data-testid=flow-live]").inner_text().startswith("New flow: British Parliamentary")
    assert "Prime Minister" in root.locator("[data-testid=speech-2]").inner_text()
    assert_clean(watched_page)


# --- accessibility ---------------------------------------------------------------------------------

@pytest.mark.parametrize("testid", ["ledger", "scenarios", "flow"])
def test_widget_has_no_serious_axe_violations(site_url, watched_page, testid):
    axe_script = needs.axe()
    page = open_gallery(watched_page, site_url, testid)
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        """async (sel) => (await axe.run(document.querySelector(sel), { resultTypes: ['violations'] }))
             .violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
             .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`)""",
        f"[data-testid={testid}]",
    )
    assert violations == []
