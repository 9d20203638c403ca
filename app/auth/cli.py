"""``flask --app app users …`` and ``classes …``: accounts and classes for scripted installs."""

import sys

import click
from flask.cli import AppGroup

from app.auth import services
from app.auth.models import ROLES
from app.extensions import db

users_cli = AppGroup("users", help="Create accounts.")
classes_cli = AppGroup("classes", help="Create classes.")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r for r in ROLES if r != "guest"]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(username: str, role: str, password: str) -> None:
    """Create a learner or teacher account."""
    try:
        user = services.create_user(db.session, username, password, role)
    except services.AccountError as error:
        click.echo(f"users create: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"created {user.role} {user.username!r}")


@classes_cli.command("create")
@click.argument("name")
@click.option("--teacher", "teacher_name", required=True, help="Username of the class's teacher.")
def create_class_command(name: str, teacher_name: str) -> None:
    """Create a class and print the join code its learners type in."""
    teacher = services.find_user(db.session, teacher_name)
    if teacher is None:
        click.echo(f"classes create: no user named {teacher_name!r}", err=True)
        sys.exit(1)
    try:
        classroom = services.create_classroom(db.session, name, teacher)
    except services.AccountError as error:
        click.echo(f"classes create: {error}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"created class {classroom.name!r}; join code: {classroom.join_code}")
