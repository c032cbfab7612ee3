"""Every command and subcommand has Dutch help with an example that names the command itself."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from wijktools.cli import app


def _walk(command: object, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """(path, is_group) for every command below the root."""
    found: list[tuple[tuple[str, ...], bool]] = []
    # Recent typer vendors click, so groups are recognised by their commands, not by click's class.
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found.append(((*path, name), hasattr(sub, "commands")))
        found.extend(_walk(sub, (*path, name)))
    return found


COMMANDS = _walk(typer.main.get_command(app), ())


def test_the_walk_finds_the_known_commands() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "profiel",
        "batch",
        "export",
        "sessie nieuw",
        "importeer stemmen",
        "data ophalen",
    } <= paths


@pytest.mark.parametrize(("path", "is_group"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_is_dutch_with_an_example(path: tuple[str, ...], is_group: bool) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    if is_group:
        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]
        assert command.help and command.help.strip()
        for sub in command.commands:  # a group's help lists every subcommand
            assert sub in text
        return
    assert "Voorbeeld" in text, f"'wijktools {' '.join(path)} --help' has no example"
    assert f"wijktools {' '.join(path)}" in text


@pytest.mark.parametrize(("path", "is_group"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_each_labelled_example_is_its_own_paragraph(path: tuple[str, ...], is_group: bool) -> None:
    # Help text is re-wrapped: 'Voorbeeld: ... Kern: wijktools ...' on one line reads as one command.
    result = CliRunner().invoke(app, [*path, "--help"])
    for paragraph in result.output.split("\n\n"):
        text = " ".join(paragraph.split())
        assert len(re.findall(r"\b\w+:\s+wijktools ", text)) <= 1, text
