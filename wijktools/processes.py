"""Whether this process may fork: one rule for the batch's workers and the export's Word copy."""

from __future__ import annotations

import multiprocessing
import sys
import threading


def fork_is_safe() -> bool:
    """Linux (macOS forks badly with its system libraries), and no other thread running.

    A copy made while another thread holds a lock (an import, a stream) can hang on that lock;
    tqdm's sleeping monitor thread holds none.
    """
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    return all(t.name == "tqdm_monitor" for t in others)
