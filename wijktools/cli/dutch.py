"""Click's generated help and usage errors in Dutch, translated in this one place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click as click

# Phrases click and typer generate in help texts and the usage line (their English is hard-coded).
HELP_PHRASES = (
    ("Show this message and exit.", "Toon deze hulp en stop."),
    ("[required]", "[verplicht]"),
    ("[default: ", "[standaard: "),
    ("[env var: ", "[omgevingsvariabele: "),
    ("(dynamic)", "(wisselend)"),
)
HEADINGS = {"Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten"}
METAVARS = (
    ("<list[str]>", "<tekst>"),
    ("<str>", "<tekst>"),
    ("<path>", "<pad>"),
    ("<int>", "<getal>"),
    ("<float>", "<getal>"),
)
USAGE_WORDS = (("[OPTIONS]", "[OPTIES]"), ("COMMAND", "OPDRACHT"), ("[ARGS]...", "[ARGUMENTEN]..."))
# Messages of click's own type conversions and checks, pattern -> Dutch (groups keep user text).
MESSAGES = (
    (
        r"No such command '(.*)'\. Did you mean '(.*)'\?",
        r"Onbekende opdracht '\1'. Bedoelde u '\2'?",
    ),
    (r"No such command '(.*)'\.", r"Onbekende opdracht '\1'."),
    (r"Missing command\.", "Ontbrekende opdracht."),
    (r"Got unexpected extra arguments? \((.*)\)", r"Onverwachte extra invoer: \1."),
    (r"No such option: (\S+)", r"Onbekende optie '\1'."),
    (r"Option '(.*)' requires an argument\.", r"Optie '\1' heeft een waarde nodig."),
    (r"Option '(.*)' requires (\d+) arguments\.", r"Optie '\1' heeft \2 waarden nodig."),
    (r"Argument '(.*)' takes (\d+) values\.", r"Argument '\1' heeft \2 waarden nodig."),
    (
        r"'(.*)' is not a valid int(?:eger)?\.",
        r"geef een geheel getal, bijvoorbeeld 3 (niet '\1').",
    ),
    (r"Value '(.*)' is not a valid (.*)\.", r"'\1' is geen geldige \2."),
    (r"'(.*)' is not a valid float\.", r"geef een getal, bijvoorbeeld 2,5 (niet '\1')."),
    (r"'(.*)' is not a valid boolean\.", r"'\1' is geen ja of nee."),
    (r"'(.*)' is not one of (.*)\.", r"'\1' is geen van \2."),
    (r"'(.*)' is not (.*)\.", r"'\1' is geen \2."),
    (
        r"(?:File|Path|Directory) '(.*)' does not exist\.",
        r"Het bestand of de map '\1' bestaat niet.",
    ),
    (r"File '(.*)' is a directory\.", r"'\1' is een map, geen bestand."),
    (r"Directory '(.*)' is a file\.", r"'\1' is een bestand, geen map."),
)


def translate(text: str) -> str:
    """One English click message to Dutch; unknown text is returned as it is."""
    for pattern, dutch in MESSAGES:
        new, count = re.subn(rf"^{pattern}$", dutch, text.strip())
        if count:
            return new
    return text


def _hint(exc: Any) -> str:
    """The option or argument an error is about, as the user typed it ('--sessie', 'NAAM')."""
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, list | tuple) else str(hint)
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    hints = param.get_error_hint(exc.ctx)
    return str(hints).strip("'")


def error_message(exc: click.ClickException) -> str:
    """The Dutch line for a usage error (missing or unknown option, bad value, unknown command)."""
    if isinstance(exc, click.exceptions.MissingParameter):
        hint = _hint(exc).strip("'\"")
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        word = {"option": "optie", "argument": "argument"}.get(kind, "invoer")
        article = "Ontbrekend" if word == "argument" else "Ontbrekende"
        return f"{article} {word} '{hint}'."
    if isinstance(exc, click.exceptions.NoSuchOption):
        text = f"Onbekende optie '{exc.option_name}'."
        if exc.possibilities:
            text += f" Bedoelde u {' of '.join(sorted(exc.possibilities))}?"
        return text
    if isinstance(exc, click.exceptions.BadParameter):
        hint = _hint(exc)
        detail = translate(exc.message)
        hint = hint.strip("'\"")
        return (
            f"Ongeldige waarde voor '{hint}': {detail}" if hint else f"Ongeldige waarde: {detail}"
        )
    return translate(exc.format_message())


def show_usage_error(exc: click.ClickException) -> None:
    """Usage line, where to find help, and the Dutch message: click's layout, Dutch words."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        help_hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            help_hint = f"Hulp: {ctx.command_path} {ctx.help_option_names[0]}\n"
        typer.echo(f"{ctx.get_usage()}\n{help_hint}", err=True)
    typer.echo(f"Fout: {error_message(exc)}", err=True)


class DutchHelpFormatter(click.formatting.HelpFormatter):
    """Click's help layout with Dutch headings, usage words and option notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """'Gebruik: wijktools sessie nieuw [OPTIES] NAAM'."""
        for english, dutch in USAGE_WORDS:
            args = args.replace(english, dutch)
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """'Opties', 'Opdrachten', 'Argumenten'."""
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options and commands with Dutch notes ('[verplicht]') and value types ('<tekst>')."""
        dutch = []
        for term, text in rows:
            for english, nl_text in METAVARS:
                term = term.replace(english, nl_text)
            for english, nl_text in HELP_PHRASES:
                text = text.replace(english, nl_text)
            dutch.append((term, text))
        super().write_dl(dutch, col_max, col_spacing)


class DutchContext(click.core.Context):
    """Every command's context formats its help with the Dutch formatter."""

    formatter_class = DutchHelpFormatter


def dutch_commands(command: click.core.Command) -> click.core.Command:
    """Give the whole command tree the Dutch context, so help and usage lines are Dutch."""
    command.context_class = DutchContext
    for sub in getattr(command, "commands", {}).values():
        dutch_commands(sub)
    return command
