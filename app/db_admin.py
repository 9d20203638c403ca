"""``flask --app app db backup`` and ``db restore``, beside Flask-Migrate's ``db upgrade``."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate.cli import db as db_group

from app.backup import BackupError, backup, restore
from app.extensions import db


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
@with_appcontext
def backup_command(path: Path, force: bool) -> None:
    """Write a consistent copy of the database to PATH; safe while the app is serving."""
    try:
        backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"db backup: wrote {path} ({path.stat().st_size} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
@with_appcontext
def restore_command(path: Path, force: bool) -> None:
    """Replace the database's content with the backup at PATH. Stop the app servers first."""
    db.session.remove()
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], db.engine, path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"db restore: restored {path}; run `flask --app app db upgrade` if the backup is older")


def register_db_commands() -> None:
    """Flask-Migrate owns the ``db`` group; ours join it so every database command lives in one place."""
    db_group.add_command(backup_command)
    db_group.add_command(restore_command)
