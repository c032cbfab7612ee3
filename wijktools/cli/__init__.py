"""Command line `wijktools`: thin over the library; one place turns errors into Dutch lines."""

from __future__ import annotations

import importlib
import sys

import typer

from wijktools.errors import WijktoolsError

app = typer.Typer(
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
app.add_typer(sessie_app, name="sessie")
app.add_typer(importeer_app, name="importeer")
app.add_typer(sjabloon_app, name="sjabloon")
app.add_typer(data_app, name="data")

# Each domain registers its commands on the apps above; one module per domain keeps edits apart.
_COMMAND_MODULES = (
    "wijktools.cli.data_cmd",
    "wijktools.cli.profile_cmd",
    "wijktools.cli.survey_cmd",
    "wijktools.cli.network_cmd",
    "wijktools.cli.priorities_cmd",
    "wijktools.cli.export_cmd",
    "wijktools.cli.batch_cmd",
    "wijktools.cli.present_cmd",
    "wijktools.cli.demo_cmd",
)
for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # a domain not built yet simply has no commands
        if _exc.name != _name:
            raise


def main(argv: list[str] | None = None) -> None:
    """Entry point: Dutch message and exit code 1 for user errors, never a traceback."""
    try:
        app(args=argv, prog_name="wijktools", standalone_mode=False)
    except WijktoolsError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("Afgebroken.", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            typer.echo("Afgebroken.", err=True)
            sys.exit(1)
        raise
