"""Every error survives pickling (batch workers send them across processes) with its Dutch message."""

from __future__ import annotations

import pickle

import pytest

from wijktools import errors
from wijktools.network.duplicates import DuplicatePair

_ROW = errors.DataFileError("ketenpartners.csv", "vul een naam in", row=3, column="Organisatie")

# One case per class: constructor arguments and a piece of the Dutch message str() must show.
CASES: dict[type[errors.WijktoolsError], tuple[tuple[object, ...], str]] = {
    errors.WijktoolsError: (("Er ging iets mis.",), "Er ging iets mis."),
    errors.DataFileError: (
        ("ketenpartners.csv", "vul een naam in", 3, "Organisatie"),
        "bestand 'ketenpartners.csv', rij 3, kolom 'Organisatie': vul een naam in",
    ),
    errors.DataFileErrors: (("ketenpartners.csv", [_ROW]), "er is niets opgeslagen"),
    errors.AreaNotFoundError: (("Onbekend gebied 'WK999999'.",), "Onbekend gebied"),
    errors.DataMissingError: (("Geen kerncijfers voor 2031.",), "Geen kerncijfers"),
    errors.FetchError: (("Geen internetverbinding.",), "Geen internetverbinding"),
    errors.StoreError: (("De database is niet te openen.",), "niet te openen"),
    errors.ValidationError: (("Kies een ronde.",), "Kies een ronde."),
    errors.RecordInvalid: (
        ({"email": "geen geldig adres"}, {"email": "E-mail"}),
        "Niet opgeslagen. E-mail: geen geldig adres",
    ),
    errors.AlreadyVotedError: (("U hebt al gestemd in deze ronde.",), "al gestemd"),
    errors.RoundClosedError: (("Deze ronde is gesloten.",), "gesloten"),
    errors.ExportError: (("De map is niet schrijfbaar.",), "niet schrijfbaar"),
    errors.BatchError: (("2 van 5 gebieden mislukt.",), "gebieden mislukt"),
    errors.MissingExtraError: (("dask", "--scheduler"), 'pip install "wijktools[dask]"'),
    errors.DuplicatesFound: (
        ("kaart.csv", [DuplicatePair(2, "Hap De Linde", "Huisartsenpraktijk De Linde", 100.0)]),
        "rij 2: 'Hap De Linde' lijkt op 'Huisartsenpraktijk De Linde'",
    ),
    errors.AlreadyProposedError: (("Vanaf dit apparaat is al een reactie gestuurd.",), "al een"),
    errors.DeviceBoundError: (("Dit apparaat hoort al bij een andere organisatie.",), "hoort al"),
}


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_error_class_has_a_case() -> None:
    classes = {errors.WijktoolsError} | _all_subclasses(errors.WijktoolsError)
    assert classes == set(CASES), "add a case for each new error class"


@pytest.mark.parametrize("cls", list(CASES), ids=lambda cls: cls.__name__)
def test_error_round_trips_through_pickle(cls: type[errors.WijktoolsError]) -> None:
    args, fragment = CASES[cls]
    error = cls(*args)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert repr(copy.args) == repr(error.args)  # exceptions inside args compare by identity
    assert str(copy) == str(error)
    assert fragment in str(copy)
    assert isinstance(copy, errors.WijktoolsError)


def test_error_classes_live_in_errors_module() -> None:
    import wijktools.cli
    import wijktools.network
    import wijktools.voting.app  # noqa: F401

    strays = [c for c in _all_subclasses(errors.WijktoolsError) if c.__module__ != errors.__name__]
    assert strays == []
