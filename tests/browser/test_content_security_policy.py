"""The Content-Security-Policy in a real browser: the main pages run their scripts and break no rule.

Chromium reports each blocked script, handler or style as a ``securitypolicyviolation`` event and a console
error; both are collected on every page a learner and a teacher visit, and none may appear.
"""

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from tests.browser.conftest import screenshot
from tests.browser.test_learning import join_class
from tests.conftest import PASSWORD
from tests.learner.test_quiz import first_question
from tests.teacher.test_analytics import answer

pytestmark = pytest.mark.csrf

PAIR = "d2-cost-of-blood-vs-lost-nothing"
QID = "dprk-intro-mc-1"
COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  window.__cspViolations.push(`${event.violatedDirective} blocked ${blocked} in ${event.documentURI}`);
});
"""


class Watched:
    """A page whose CSP violations and console errors about the policy are collected as it goes."""

    def __init__(self, browser, width: int, height: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.add_init_script(COLLECT)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.violations: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.collect()

    def collect(self) -> None:
        self.page.wait_for_load_state()
        self.violations.extend(self.page.evaluate("window.__cspViolations.splice(0)"))

    def problems(self) -> list[str]:
        self.collect()
        return self.violations + self.console


@pytest.fixture
def watched(browser) -> Iterator[Callable[[int, int], "Watched"]]:
    opened: list[Watched] = []

    def open_page(width: int, height: int) -> Watched:
        opened.append(Watched(browser, width, height))
        return opened[-1]

    yield open_page
    for page in opened:
        page.context.close()


def test_the_collector_sees_a_blocked_style(loaded_app: Flask, live_server, watched) -> None:
    """Without this, a collector that heard nothing would pass every check below."""
    page = watched(1280, 800)
    page.visit(live_server.url("/"))
    page.page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.page.wait_for_function("window.__cspViolations.length > 0")
    assert any("style-src" in v for v in page.problems())


def test_learner_and_teacher_pages_break_no_rule(loaded_app: Flask, classroom, live_server, watched) -> None:
    base = live_server.url()
    student = watched(390, 844)
    join_class(student.page, base, classroom.join_code)
    student.collect()
    with loaded_app.app_context():  # one right answer, so that the progress meters have a bar to draw
        ana = db.session.scalar(select(User).where(User.username == "Ana"))
        answer(ana, first_question("multiple_choice"), right=True)
        db.session.commit()
    for path in ("/", "/meet", "/sources/dprk", f"/read?pair={PAIR}", "/study"):
        student.visit(base + path)

    student.visit(base + "/quiz")
    student.page.get_by_label("Kind of question").select_option("multiple_choice")
    student.page.get_by_role("button", name="Start").click()
    student.page.wait_for_url("**/quiz/q/*")
    student.collect()
    student.page.locator(".choice label").first.click()
    student.page.get_by_role("button", name="Check my answer").click()
    student.page.wait_for_url("**/feedback")
    student.collect()

    student.visit(base + "/cards")
    student.visit(base + "/cards/review")
    student.page.keyboard.press("Space")  # cards.js opens the answer
    assert student.page.locator("details.card-back").evaluate("el => el.open")
    student.visit(base + "/progress")
    assert student.page.locator(".progress-chart svg").is_visible()
    meter = student.page.locator(".progress-meter").first
    assert meter.is_visible() and meter.bounding_box()["height"] > 0
    student.page.locator("#by-source-heading").scroll_into_view_if_needed()
    screenshot(student.page, "csp-progress-phone", full_page=False)
    assert student.problems() == []

    teacher = watched(1280, 800)
    teacher.visit(base + "/login")
    teacher.page.get_by_label("Your name").fill("Ms Rivera")
    teacher.page.get_by_label("Password").fill(PASSWORD)
    teacher.page.get_by_role("button", name="Log in").click()
    teacher.collect()
    room = f"/teach/classes/{classroom.id}"
    with loaded_app.app_context():
        ana_id = db.session.scalar(select(User.id).where(User.username == "Ana"))
    teacher.visit(base + f"{room}/learners/{ana_id}")
    assert teacher.page.locator(".progress-meter").first.is_visible()
    teacher.page.locator(".progress-breakdown").first.scroll_into_view_if_needed()
    screenshot(teacher.page, "csp-teacher-learner-laptop", full_page=False)
    for path in (
        "/teach/",
        room,
        f"{room}/items",
        f"{room}/code",
        "/teach/questions",
        f"/teach/questions/{QID}",
        f"/teach/questions/{QID}/revisions",
        f"/teach/questions/{QID}/compare",
        "/teach/questions/new",
        "/teach/claims",
        f"/teach/claims/{PAIR}",
        f"/teach/claims/{PAIR}/edit",
        f"/teach/claims/{PAIR}/compare?from=1&to=1",
        "/teach/claims/suggest?source=dprk",
        "/teach/sources",
        "/teach/sources/dprk",
        "/teach/sources/new",
        "/teach/import",
        "/teach/exports",
    ):
        teacher.visit(base + path)
    teacher.visit(base + f"/read?pair={PAIR}")
    assert teacher.page.locator("#col-dprk .column-body").evaluate("el => el.scrollTop") > 0  # compare.js ran
    teacher.visit(base + "/teach/questions/new?type=typed")
    teacher.page.get_by_label("Source of the support quote").select_option("dprk")
    sentence = teacher.page.locator(".picker-sentence", has_text="I propose to extend heartfelt thanks").first
    sentence.click()  # editor.js fills the quote from the clicked sentence
    assert "heartfelt thanks" in teacher.page.get_by_label("Support quote", exact=True).input_value()
    screenshot(teacher.page, "csp-editor-laptop", full_page=False)
    assert teacher.problems() == []
