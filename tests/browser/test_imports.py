"""A teacher imports a Moodle GIFT file in a real browser: the preview, the problems, the drafts saved."""

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.auth.models import Classroom
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.extensions import db
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD
from tests.teacher.test_imports import GIFT

pytestmark = pytest.mark.csrf

WITH_PROBLEMS = (
    GIFT
    + "\nWhich side wanted the war to go on? {=China =the Soviet Union ~North Korea}\n"
    + "\nMatch the leaders. {=Kim -> Korea =Mao -> China}\n"
    + '\nAccording to X, <script>document.title="hacked"</script> is shown as text. {T}\n'
)


def log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Name").fill("Ms Rivera")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/teach/")


def choose_file(page, base: str, path: Path) -> None:
    page.goto(base + "/teach/import")
    page.get_by_label("File to import").set_input_files(str(path))
    page.get_by_label("Source the questions are about").select_option("dprk")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/teach/import")


def imported_count() -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Question)
        .join(QuestionRevision, CURRENT_REVISION)
        .where(QuestionRevision.origin == "imported")
    )


def test_a_teacher_imports_gift_drafts_after_reading_the_problems(
    loaded_app: Flask, classroom: Classroom, live_server, browser, tmp_path: Path
) -> None:
    base = live_server.url()
    for name, width, height in (("phone", 390, 844), ("laptop", 1280, 800)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        try:
            log_in(page, base)
            page.goto(base + "/teach/import")
            screenshot(page, f"import-upload-{name}")
            bad = tmp_path / "with-problems.gift"
            bad.write_text(WITH_PROBLEMS, encoding="utf-8")
            choose_file(page, base, bad)
            assert "1 problem to fix first" in page.inner_text("main")
            assert page.get_by_role("button", name="Import 4 drafts").count() == 0
            assert page.title() != "hacked"
            assert "<script>document.title" in page.inner_text("main")
            assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
            screenshot(page, f"import-preview-problems-{name}")
            good = tmp_path / "good.gift"
            good.write_text(GIFT, encoding="utf-8")
            choose_file(page, base, good)
            screenshot(page, f"import-preview-ready-{name}")
            if name == "phone":
                page.goto(base + f"/teach/classes/{classroom.id}/code")
                screenshot(page, f"rotate-code-confirm-{name}")
                continue
            page.get_by_role("button", name="Import 2 drafts").click()
            page.wait_for_url("**/teach/questions?origin=imported&status=draft")
            assert "2 drafts imported" in page.inner_text("main")
            assert imported_count() == 2
            screenshot(page, f"import-done-{name}")
        finally:
            context.close()
