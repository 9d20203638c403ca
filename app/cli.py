"""Attach each feature's command group to ``flask --app app``."""

from flask import Flask

from app.auth.cli import classes_cli, users_cli
from app.bank.cli import bank_cli
from app.db_admin import register_db_commands


def register_commands(app: Flask) -> None:
    app.cli.add_command(bank_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(classes_cli)
    register_db_commands()
