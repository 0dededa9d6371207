"""The Python models: the same tasks run by a plain loop, asyncio, a thread pool and a process pool.

Each model is the textbook code for its idea plus the bookkeeping the lab needs (task events with
lanes and timestamps, per-lane CPU time). Lanes are what the lab draws: the main thread, asyncio's
slots, the pool's threads, the pool's processes.
"""
from __future__ import annotations

import asyncio
import heapq
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional, Sequence

from . import workloads
from .gil_costs import LaneClock
from .process_pool import ProcessPool
from .reporting import TaskReporter, describe

Tasks = Sequence[Dict[str, Any]]


class Model:
    """A model as the harness drives it: started once, then runs task lists."""

    placement = ""
    workers: Optional[int] = None
    cpu_source = "time.thread_time"

    def lanes(self) -> List[Dict[str, Any]]:
        """Lanes known before the run (pools); others appear as tasks start."""
        return []

    def run(self, tasks: Tasks, reporter: TaskReporter, lane_clock: LaneClock, timeout_ms: Optional[float]) -> None:
        """Runs every task, reporting each; returns once all have settled."""
        raise NotImplementedError

    def usage(self) -> Dict[str, float]:
        """CPU time and memory of processes this model started (not the harness's own)."""
        return {"cpuMs": 0.0, "rssBytes": 0}

    def close(self) -> None:
        """Stops whatever the model started."""

    def kill(self) -> None:
        """Stops it at once, from another thread (the lab is gone)."""


def _run_one(spec: Dict[str, Any]):
    try:
        return workloads.run(spec["workload"], spec["input"]), None
    except Exception as error:
        return None, describe(error)


class Sequential(Model):
    """py-sequential: a plain for loop on the main thread."""

    placement = "main thread"
    workers = 1

    def run(self, tasks, reporter, lane_clock, timeout_ms):
        reporter.lane(0, "main thread")
        reporter.queued_all(len(tasks))
        for task, spec in enumerate(tasks):
            start = time.perf_counter_ns()
            cpu0 = time.thread_time_ns()
            reporter.started(task, 0, start)
            output, error = _run_one(spec)
            end = time.perf_counter_ns()
            lane_clock.add(0, "main thread", end - start, time.thread_time_ns() - cpu0)
            if error is None:
                reporter.finished(task, 0, start, end, output)
            else:
                reporter.failed(task, 0, start, end, error)


class _Unlimited:
    """Stands in for the semaphore when concurrency is unlimited."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: Any) -> None:
        return None


class AsyncioGather(Model):
    """py-asyncio: asyncio.gather over every task, at most `limit` in flight (a semaphore), on one thread."""

    def __init__(self, limit: Optional[int]) -> None:
        self.limit = limit
        self.workers = limit
        self.placement = "event loop, unlimited concurrency" if limit is None else f"event loop, {limit} at a time"

    def run(self, tasks, reporter, lane_clock, timeout_ms):
        cpu0 = time.thread_time_ns()
        start = time.perf_counter_ns()
        asyncio.run(self._gather(tasks, reporter))
        # One thread runs every task, interleaved: its CPU time is measured for the run as a whole.
        lane_clock.add(-1, "event loop thread", time.perf_counter_ns() - start, time.thread_time_ns() - cpu0, len(tasks))

    async def _gather(self, tasks: Tasks, reporter: TaskReporter) -> None:
        limit = asyncio.Semaphore(self.limit) if self.limit is not None else _Unlimited()
        free_slots: List[int] = []
        slot_count = 0

        def take_slot() -> int:
            nonlocal slot_count
            if free_slots:
                return heapq.heappop(free_slots)  # lowest free slot first, so lanes fill from the top
            slot_count += 1
            reporter.lane(slot_count - 1, f"slot {slot_count}")
            return slot_count - 1

        async def one(task: int, spec: Dict[str, Any]) -> None:
            async with limit:
                slot = take_slot()
                start = time.perf_counter_ns()
                reporter.started(task, slot, start)
                try:
                    output = await workloads.run_async(spec["workload"], spec["input"])
                    reporter.finished(task, slot, start, time.perf_counter_ns(), output)
                except Exception as error:
                    reporter.failed(task, slot, start, time.perf_counter_ns(), describe(error))
                finally:
                    heapq.heappush(free_slots, slot)

        reporter.queued_all(len(tasks))
        await asyncio.gather(*(one(task, spec) for task, spec in enumerate(tasks)))


class ThreadPool(Model):
    """py-threads (and py-threads-nogil): concurrent.futures.ThreadPoolExecutor with `size` threads."""

    def __init__(self, size: int) -> None:
        self.workers = size
        self.placement = f"{size} thread{'s' if size != 1 else ''}"
        self._pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="lab")
        self._lane_of: Dict[int, int] = {}
        # The executor starts threads on demand: make it start all of them now, so that start-up is
        # measured as start-up and every lane is known before the first task.
        arrived = threading.Barrier(size)
        lock = threading.Lock()

        def arrive() -> None:
            with lock:
                self._lane_of[threading.get_ident()] = len(self._lane_of)
            arrived.wait(timeout=30)

        for future in [self._pool.submit(arrive) for _ in range(size)]:
            future.result()

    def lanes(self):
        return [{"index": lane, "label": f"thread {lane + 1}"} for lane in range(self.workers or 0)]

    def run(self, tasks, reporter, lane_clock, timeout_ms):
        running: Dict[int, Any] = {}

        def body(task: int, spec: Dict[str, Any]) -> None:
            lane = self._lane_of[threading.get_ident()]
            start = time.perf_counter_ns()
            cpu0 = time.thread_time_ns()
            running[task] = (lane, start)
            reporter.started(task, lane, start)
            output, error = _run_one(spec)
            end = time.perf_counter_ns()
            lane_clock.add(lane, f"thread {lane + 1}", end - start, time.thread_time_ns() - cpu0)
            running.pop(task, None)
            if error is None:
                reporter.finished(task, lane, start, end, output)
            else:
                reporter.failed(task, lane, start, end, error)

        reporter.queued_all(len(tasks))
        for task, spec in enumerate(tasks):
            self._pool.submit(body, task, spec)
        if timeout_ms is None:
            reporter.done.wait()
            return
        limit_ns = timeout_ms * 1e6
        wait_s = timeout_ms / 1000
        while not reporter.done.wait(timeout=wait_s):
            now = time.perf_counter_ns()
            wait_s = timeout_ms / 1000
            for task, (lane, start) in list(running.items()):
                if now - start < limit_ns:
                    wait_s = min(wait_s, (start + limit_ns - now) / 1e9)
                else:
                    running.pop(task, None)
                    reporter.failed(
                        task,
                        lane,
                        start,
                        now,
                        f"timed out after {timeout_ms:g} ms; Python cannot stop a thread, so thread {lane + 1}"
                        " goes on with it in the background and its answer is dropped",
                    )

    def close(self):
        self._pool.shutdown(wait=False, cancel_futures=True)


class ProcessPoolModel(Model):
    """py-processes: `size` worker processes started the platform's default way (fork, spawn or forkserver)."""

    cpu_source = "time.process_time"

    def __init__(self, size: int, start_method: Optional[str] = None) -> None:
        context = multiprocessing.get_context(start_method)
        self.start_method = context.get_start_method()
        self.workers = size
        self.placement = f"{size} process{'es' if size != 1 else ''} ({self.start_method})"
        self._pool = ProcessPool(size, context)
        try:
            self._pool.start()
        except BaseException:
            self._pool.kill()
            raise

    def lanes(self):
        return self._pool.lanes()

    def run(self, tasks, reporter, lane_clock, timeout_ms):
        reporter.queued_all(len(tasks))
        self._pool.run(tasks, reporter, lane_clock, timeout_ms)

    def usage(self):
        return self._pool.usage()

    def close(self):
        self._pool.close()

    def kill(self):
        self._pool.kill()
