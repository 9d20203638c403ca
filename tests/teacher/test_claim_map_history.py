"""A claim pair's history is complete: backfilled by the migration, appended by every load that changes it."""

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select, text

from app import create_app
from app.bank.models import ClaimPair, ClaimPairRevision
from app.bank.services import load_bank
from app.bank.versioning import append_revision
from app.extensions import db
from app.teacher.claims.routes import PAIR_FIELD_LABELS
from app.teacher.revisions import compare
from tests.conftest import LOST_NOTHING, TINY_PAIRS, TOAST, write_bank

BEFORE_HISTORY = "2bf853f258f6"  # the last revision without claim_pair_revision
OLD_SOURCE = (
    "INSERT INTO source (id, file, title, author, short_name, kind, date, citation, about, sha256, layout,"
    " position) VALUES (:id, 'f.txt', 't', 'a', 's', 'k', 'd', 'c', 'b', 'x', 'hard-wrapped', 0)"
)
OLD_PAIR = (
    "INSERT INTO claim_pair (id, a_source_id, a_quote, b_source_id, b_quote, relation, rationale, topic,"
    " status, updated_at) VALUES ('stalin-sacrifice', 'dprk', :a, 'weathersby', :b, 'contradicts',"
    " 'Opposite pictures.', 'toast', 'published', '2026-01-05 10:00:00')"
)


def history(pair_id: str) -> list[tuple[int, str, str, str]]:
    rows = db.session.scalars(
        select(ClaimPairRevision)
        .where(ClaimPairRevision.claim_pair_id == pair_id)
        .order_by(ClaimPairRevision.number)
    )
    return [(r.number, r.author, r.reason, r.status) for r in rows]


def test_upgrading_a_database_with_pairs_gives_each_its_first_revision(tmp_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )
    with app.app_context():
        upgrade(revision=BEFORE_HISTORY)
        with db.engine.begin() as connection:
            for source_id in ("dprk", "weathersby"):
                connection.execute(text(OLD_SOURCE), {"id": source_id})
            connection.execute(text(OLD_PAIR), {"a": TOAST, "b": LOST_NOTHING})
        upgrade()
        [first] = db.session.scalars(select(ClaimPairRevision)).all()
        assert (first.claim_pair_id, first.number, first.author, first.reason) == (
            "stalin-sacrifice", 1, "bank load", "history begins"
        )  # fmt: skip
        assert first.content() == {
            "a_source_id": "dprk", "a_quote": TOAST, "b_source_id": "weathersby", "b_quote": LOST_NOTHING,
            "relation": "contradicts", "rationale": "Opposite pictures.", "topic": "toast",
            "status": "published",
        }  # fmt: skip
        assert first.created_at.year == 2026 and first.created_at.month == 1  # when the pair last changed
        db.session.remove()
        db.engine.dispose()


def test_bank_load_records_a_revision_when_it_creates_changes_or_retires_a_pair(
    app: Flask, tmp_path: Path
) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    assert history("stalin-sacrifice") == [(1, "bank load", "created", "published")]

    load_bank(db.session, root)  # nothing changed: no revision
    assert len(history("stalin-sacrifice")) == 1

    write_bank(root, pairs=TINY_PAIRS.replace("opposite pictures", "contrary pictures"))
    load_bank(db.session, root)
    assert history("stalin-sacrifice")[1] == (2, "bank load", "edited", "published")
    assert (
        db.session.get(ClaimPair, "stalin-sacrifice")
        .revisions[-1]
        .rationale.startswith("The sources give contrary pictures")
    )

    write_bank(root, pairs="claim_pairs: []\n", questions="questions: []\n")
    load_bank(db.session, root)
    assert history("stalin-sacrifice")[2] == (3, "bank load", "retired: no longer in the files", "retired")


def test_bank_load_leaves_a_pair_edited_in_the_browser_unless_told_to_overwrite(
    app: Flask, tmp_path: Path
) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    pair = db.session.get(ClaimPair, "stalin-sacrifice")
    edit = {**pair.current_content(), "rationale": "Edited by a teacher."}
    append_revision(db.session, pair, "Ms Rivera", "edited in the claim map", edit)
    db.session.commit()

    report = load_bank(db.session, root)
    assert db.session.get(ClaimPair, "stalin-sacrifice").rationale == "Edited by a teacher."
    assert any("left as edited in the browser by Ms Rivera" in str(w) for w in report.warnings)
    assert len(history("stalin-sacrifice")) == 2

    load_bank(db.session, root, overwrite=True)
    assert db.session.get(ClaimPair, "stalin-sacrifice").rationale.startswith("The sources give opposite")
    assert history("stalin-sacrifice")[2] == (3, "bank load", "edited", "published")


def test_bank_load_keeps_a_pair_made_in_the_browser_that_the_files_lack(app: Flask, tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    made = ClaimPair(
        id="made-here", a_source_id="dprk", a_quote=TOAST, b_source_id="weathersby", b_quote=LOST_NOTHING,
        relation="qualifies", rationale="Made in the browser.", status="draft",
    )  # fmt: skip
    db.session.add(made)
    append_revision(db.session, made, "Ms Rivera", "created in the claim map")
    db.session.commit()
    report = load_bank(db.session, root)
    assert db.session.get(ClaimPair, "made-here").status == "draft"
    assert any("made in the browser and not in the files" in str(w) for w in report.warnings)


def test_the_loaded_shipped_bank_has_one_revision_per_pair(loaded_app: Flask) -> None:
    pairs = db.session.scalars(select(ClaimPair)).all()
    assert pairs and all([r.number for r in pair.revisions] == [1] for pair in pairs)
    assert all(pair.revisions[0].content()["a_quote"] == pair.a_quote for pair in pairs)


# --- comparing two revisions (pure) ----------------------------------------------------------------------


def test_compare_lists_every_field_and_says_which_changed() -> None:
    old = {"relation": "contradicts", "rationale": "A.", "topic": None, "status": "draft"}
    new = {"relation": "qualifies", "rationale": "A.", "topic": "", "status": "draft"}
    changes = {change.name: change for change in compare(old, new, PAIR_FIELD_LABELS)}
    assert list(changes)[:2] == ["a_source_id", "a_quote"]  # form order
    assert [name for name, change in changes.items() if change.changed] == ["relation"]
    assert changes["relation"].label == "Relation"
