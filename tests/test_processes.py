"""When the batch and the export may fork: never while another thread could hold a lock."""

import sys
import threading

import pytest

from wijktools import processes
from wijktools.processes import fork_is_safe

linux = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def _with_threads(monkeypatch, *names: str) -> bool:
    """fork_is_safe() when this thread runs beside threads of those names (and no others)."""
    others = [threading.Thread(name=name) for name in names]
    monkeypatch.setattr(
        processes.threading, "enumerate", lambda: [threading.current_thread(), *others]
    )
    return fork_is_safe()


@linux
def test_alone_this_process_may_fork(monkeypatch):
    assert _with_threads(monkeypatch)


@linux
def test_not_while_another_thread_runs(monkeypatch):
    assert not _with_threads(monkeypatch, "feeder")
    assert not _with_threads(monkeypatch, "tqdm_monitor", "IO loop")


@linux
def test_tqdm_s_sleeping_monitor_thread_does_not_count(monkeypatch):
    assert _with_threads(monkeypatch, "tqdm_monitor")


@linux
def test_a_real_thread_that_runs_is_seen():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="feeder", daemon=True)
    thread.start()
    try:
        assert not fork_is_safe()
    finally:
        stop.set()
        thread.join()


def test_never_off_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert not fork_is_safe()
