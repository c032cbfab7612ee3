"""Validation rules of the sociale kaart, each returning the clean value or a Dutch message."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence

from wijktools.errors import ValidationError
from wijktools.network.vocab import CONTACT_WAYS, canonical
from wijktools.store.sessions import parse_date

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_DAY_NAMES = {
    "maandag": "ma",
    "dinsdag": "di",
    "woensdag": "wo",
    "donderdag": "do",
    "vrijdag": "vr",
    "zaterdag": "za",
    "zondag": "zo",
    **{d: d for d in DAYS},
}
_DAY_RANGE = re.compile(r"^([a-z]+)\.?\s*(?:-|–|t/m|tot en met)\s*([a-z]+)\.?$")
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})$")
_OPNAMESTOP = re.compile(
    r"^(ja|nee)(?:\s*,?\s*sinds\s+(\S+))?(?:\s*,?\s*tot\s+(?:en\s+met\s+)?(\S+))?$", re.IGNORECASE
)
_CONTACT_ALIASES = {
    "email": "e-mail",
    "mail": "e-mail",
    "tel": "telefoon",
    "telefonisch": "telefoon",
    "bellen": "telefoon",
    "ms teams": "Teams",
    "microsoft teams": "Teams",
    "brief": "post",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object, limit: int = 1000) -> str:
    """Strip control characters and leading tab/CR (spreadsheet-injection vectors), trim."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL.sub("", str(value)).lstrip("\t\r").strip()
    if len(text) > limit:
        raise ValidationError(f"Tekst is te lang ({len(text)} tekens); maximaal {limit}.")
    return text


def _day(token: str) -> str:
    key = token.strip().rstrip(".").casefold()
    if key in _DAY_NAMES:
        return _DAY_NAMES[key]
    raise ValidationError(
        f"'{token}' is geen werkdag. Gebruik ma, di, wo, do, vr, za, zo (of voluit, bijv. maandag), "
        "gescheiden door komma's: ma, di, do."
    )


def werkdagen(value: object) -> str:
    """'ma, di, do', 'maandag en woensdag' or 'ma t/m vr' -> 'ma, di, do' in week order."""
    text = clean_text(value).casefold()
    if not text:
        return ""
    found: set[str] = set()
    for part in re.split(r"\s*[,;]\s*|\s+en\s+", text):
        if not part:
            continue
        ranged = _DAY_RANGE.match(part)
        if ranged:
            start, end = DAYS.index(_day(ranged.group(1))), DAYS.index(_day(ranged.group(2)))
            if end < start:
                raise ValidationError(f"Werkdagen '{part}': de reeks loopt achteruit.")
            found.update(DAYS[start : end + 1])
            continue
        for token in re.split(r"[\s/]+", part):
            if token:
                found.add(_day(token))
    return ", ".join(d for d in DAYS if d in found)


def telefoon(value: object) -> str:
    """Dutch numbers as phonenumbers (region NL) knows them: 06-, landline, 0800/0900, 14 0513."""
    import phonenumbers

    text = clean_text(value, 40)
    if not text:
        return ""
    # "020 (0) 1234567" is how some write a number for callers from abroad.
    candidate = text.replace("(0)", " ")
    try:
        number = phonenumbers.parse(candidate, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is not None
        and phonenumbers.is_valid_number(number)
        and phonenumbers.region_code_for_number(number) == "NL"
        and _written_in_full(candidate)
    ):
        return text
    raise ValidationError(
        f"'{text}' is geen geldig Nederlands telefoonnummer. Schrijf bijvoorbeeld 06-12345678, "
        "0513-123456 of +31 6 12345678."
    )


def _written_in_full(number: str) -> bool:
    """The library also accepts 612345678 and +31 06...; a sociale kaart wants 06- or +31 6."""
    digits = re.sub(r"[\s\-().]", "", number)
    for country in ("+31", "0031"):
        if digits.startswith(country):
            return not digits[len(country) :].startswith("0")
    return digits.startswith(("0", "14"))


def email(value: object) -> str:
    """One e-mail address, checked offline by email-validator (no DNS lookup)."""
    from email_validator import EmailNotValidError, validate_email

    text = clean_text(value, 254)
    if not text:
        return ""
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(
            f"'{text}' is geen geldig e-mailadres ({_email_reason(exc)}). Schrijf bijvoorbeeld "
            "info@praktijk.nl."
        ) from exc
    return text


def _email_reason(exc: Exception) -> str:
    """email-validator explains in English; the adviser gets the Dutch gist."""
    message = str(exc)
    if "@" in message and ("must have" in message or "exactly one" in message):
        return "er hoort precies één @ in te staan"
    if "two periods" in message:
        return "twee punten achter elkaar"
    if "period" in message or "domain" in message.lower() or "after the @" in message:
        return "het deel na de @ is geen geldige domeinnaam"
    if "SPACE" in message or "whitespace" in message.lower():
        return "er staat een spatie in"
    if "angle brackets" in message or "display name" in message:
        return "alleen het adres, zonder naam of punthaken"
    return "ongeldige tekens of opbouw"


def postcode(value: object) -> str:
    """Dutch postcode, normalised to '1234 AB'."""
    text = clean_text(value, 20)
    if not text:
        return ""
    match = _POSTCODE.match(text)
    letters = match.group(2).upper() if match else ""
    if not match or letters in ("SA", "SD", "SS"):
        raise ValidationError(
            f"'{text}' is geen geldige postcode. Schrijf vier cijfers en twee letters, bijv. 8501 AB."
        )
    return f"{match.group(1)} {letters}"


def website(value: object) -> str:
    """A web address (www.x.nl or https://...); other schemes are refused."""
    text = clean_text(value, 300)
    if not text:
        return ""
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", text, re.IGNORECASE)
    bad_scheme = scheme and scheme.group(1).lower() not in ("http", "https")
    if bad_scheme or " " in text or "." not in text:
        raise ValidationError(
            f"'{text}' is geen geldig webadres. Schrijf bijvoorbeeld www.praktijk.nl."
        )
    return text


def date_value(value: object, *, allow_future: bool = True) -> str:
    """ISO or Dutch date to ISO; empty stays empty."""
    if isinstance(value, dt.date):
        iso = parse_date(value)
    else:
        text = clean_text(value)
        if not text:
            return ""
        iso = parse_date(text)
    if not allow_future and iso > dt.date.today().isoformat():
        raise ValidationError(f"De datum {iso} ligt in de toekomst.")
    return iso


def opnamestop(value: object) -> tuple[bool, str, str]:
    """'ja', 'nee', 'ja tot 2027-03-01', 'ja sinds 1-1-2026 tot 1-3-2027' -> (stop, sinds, tot)."""
    text = clean_text(value, 100)
    if not text:
        return False, "", ""
    match = _OPNAMESTOP.match(text)
    if not match:
        raise ValidationError(
            f"Opnamestop '{text}' is niet te lezen. Schrijf 'ja', 'nee', 'ja tot 2027-03-01' "
            "of 'ja sinds 1-1-2026'."
        )
    stop = match.group(1).lower() == "ja"
    since = date_value(match.group(2)) if match.group(2) else ""
    until = date_value(match.group(3)) if match.group(3) else ""
    if not stop and (since or until):
        raise ValidationError("Opnamestop 'nee' heeft geen datum; laat de datum weg of kies 'ja'.")
    if since and until and until < since:
        raise ValidationError(f"Opnamestop: 'tot' ({until}) ligt vóór 'sinds' ({since}).")
    return stop, since, until


def opnamestop_text(stop: bool, since: str | None, until: str | None) -> str:
    """The inverse of `opnamestop`, as written in the template."""
    if not stop:
        return "nee"
    text = "ja"
    if since:
        text += f" sinds {since}"
    if until:
        text += f" tot {until}"
    return text


def voorkeur_contact(value: object) -> str:
    """One or more ways of contact from the list, comma separated, canonical spelling."""
    text = clean_text(value, 200)
    if not text:
        return ""
    out = []
    for part in re.split(r"\s*[,;]\s*", text):
        if not part:
            continue
        match = canonical(part, CONTACT_WAYS) or _CONTACT_ALIASES.get(part.casefold())
        if not match:
            raise ValidationError(
                f"Voorkeur contact '{part}' is onbekend; kies uit: {', '.join(CONTACT_WAYS)}."
            )
        out.append(match)
    return ", ".join(dict.fromkeys(out))


def discipline(value: object, known: Sequence[str]) -> str:
    """A discipline from the session's controlled list, with a suggestion on a typo."""
    text = clean_text(value, 100)
    if not text:
        raise ValidationError("Discipline is verplicht; kies er een uit de lijst.")
    match = canonical(text, known)
    if match:
        return match
    near = difflib.get_close_matches(text.casefold(), [k.casefold() for k in known], n=1)
    hint = ""
    if near:
        hint = f" Bedoelde u '{next(k for k in known if k.casefold() == near[0])}'?"
    raise ValidationError(
        f"Discipline '{text}' staat niet in de lijst.{hint} Kies een discipline uit de lijst of "
        "voeg deze discipline eerst toe aan de werksessie."
    )


# --- capacity of a huisartsenpraktijk (issue 18) ----------------------------------------------

MAX_FTE = 100.0  # far above the largest gezondheidscentrum; more is a typing or unit error
MAX_PATIENTS = 200_000  # about ten times the largest practices; more is a mistake
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$")  # 12.500 or 12 500 (Dutch thousands)


def fte(value: object) -> float | None:
    """An FTE as typed in Dutch (2,4) or English (2.4); empty is unknown, never zero."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"'{value}' is geen aantal fte; schrijf bijvoorbeeld 2,4.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = clean_text(value, 50).replace(" ", "")
        if not text:
            return None
        if not _DECIMAL.fullmatch(text):
            raise ValidationError(
                f"'{text}' is geen aantal fte; schrijf een getal zoals 2,4 of 2.4 (geen tekst, "
                "formule of negatief getal), of laat de cel leeg als het onbekend is."
            )
        number = float(text.replace(",", "."))
    if not math.isfinite(number) or number < 0 or number > MAX_FTE:
        raise ValidationError(
            f"{_shown(number)} fte is geen mogelijk aantal; vul een getal van 0 tot "
            f"{int(MAX_FTE)} in (fte van de hele praktijk), of laat de cel leeg."
        )
    return round(number, 2)


def patients(value: object) -> int | None:
    """Registered patients, a whole number (12500, 12.500 or 12 500); empty is unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"'{value}' is geen aantal patiënten.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = clean_text(value, 50).strip()
        if not text:
            return None
        if _GROUPED.fullmatch(text):
            number = float(text.replace(".", "").replace(" ", ""))
        elif re.fullmatch(r"\d+", text):
            number = float(text)
        else:
            raise ValidationError(
                f"'{text}' is geen aantal ingeschreven patiënten; schrijf een heel getal zoals "
                "12500 of 12.500 (geen tekst, formule, decimalen of negatief getal), of laat de cel "
                "leeg als het onbekend is."
            )
    if not math.isfinite(number) or not number.is_integer() or number < 0:
        raise ValidationError(
            f"{_shown(number)} is geen aantal ingeschreven patiënten; vul een heel getal in."
        )
    if number > MAX_PATIENTS:
        raise ValidationError(
            f"{_shown(number)} ingeschreven patiënten is niet mogelijk voor één praktijk "
            f"(maximaal {MAX_PATIENTS:,}); controleer het getal.".replace(",", ".")
        )
    return int(number)


def _shown(number: float) -> str:
    """A rejected number as the user typed it, roughly (1e9 stays readable)."""
    if math.isfinite(number) and abs(number) < 1e12:
        return f"{number:g}".replace(".", ",")
    return str(number)
