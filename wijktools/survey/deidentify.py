"""Open survey answers without names of persons, phone numbers, e-mail addresses or addresses (deduce).

Deduce (Menger et al., UMC Utrecht; PyPI `deduce`) finds names, initials, phone numbers, e-mail
addresses, street addresses, postcodes and place names in Dutch text, offline. Its first use builds
lookup structures from its word lists and pickles them; `benchmarks/deidentify_load.py` prints the
figures. Two of deduce's own options keep that cheap:

- `config` without the annotators of the groups we never use (dates, ages, care institutions, web
  addresses): they say nothing about a person in an answer about collaboration, and the themes need
  them;
- `lookup_data_path` pointing to a copy of deduce's word lists in which the lists only those
  annotators read (care institutions, hospitals: about half of the pickle) are empty.

The copy and the pickle live in the user cache folder (platformdirs: ~/.cache/wijktools/
deduce-<version>-<variant>/ on Linux), are built once per user and deduce version, and moved in
whole so a second process never reads half a cache. Loading runs with the garbage collector paused
(the pickle holds millions of small objects) and happens at most once per process, only when there
are open answers. Place names given in `plaatsen` (the wijk itself) stay readable; other place
names become [PLAATS].
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import logging
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
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
# Deduce's annotator groups left out of the engine, and the word lists only those groups read.
_DISABLED_GROUPS = {"dates", "ages", "institutions", "urls"}
_UNUSED_LISTS = (
    "institutions/lst_healthcare_institution",
    "institutions/lst_hospital",
    "institutions/lst_hospital_abbr",
)
# Part of the cache folder name: change it when the two lines above change.
_CACHE_VARIANT = "no-institutions"
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

    name = f"deduce-{deduce.__version__}-{_CACHE_VARIANT}"
    return Path(platformdirs.user_cache_dir("wijktools")) / name


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


def _config() -> dict:
    """Deduce's own base configuration without the annotators of the groups we leave out."""
    from importlib.resources import files

    config = json.loads(files("deduce").joinpath("base_config.json").read_text(encoding="utf-8"))
    config["annotators"] = {
        name: annotator
        for name, annotator in config["annotators"].items()
        if annotator.get("group") not in _DISABLED_GROUPS
    }
    return config


def _copy_word_lists(target: Path) -> None:
    """Deduce's word lists under target/src, with the lists of the left-out groups empty."""
    from importlib.resources import files

    source = Path(str(files("deduce").joinpath("data", "lookup", "src")))
    shutil.copytree(source, target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    for name in _UNUSED_LISTS:
        folder = target / "src" / name
        shutil.rmtree(folder)
        folder.mkdir()
        (folder / "items.txt").write_text("", encoding="utf-8")


@contextlib.contextmanager
def _build_lock(parent: Path) -> Iterator[None]:
    """One build at a time per user (test workers, two windows): the second waits, then loads."""
    parent.mkdir(parents=True, exist_ok=True)
    with open(parent / "deduce-bouw.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no lock; the whole-folder move below still keeps it safe
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the garbage collector while millions of small lookup objects are unpickled."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@functools.cache
def _engine() -> object:
    """One Deduce per process; the first ever call builds the lookup cache, later ones load it."""
    Deduce = _import_deduce()
    target = cache_dir()
    config = _config()
    if not (target / "cache" / "lookup_structs.pickle").is_file():
        with _build_lock(target.parent):
            if not (target / "cache" / "lookup_structs.pickle").is_file():
                # Build beside the target and move the folder in whole, so a process that starts
                # meanwhile never reads a half-written cache (deduce itself writes it in place).
                with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
                    build = Path(tmp) / "deduce"
                    _copy_word_lists(build)
                    with _gc_paused():
                        Deduce(
                            load_base_config=False,
                            config=config,
                            lookup_data_path=build,
                            cache_path=build,
                        )
                    shutil.rmtree(target, ignore_errors=True)
                    os.replace(build, target)
    with _gc_paused():
        engine = Deduce(
            load_base_config=False, config=config, lookup_data_path=target, cache_path=target
        )
    gc.freeze()  # later collections skip the lookup structures, which live as long as the process
    return engine


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
        document = engine.deidentify(text)  # type: ignore[attr-defined]
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
