"""The one Jinja environment: autoescape on, so user text can never become markup."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from wijktools.figures.theme import fmt_number
from wijktools.paths import template_cache


@cache
def environment() -> Environment:
    """Templates live in wijktools/templates; HTML/XML are always escaped."""
    env = Environment(
        loader=PackageLoader("wijktools", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache("html"),
    )
    env.filters["getal"] = fmt_number
    return env


def render(template: str, **context: object) -> str:
    """Render a named template with the shared environment."""
    return environment().get_template(template).render(**context)
