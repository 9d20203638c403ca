"""A teacher imports a GIFT file with questions on both texts and chooses each question's source."""

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import Classroom
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.extensions import db
from tests.browser.conftest import screenshot
from tests.browser.test_imports import log_in
from tests.teacher.test_import_sources import MIXED

pytestmark = pytest.mark.csrf


def stored_sources() -> dict[str, str]:
    rows = db.session.execute(
        select(QuestionRevision.question_id, QuestionRevision.support_source_id)
        .join(Question, CURRENT_REVISION)
        .where(QuestionRevision.origin == "imported")
    )
    return dict(rows.all())


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("laptop", 1280, 800)])
def test_a_teacher_chooses_the_source_of_each_question_in_the_preview(
    loaded_app: Flask, classroom: Classroom, live_server, browser, tmp_path: Path, name: str, width: int,
    height: int,
) -> None:  # fmt: skip
    base = live_server.url()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        log_in(page, base)
        mixed = tmp_path / "mixed.gift"
        mixed.write_text(MIXED, encoding="utf-8")
        page.goto(base + "/teach/import")
        page.get_by_label("File to import").set_input_files(str(mixed))  # the source left as it is
        page.get_by_role("button", name="Check the file").click()
        page.wait_for_url("**/teach/import")
        choosers = page.get_by_label("Source of this question")
        assert choosers.count() == 3
        assert [choosers.nth(n).input_value() for n in range(3)] == ["weathersby", "", ""]
        assert "2 questions need a source" in page.inner_text("main")
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(page, f"import-sources-preview-{name}")

        choosers.nth(1).select_option("dprk")
        page.get_by_role("button", name="Import 3 drafts").click()  # one still undecided
        assert "1 question needs a source" in page.inner_text("main")
        assert stored_sources() == {}
        choosers = page.get_by_label("Source of this question")
        assert [choosers.nth(n).input_value() for n in range(3)] == ["weathersby", "dprk", ""]
        screenshot(page, f"import-sources-one-left-{name}")
        choosers.nth(2).select_option("weathersby")
        page.get_by_role("button", name="Import 3 drafts").click()
        page.wait_for_url("**/teach/questions?origin=imported&status=draft")
        assert stored_sources() == {"lost": "weathersby", "toast": "dprk", "both": "weathersby"}
        db.session.rollback()
    finally:
        context.close()
