"""The app's layers, read from its own imports: no import cycles, no import that goes up a layer.

Every module under ``app/`` is parsed, not imported, and every import of an app module counts: at the top
of a file or inside a function, absolute or relative. ``from app.x import y`` depends on ``app.x.y`` when
``y`` is a module, and on ``app.x`` otherwise. The package a module sits in is not counted as a dependency
(Python runs its ``__init__`` first, but that is an effect of where the module lives, not of what it uses).
"""

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"

# Bottom to top. A module may import from its own unit and from the layers below; from another unit of its
# own layer only while the units stay acyclic. A unit is a top-level module or package of ``app``.
LAYERS: tuple[tuple[str, ...], ...] = (
    # settings, logging, backups, the bounds of a URL's numbers: no app imports
    ("app.config", "app.logging_setup", "app.backup", "app.converters", "app.orphan_workers"),
    ("app.db",),  # the declarative base, the timestamp default, SQLite's settings
    # the Flask extensions, unbound; the statements a quiz request sends to the database driver directly
    ("app.extensions", "app.driver_statements"),
    ("app.sources",),  # the source texts: parsed, stored
    ("app.bank", "app.auth"),  # claim pairs and questions, what learners may see; accounts and classes
    ("app.learner", "app.reading", "app.main"),  # the pages learners and visitors use
    ("app.teacher",),  # the teacher's tools
    # what create_app and the CLI wire up; faults: what a request does when the database goes away;
    # fixed_urls: the links every page shows, built once per worker; session_cookies: the signed session
    # cookie, verified once per worker; csrf_tokens: a page's signed CSRF token, kept a minute per worker
    (
        "app.models",
        "app.errors",
        "app.faults",
        "app.serving",
        "app.db_admin",
        "app.fixed_urls",
        "app.session_cookies",
        "app.csrf_tokens",
    ),
    ("app.cli",),  # every command
    ("app",),  # create_app
)

# Modules that must run without a web framework or a database: neither they nor any app module they import
# (however indirectly) may import one of these.
PURE_MODULES = ("app.auth.names", "app.learner.chart", "app.reading.marks")
IMPURE_IMPORTS = frozenset(
    {
        "alembic",
        "flask",
        "flask_login",
        "flask_migrate",
        "flask_sqlalchemy",
        "flask_wtf",
        "jinja2",
        "markupsafe",
        "sqlalchemy",
        "werkzeug",
        "wtforms",
    }
)


@dataclass(frozen=True)
class Import:
    """``importer`` imports ``imported`` at ``line`` of its file."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} → {self.imported} ({module_path(self.importer)}:{self.line})"


@cache
def app_modules() -> dict[str, Path]:
    """Every module of the app by dotted name; a package is its ``__init__``."""
    found = {}
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def module_path(name: str) -> str:
    path = app_modules().get(name)
    return name if path is None else path.relative_to(APP.parent).as_posix()


def _is_app(name: str) -> bool:
    return name == "app" or name.startswith("app.")


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names, relative imports included."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if app_modules()[module].name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


@cache
def _parsed(module: str) -> tuple[tuple[Import, ...], frozenset[str]]:
    """The app modules ``module`` imports, and the top-level names of everything else it imports."""
    modules = app_modules()
    tree = ast.parse(modules[module].read_text(encoding="utf-8"), filename=str(modules[module]))
    found: list[Import] = []
    external: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_app(alias.name):
                    found.append(Import(module, alias.name, node.lineno))
                else:
                    external.add(alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            if not _is_app(source):
                external.add(source.split(".")[0])
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append(Import(module, submodule if submodule in modules else source, node.lineno))
    unknown = [i for i in found if i.imported not in modules]
    assert not unknown, f"imports of modules that are not in app/: {', '.join(map(str, unknown))}"
    return tuple(i for i in dict.fromkeys(found) if i.imported != module), frozenset(external)


def app_imports() -> list[Import]:
    return [i for module in app_modules() for i in _parsed(module)[0]]


def unit_of(module: str) -> str:
    """The top-level module or package of ``app`` that holds ``module``; ``app`` itself for create_app."""
    return ".".join(module.split(".")[:2])


def layer_of(unit: str) -> int:
    for index, units in enumerate(LAYERS):
        if unit in units:
            return index
    raise KeyError(unit)


def collapse(module: str, depth: int) -> str:
    """``module`` seen from ``depth`` dotted parts: app.bank.generator.pairs at 2 is app.bank."""
    return ".".join(module.split(".")[:depth])


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One cycle of the graph as its nodes, first node repeated at the end; None if it has none."""
    done: set[str] = set()
    for start in sorted(edges):
        if start in done:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        while stack:
            node, successors = stack[-1]
            step = next(successors, None)
            path = [n for n, _ in stack]
            if step is None:
                stack.pop()
                done.add(node)
            elif step in path:
                return [*path[path.index(step) :], step]
            elif step not in done:
                stack.append((step, iter(sorted(edges.get(step, ())))))
    return None


def cycle_at(imports: Iterable[Import], depth: int) -> list[Import] | None:
    """A cycle among the modules or packages seen at ``depth``, as one import for each of its steps."""
    edges: dict[str, set[str]] = {}
    witness: dict[tuple[str, str], Import] = {}
    for i in imports:
        a, b = collapse(i.importer, depth), collapse(i.imported, depth)
        if a != b:
            edges.setdefault(a, set()).add(b)
            witness.setdefault((a, b), i)
    cycle = find_cycle(edges)
    return None if cycle is None else [witness[step] for step in pairwise(cycle)]


def upward(imports: Iterable[Import]) -> list[Import]:
    return [i for i in imports if layer_of(unit_of(i.imported)) > layer_of(unit_of(i.importer))]


def test_the_graph_is_read() -> None:
    """A parser that missed imports would pass every rule below; these imports are known to be there."""
    pairs = {(i.importer, i.imported) for i in app_imports()}
    assert ("app.reading.routes", "app.bank.visibility") in pairs  # absolute, a module from a package
    assert ("app.sources.parser", "app.sources.footnotes") in pairs  # relative
    assert ("app", "app.models") in pairs  # inside a function: ``from app import models``
    assert ("app.bank.generator.suggesters", "app.bank.generator.semantic") in pairs  # inside a function
    assert len(app_modules()) > 100


def test_every_unit_has_a_layer() -> None:
    placed = [unit for units in LAYERS for unit in units]
    assert len(placed) == len(set(placed)), "a unit is named in two layers"
    units = {unit_of(module) for module in app_modules()}
    assert sorted(units - set(placed)) == [], "place these in LAYERS"
    assert sorted(set(placed) - units) == [], "LAYERS names units that are gone"


@pytest.mark.parametrize("depth", range(2, 1 + max(m.count(".") + 1 for m in app_modules())))
def test_no_import_cycles(depth: int) -> None:
    """No cycle among the units (depth 2), nor among the packages and modules inside them (3 and deeper)."""
    cycle = cycle_at(app_imports(), depth)
    if cycle:
        pytest.fail("import cycle:\n  " + "\n  ".join(map(str, cycle)), pytrace=False)


def test_no_import_goes_up_a_layer() -> None:
    wrong = upward(app_imports())
    if wrong:
        listed = "\n  ".join(f"{i}: {unit_of(i.importer)} is below {unit_of(i.imported)}" for i in wrong)
        pytest.fail(f"imports that go up a layer:\n  {listed}", pytrace=False)


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_modules_import_neither_flask_nor_sqlalchemy(module: str) -> None:
    """Neither the module nor any app module it reaches imports a web framework or a database library."""
    by_importer: dict[str, list[Import]] = {}
    for i in app_imports():
        by_importer.setdefault(i.importer, []).append(i)
    route: dict[str, list[str]] = {module: [module]}
    queue = [module]
    while queue:
        current = queue.pop(0)
        impure = sorted(_parsed(current)[1] & IMPURE_IMPORTS)
        if impure:
            pytest.fail(f"{' → '.join(route[current])} imports {', '.join(impure)}", pytrace=False)
        for i in by_importer.get(current, []):
            if i.imported not in route:
                route[i.imported] = [*route[current], i.imported]
                queue.append(i.imported)


def test_the_checks_name_what_they_find() -> None:
    imports = [
        Import("app.sources.parser", "app.bank.models", 3),
        Import("app.bank.models", "app.sources.parser", 5),
        Import("app.bank.models", "app.extensions", 6),
    ]
    for depth in (2, 3):  # between the packages app.bank and app.sources, and between the two modules
        assert cycle_at(imports, depth) == imports[1::-1]
    assert str(imports[0]) == "app.sources.parser → app.bank.models (app/sources/parser.py:3)"
    assert upward(imports) == [imports[0]]
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
