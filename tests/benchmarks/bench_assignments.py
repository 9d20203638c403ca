"""Benchmark: the pages assignments touch, in process, for a class of 30 that has answered 5 assignments.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_assignments [--requests 100]

Per page: median wall and CPU milliseconds and the SQL statements it ran. The study page is measured for a
learner with no class (no assignment to read) and for a learner of the class (5 open assignments), so the
cost of the assignments section reads as the difference of the two in one run.
"""

import argparse
import random
import statistics
import time

from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import User
from app.auth.services import create_classroom, create_user, enroll
from app.extensions import db
from app.learner import quiz
from app.learner.quiz import QuizFilters
from app.teacher.classes.assignments import create_assignment
from tests.benchmarks.cycle import counting_statements
from tests.benchmarks.teacher_app import PASSWORD, teacher_app

LEARNERS = 30
ASSIGNMENTS = 5
QUESTIONS = 10


def _answer_everything(learners: list[User], question_ids: list[str], rng: random.Random) -> None:
    pool = {entry.question_id: entry for entry in quiz.quiz_pool(db.session, QuizFilters())}
    for learner in learners:
        for question_id in question_ids:
            presentation = quiz.present(db.session, learner, pool[question_id], QuizFilters(), rng)
            response = "0" if presentation.choice_order else "1953"
            quiz.record_answer(db.session, learner, presentation, response)


def _build_class(app: Flask) -> tuple[int, list[int]]:
    rng = random.Random(1)
    with app.app_context():
        teacher = db.session.scalar(db.select(User).where(User.role == "teacher"))
        classroom = create_classroom(db.session, "Bench class", teacher)
        learners = [create_user(db.session, f"L{n:02}", PASSWORD, "learner") for n in range(LEARNERS)]
        create_user(db.session, "Loner", PASSWORD, "learner")
        for learner in learners:
            enroll(db.session, learner, classroom)
        db.session.commit()
        ids = []
        for number in range(ASSIGNMENTS):
            made = create_assignment(
                db.session, classroom, teacher, f"A{number}", QuizFilters(), [], QUESTIONS, rng=rng
            )
            db.session.commit()
            _answer_everything(learners[: LEARNERS - number * 5], made.question_ids, rng)
            ids.append(made.id)
        return classroom.id, ids


def _measure(app: Flask, client: FlaskClient, method: str, url: str, requests: int, data=None) -> str:
    walls, cpus, statements = [], [], []
    with counting_statements(app) as counter:
        for _ in range(requests + 1):  # the first fills the caches
            counter.count = 0
            began, cpu_began = time.perf_counter(), time.process_time()
            status = client.open(url, method=method, data=data).status_code
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu_began)
            statements.append(counter.count)
            if status >= 400:
                raise SystemExit(f"{url} answered {status}")
    return (
        f"{statistics.median(walls[1:]) * 1000:7.2f} ms wall {statistics.median(cpus[1:]) * 1000:7.2f} ms CPU"
        f" {max(statements[1:]):3d} statements"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with teacher_app() as (app, teacher):
        classroom_id, assignment_ids = _build_class(app)
        loner, learner = app.test_client(), app.test_client()
        loner.post("/login", data={"username": "Loner", "password": PASSWORD})
        # L29 has answered the first assignment only: the last one is still to do (quiz/next shows a question)
        learner.post("/login", data={"username": "L29", "password": PASSWORD})
        n = args.requests
        rows = {
            "study page, no class": _measure(app, loner, "GET", "/study", n),
            f"study page, {ASSIGNMENTS} open assignments": _measure(app, learner, "GET", "/study", n),
            "class page (teacher)": _measure(app, teacher, "GET", f"/teach/classes/{classroom_id}", n),
            "assignment page (teacher)": _measure(
                app, teacher, "GET", f"/teach/classes/{classroom_id}/assignments/{assignment_ids[0]}", n
            ),
            "quiz: next question of an assignment": _measure(
                app, learner, "POST", "/quiz/next", n, data={"assignment": str(assignment_ids[-1])}
            ),
            "quiz: next question, no assignment": _measure(app, learner, "POST", "/quiz/next", n, data={}),
        }
    print(f"{LEARNERS} learners, {ASSIGNMENTS} assignments of {QUESTIONS} questions, {n} requests each")
    for name, figures in rows.items():
        print(f"{name:40} {figures}")


if __name__ == "__main__":
    main()
