"""`wijktools demo`: build every demo output on the shipped data."""

from __future__ import annotations

from pathlib import Path

import typer

from wijktools.cli import app


@app.command("demo")
def demo_command(
    uit: Path = typer.Option(None, "--uit", help="Map voor de uitvoer (standaard exports/)."),
    notebooks: bool = typer.Option(
        True, "--notebooks/--geen-notebooks", help="Ook de vier notebooks uitvoeren."
    ),
) -> None:
    """Bouw de demo: profielen, een fictieve werksessie en alle exports.

    Voorbeeld: wijktools demo
    """
    from wijktools.demo import run as demo

    written = demo.run(uit, progress=typer.echo)
    if notebooks:
        out = (uit or demo.exports_dir()) / "notebooks"
        written += demo.run_notebooks(out, progress=typer.echo)
    typer.echo(f"Klaar: {len(written)} bestanden geschreven, onder andere:")
    for path in written:
        typer.echo(f"  {path}")
