"""Every project path and every output write lives here, so nothing escapes or is half-written."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from slugify import slugify

from wijktools.errors import ExportError

if TYPE_CHECKING:
    from jinja2 import BytecodeCache
    from jinja2.bccache import Bucket

PACKAGE_DIR = Path(__file__).resolve().parent
# Present only in an installed wheel: the open data, fictional examples and notebooks (see setup.py).
SHIPPED_DIR = PACKAGE_DIR / "_data"
_VERSION_MARK = ".wijktools-versie"


def is_checkout() -> bool:
    """Running from the git checkout (or an editable install of it), not from an installed wheel."""
    return not SHIPPED_DIR.is_dir()


def project_root() -> Path:
    """Where data/ (open data, derived cache, sessions database) lives.

    WIJKTOOLS_HOME wins; else the checkout; else the user data folder of this system
    (Linux ~/.local/share/wijktools, Windows %LOCALAPPDATA%/wijktools, macOS
    ~/Library/Application Support/wijktools).
    """
    env = os.environ.get("WIJKTOOLS_HOME")
    if env:
        return Path(env).expanduser().resolve()
    if is_checkout():
        return PACKAGE_DIR.parent
    from platformdirs import user_data_dir

    return Path(user_data_dir("wijktools", appauthor=False))


def work_dir() -> Path:
    """Where documents for people go (exports/, werkboek/): a folder they can find.

    WIJKTOOLS_HOME wins; else the checkout; else Documents/wijktools.
    """
    if os.environ.get("WIJKTOOLS_HOME") or is_checkout():
        return project_root()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "wijktools"


def data_dir() -> Path:
    """Open data as published (read-only) lives under data/raw, derived files under data/derived."""
    folder = project_root() / "data"
    if not is_checkout():
        _unpack_shipped(folder)
    return folder


def _shipped_fingerprint() -> str:
    """Version plus every shipped file's path and size: a new wheel with new data refreshes the copy."""
    from wijktools import __version__

    digest = hashlib.sha256(__version__.encode())
    for source in sorted(SHIPPED_DIR.rglob("*")):
        if source.is_file():
            digest.update(
                f"{source.relative_to(SHIPPED_DIR).as_posix()}:{source.stat().st_size}\n".encode()
            )
    return digest.hexdigest()


_UNPACKED: set[Path] = set()


def _unpack_shipped(folder: Path) -> None:
    """First use of an installed wheel (or new data in it): copy the shipped data to a writable place.

    `data ophalen` adds tables beside them and the derived cache is built next to them, which
    site-packages does not allow. Files the user fetched are kept; shipped files are refreshed.
    """
    if folder in _UNPACKED:
        return
    mark = folder / _VERSION_MARK
    fingerprint = _shipped_fingerprint()
    if mark.is_file() and mark.read_text(encoding="utf-8").strip() == fingerprint:
        _UNPACKED.add(folder)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for source in SHIPPED_DIR.rglob("*"):
        if source.is_file():
            target = folder / source.relative_to(SHIPPED_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(target, "wb") as handle, source.open("rb") as original:
                shutil.copyfileobj(original, handle)
            # copystat keeps the modification time: the derived cache keys on it.
            shutil.copystat(source, target)
    write_text_atomic(mark, fingerprint + "\n")
    _UNPACKED.add(folder)


def raw_dir() -> Path:
    """Input as published; never written by the tool except by `data ophalen`."""
    return data_dir() / "raw"


def derived_dir() -> Path:
    """Rebuilt by code (Arrow and JSON caches); safe to delete."""
    return project_root() / "data" / "derived"


def template_cache(name: str) -> BytecodeCache | None:
    """Jinja's own file cache of compiled templates in data/derived/jinja/<name> (None: not writable).

    Compiling the templates costs about 0.2 s a run. Jinja keys each entry by template file and
    checks the source's checksum and the Jinja and Python versions, so an edited template is compiled
    again. One folder per environment: a template compiles differently under other options.
    """
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        """A cache file that cannot be written only costs the compiling next time."""

        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    folder = derived_dir() / "jinja" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietCache(str(folder))


def exports_dir() -> Path:
    """Default root for generated documents."""
    env = os.environ.get("WIJKTOOLS_EXPORTS")
    return Path(env).resolve() if env else work_dir() / "exports"


def notebooks_dir() -> Path:
    """The workbook notebooks as shipped, in workflow order (templates: `werkboek` runs copies)."""
    return PACKAGE_DIR / "notebooks" if not is_checkout() else PACKAGE_DIR.parent / "notebooks"


def werkboek_dir() -> Path:
    """The user's own copies of the notebooks, opened by `wijktools werkboek`."""
    return work_dir() / "werkboek"


def copy_notebooks(target: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Copy the shipped notebooks into the work folder; a copy the user already has is kept."""
    target = target or werkboek_dir()
    target.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for source in sorted(notebooks_dir().glob("*.ipynb")):
        destination = target / source.name
        if destination.exists():
            kept.append(destination)
        else:
            write_bytes_atomic(destination, source.read_bytes())
            copied.append(destination)
    return copied, kept


_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)


def slug(name: str, fallback: str = "export") -> str:
    """User-given names become safe, readable file and folder names."""
    value = slugify(str(name), max_length=80, word_boundary=True)
    if value.split(".")[0] in _WINDOWS_RESERVED:
        # Windows cannot create 'con' or 'aux.txt'; a session named so gets 'con-map'.
        value = f"{value}-map"
    return value or fallback


def inside(base: Path, *parts: str) -> Path:
    """Join slugged parts under base and refuse anything that resolves outside it."""
    base = Path(base).resolve()
    target = base.joinpath(*parts).resolve()
    if not target.is_relative_to(base):
        raise ExportError(
            f"Het pad '{target}' ligt buiten de exportmap '{base}'. Kies een andere naam."
        )
    return target


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Write to a temporary file beside the target, then rename: readers see old or new, never half.

    Two syncs per file, each needed once: the temporary file's data before the rename (else a
    crash can leave the new name on empty blocks), and the folder after it (else the rename
    itself can be lost). Closing the file adds none.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp creates 0600; documents are shared, so give them the mode a plain open() would.
    # os.chmod on the path: os.fchmod is missing on Windows before Python 3.13.
    os.chmod(tmp, 0o666 & ~_umask())
    try:
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable where the platform can (POSIX); Windows cannot open a folder."""
    if os.name == "nt":
        return  # NTFS journals the rename; a directory cannot be opened for fsync there
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder (EINVAL)
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    """The process umask (read by setting and restoring it; there is no getter)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Convenience for renderers that produce bytes in memory."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def write_text_atomic(path: Path, text: str) -> Path:
    """Convenience for renderers that produce text in memory."""
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(path)


_CHECKSUMS_FILE = ".checksums.json"
_CHECKSUMS: dict[str, list[object]] = {}
_RESOLVED: dict[str, str] = {}  # a path as given -> its resolved name (the memo's key)


def checksum(path: Path) -> str:
    """SHA-256 of a raw input's content, so a checkout or copy with new file times reuses the cache.

    Hashing every input on every start would cost tens of milliseconds; the digest is remembered
    in data/derived/.checksums.json next to the file's size, modification time and inode, and
    recomputed only when one of those changed (as git does for its index).
    """
    path = Path(path)
    stat = path.stat()
    # The resolved name is only the memo's key (the stamp below checks the file it names now):
    # resolved once per absolute path, a relative one follows the working folder.
    key = _RESOLVED.get(str(path)) if path.is_absolute() else None
    if key is None:
        key = str(path.resolve())
        if path.is_absolute():
            _RESOLVED[str(path)] = key
    stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    if not _CHECKSUMS:
        memo = derived_dir() / _CHECKSUMS_FILE
        with contextlib.suppress(ValueError, OSError):
            loaded = json.loads(memo.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                _CHECKSUMS.update(loaded)
    known = _CHECKSUMS.get(key)
    if isinstance(known, list) and len(known) == 4 and known[:3] == stamp:
        return str(known[3])
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    _CHECKSUMS[key] = [*stamp, digest]
    with contextlib.suppress(OSError):  # a read-only data folder only costs the hashing next time
        write_text_atomic(derived_dir() / _CHECKSUMS_FILE, json.dumps(_CHECKSUMS, sort_keys=True))
    return digest


def derived(
    stem: str,
    inputs: list[Path],
    build: Callable[[], Any],
    *,
    suffix: str,
    load: Callable[[Path], Any],
    save: Callable[[Path, Any], None],
    version: str = "1",
) -> Any:
    """What `build()` makes of raw `inputs`, kept as data/derived/<stem>-<key><suffix>.

    The key holds the inputs' checksums and `version` (bump it when `build` returns something
    else): a changed input is read again, as for every derived cache, and older files of the stem
    are removed. A file `load` cannot read (absent, half-written before a crash) is built again.
    Without an input `build` runs (and names the missing file); a read-only data folder only costs
    the building next time.
    """
    files = [Path(p) for p in inputs]
    if not all(f.is_file() for f in files):
        return build()
    digest = hashlib.sha256(f"{stem}:{version}".encode())
    for file in files:
        digest.update(f"{file.name}:{checksum(file)}".encode())
    path = derived_dir() / f"{stem}-{digest.hexdigest()[:16]}{suffix}"
    if path.is_file():
        with contextlib.suppress(
            OSError, ValueError
        ):  # pyarrow's and json's errors derive from these
            return load(path)
    value = build()
    with contextlib.suppress(OSError):
        for old in path.parent.glob(f"{stem}-*{suffix}"):
            old.unlink(missing_ok=True)
        save(path, value)
    return value


def derived_json(
    stem: str, inputs: list[Path], build: Callable[[], Any], version: str = "1"
) -> Any:
    """`derived` for small JSON data: data/derived/<stem>-<key>.json."""
    return derived(
        stem,
        inputs,
        build,
        suffix=".json",
        load=lambda path: json.loads(path.read_text(encoding="utf-8")),
        save=lambda path, value: write_text_atomic(
            path, json.dumps(value, ensure_ascii=False, sort_keys=True)
        ),
        version=version,
    )


def shipped_json(
    stem: str, file_name: str, read: Callable[[Path], Any], path: Path | None = None
) -> Any:
    """`read(path)` of a file given; else of data/raw/<file_name>, kept by `derived_json`."""
    if path is not None:
        return read(path)
    shipped = raw_dir() / file_name
    return derived_json(stem, [shipped], lambda: read(shipped))
