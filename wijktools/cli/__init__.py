"""Command line `wijktools`: thin over the library; one place turns errors into Dutch lines."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

import typer

from wijktools.errors import WijktoolsError

_app = typer.Typer(
    name="wijktools",
    help="Werkboek voor wijkgerichte samenwerking: profiel, sociale kaart, afspraken en exports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
sessie_app = typer.Typer(help="Werksessies: aanmaken, tonen en back-uppen.", no_args_is_help=True)
importeer_app = typer.Typer(
    help="Gegevens uit Excel of CSV in een werksessie inlezen.", no_args_is_help=True
)
sjabloon_app = typer.Typer(
    help="Lege Excel-sjablonen met voorbeeldrij schrijven.", no_args_is_help=True
)
data_app = typer.Typer(help="Open data (CBS, RIVM) ophalen en bijwerken.", no_args_is_help=True)


def _show_version(value: bool) -> None:
    """Print the installed version and stop (eager, so no command is needed)."""
    if value:
        from wijktools import __version__

        typer.echo(f"wijktools {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        help="Toon het versienummer van wijktools en stop.",
        callback=_show_version,
        is_eager=True,
    ),
) -> None:
    """Werkboek voor wijkgerichte samenwerking: profiel, sociale kaart, afspraken en exports."""


_app.add_typer(sessie_app, name="sessie")
_app.add_typer(importeer_app, name="importeer")
_app.add_typer(sjabloon_app, name="sjabloon")
_app.add_typer(data_app, name="data")

# Each domain registers its commands on the apps above; one module per domain keeps edits apart.
_COMMAND_MODULES = (
    "wijktools.cli.data_cmd",
    "wijktools.cli.profile_cmd",
    "wijktools.cli.survey_cmd",
    "wijktools.cli.network_cmd",
    "wijktools.cli.network_compare_cmd",
    "wijktools.cli.kaart_cmd",
    "wijktools.cli.priorities_cmd",
    "wijktools.cli.afspraak_cmd",
    "wijktools.cli.knelpunten_cmd",
    "wijktools.cli.capacity_cmd",
    "wijktools.cli.export_cmd",
    "wijktools.cli.batch_cmd",
    "wijktools.cli.present_cmd",
    "wijktools.cli.demo_cmd",
)
# These commands need only their own module: `wijktools profiel` then starts without importing the
# network, presenter or survey stacks (nbformat alone costs a second). Anything else loads every module.
_FAST_COMMANDS = {
    "profiel": "wijktools.cli.profile_cmd",
    "gebieden": "wijktools.cli.profile_cmd",
}
_registering = False
_all_loaded = False


def _import_commands(names: tuple[str, ...]) -> None:
    """Import command modules; while they run, `from wijktools.cli import app` must not recurse."""
    global _registering
    _registering = True
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        _registering = False


def load_commands() -> None:
    """Register every command (for --help, tests and any command not in _FAST_COMMANDS)."""
    global _all_loaded
    if not _all_loaded:
        _import_commands(_COMMAND_MODULES)
        _all_loaded = True


def __getattr__(name: str) -> typer.Typer:
    """`app` with every command registered, imported lazily (PEP 562) so main() can load fewer."""
    if name == "app":
        if not _registering:
            load_commands()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load_for(argv: list[str]) -> None:
    """Only the module of the command being run when it is a fast one; else all of them."""
    words = [a for a in argv if not a.startswith("-")]
    fast = _FAST_COMMANDS.get(words[0]) if words else None
    if fast and not _all_loaded:
        _import_commands((fast,))
    else:
        load_commands()


def log_dir() -> Path:
    """Where tracebacks of unexpected errors go: WIJKTOOLS_LOGS, else the user log folder."""
    env = os.environ.get("WIJKTOOLS_LOGS")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_log_path

    return user_log_path("wijktools", appauthor=False)


def _write_traceback(exc: BaseException) -> Path | None:
    """Append the traceback to fouten.log; a failure here must not hide the user's message."""
    text = "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        target = folder / "fouten.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with target.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {stamp} wijktools {' '.join(sys.argv[1:])}\n{text}\n")
            return target
        except OSError:
            continue
    return None


def _click_exception_types() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """Usage-error, abort and exit classes of click and of typer, by their public names.

    Typer may use click itself or a vendored copy; both sets are taken from what is installed.
    """
    usage: list[type] = []
    abort: list[type] = [typer.Abort]
    leave: list[type] = [typer.Exit]
    try:
        import click

        usage.append(click.ClickException)
        abort.append(click.Abort)
        leave.append(click.exceptions.Exit)
    except ImportError:  # pragma: no cover - typer without click
        pass
    # typer.BadParameter is a ClickException of whichever click typer uses.
    usage.extend(
        base
        for base in typer.BadParameter.__mro__
        if base.__name__ == "ClickException" and base not in usage
    )
    return tuple(usage), tuple(abort), tuple(leave)


def main(argv: list[str] | None = None) -> int:
    """Entry point returning the exit code: a Dutch message and 1 for user errors, never a traceback."""
    try:
        _load_for(sys.argv[1:] if argv is None else argv)
        from wijktools.cli.dutch import dutch_commands

        command = dutch_commands(typer.main.get_command(_app))
        code = command.main(args=argv, prog_name="wijktools", standalone_mode=False)
    except WijktoolsError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        typer.echo("Afgebroken.", err=True)
        return 130
    except SystemExit:
        raise
    except Exception as exc:
        usage, abort, leave = _click_exception_types()
        if isinstance(exc, usage):  # click usage errors arrive here in non-standalone mode
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # the (Dutch) help of the command group
            else:
                from wijktools.cli.dutch import show_usage_error

                show_usage_error(exc)
            return exc.exit_code
        if isinstance(exc, abort):
            typer.echo("Afgebroken.", err=True)
            return 1
        if isinstance(exc, leave):
            return exc.exit_code
        # The last line of defence: one Dutch line for the user, the details in a log file.
        logged = _write_traceback(exc)
        where = f"details in {logged}" if logged else "details konden niet worden opgeslagen"
        typer.echo(
            f"Onverwachte fout in wijktools; {where}. Stuur dat bestand mee als u dit meldt.",
            err=True,
        )
        return 1
    return code if isinstance(code, int) else 0  # click returns Exit codes (--help: 0) in this mode
