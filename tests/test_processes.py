"""When the batch and the export may fork: never while another thread could hold a lock."""

import sys
import threading

import pytest

from wijktools.processes import fork_is_safe

linux = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def _while_running(name: str) -> bool:
    """fork_is_safe() while a thread of that name waits."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name=name, daemon=True)
    thread.start()
    try:
        return fork_is_safe()
    finally:
        stop.set()
        thread.join()


@linux
def test_alone_this_process_may_fork():
    assert fork_is_safe()


@linux
def test_not_while_another_thread_runs():
    assert not _while_running("feeder")


@linux
def test_tqdm_s_sleeping_monitor_thread_does_not_count():
    assert _while_running("tqdm_monitor")


def test_never_off_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert not fork_is_safe()
