"""Every validation rule of a ketenpartner record, with its Dutch message."""

import datetime as dt

import pytest

from wijktools import network
from wijktools.errors import RecordInvalid
from wijktools.network import rules, vocab

BASE = {"organisatie": "Praktijk A", "discipline": "huisarts"}


def check(**fields):
    return network.validate({**BASE, **fields})


def problem(**fields):
    with pytest.raises(RecordInvalid) as info:
        check(**fields)
    return info.value.problems


@pytest.mark.parametrize(
    "value", ["info@praktijk.nl", "j.de.vries@zorg-joure.example", "a+b@x.co.uk", ""]
)
def test_email_valid(value):
    assert check(email=value).email == value


@pytest.mark.parametrize(
    "value", ["info@praktijk", "info praktijk@x.nl", "@x.nl", "a@@x.nl", "a..b@x.nl", "info.nl"]
)
def test_email_invalid(value):
    assert "geen geldig e-mailadres" in problem(email=value)["email"]


@pytest.mark.parametrize(
    "value",
    [
        "06-12345678",
        "0612345678",
        "06 1234 5678",
        "0513-123456",
        "(0513) 12 34 56",
        "020-1234567",
        "+31 6 12345678",
        "+31 (0)513 123456",
        "0031 513 123456",
        "0800-1234",
        "0900-1234567",
        "14 0513",
        "",
    ],
)
def test_phone_valid(value):
    assert check(telefoon=value).telefoon == value


@pytest.mark.parametrize(
    "value",
    ["06-1234567", "12345", "+32 470 123456", "0513-12345a", "+31 06 12345678", "612345678"],
)
def test_phone_invalid(value):
    assert "geen geldig Nederlands telefoonnummer" in problem(telefoon=value)["telefoon"]


@pytest.mark.parametrize(
    ("value", "clean"), [("8501AB", "8501 AB"), ("8501 ab", "8501 AB"), (" 1234 XY ", "1234 XY")]
)
def test_postcode_normalised(value, clean):
    assert check(postcode=value).postcode == clean


@pytest.mark.parametrize("value", ["0501 AB", "850 AB", "8501 A", "8501 SS", "ABCD 12"])
def test_postcode_invalid(value):
    assert "geen geldige postcode" in problem(postcode=value)["postcode"]


@pytest.mark.parametrize(
    ("value", "clean"),
    [
        ("ma, di, do", "ma, di, do"),
        ("do, ma", "ma, do"),
        ("maandag en woensdag", "ma, wo"),
        ("Maandag, Dinsdag", "ma, di"),
        ("ma t/m vr", "ma, di, wo, do, vr"),
        ("ma-wo", "ma, di, wo"),
        ("ma. di. vr.", "ma, di, vr"),
        ("za; zo", "za, zo"),
        ("", ""),
    ],
)
def test_werkdagen_parsed(value, clean):
    assert check(werkdagen=value).werkdagen == clean


@pytest.mark.parametrize("value", ["mon, tue", "ma, dins", "vr t/m ma", "weekend"])
def test_werkdagen_invalid(value):
    message = problem(werkdagen=value)["werkdagen"]
    assert "geen werkdag" in message or "achteruit" in message


@pytest.mark.parametrize(
    ("value", "clean", "row"),
    [
        ("nee", "nee", (0, None, None)),
        ("", "nee", (0, None, None)),
        ("ja", "ja", (1, None, None)),
        ("Ja tot 2027-03-01", "ja tot 2027-03-01", (1, None, "2027-03-01")),
        ("ja tot 1-3-2027", "ja tot 2027-03-01", (1, None, "2027-03-01")),
        ("ja sinds 1-9-2026", "ja sinds 2026-09-01", (1, "2026-09-01", None)),
        (
            "ja sinds 2026-09-01 tot 2027-03-01",
            "ja sinds 2026-09-01 tot 2027-03-01",
            (1, "2026-09-01", "2027-03-01"),
        ),
    ],
)
def test_opnamestop_forms(value, clean, row):
    record = check(opnamestop=value)
    assert record.opnamestop == clean
    stored = record.to_row()
    assert (stored["opnamestop"], stored["opnamestop_sinds"], stored["opnamestop_tot"]) == row


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("misschien", "niet te lezen"),
        ("nee tot 2027-03-01", "geen datum"),
        ("ja tot 31-2-2027", "geen geldige datum"),
        ("ja sinds 2027-03-01 tot 2026-01-01", "vóór"),
    ],
)
def test_opnamestop_invalid(value, message):
    assert message in problem(opnamestop=value)["opnamestop"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-01-15", "2026-01-15"),
        ("15-1-2026", "2026-01-15"),
        (dt.date(2026, 1, 15), "2026-01-15"),
    ],
)
def test_laatst_gecontroleerd_iso_or_dutch(value, iso):
    assert check(laatst_gecontroleerd=value).laatst_gecontroleerd == iso


def test_laatst_gecontroleerd_not_in_future():
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert "toekomst" in problem(laatst_gecontroleerd=future)["laatst_gecontroleerd"]


def test_laatst_gecontroleerd_invalid_date():
    assert "geen geldige datum" in problem(laatst_gecontroleerd="15 jan")["laatst_gecontroleerd"]


@pytest.mark.parametrize(
    ("value", "clean"),
    [
        ("zorgmail", "ZorgMail"),
        ("Telefoon, e-mail", "telefoon, e-mail"),
        ("email", "e-mail"),
        ("KIS", "KIS"),
        ("beveiligd berichtenverkeer", "beveiligd berichtenverkeer"),
        ("ms teams", "Teams"),
    ],
)
def test_voorkeur_contact_from_list(value, clean):
    assert check(voorkeur_contact=value).voorkeur_contact == clean


def test_voorkeur_contact_unknown():
    assert (
        "Voorkeur contact 'duif' is onbekend"
        in problem(voorkeur_contact="duif")["voorkeur_contact"]
    )


def test_discipline_case_insensitive_and_suggests_on_typo():
    assert check(discipline="poh-ggz").discipline == "POH-GGZ"
    message = problem(discipline="fysiotherapeut")["discipline"]
    assert "staat niet in de lijst" in message and "fysiotherapie" in message


def test_discipline_and_organisatie_required():
    with pytest.raises(RecordInvalid) as info:
        network.validate({"organisatie": "", "discipline": ""})
    assert set(info.value.problems) == {"organisatie", "discipline"}
    assert "Organisatie is verplicht" in info.value.problems["organisatie"]
    with pytest.raises(RecordInvalid) as info:
        network.validate({"organisatie": "x"})
    assert "Discipline is verplicht" in info.value.problems["discipline"]


@pytest.mark.parametrize("value", ["www.praktijk.nl", "https://praktijk.nl/contact", ""])
def test_website_valid(value):
    assert check(website=value).website == value


@pytest.mark.parametrize("value", ["javascript:alert(1)", "praktijk", "www.prak tijk.nl"])
def test_website_invalid(value):
    assert "geen geldig webadres" in problem(website=value)["website"]


def test_all_problems_of_a_record_are_reported_at_once():
    problems = problem(email="x", telefoon="1", postcode="x", werkdagen="x")
    assert set(problems) == {"email", "telefoon", "postcode", "werkdagen"}
    with pytest.raises(RecordInvalid, match=r"Niet opgeslagen\. E-mail:"):
        check(email="x")


def test_control_characters_and_leading_tabs_are_stripped():
    record = check(organisatie="\tPraktijk\x07 B", opmerkingen="\r=SUM(A1)")
    assert record.organisatie == "Praktijk B"
    assert record.opmerkingen == "=SUM(A1)"


def test_text_too_long_is_refused():
    assert "te lang" in problem(opmerkingen="x" * 1001)["opmerkingen"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("MDO", "overleg/MDO"),
        ("Gedeelde clienten", "gedeelde cliënten"),
        ("verwijzen", "verwijzen"),
    ],
)
def test_relation_kind_aliases(value, kind):
    assert vocab.relation_kind(value) == kind


@pytest.mark.parametrize(("value", "number"), [(1, 1), ("2", 2), ("intensief", 3), (3.0, 3)])
def test_intensity(value, number):
    assert vocab.intensity(value) == number


@pytest.mark.parametrize("value", [0, 4, "veel", ""])
def test_intensity_invalid(value):
    with pytest.raises(Exception, match="Intensiteit"):
        vocab.intensity(value)


def test_opnamestop_text_is_inverse_of_parse():
    for text in ("nee", "ja", "ja tot 2027-03-01", "ja sinds 2026-01-01 tot 2027-03-01"):
        assert rules.opnamestop_text(*rules.opnamestop(text)) == text


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Jan <jan@praktijk.nl>", "zonder naam of punthaken"),
        ("jan @praktijk.nl", "spatie"),
        ("jan.praktijk.nl", "precies één @"),
    ],
)
def test_email_says_in_dutch_what_is_wrong(value, reason):
    assert reason in problem(email=value)["email"]


def test_phone_numbers_phonenumbers_knows_but_regexes_missed():
    # A 6-digit local number after a 4-digit netnummer is fine; 7 digits after 0513 is not.
    assert check(telefoon="0513 123456").telefoon == "0513 123456"
    assert "geen geldig" in problem(telefoon="0513 1234567")["telefoon"]
    # 088 (company numbers) and 085 (VoIP) are valid Dutch landlines.
    assert check(telefoon="088-1234567").telefoon == "088-1234567"
