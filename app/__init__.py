"""Counterpoint: study two contrasting sources against each other."""

from pathlib import Path
from typing import Any

from flask import Flask

from app.config import (
    default_config,
    ensure_instance_folder,
    environment_overrides,
    instance_folder,
    instance_secret_key,
)
from app.converters import BoundedIntegerConverter
from app.csrf_tokens import use_kept_csrf_tokens
from app.extensions import csrf, db, login_manager, migrate
from app.fixed_urls import register_fixed_urls
from app.logging_setup import configure_logging
from app.serving import (
    add_security_headers,
    apply_proxy_fix,
    configure_engines,
    prepare_database,
    secure_cookies,
)
from app.session_cookies import KeptCookieSessions


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``instance/config.py``, then the environment, then ``config`` (tests)."""
    app = Flask(__name__, instance_path=instance_folder(), instance_relative_config=True)
    app.url_map.converters["int"] = BoundedIntegerConverter  # before any route is added
    instance_path = Path(app.instance_path)
    ensure_instance_folder(instance_path)
    app.config.from_mapping(default_config(instance_path))
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_mapping(environment_overrides())
    else:
        app.config.from_mapping(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(instance_path)
    secure_cookies(app)
    app.session_interface = KeptCookieSessions()
    add_security_headers(app)
    configure_logging(app)
    apply_proxy_fix(app)

    prepare_database(app)
    db.init_app(app)
    configure_engines(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    use_kept_csrf_tokens(app)
    login_manager.init_app(app)

    from app import models  # noqa: F401  (registers every model with the metadata)
    from app.auth.routes import bp as auth_bp
    from app.bank.types.templating import register_templates
    from app.cli import register_commands
    from app.errors import register_error_handlers
    from app.learner.routes import bp as learner_bp
    from app.main.health import bp as health_bp
    from app.main.routes import bp as main_bp
    from app.reading.routes import bp as reading_bp
    from app.teacher.claims.routes import bp as teacher_claims_bp
    from app.teacher.classes.routes import bp as teacher_bp
    from app.teacher.questions.exports.routes import bp as teacher_exports_bp
    from app.teacher.questions.imports.routes import bp as teacher_imports_bp
    from app.teacher.questions.routes import bp as teacher_bank_bp
    from app.teacher.sources.routes import bp as teacher_sources_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(learner_bp)
    app.register_blueprint(reading_bp)
    app.register_blueprint(teacher_bp)
    app.register_blueprint(teacher_bank_bp)
    app.register_blueprint(teacher_imports_bp)
    app.register_blueprint(teacher_exports_bp)
    app.register_blueprint(teacher_sources_bp)
    app.register_blueprint(teacher_claims_bp)
    register_error_handlers(app)
    register_templates(app)
    register_fixed_urls(app)
    register_commands(app)
    return app
