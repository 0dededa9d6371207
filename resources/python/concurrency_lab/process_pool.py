"""A pool of worker processes, one task per worker at a time, first come first served.

It is multiprocessing.Pool's idea on multiprocessing's own parts (Process, Pipe, connection.wait),
with the lab's failure policy: a worker that dies mid-task fails that task and is replaced, and a
task past its timeout fails and its worker is killed and replaced. The standard pools cannot do
that: multiprocessing.Pool replaces a dead worker but waits for its task forever, and
ProcessPoolExecutor marks itself broken and fails every pending task.
"""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from multiprocessing import connection
from typing import Any, Deque, Dict, List, Optional, Sequence

from . import usage, workloads
from .gil_costs import LaneClock
from .reporting import TaskReporter, describe

START_TIMEOUT_S = 60.0


def worker_main(conn: Any) -> None:
    """The loop of each worker process: receive a task, run it, send the result back; until told to stop."""
    workloads.mark_expendable()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the harness is gone: so is this worker
        if message is None:
            return
        task, name, task_input = message
        cpu0 = time.process_time_ns()
        start = time.perf_counter_ns()
        try:
            value, ok = workloads.run(name, task_input), True
        except Exception as error:
            value, ok = describe(error), False
        end = time.perf_counter_ns()
        cpu = time.process_time_ns() - cpu0
        try:
            conn.send((task, ok, value, start, end, cpu, usage.cpu_ms(), usage.rss_bytes()))
        except Exception as error:  # an output pickle cannot carry
            conn.send((task, False, f"its output cannot be sent back: {describe(error)}", start, end, cpu, 0.0, 0))


def describe_exit(code: Optional[int]) -> str:
    """How a worker process ended, in the lab's words ("exited with code 3", "was killed by SIGKILL")."""
    if code is None:
        return "stopped answering"
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


class PoolError(Exception):
    """The pool could not start or keep its workers."""


class _Worker:
    def __init__(self, lane: int, context: Any) -> None:
        self.lane = lane
        self.conn, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, args=(child_end,), name=f"lab worker {lane + 1}")
        self.process.daemon = True
        self.process.start()
        child_end.close()
        self.label = f"process pid {self.process.pid}"
        self.ready = False
        self.task: Optional[int] = None
        self.dispatched_ns = 0
        self.cpu_ms = 0.0
        self.rss = 0


class ProcessPool:
    """`size` worker processes started from `context` (a multiprocessing context: fork, spawn or forkserver)."""

    def __init__(self, size: int, context: Any) -> None:
        self.size = size
        self._context = context
        self._workers: Dict[int, _Worker] = {}
        self._retired_cpu_ms = 0.0

    def start(self) -> None:
        """Starts every worker and waits until each has said it is ready."""
        for lane in range(self.size):
            self._workers[lane] = _Worker(lane, self._context)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not all(worker.ready for worker in self._workers.values()):
            left = deadline - time.monotonic()
            if left <= 0:
                raise PoolError(f"the worker processes did not start within {START_TIMEOUT_S:.0f} s")
            for worker, event in self._wait(left):
                if event == "exit" or not self._receive_ready(worker):
                    worker.process.join(1)
                    raise PoolError(f"{worker.label} failed to start: {describe_exit(worker.process.exitcode)}")

    def lanes(self) -> List[Dict[str, Any]]:
        """The lanes, in order."""
        return [{"index": lane, "label": self._workers[lane].label} for lane in sorted(self._workers)]

    def usage(self) -> Dict[str, float]:
        """CPU time and memory of the worker processes, as they last reported them."""
        cpu = self._retired_cpu_ms + sum(worker.cpu_ms for worker in self._workers.values())
        return {"cpuMs": cpu, "rssBytes": sum(worker.rss for worker in self._workers.values())}

    def run(
        self,
        tasks: Sequence[Dict[str, Any]],
        reporter: TaskReporter,
        lane_clock: LaneClock,
        timeout_ms: Optional[float],
    ) -> None:
        """Runs every task; returns once each has finished or failed."""
        waiting: Deque[int] = deque(range(len(tasks)))

        def dispatch(worker: _Worker) -> None:
            if not worker.ready or worker.task is not None or not waiting:
                return
            task = waiting.popleft()
            worker.task = task
            worker.dispatched_ns = time.perf_counter_ns()
            reporter.started(task, worker.lane, worker.dispatched_ns)
            try:
                worker.conn.send((task, tasks[task]["workload"], tasks[task]["input"]))
            except (OSError, ValueError):
                pass  # the worker is gone; its exit fails the task below

        for worker in list(self._workers.values()):
            dispatch(worker)
        while not reporter.done.is_set():
            events = self._wait(self._next_deadline_s(timeout_ms))
            # A worker that ended in this round gets no new task, even if it sent a result first.
            ending = {id(worker) for worker, event in events if event == "exit"}
            for worker, event in events:
                if self._workers.get(worker.lane) is not worker:
                    continue  # replaced earlier in this round
                if event == "message" and self._receive(worker, reporter, lane_clock):
                    if id(worker) not in ending:
                        dispatch(worker)
                    continue
                # The worker ended (or its pipe broke): fail its task, start another in its place.
                while event == "exit" and worker.conn.poll() and self._receive(worker, reporter, lane_clock):
                    pass
                worker.process.join(1)
                if not worker.ready:
                    raise PoolError(f"{worker.label} failed to start: {describe_exit(worker.process.exitcode)}")
                self._fail_and_replace(worker, reporter, f"{worker.label} {describe_exit(worker.process.exitcode)}")
                dispatch(self._workers[worker.lane])
            if timeout_ms is not None:
                now = time.perf_counter_ns()
                for worker in list(self._workers.values()):
                    if worker.task is not None and now - worker.dispatched_ns >= timeout_ms * 1e6:
                        worker.process.kill()
                        worker.process.join(1)
                        self._fail_and_replace(
                            worker,
                            reporter,
                            f"timed out after {timeout_ms:g} ms; {worker.label} was stopped and replaced",
                        )
                        dispatch(self._workers[worker.lane])

    def close(self) -> None:
        """Asks every worker to stop, and kills those that have not within a second."""
        for worker in self._workers.values():
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 1.0
        for worker in self._workers.values():
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join(1)
        self._workers.clear()

    def kill(self) -> None:
        """Kills every worker at once (the lab is gone)."""
        for worker in list(self._workers.values()):
            try:
                worker.process.kill()
            except (OSError, ValueError, AttributeError):
                pass

    def _wait(self, timeout: Optional[float]):
        by_object: Dict[Any, Any] = {}
        for worker in self._workers.values():
            by_object[worker.conn] = (worker, "message")
            by_object[worker.process.sentinel] = (worker, "exit")
        ready = connection.wait(list(by_object), timeout)
        # Messages first: a result sent just before a worker exited still counts.
        events = [by_object[item] for item in ready]
        return sorted(events, key=lambda pair: pair[1] != "message")

    def _next_deadline_s(self, timeout_ms: Optional[float]) -> Optional[float]:
        if timeout_ms is None:
            return None
        now = time.perf_counter_ns()
        deadlines = [w.dispatched_ns + timeout_ms * 1e6 for w in self._workers.values() if w.task is not None]
        if not deadlines:
            return timeout_ms / 1000
        return max(0.0, (min(deadlines) - now) / 1e9)

    def _receive_ready(self, worker: _Worker) -> bool:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            return False
        worker.ready = message[0] == "ready"
        return worker.ready

    def _receive(self, worker: _Worker, reporter: TaskReporter, lane_clock: LaneClock) -> bool:
        """Handles one message; False when the pipe is closed (the worker ended)."""
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            return False
        if message[0] == "ready":
            worker.ready = True
            return True
        task, ok, value, start, end, cpu, cpu_ms, rss = message
        if task != worker.task:
            return True
        worker.task = None
        worker.cpu_ms = cpu_ms or worker.cpu_ms
        worker.rss = rss or worker.rss
        lane_clock.add(worker.lane, worker.label, end - start, cpu)
        if ok:
            reporter.finished(task, worker.lane, start, end, value)
        else:
            reporter.failed(task, worker.lane, start, end, value)
        return True

    def _fail_and_replace(self, worker: _Worker, reporter: TaskReporter, error: str) -> None:
        if worker.task is not None:
            reporter.failed(worker.task, worker.lane, worker.dispatched_ns, time.perf_counter_ns(), error)
        self._retired_cpu_ms += worker.cpu_ms
        worker.conn.close()
        fresh = _Worker(worker.lane, self._context)
        self._workers[worker.lane] = fresh
        reporter.lane(fresh.lane, fresh.label)
