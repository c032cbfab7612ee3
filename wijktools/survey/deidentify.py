"""Open survey answers without names of persons, phone numbers, e-mail addresses or addresses (deduce).

Deduce (Menger et al., UMC Utrecht; PyPI `deduce`) finds names, initials, phone numbers, e-mail
addresses, street addresses, postcodes and place names in Dutch text, offline. Its first use builds
lookup structures from its word lists: measured 383 s on a busy 2-core machine (`benchmarks/
deidentify_load.py` prints the figures). They are cached in the user cache folder
(platformdirs: ~/.cache/wijktools/deduce-<version>/ on Linux), not in the installed package, so the
build happens once per user and deduce version; loading the cache then costs about 20 s of CPU
(measured 22 s CPU, 39 s wall on the same busy machine), so it happens only when there are open answers.

Dates, ages, care institutions and web addresses are left alone: they say nothing about a person in
an answer about collaboration, and the themes need them. Place names given in `plaatsen` (the wijk
itself) stay readable; other place names become [PLAATS].
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Deduce's tags -> the placeholder in the text; locatie is split into [ADRES] and [PLAATS] below.
PLACEHOLDERS = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "telefoonnummer": "TELEFOON",
    "emailadres": "E-MAIL",
    "bsn": "BSN",
    "id": "NUMMER",
}
ADDRESS, PLACE = "ADRES", "PLAATS"
_DISABLED = {"dates", "ages", "institutions", "urls"}
STATEMENT_ON = (
    "Open antwoorden zijn ontdaan van namen van personen, telefoonnummers, e-mailadressen en "
    "adressen (vervangen door [PERSOON], [TELEFOON], [E-MAIL], [ADRES], [PLAATS])."
)
STATEMENT_OFF = (
    "Let op: open antwoorden staan hier ongewijzigd, zoals ingevuld; namen, telefoonnummers en "
    "adressen zijn niet verwijderd (gekozen met --open-antwoorden-ongewijzigd)."
)


def cache_dir() -> Path:
    """Where deduce's lookup structures are kept between runs (per user, per deduce version)."""
    import platformdirs

    _import_deduce()
    import deduce

    return Path(platformdirs.user_cache_dir("wijktools")) / f"deduce-{deduce.__version__}"


def _import_deduce() -> type:
    """Import deduce and undo its import side effect on the root logger.

    deduce calls logging.basicConfig(DEBUG, stdout) on import, which would print every library's
    debug lines into the CLI output.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        from deduce import Deduce
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return Deduce


@functools.cache
def _engine() -> object:
    """One Deduce per process; the first ever call builds the lookup cache (minutes), later ones load it."""
    Deduce = _import_deduce()
    target = cache_dir()
    pickle = target / "cache" / "lookup_structs.pickle"
    if not pickle.is_file():
        # Build beside the target and move the file in whole, so a second process that starts
        # meanwhile never reads a half-written cache (deduce itself writes it in place).
        pickle.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target) as tmp:
            Deduce(cache_path=Path(tmp))
            os.replace(Path(tmp) / "cache" / "lookup_structs.pickle", pickle)
    return Deduce(cache_path=target)


@dataclass
class Deidentified:
    """The answers with placeholders and what was replaced, per placeholder."""

    texts: list[str]
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """How many passages were replaced in all answers."""
        return sum(self.counts.values())


def _placeholder(tag: str, text: str) -> str | None:
    """The placeholder for one of deduce's annotations; None for tags that stay readable."""
    if tag == "locatie":
        return ADDRESS if any(ch.isdigit() for ch in text) else PLACE
    if "persoon" in tag or tag == "patient":
        return "PERSOON"
    return PLACEHOLDERS.get(tag)


def place_keys(plaatsen: Iterable[str]) -> set[str]:
    """Spellings of the wijk's own names that stay readable: 'Wijk 19 Joure' also keeps 'Joure'."""
    keys: set[str] = set()
    for name in plaatsen:
        text = " ".join(str(name or "").split()).casefold()
        if not text:
            continue
        keys.add(text)
        bare = re.sub(r"^(wijk|buurt|kern)\s*\d*\s*", "", text)
        keys.add(bare)
        keys.update(part.strip() for part in re.split(r"[,/()]|\s-\s", bare) if part.strip())
    return {k for k in keys if len(k) >= 2}


def deidentify(texts: Iterable[str], plaatsen: Iterable[str] = ()) -> Deidentified:
    """Replace persons, phone numbers, e-mail and addresses by placeholders; keep `plaatsen`."""
    keep = place_keys(plaatsen)
    engine = _engine()
    out: list[str] = []
    counts: Counter[str] = Counter()
    for text in texts:
        document = engine.deidentify(text, disabled=_DISABLED)  # type: ignore[attr-defined]
        spans = []
        for ann in document.annotations:
            found = text[ann.start_char : ann.end_char]
            if ann.tag == "locatie" and " ".join(found.split()).casefold() in keep:
                continue
            label = _placeholder(ann.tag, found)
            if label is None:
                continue
            # Deduce's name spans can swallow trailing spaces; keep them in the text.
            end = ann.start_char + len(found.rstrip())
            spans.append((int(ann.start_char), int(end), label))
        result = text
        for start, end, label in sorted(spans, reverse=True):
            result = result[:start] + f"[{label}]" + result[end:]
            counts[label] += 1
        out.append(result)
    return Deidentified(out, counts)


def statement(deidentified: bool, counts: Counter[str] | None = None) -> str:
    """The Dutch line every output carries: whether open answers were de-identified, and how much."""
    if not deidentified:
        return STATEMENT_OFF
    if not counts:
        return STATEMENT_ON + " Er is niets vervangen."
    parts = ", ".join(f"{n}× [{label}]" for label, n in sorted(counts.items()))
    return f"{STATEMENT_ON} Vervangen: {parts}."
