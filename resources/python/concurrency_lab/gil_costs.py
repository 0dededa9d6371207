"""What the real GIL costs, measured without native tools.

Two measurements, each saying plainly what it is:
- per lane (a pool thread, the event loop's thread, a worker process): the wall time its tasks took
  against the CPU time its thread (time.thread_time) or process (time.process_time) used meanwhile.
  A CPU-bound thread that gets half the CPU it asked for spent the other half waiting, for the GIL
  when other threads were busy computing.
- a probe thread that sleeps 1 ms at a time and records how late it wakes: after the sleep it needs
  the GIL back, so while other threads compute it waits up to the switch interval for it.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

PROBE_SLEEP_S = 0.001
PROBE_SLEEP_NS = 1_000_000


class LaneClock:
    """Per-lane sums of busy wall time and CPU time; thread-safe."""

    def __init__(self, cpu_source: str) -> None:
        self.cpu_source = cpu_source
        self._lock = threading.Lock()
        self._lanes: Dict[Tuple[int, str], List[int]] = {}

    def add(self, lane: int, label: str, wall_ns: int, cpu_ns: int, tasks: int = 1) -> None:
        """Adds one task's (or one stretch's) wall and CPU time to the thread or process `label` of a lane (-1: none)."""
        with self._lock:
            entry = self._lanes.setdefault((lane, label), [0, 0, 0])
            entry[0] += wall_ns
            entry[1] += cpu_ns
            entry[2] += tasks

    def summary(self) -> List[Dict[str, Any]]:
        """One entry per thread or process that ran something, in lane order; lane is None for a whole event loop."""
        with self._lock:
            return [
                {
                    "lane": lane if lane >= 0 else None,
                    "label": label,
                    "busyMs": busy / 1e6,
                    "cpuMs": cpu / 1e6,
                    "tasks": tasks,
                }
                for (lane, label), (busy, cpu, tasks) in sorted(self._lanes.items())
            ]


def _percentile(sorted_values: List[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def idle_lateness_ms(samples: int = 20) -> List[float]:
    """How late a 1 ms sleep wakes with nothing else running: the operating system's share of the lateness."""
    late = []
    for _ in range(samples):
        start = time.perf_counter_ns()
        time.sleep(PROBE_SLEEP_S)
        late.append(max(0, time.perf_counter_ns() - start - PROBE_SLEEP_NS) / 1e6)
    return late


class WakeProbe:
    """A thread that sleeps 1 ms at a time while a run goes on and records how late each wake-up is."""

    def __init__(self, idle_ms: List[float], on_tick: Optional[Callable[[], None]] = None, tick_s: float = 0.25) -> None:
        self._idle = sorted(idle_ms)
        self._on_tick = on_tick
        self._tick_ns = int(tick_s * 1e9)
        self._stop = threading.Event()
        self._late: List[float] = []
        self._thread = threading.Thread(target=self._loop, name="wake probe", daemon=True)

    def start(self) -> None:
        """Starts probing."""
        self._thread.start()

    def stop(self) -> Dict[str, Any]:
        """Stops probing and summarises the wake-ups (ms late)."""
        self._stop.set()
        self._thread.join()
        late = sorted(self._late)
        return {
            "sleepMs": PROBE_SLEEP_NS / 1e6,
            "samples": len(late),
            "idleP50Ms": _percentile(self._idle, 0.5),
            "lateP50Ms": _percentile(late, 0.5),
            "lateP95Ms": _percentile(late, 0.95),
            "lateMaxMs": late[-1] if late else 0.0,
            "lateMeanMs": sum(late) / len(late) if late else 0.0,
        }

    def _loop(self) -> None:
        next_tick = time.perf_counter_ns() + self._tick_ns
        while not self._stop.is_set():
            start = time.perf_counter_ns()
            time.sleep(PROBE_SLEEP_S)
            woke = time.perf_counter_ns()
            self._late.append(max(0, woke - start - PROBE_SLEEP_NS) / 1e6)
            if self._on_tick is not None and woke >= next_tick:
                next_tick = woke + self._tick_ns
                self._on_tick()
