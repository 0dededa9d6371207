"""Task events of one run, sent to the lab: every task starts once and settles once, whatever thread reports it."""
from __future__ import annotations

import threading
from typing import Any

from .channel import Channel, now_ms, to_ms
from .workloads import WorkloadError


def describe(error: BaseException) -> str:
    """A failed task's message: the workload's own words, or the exception type and text."""
    if isinstance(error, WorkloadError):
        return str(error)
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class TaskReporter:
    """Sends one run's task events; thread-safe; `done` is set once every task has settled."""

    def __init__(self, channel: Channel, count: int) -> None:
        self._channel = channel
        self._lock = threading.Lock()
        self._settled = bytearray(count)
        self._remaining = count
        self.done = threading.Event()
        if count == 0:
            self.done.set()

    def lane(self, index: int, label: str) -> None:
        """A lane appeared, or its worker was replaced and has a new label."""
        self._channel.send({"type": "lane", "index": index, "label": label})

    def queued_all(self, count: int) -> None:
        """Every task of the run is queued now."""
        self._channel.send({"type": "queued-all", "count": count, "at": now_ms()})

    def started(self, task: int, lane: int, at_ns: int) -> None:
        """A task started on a lane at perf_counter_ns() == at_ns."""
        self._channel.send({"type": "started", "task": task, "lane": lane, "at": to_ms(at_ns)})

    def is_settled(self, task: int) -> bool:
        """Whether the task already finished or failed (a timed-out task may still be running)."""
        return bool(self._settled[task])

    def finished(self, task: int, lane: int, start_ns: int, end_ns: int, output: Any) -> None:
        """A task returned its output; ignored if the task was already settled (timed out)."""
        if not self._claim(task):
            return
        message = {
            "type": "finished",
            "task": task,
            "lane": lane,
            "startedAt": to_ms(start_ns),
            "endedAt": to_ms(end_ns),
            "output": output,
        }
        try:
            self._channel.send(message)
        except (TypeError, ValueError) as error:
            self._send_failed(task, lane, start_ns, end_ns, f"its output cannot be sent as JSON: {error}")
        self._count_down()

    def failed(self, task: int, lane: int, start_ns: int, end_ns: int, error: str) -> None:
        """A task failed with this message; ignored if the task was already settled."""
        if not self._claim(task):
            return
        self._send_failed(task, lane, start_ns, end_ns, error)
        self._count_down()

    def _send_failed(self, task: int, lane: int, start_ns: int, end_ns: int, error: str) -> None:
        self._channel.send(
            {
                "type": "failed",
                "task": task,
                "lane": lane,
                "startedAt": to_ms(start_ns),
                "endedAt": to_ms(end_ns),
                "error": error,
            }
        )

    def _claim(self, task: int) -> bool:
        with self._lock:
            if self._settled[task]:
                return False
            self._settled[task] = 1
            return True

    def _count_down(self) -> None:
        with self._lock:
            self._remaining -= 1
            last = self._remaining == 0
        if last:
            self.done.set()
