"""Every project path and every output write lives here, so nothing escapes or is half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from slugify import slugify

from wijktools.errors import ExportError

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The checkout root, overridable so an installed package can point at its data."""
    env = os.environ.get("WIJKTOOLS_HOME")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def data_dir() -> Path:
    """Open data as published (read-only) lives under data/raw, derived files under data/derived."""
    return project_root() / "data"


def raw_dir() -> Path:
    """Input as published; never written by the tool except by `data ophalen`."""
    return data_dir() / "raw"


def derived_dir() -> Path:
    """Rebuilt by code (parquet caches); safe to delete."""
    return data_dir() / "derived"


def exports_dir() -> Path:
    """Default root for generated documents."""
    env = os.environ.get("WIJKTOOLS_EXPORTS")
    return Path(env).resolve() if env else project_root() / "exports"


def notebooks_dir() -> Path:
    """The workbook notebooks, in workflow order."""
    return project_root() / "notebooks"


_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
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
    """Write to a temporary file beside the target, then rename: readers see old or new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp creates 0600; documents are shared, so give them the mode a plain open() would.
    os.fchmod(fd, 0o666 & ~_umask())
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
