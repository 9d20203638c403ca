"""Reading both sources side by side in a real browser: a teacher on a laptop, a student on a phone."""

from flask import Flask

from tests.browser.conftest import screenshot

PAIR = "d2-cost-of-blood-vs-lost-nothing"  # the 1949 tribute (dprk, side a) against "lost nothing" (side b)
PAPER, DPRK = "b", "a"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def in_view(page, selector: str) -> bool:
    """The element's top is inside the viewport and inside every scrolling box that holds it."""
    return page.locator(selector).evaluate(
        """el => {
            const top = el.getBoundingClientRect().top;
            if (top < -1 || top >= window.innerHeight) return false;
            for (let box = el.parentElement; box; box = box.parentElement) {
                const style = getComputedStyle(box).overflowY;
                if (style !== 'auto' && style !== 'scroll') continue;
                const frame = box.getBoundingClientRect();
                if (top < frame.top - 1 || top >= frame.bottom) return false;
            }
            return true;
        }"""
    )


def scroll_top(page, selector: str) -> float:
    return page.locator(selector).evaluate("el => el.scrollTop")


def test_teacher_lines_up_a_claim_pair_on_a_laptop(loaded_app: Flask, live_server, laptop) -> None:
    laptop.goto(live_server.url(f"/read?pair={PAIR}"))
    panel = laptop.locator(".pair-panel")
    assert panel.get_by_text("qualifies", exact=True).is_visible()
    assert panel.locator("mark").count() == 2
    # The two columns stand side by side, each scrolled on its own to the passage in focus.
    dprk, paper = laptop.locator("#col-dprk"), laptop.locator("#col-weathersby")
    assert dprk.bounding_box()["y"] == paper.bounding_box()["y"]
    assert dprk.bounding_box()["x"] + dprk.bounding_box()["width"] <= paper.bounding_box()["x"]
    assert scroll_top(laptop, "#col-dprk .column-body") > 0
    assert scroll_top(laptop, "#col-weathersby .column-body") > 0
    laptop.locator(".compare-columns").evaluate("el => el.scrollIntoView()")
    assert in_view(laptop, "#dprk-p018")
    assert in_view(laptop, "#weathersby-p027")
    screenshot(laptop, "compare-laptop", full_page=False)

    # Following the tribute's link leads to Weathersby's claim, in its column, without moving the other one.
    laptop.locator("#col-weathersby .column-body").evaluate("el => el.scrollTop = 0")
    dprk_scrolled = scroll_top(laptop, "#col-dprk .column-body")
    link = laptop.locator(f'#dprk-p018 a[href="#claim-{PAIR}-{PAPER}"]')
    link.click()
    laptop.wait_for_url(f"**#claim-{PAIR}-{PAPER}")
    assert in_view(laptop, f"#claim-{PAIR}-{PAPER}")
    assert scroll_top(laptop, "#col-dprk .column-body") == dprk_scrolled
    assert no_horizontal_scroll(laptop)
    screenshot(laptop, "compare-laptop-followed", full_page=False)


def test_student_reads_a_claim_pair_on_a_phone(loaded_app: Flask, live_server, phone) -> None:
    phone.goto(live_server.url(f"/read?pair={PAIR}"))
    assert no_horizontal_scroll(phone)
    panel = phone.locator(".pair-panel")
    assert panel.get_by_role(
        "heading",
        name="Stalin and Korean blood",
    ).is_visible()
    assert panel.locator("mark").nth(0).is_visible()
    screenshot(phone, "compare-phone", full_page=False)

    # The columns stack, each as wide as the screen.
    dprk, paper = phone.locator("#col-dprk").bounding_box(), phone.locator("#col-weathersby").bounding_box()
    assert paper["y"] > dprk["y"] + dprk["height"] - 1
    assert dprk["width"] > 300 and paper["width"] > 300

    phone.get_by_role("link", name="Go to ¶27 in the full text").click()
    phone.wait_for_url("**#weathersby-p027")
    assert in_view(phone, "#weathersby-p027")
    phone.locator(f"#weathersby-p027 a[href='#claim-{PAIR}-{DPRK}']").click()
    phone.wait_for_url(f"**#claim-{PAIR}-{DPRK}")
    assert in_view(phone, f"#claim-{PAIR}-{DPRK}")
    screenshot(phone, "compare-phone-followed", full_page=False)

    phone.get_by_role("link", name="Jump to North Korea and the Armistice Negotiations").click()
    assert in_view(phone, "#col-weathersby")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "compare-phone-jump", full_page=False)


def test_the_single_source_view_leads_to_the_other_side(loaded_app: Flask, live_server, phone) -> None:
    phone.goto(live_server.url("/sources/dprk"))
    phone.locator(f"a[href='/read?pair={PAIR}#claim-{PAIR}-{PAPER}']").click()
    phone.wait_for_url(f"**/read?pair={PAIR}#claim-{PAIR}-{PAPER}")
    assert in_view(phone, f"#claim-{PAIR}-{PAPER}")
    assert no_horizontal_scroll(phone)
