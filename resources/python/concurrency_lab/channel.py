"""The harness's link to the lab: JSON lines in on stdin, JSON lines out on a private copy of stdout.

Stdout itself is pointed at stderr, so a stray print() in a workload lands in the diagnostics and
can never corrupt the protocol. Both ends use raw file descriptors (os.read, os.write) rather than
sys.stdin / sys.stdout: a worker process forked while another thread held a stream's lock would
inherit that lock held, and hang the first time it flushed or closed the stream.
"""
from __future__ import annotations

import json
import os
import queue
import threading
import time
from typing import Any, Callable, Dict, Optional

# Time zero of every timestamp the harness sends: its own perf_counter when it started. The lab
# maps these onto its clock with the offset it measures in the handshake.
ORIGIN_NS = time.perf_counter_ns()


def to_ms(perf_ns: int) -> float:
    """A perf_counter_ns reading (from any process of this machine) as ms since the harness started."""
    return (perf_ns - ORIGIN_NS) / 1e6


def now_ms() -> float:
    """Now, in ms since the harness started."""
    return to_ms(time.perf_counter_ns())


class Channel:
    """Sends messages as single JSON lines; safe to call from any thread of the harness."""

    def __init__(self) -> None:
        self._out = os.dup(1)
        os.dup2(2, 1)
        self._lock = threading.Lock()

    def send(self, message: Dict[str, Any]) -> None:
        """Writes one message; raises ValueError/TypeError if it cannot be JSON (NaN, a set, ...)."""
        data = (json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n").encode("ascii")
        with self._lock:
            view = memoryview(data)
            while view:
                written = os.write(self._out, view)
                view = view[written:]


class CommandReader:
    """Reads commands from stdin on a thread of its own; `on_eof` runs when the lab closes stdin.

    Commands queue for the main thread, except those `immediate` handles on the reading thread.
    """

    def __init__(self, on_eof: Callable[[], None], immediate: Callable[[Any], bool] = lambda command: False) -> None:
        self._commands: "queue.Queue[Optional[Any]]" = queue.Queue()
        self._on_eof = on_eof
        # Commands that must act while the main thread is busy running tasks; True means handled.
        self._immediate = immediate
        self._thread = threading.Thread(target=self._read, name="lab stdin", daemon=True)
        self._thread.start()

    def next(self) -> Optional[Any]:
        """The next command as parsed JSON (a string if the line was not JSON), or None at end of input."""
        return self._commands.get()

    def _read(self) -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(0, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                if not line.strip():
                    continue
                try:
                    command = json.loads(line)
                except ValueError:
                    command = line.decode("utf-8", "replace")
                if not self._immediate(command):
                    self._commands.put(command)
        self._commands.put(None)
        self._on_eof()
