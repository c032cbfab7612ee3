"""The optional YAML mapping: column header -> question type, plus keyword themes for open answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wijktools.errors import DataFileError
from wijktools.survey.model import DISCIPLINE, TYPE_ALIASES, norm


@dataclass
class Mapping:
    """A mapping file: column header -> question type, optional keyword themes for open answers."""

    path: Path
    columns: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] | None = None

    @property
    def discipline(self) -> str | None:
        """The column the mapping names as the respondent's discipline."""
        return next((c for c, t in self.columns.items() if t == DISCIPLINE), None)


def load_mapping(path: str | Path) -> Mapping:
    """Parse the YAML mapping; a wrong type name is reported before any data is read."""
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise DataFileError(
            str(path), "het mappingbestand bestaat niet; controleer het pad."
        ) from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(
            str(path),
            "het mappingbestand is geen leesbare YAML; vergelijk het met "
            "data/voorbeeld/enquete_mapping_FICTIEF.yaml.",
        ) from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("kolommen"), dict):
        raise DataFileError(
            str(path),
            "het mappingbestand mist het onderdeel 'kolommen:' (kolomkop: vraagtype); "
            "zie data/voorbeeld/enquete_mapping_FICTIEF.yaml.",
        )
    columns: dict[str, str] = {}
    for header, kind in spec["kolommen"].items():
        qtype = TYPE_ALIASES.get(norm(kind)) if kind is not None else None
        if qtype is None:
            raise DataFileError(
                str(path),
                f"onbekend vraagtype '{kind}'; kies uit enkele_keuze, meerdere_keuzes, likert, "
                "getal, open, discipline of negeren.",
                column=str(header),
            )
        columns[str(header).strip()] = qtype
    if sum(t == DISCIPLINE for t in columns.values()) > 1:
        raise DataFileError(str(path), "er mag maar één kolom het type 'discipline' hebben.")
    keywords = spec.get("trefwoorden")
    if keywords is not None and not (
        isinstance(keywords, dict) and all(isinstance(v, list) for v in keywords.values())
    ):
        raise DataFileError(
            str(path),
            "'trefwoorden:' moet per thema een lijst woorden hebben, bv. Wachttijd: [wacht].",
        )
    if keywords is not None:
        keywords = {str(k): [str(w) for w in v] for k, v in keywords.items()}
    return Mapping(path, columns, keywords)
