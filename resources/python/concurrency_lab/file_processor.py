"""The classic assignment behind the "10 files x 2 s" lesson.

Handle a list of files - each takes about two seconds, because handling it means waiting (a disk, a
network share) or computing (counting its words) - one after another, then with threads, with
processes and with asyncio, and compare. FileProcessor is the abstract base: it knows how to handle
one file and leaves *how the files are scheduled* to its subclasses, each the textbook code for its
idea. The only extra is `self.log`, where each processor notes which file ran where and when, so the
lab can draw its lanes and check every answer.
"""
from __future__ import annotations

import asyncio
import os
import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed, wait
from typing import Any, Dict, List, Optional

from . import workloads
from .reporting import describe

File = Dict[str, Any]
"""One file's job, as the lab sends it: {"workload": "sleep" or "count-words", "input": {...}}."""


class FileLog:
    """Where a processor notes what happened to each file; the harness's adapter forwards it to the lab."""

    def lane(self, lane: int, label: str) -> None:
        """A thread, process or asyncio slot appeared."""

    def started(self, index: int, lane: int, at_ns: int) -> None:
        """File `index` started on `lane` at perf_counter_ns() == at_ns."""

    def ended(self, index: int, lane: int, start_ns: int, end_ns: int, cpu_ns: int, ok: bool, value: Any) -> None:
        """File `index` is done (ok: value is its result) or failed (value is the error)."""


def handle_file(file: File) -> Any:
    """Handles one file: waits for it (io-sleep) or counts its words (cpu-wordcount)."""
    return workloads.run(file["workload"], file["input"])


async def handle_file_async(file: File) -> Any:
    """The same, as a coroutine: a wait is awaited; counting words still blocks the event loop."""
    return await workloads.run_async(file["workload"], file["input"])


def _timed(file: File, cpu_clock) -> tuple:
    """Runs handle_file here, with its start, end and CPU time; never raises."""
    cpu0, start = cpu_clock(), time.perf_counter_ns()
    try:
        value, ok = handle_file(file), True
    except Exception as error:
        value, ok = describe(error), False
    return start, time.perf_counter_ns(), cpu_clock() - cpu0, ok, value


class FileProcessor(ABC):
    """Handles a list of files; subclasses decide how many at once, and where."""

    def __init__(self, workers: Optional[int], log: FileLog) -> None:
        self.workers = workers
        self.log = log

    @abstractmethod
    def process_files(self, files: List[File]) -> None:
        """Handles every file; returns once each is done or failed."""

    def close(self) -> None:
        """Stops whatever the processor started."""


class SequentialFileProcessor(FileProcessor):
    """One file after another, on this thread: the baseline."""

    def process_files(self, files: List[File]) -> None:
        self.log.lane(0, "main thread")
        for index, file in enumerate(files):
            self.log.started(index, 0, time.perf_counter_ns())
            self.log.ended(index, 0, *_timed(file, time.thread_time_ns))


class ThreadedFileProcessor(FileProcessor):
    """A ThreadPoolExecutor: a waiting thread lets go of the GIL, so waits overlap; computing takes turns."""

    def __init__(self, workers: Optional[int], log: FileLog) -> None:
        super().__init__(workers, log)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="file")
        self._lanes: Dict[int, int] = {}
        self._lock = threading.Lock()

    def process_files(self, files: List[File]) -> None:
        wait([self.pool.submit(self._handle, index, file) for index, file in enumerate(files)])

    def _handle(self, index: int, file: File) -> None:
        lane = self._my_lane()
        self.log.started(index, lane, time.perf_counter_ns())
        self.log.ended(index, lane, *_timed(file, time.thread_time_ns))

    def _my_lane(self) -> int:
        with self._lock:
            ident = threading.get_ident()
            if ident not in self._lanes:
                self._lanes[ident] = len(self._lanes)
                self.log.lane(self._lanes[ident], f"thread {self._lanes[ident] + 1}")
            return self._lanes[ident]

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


_started_queue: Any = None


def _remember_queue(queue: Any) -> None:
    """Each worker process keeps the queue it tells the parent about starting files on."""
    global _started_queue
    _started_queue = queue


def _handle_in_process(index: int, file: File) -> tuple:
    """Runs in a worker process: says it started, handles the file, returns its pid and timings."""
    start = time.perf_counter_ns()  # one clock for every process of this machine
    _started_queue.put((index, os.getpid(), start))
    return (os.getpid(), *_timed(file, time.process_time_ns))


class MultiprocessingFileProcessor(FileProcessor):
    """A ProcessPoolExecutor: each process has its own interpreter and GIL, so computing uses every core.

    A worker process that dies breaks the executor: the files it had, and those still waiting, fail.
    """

    def __init__(self, workers: Optional[int], log: FileLog, context: Any) -> None:
        super().__init__(workers, log)
        self.queue = context.SimpleQueue()
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_remember_queue, initargs=(self.queue,)
        )
        self._lanes: Dict[int, int] = {}
        # Start the workers now, so that starting them is not counted as handling files.
        wait([self.pool.submit(os.getpid) for _ in range(workers or 1)])

    def process_files(self, files: List[File]) -> None:
        notices = threading.Thread(target=self._forward_starts, name="file starts", daemon=True)
        notices.start()
        futures = {self.pool.submit(_handle_in_process, index, file): index for index, file in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                pid, start, end, cpu, ok, value = future.result()
                self.log.ended(index, self._lane_of(pid), start, end, cpu, ok, value)
            except Exception as error:  # BrokenProcessPool: a worker process died
                now = time.perf_counter_ns()
                self.log.ended(index, self._lane_of(None), now, now, 0, False, describe(error))
        self.queue.put(None)
        notices.join()

    def _forward_starts(self) -> None:
        while True:
            notice = self.queue.get()
            if notice is None:
                return
            index, pid, start = notice
            self.log.started(index, self._lane_of(pid), start)

    def _lane_of(self, pid: Optional[int]) -> int:
        key = pid if pid is not None else -1
        if key not in self._lanes:
            self._lanes[key] = len(self._lanes)
            self.log.lane(self._lanes[key], f"process pid {pid}" if pid is not None else "broken pool")
        return self._lanes[key]

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in list(getattr(self.pool, "_processes", {}).values()):
            process.kill()


class AsyncioFileProcessor(FileProcessor):
    """asyncio.gather on one thread, at most `workers` files in flight: waits overlap, computing does not."""

    def process_files(self, files: List[File]) -> None:
        asyncio.run(self._all(files))

    async def _all(self, files: List[File]) -> None:
        limit = asyncio.Semaphore(self.workers or len(files) or 1)
        free: List[int] = []
        slots = 0

        async def one(index: int, file: File) -> None:
            nonlocal slots
            async with limit:
                if free:
                    slot = free.pop(0)
                else:
                    slot, slots = slots, slots + 1
                    self.log.lane(slot, f"slot {slot + 1}")
                start = time.perf_counter_ns()
                self.log.started(index, slot, start)
                try:
                    value, ok = await handle_file_async(file), True
                except Exception as error:
                    value, ok = describe(error), False
                self.log.ended(index, slot, start, time.perf_counter_ns(), 0, ok, value)
                free.append(slot)
                free.sort()

        await asyncio.gather(*(one(index, file) for index, file in enumerate(files)))
