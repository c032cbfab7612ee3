"""The one Jinja environment: autoescape on, so user text can never become markup."""

from __future__ import annotations

import contextlib
from functools import cache

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket

from wijktools.figures.theme import fmt_number
from wijktools.paths import derived_dir


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's own file cache of compiled templates; a folder that cannot be written only costs time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(name: str) -> BytecodeCache | None:
    """Compiled templates of one environment in data/derived/jinja/<name> (compiling costs 0.2 s a run).

    Jinja keys each entry by template name and checks the source's checksum and the Jinja and Python
    versions, so an edited template is compiled again. One folder per environment: the same template
    compiles differently under other environment options.
    """
    folder = derived_dir() / "jinja" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@cache
def environment() -> Environment:
    """Templates live in wijktools/templates; HTML/XML are always escaped."""
    env = Environment(
        loader=PackageLoader("wijktools", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache("html"),
    )
    env.filters["getal"] = fmt_number
    return env


def render(template: str, **context: object) -> str:
    """Render a named template with the shared environment."""
    return environment().get_template(template).render(**context)
