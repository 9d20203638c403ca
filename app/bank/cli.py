"""``flask --app app bank …``: check, load and export the question bank on disk."""

import json
import sys
from pathlib import Path
from time import perf_counter

import click
from flask import current_app
from flask.cli import AppGroup

from app.bank.formats.registry import EXPORT_FORMATS, export_bytes
from app.bank.generator.suggesters import SUGGESTERS
from app.bank.report import build_report
from app.bank.report_render import render_text, report_document
from app.bank.schema import Issue
from app.bank.services import BankInvalid, load_bank
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import BankFiles, read_bank
from app.extensions import db

bank_cli = AppGroup("bank", help="Check, load and export the question bank.")

bank_option = click.option(
    "--bank",
    "bank_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Bank folder (default: the app's question_bank/).",
)


def _bank_root(bank_dir: Path | None) -> Path:
    return bank_dir if bank_dir is not None else Path(current_app.config["BANK_DIR"])


def _print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        if issue.severity == "error":
            click.echo(f"error: {issue}", err=True)
        else:
            click.echo(f"note: {issue}", err=True)


def _summary(bank: BankFiles) -> str:
    passages = sum(len(doc.parsed.passages) for doc in bank.sources)
    footnotes = sum(len(doc.parsed.footnotes) for doc in bank.sources)
    published = sum(question.status == "published" for question in bank.questions)
    return (
        f"{len(bank.sources)} sources ({passages} passages, {footnotes} footnotes), "
        f"{len(bank.claim_pairs)} claim pairs, {len(bank.questions)} questions ({published} published)"
    )


def _checked_bank(root: Path) -> BankFiles:
    """Read and validate; print every problem; exit non-zero when any is an error."""
    bank, issues = read_bank(root)
    issues += validate_bank(bank)
    _print_issues(issues)
    errors = errors_in(issues)
    if errors:
        click.echo(f"bank check: {len(errors)} error(s) in {root}", err=True)
        sys.exit(1)
    return bank


@bank_cli.command("check")
@bank_option
def check_command(bank_dir: Path | None) -> None:
    """Prove every quote verbatim and every reference sound; exit 1 on any error."""
    root = _bank_root(bank_dir)
    bank = _checked_bank(root)
    click.echo(f"bank check: OK: {_summary(bank)}")


def _keep_sentence_vectors() -> None:
    """After a load: the sources' sentence vectors, so the claim map ranks by meaning without waiting."""
    from app.bank.vectors import keep_sentence_vectors

    began = perf_counter()
    added = keep_sentence_vectors(db.session)
    db.session.commit()
    if added:
        click.echo(
            f"bank load: kept the meaning vectors of {added} new sentence(s) for claim-pair suggestions "
            f"in {perf_counter() - began:.1f} s"
        )


@bank_cli.command("load")
@bank_option
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace questions and claim pairs edited in the browser with the files' version (kept by default).",
)
def load_command(bank_dir: Path | None, overwrite: bool) -> None:
    """Sync the files into the database: upsert by id, retire what disappeared, all or nothing.

    What teachers made or changed in the browser is kept (and reported) unless ``--overwrite``.
    """
    root = _bank_root(bank_dir)
    try:
        report = load_bank(db.session, root, overwrite=overwrite)
    except BankInvalid as invalid:
        _print_issues(invalid.issues)
        click.echo(f"bank load: {invalid}", err=True)
        sys.exit(1)
    _print_issues(report.warnings)
    _keep_sentence_vectors()
    kept = {"question": report.kept, "claim pair": report.kept_pairs}
    if report.kept or report.kept_pairs:
        counts = " and ".join(f"{len(ids)} {kind}(s)" for kind, ids in kept.items() if ids)
        click.echo(
            f"bank load: {counts} edited in the browser "
            "left as they are "
            "(`bank dump` saves them to the files; `bank load --overwrite` replaces them)",
            err=True,
        )
    if not report.changed:
        click.echo("bank load: already up to date; nothing changed")
        return
    click.echo(
        "bank load: "
        f"{report.sources_changed} source(s) updated; claim pairs "
        + ", ".join(f"{n} {k}" for k, n in report.pairs.items())
        + "; questions "
        + ", ".join(f"{n} {k}" for k, n in report.questions.items())
    )


@bank_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="json", show_default=True)
@click.option(
    "--include-drafts", is_flag=True, help="GIFT, Moodle XML and Anki: drafts too, not only published."
)
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@bank_option
def export_command(fmt: str, include_drafts: bool, path: Path, bank_dir: Path | None) -> None:
    """Write the bank to PATH (``-`` for standard output): JSON, Moodle GIFT or XML, or an Anki deck."""
    chosen = EXPORT_FORMATS[fmt]
    if str(path) == "-" and not chosen.text:
        click.echo(
            f"bank export: {chosen.label} is not text; give a file path such as {chosen.file_name}", err=True
        )
        sys.exit(1)
    bank = _checked_bank(_bank_root(bank_dir))
    data = export_bytes(bank, fmt, include_drafts=include_drafts)
    if str(path) == "-":
        click.echo(data.decode("utf-8"), nl=False)
    else:
        path.write_bytes(data)
        click.echo(f"bank export: wrote {path} ({chosen.label}; {_summary(bank)})", err=True)


@bank_cli.command("report")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@bank_option
def report_command(fmt: str, bank_dir: Path | None) -> None:
    """Counts, coverage of both sources and suspicious items, for a reviewer; warnings never fail it."""
    started = perf_counter()
    bank = _checked_bank(_bank_root(bank_dir))
    checked = perf_counter()
    report = build_report(bank)
    finished = perf_counter()
    timing = f"read and checked in {checked - started:.2f} s, report built in {finished - checked:.2f} s"
    if fmt == "json":
        document = report_document(report)
        document["timing_seconds"] = {
            "read_and_check": round(checked - started, 4),
            "report": round(finished - checked, 4),
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report) + f"\n{timing}")


@bank_cli.command("generate")
@click.argument("file_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("file_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help="New bank folder."
)
@click.option("--seed", default=0, show_default=True, help="Seed for choice order and true/false variants.")
@click.option(
    "--suggester",
    type=click.Choice(SUGGESTERS),
    default=None,
    help="Claim-pair ranking (default: semantic, or lexical with a warning where it is not installed).",
)
def generate_command(file_a: Path, file_b: Path, out: Path, seed: int, suggester: str | None) -> None:
    """Write a draft bank for two UTF-8 plain-text sources: every item a draft awaiting review."""
    from app.bank.generator.pipeline import generate_bank
    from app.bank.generator.semantic import SemanticUnavailable
    from app.bank.generator.suggesters import choose
    from app.bank.vectors import database_store
    from app.sources.parser import SourceDecodeError

    if out.exists() and any(out.iterdir()):
        click.echo(f"bank generate: {out} is not empty; choose a new folder", err=True)
        sys.exit(1)
    if suggester is None:  # the default falls back; a ranking asked for by name is never swapped
        choice = choose()
        if choice.note:
            click.echo(f"bank generate: {choice.note}", err=True)
        suggester = choice.name
    store = database_store(db.session) if suggester == "semantic" else None
    try:
        report = generate_bank(file_a, file_b, out, seed=seed, suggester=suggester, vector_store=store)
    except (SourceDecodeError, SemanticUnavailable) as error:
        click.echo(f"bank generate: {error}", err=True)
        sys.exit(1)
    if store is not None:
        db.session.commit()  # the sentence vectors, for the next run and for the claim map
    _print_issues(report.issues)
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.questions.items()))
    relations = ", ".join(f"{n} {relation}" for relation, n in sorted(report.relations.items()))
    click.echo(
        f"bank generate: wrote {out} in {report.seconds:.1f} s: {report.pairs} suggested claim pairs "
        f"({report.confident_pairs} confident, {report.suggester} ranking; by proposed relation, silences "
        f"included: {relations}), "
        f"{sum(report.questions.values())} draft questions ({kinds})"
    )
    if errors_in(report.issues):
        sys.exit(1)


@bank_cli.command("dump")
@bank_option
@click.option(
    "--from",
    "from_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Bank the database was loaded from, whose source texts are copied (default: question_bank/).",
)
@click.option("--force", is_flag=True, help="Replace a non-empty folder whole.")
def dump_command(bank_dir: Path | None, from_dir: Path | None, force: bool) -> None:
    """Write the database's current bank back to the on-disk format, to commit and share."""
    from app.bank.dump import DumpError, DumpInvalid, dump_bank

    target = _bank_root(bank_dir)
    try:
        report = dump_bank(db.session, target, _bank_root(from_dir), force=force)
    except DumpInvalid as invalid:
        _print_issues(invalid.issues)
        click.echo(f"bank dump: {invalid}", err=True)
        sys.exit(1)
    except DumpError as error:
        click.echo(f"bank dump: {error}", err=True)
        sys.exit(1)
    kept = f"; kept {', '.join(report.kept)}" if report.kept else ""
    click.echo(
        f"bank dump: wrote {target}: {report.sources} sources, {report.claim_pairs} claim pairs, "
        f"{report.questions} questions ({report.drafts} drafts){kept}"
    )
