"""The "10 files" lesson's Python: the classic FileProcessor subclasses (file_processor.py), driven as a
harness model, so the lab gets the same task events, lanes and CPU times as from its own models."""
from __future__ import annotations

import multiprocessing
import threading
import time
from typing import Any, Dict, Optional, Set

from .file_processor import (
    AsyncioFileProcessor,
    FileLog,
    FileProcessor,
    MultiprocessingFileProcessor,
    SequentialFileProcessor,
    ThreadedFileProcessor,
)
from .gil_costs import LaneClock
from .models import Model
from .reporting import TaskReporter


class _RunLog(FileLog):
    """One run's log: forwards to the lab's reporter, a lane announced before its first use, a start before its end."""

    def __init__(self, labels: Dict[int, str], reporter: TaskReporter, lane_clock: LaneClock, cpu: bool) -> None:
        self._labels = labels
        self._reporter = reporter
        self._lane_clock = lane_clock
        self._cpu = cpu
        self._lock = threading.Lock()
        self._announced: Set[int] = set()
        self._started: Set[int] = set()

    def lane(self, lane: int, label: str) -> None:
        with self._lock:
            self._labels[lane] = label
            self._announce(lane, again=True)

    def started(self, index: int, lane: int, at_ns: int) -> None:
        with self._lock:
            # A process's notice can arrive after its result: the file has started (and ended) already.
            if index in self._started or self._reporter.is_settled(index):
                return
            self._announce(lane)
            self._started.add(index)
            self._reporter.started(index, lane, at_ns)

    def ended(self, index: int, lane: int, start_ns: int, end_ns: int, cpu_ns: int, ok: bool, value: Any) -> None:
        with self._lock:
            self._announce(lane)
            if index not in self._started:
                self._started.add(index)
                self._reporter.started(index, lane, start_ns)
        if self._cpu:
            self._lane_clock.add(lane, self._labels.get(lane, f"lane {lane + 1}"), end_ns - start_ns, cpu_ns)
        if ok:
            self._reporter.finished(index, lane, start_ns, end_ns, value)
        else:
            self._reporter.failed(index, lane, start_ns, end_ns, value)

    def _announce(self, lane: int, again: bool = False) -> None:
        if lane in self._announced and not again:
            return
        self._announced.add(lane)
        self._reporter.lane(lane, self._labels.get(lane, f"lane {lane + 1}"))


class ClassicFileModel(Model):
    """A Python model running the classic FileProcessor subclass for its idea."""

    def __init__(self, model_id: str, workers: Optional[int], start_method: Optional[str] = None) -> None:
        self.workers = workers if model_id != "py-sequential" else 1
        self._labels: Dict[int, str] = {}
        self._event_loop = model_id == "py-asyncio"
        log = FileLog()
        processor: FileProcessor
        if model_id == "py-sequential":
            processor = SequentialFileProcessor(None, log)
        elif model_id == "py-asyncio":
            processor = AsyncioFileProcessor(workers, log)
        elif model_id == "py-processes":
            context = multiprocessing.get_context(start_method)
            self.start_method = context.get_start_method()
            self.cpu_source = "time.process_time"
            processor = MultiprocessingFileProcessor(workers, log, context)
        else:
            processor = ThreadedFileProcessor(workers, log)
        self.processor = processor
        self.placement = f"{type(processor).__name__}" + (f", {workers} workers" if workers else "")

    def run(self, tasks, reporter, lane_clock, timeout_ms):
        reporter.queued_all(len(tasks))
        self.processor.log = _RunLog(self._labels, reporter, lane_clock, cpu=not self._event_loop)
        cpu0, start = time.thread_time_ns(), time.perf_counter_ns()
        self.processor.process_files(list(tasks))
        if self._event_loop:
            # One thread runs every file, interleaved: its CPU time is measured for the run as a whole.
            lane_clock.add(-1, "event loop thread", time.perf_counter_ns() - start, time.thread_time_ns() - cpu0, len(tasks))

    def close(self):
        self.processor.close()

    def kill(self):
        self.processor.close()
