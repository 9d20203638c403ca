"""The registry in templates: one label per type everywhere, and each type's own template checked at start."""

from flask import Flask
from jinja2 import TemplateNotFound

from app.bank.types import QUESTION_TYPES, IncompleteType, label, labels


def register_templates(app: Flask) -> None:
    """Expose the registry to every template (``question_types``, ``type_label``, ``type_labels``).

    The registry's dictionary itself is exposed, so a type registered later is seen too. A registered type
    without its template is refused here, at start, rather than on the first page that draws it.
    """
    app.jinja_env.globals.update(question_types=QUESTION_TYPES, type_label=label, type_labels=labels)
    for qtype in QUESTION_TYPES.values():
        check_template(app, qtype.name)


def check_template(app: Flask, name: str) -> None:
    qtype = QUESTION_TYPES[name]
    try:
        template = app.jinja_env.get_template(qtype.template)
    except TemplateNotFound:
        raise IncompleteType(f"the {name} type has no template {qtype.template!r}") from None
    module = template.module
    missing = [
        macro for macro in ("quiz_answer", "editor_answer", "card_front") if not hasattr(module, macro)
    ]
    if missing:
        raise IncompleteType(f"the template of the {name} type lacks {', '.join(missing)}")
