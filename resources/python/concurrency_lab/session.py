"""One harness process's conversation with the lab: hello, clock pings, start one model, run task lists.

Lab -> harness (one JSON object per line):
  {"type": "ping", "id": 1}
  {"type": "start", "model": "py-threads", "workers": 6, "switchIntervalMs": 5, "taskTimeoutMs": null,
   "program": "lab"}   (program "file-processor": the classic FileProcessor subclasses, file_processor.py)
  {"type": "run", "tasks": [{"workload": "count-primes", "input": {...}}, ...]}
  {"type": "switch-interval", "ms": 2}   (at any time, even mid-run; no answer)
Harness -> lab:
  {"type": "hello", ...} once, first; {"type": "pong", "id": 1, "at": ms, "epochMs": ms};
  {"type": "ready", ...} once the model's pool is up; during a run "lane", "queued-all", "started", "finished", "failed" and
  "usage" events, then {"type": "done", ...}; {"type": "error", "message": ...} when a command fails.
Times ("at", "startedAt", "endedAt") are ms since the harness started, on perf_counter; the lab maps
them onto its own clock with the offset it measured from the pings.
"""
from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import sysconfig
import time
import traceback
from typing import Any, Dict, List, Optional

from . import usage
from .channel import Channel, CommandReader, now_ms
from .gil_costs import LaneClock, WakeProbe, idle_lateness_ms
from .classic_model import ClassicFileModel
from .models import AsyncioGather, Model, ProcessPoolModel, Sequential, ThreadPool
from .platform_setup import kill_children_with_harness, raise_open_file_limit
from .process_pool import PoolError
from .reporting import TaskReporter, describe

PROTOCOL = 1
MODEL_IDS = ("py-sequential", "py-asyncio", "py-threads", "py-threads-nogil", "py-processes")


def free_threaded() -> bool:
    """Whether this is a free-threaded build (python3.13t and later)."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def gil_enabled() -> bool:
    """Whether the GIL is on right now (an extension module can switch it back on in a free-threaded build)."""
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    return bool(is_enabled()) if is_enabled is not None else True


class CommandError(Exception):
    """A command the harness cannot carry out; its message goes back to the lab."""


class Session:
    """The state of one harness process: at most one model, started once."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.model: Optional[Model] = None
        self.timeout_ms: Optional[float] = None
        self.idle_late_ms: List[float] = []

    def hello(self) -> Dict[str, Any]:
        """The first message: who is answering."""
        return {
            "type": "hello",
            "protocol": PROTOCOL,
            "pid": os.getpid(),
            "python": {
                "version": platform.python_version(),
                "implementation": platform.python_implementation(),
                "executable": sys.executable,
                "freeThreaded": free_threaded(),
                "gilEnabled": gil_enabled(),
            },
            "cores": os.cpu_count() or 1,
            "startMethod": multiprocessing.get_start_method(),
            "at": now_ms(),
        }

    def handle(self, command: Any) -> None:
        """Carries out one command."""
        if not isinstance(command, dict) or not isinstance(command.get("type"), str):
            raise CommandError(f"not a command: {str(command)[:200]}")
        kind = command["type"]
        if kind == "ping":
            at, epoch_ns = now_ms(), time.time_ns()
            self.channel.send({"type": "pong", "id": command.get("id"), "at": at, "epochMs": epoch_ns / 1e6})
        elif kind == "start":
            self.start(command)
        elif kind == "run":
            self.run(command)
        else:
            raise CommandError(f"unknown command type {kind!r}")

    def start(self, command: Dict[str, Any]) -> None:
        """Creates the model's pool (threads and processes are started here, measured as start-up)."""
        if self.model is not None:
            raise CommandError("a model is already started in this harness")
        model_id = command.get("model")
        workers = command.get("workers")
        if model_id not in MODEL_IDS:
            raise CommandError(f"unknown model {model_id!r}; the harness runs {', '.join(MODEL_IDS)}")
        if workers is not None and not (isinstance(workers, int) and workers >= 1):
            raise CommandError(f"workers must be a positive integer or null (got {workers!r})")
        if model_id in ("py-threads", "py-processes") and workers is None:
            raise CommandError(f"{model_id} needs a pool size")
        interval = command.get("switchIntervalMs")
        if interval is not None:
            sys.setswitchinterval(float(interval) / 1000)
        timeout = command.get("taskTimeoutMs")
        self.timeout_ms = float(timeout) if timeout is not None else None
        if model_id == "py-threads-nogil":
            if not free_threaded():
                raise CommandError(
                    f"py-threads-nogil needs a free-threaded build (python3.13t or later); "
                    f"this is {platform.python_implementation()} {platform.python_version()} with the GIL"
                )
            if gil_enabled():
                raise CommandError("the GIL is enabled in this free-threaded interpreter (start it with -X gil=0)")
        self.idle_late_ms = idle_lateness_ms()
        program = command.get("program", "lab")
        if program not in ("lab", "file-processor"):
            raise CommandError(f"unknown program {program!r}; the harness runs lab or file-processor")
        if program == "file-processor":
            if self.timeout_ms is not None:
                raise CommandError("the file-processor program has no task timeout")
            self.model = ClassicFileModel(model_id, workers, self._start_method(command.get("startMethod")))
        elif model_id == "py-sequential":
            self.model = Sequential()
        elif model_id == "py-asyncio":
            self.model = AsyncioGather(workers)
        elif model_id == "py-processes":
            self.model = ProcessPoolModel(workers, self._start_method(command.get("startMethod")))
        else:
            self.model = ThreadPool(workers or 1)
        self.channel.send(
            {
                "type": "ready",
                "model": model_id,
                "placement": self.model.placement,
                "workers": self.model.workers,
                "lanes": self.model.lanes(),
                "switchIntervalMs": sys.getswitchinterval() * 1000,
                "gilEnabled": gil_enabled(),
                "usage": self.usage(),
            }
        )

    @staticmethod
    def _start_method(requested: Any) -> Optional[str]:
        # The platform's default unless the lab asks for another (tests run spawn on Linux too).
        if requested is None:
            return None
        methods = multiprocessing.get_all_start_methods()
        if requested not in methods:
            raise CommandError(f"start method {requested!r} is not available here (available: {', '.join(methods)})")
        return str(requested)

    def run(self, command: Dict[str, Any]) -> None:
        """Runs a task list on the started model, streaming task events, then sends "done" with the measurements."""
        model = self.model
        if model is None:
            raise CommandError("no model is started")
        tasks = command.get("tasks")
        if not isinstance(tasks, list) or not all(
            isinstance(t, dict) and isinstance(t.get("workload"), str) and "input" in t for t in tasks
        ):
            raise CommandError("tasks must be a list of {workload, input}")
        reporter = TaskReporter(self.channel, len(tasks))
        lane_clock = LaneClock(model.cpu_source)
        for lane in model.lanes():
            reporter.lane(lane["index"], lane["label"])
        probe = WakeProbe(self.idle_late_ms, on_tick=lambda: self.channel.send({"type": "usage", **self.usage()}))
        probe.start()
        try:
            model.run(tasks, reporter, lane_clock, self.timeout_ms)
            ended_at = now_ms()
        finally:
            probe_stats = probe.stop()
        self.channel.send(
            {
                "type": "done",
                "endedAt": ended_at,
                "usage": self.usage(),
                "stats": {
                    "switchIntervalMs": sys.getswitchinterval() * 1000,
                    "gilEnabled": gil_enabled(),
                    "cpuSource": lane_clock.cpu_source,
                    "lanes": lane_clock.summary(),
                    "probe": probe_stats,
                },
            }
        )

    def usage(self) -> Dict[str, float]:
        """CPU time and memory of the harness and every process it started."""
        children = self.model.usage() if self.model is not None else {"cpuMs": 0.0, "rssBytes": 0}
        return {"cpuMs": usage.cpu_ms() + children["cpuMs"], "rssBytes": usage.rss_bytes() + children["rssBytes"]}


def set_switch_interval_now(command: Any) -> bool:
    """Handles {"type": "switch-interval", "ms": 2} at once, even mid-run: the lab's live GIL knob.

    sys.setswitchinterval may be called from any thread; running threads use the new interval from
    their next GIL hand-over. Returns whether the command was this one.
    """
    if not (isinstance(command, dict) and command.get("type") == "switch-interval"):
        return False
    ms = command.get("ms")
    if isinstance(ms, (int, float)) and not isinstance(ms, bool) and ms > 0:
        sys.setswitchinterval(ms / 1000)
    else:
        print(f"harness: ignored a switch interval of {ms!r} ms", file=sys.stderr)
    return True


def serve() -> None:
    """Talks to the lab until it closes stdin, then stops every process the harness started."""
    channel = Channel()
    session = Session(channel)
    job = kill_children_with_harness()

    def lab_gone() -> None:
        if session.model is not None:
            session.model.kill()
        os._exit(0)

    raise_open_file_limit()
    reader = CommandReader(on_eof=lab_gone, immediate=set_switch_interval_now)
    channel.send(session.hello())
    while True:
        command = reader.next()
        if command is None:
            break
        try:
            session.handle(command)
        except (CommandError, PoolError) as error:
            channel.send({"type": "error", "message": str(error)})
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            channel.send({"type": "error", "message": describe(error)})
    del job
