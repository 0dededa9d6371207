"""CPU time and memory of this process, measured with the standard library only."""
from __future__ import annotations

import os
import sys
import time


def cpu_ms() -> float:
    """CPU time of this process (every thread, user + system) in ms."""
    return time.process_time_ns() / 1e6


def rss_bytes() -> int:
    """Resident memory of this process: current on Linux, peak on macOS and BSD, 0 where unknown (Windows)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):
        return 0
