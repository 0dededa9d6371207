"""Every scenario's workload in Python, returning exactly what the lab's answer check accepts.

Each function is the Python twin of a workload in src/workers/workloads/: same input, same output,
same generated data (the deterministic generators are reimplemented bit for bit, so checksums
agree with the Node models). I/O workloads also have an asyncio version.
"""
from __future__ import annotations

import asyncio
import base64
import math
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from array import array
from collections import Counter
from typing import Any, Awaitable, Callable, Dict

from .hashing import fnv1a_bytes, fnv1a_string, hex32, mix32, seeded_random

Workload = Callable[[Dict[str, Any]], Any]
AsyncWorkload = Callable[[Dict[str, Any]], Awaitable[Any]]


class WorkloadError(Exception):
    """A task failed in a way its message explains (bad input, HTTP error, injected fault)."""


# --- io-sleep: "read a file that takes 2 seconds" ----------------------------------------------


def sleep(task: Dict[str, Any]) -> Dict[str, Any]:
    """Waits task['ms'] milliseconds (time.sleep releases the GIL), then returns its token."""
    time.sleep(task["ms"] / 1000)
    return {"token": task["token"], "ms": task["ms"]}


async def sleep_async(task: Dict[str, Any]) -> Dict[str, Any]:
    """The same wait on the event loop."""
    await asyncio.sleep(task["ms"] / 1000)
    return {"token": task["token"], "ms": task["ms"]}


# --- cpu-wordcount ------------------------------------------------------------------------------

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def frequency_digest(counts: Dict[str, int]) -> str:
    """Digest of a frequency table, independent of insertion order (count-words.ts frequencyDigest)."""
    h = 0x811C9DC5
    for key in sorted(counts):
        h = fnv1a_string(f"{key}:{counts[key]}\n", h)
    return hex32(h)


def count_words(task: Dict[str, Any]) -> Dict[str, Any]:
    """Reads one text file and counts its words: lower-case letters with inner apostrophes."""
    with open(task["path"], encoding="utf-8", errors="replace", newline="") as file:
        text = file.read()
    counts = Counter(WORD.findall(text.lower()))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    return {
        "words": sum(counts.values()),
        "distinct": len(counts),
        "top": [[word, n] for word, n in top],
        "digest": frequency_digest(counts),
    }


# --- http-requests ------------------------------------------------------------------------------

# The latency server is on 127.0.0.1: never send its requests through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _checked_response(task: Dict[str, Any], status: int, request_id: Any, body: bytes) -> Dict[str, Any]:
    if status != 200:
        raise WorkloadError(f"HTTP {status} for request {task['id']}")
    if request_id != str(task["id"]):
        raise WorkloadError(f"request {task['id']} got the answer to request {request_id or '(none)'}")
    return {"id": task["id"], "status": status, "bytes": len(body), "checksum": hex32(fnv1a_bytes(body))}


def http_get(task: Dict[str, Any]) -> Dict[str, Any]:
    """One GET with urllib (blocking: the thread waits without the GIL), its body checksummed."""
    try:
        with _opener.open(task["url"]) as response:
            body = response.read()
            return _checked_response(task, response.status, response.headers.get("x-request-id"), body)
    except urllib.error.HTTPError as error:
        with error:
            return _checked_response(task, error.code, error.headers.get("x-request-id"), error.read())


async def http_get_async(task: Dict[str, Any]) -> Dict[str, Any]:
    """The same GET over asyncio streams: HTTP/1.1 by hand, since the standard library has no async client."""
    url = urllib.parse.urlsplit(task["url"])
    reader, writer = await asyncio.open_connection(url.hostname, url.port or 80)
    try:
        target = url.path + (f"?{url.query}" if url.query else "")
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {url.netloc}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        await writer.drain()
        status_line = (await reader.readline()).decode("latin-1").split()
        if len(status_line) < 2 or not status_line[1].isdigit():
            raise WorkloadError(f"request {task['id']}: malformed status line {' '.join(status_line)!r}")
        headers: Dict[str, str] = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", ""):
            raise WorkloadError(f"request {task['id']}: chunked responses are not expected from the latency server")
        length = headers.get("content-length")
        body = await reader.readexactly(int(length)) if length is not None else await reader.read()
        return _checked_response(task, int(status_line[1]), headers.get("x-request-id"), body)
    finally:
        writer.close()


# --- cpu-sum-squares ----------------------------------------------------------------------------

SUM_SQUARES_LIMIT = 2**40


def sum_squares(task: Dict[str, Any]) -> Dict[str, str]:
    """The exact sum of i*i for i in [start, end): Python's integers never overflow."""
    start, end = task["start"], task["end"]
    if not (_is_int(start) and _is_int(end) and 0 <= start <= end <= SUM_SQUARES_LIMIT):
        raise WorkloadError(f"sum-squares range must satisfy 0 <= start <= end <= 2^40 (got {start}..{end})")
    return {"sum": str(sum(i * i for i in range(start, end)))}


# --- cpu-primes ---------------------------------------------------------------------------------


def is_prime(n: int) -> bool:
    """Trial division by 2, 3 and 6k +/- 1 up to the square root (shared/cpu-job.ts isPrime)."""
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    d = 5
    while d * d <= n:
        if n % d == 0 or n % (d + 2) == 0:
            return False
        d += 6
    return True


def count_primes(task: Dict[str, Any]) -> Dict[str, int]:
    """How many primes lie in [start, end)."""
    start, end = task["start"], task["end"]
    if not (_is_int(start) and _is_int(end) and 0 <= start <= end):
        raise WorkloadError(
            f"count-primes range must be non-negative integers with start <= end (got {start}..{end})"
        )
    return {"count": sum(1 for n in range(start, end) if is_prime(n))}


# --- image-batch --------------------------------------------------------------------------------


def js_hypot(x: float, y: float) -> float:
    """Math.hypot of two numbers as V8 computes it (scaled by the larger), not math.hypot's rounding."""
    ax, ay = abs(x), abs(y)
    largest = max(ax, ay)
    if largest == 0:
        return 0.0
    a, b = ax / largest, ay / largest
    return math.sqrt(a * a + b * b) * largest


def js_round(value: float) -> int:
    """Math.round: halves round up (Python's round() rounds them to even)."""
    whole = math.floor(value)
    return whole + 1 if value - whole >= 0.5 else whole


def _clamp_byte(value: float) -> int:
    return 0 if value < 0 else 255 if value > 255 else js_round(value)


def pixel_rgb(seed: int, size: int, x: int, y: int):
    """The colour of pixel (x, y) of the image with this seed (shared/image-pixels.ts pixelRgb)."""
    u = x / size
    v = y / size
    cx = 0.3 + 0.4 * ((seed % 7) / 7)
    cy = 0.3 + 0.4 * ((seed % 11) / 11)
    d = js_hypot(u - cx, v - cy)
    ring = 80 * (1 - d / 0.25) if d < 0.25 else 0
    grain = (mix32(seed, x, y) & 31) - 16
    r = 60 + 120 * u + ring + grain
    g = 40 + 150 * v + ring / 2 + grain
    b = 180 - 100 * u * v + grain
    return _clamp_byte(r), _clamp_byte(g), _clamp_byte(b)


def sample_positions(seed: int, size: int, count: int = 8):
    """Where the checker samples the processed image."""
    random = seeded_random(seed ^ 0x5A5A5A5A)
    positions = []
    for _ in range(count):
        x = math.floor(random() * size)
        y = math.floor(random() * size)
        positions.append((x, y))
    return positions


def process_image(task: Dict[str, Any]) -> Dict[str, Any]:
    """Generates the image, converts it to grayscale and box-blurs it (separable sums, one exact division)."""
    seed, size, radius = task["seed"], task["size"], task["radius"]
    gray = bytearray(size * size)
    for y in range(size):
        for x in range(size):
            r, g, b = pixel_rgb(seed, size, x, y)
            gray[y * size + x] = (r * 77 + g * 150 + b * 29) >> 8
    last = size - 1
    rows = [0] * (size * size)
    for y in range(size):
        row = y * size
        for x in range(size):
            total = 0
            for dx in range(-radius, radius + 1):
                total += gray[row + min(last, max(0, x + dx))]
            rows[row + x] = total
    area = (2 * radius + 1) ** 2
    half = area >> 1
    out = bytearray(size * size)
    grand_total = 0
    for y in range(size):
        for x in range(size):
            total = 0
            for dy in range(-radius, radius + 1):
                total += rows[min(last, max(0, y + dy)) * size + x]
            value = (total + half) // area
            out[y * size + x] = value
            grand_total += value
    samples = [{"x": x, "y": y, "value": out[y * size + x]} for x, y in sample_positions(seed, size)]
    return {"checksum": hex32(fnv1a_bytes(out)), "mean": grand_total / len(out), "samples": samples}


# --- matrix-inverse -----------------------------------------------------------------------------


def generate_matrix(seed: int, n: int):
    """A reproducible, well-conditioned random matrix: entries in [-1, 1) plus sqrt(n) on the diagonal."""
    random = seeded_random(seed)
    a = [random() * 2 - 1 for _ in range(n * n)]
    for i in range(n):
        a[i * n + i] += math.sqrt(n)
    return a


def float64_payload(values) -> Dict[str, str]:
    """A list of floats as the lab's wire form of a Float64Array: little-endian bytes in base64."""
    packed = array("d", values)
    if sys.byteorder != "little":
        packed.byteswap()
    return {"$float64": base64.b64encode(packed.tobytes()).decode("ascii")}


def invert_matrix(task: Dict[str, Any]) -> Dict[str, Any]:
    """Inverts the matrix of the input by Gauss-Jordan elimination with partial pivoting."""
    seed, n = task["seed"], task["n"]
    a = generate_matrix(seed, n)
    inv = [0.0] * (n * n)
    for i in range(n):
        inv[i * n + i] = 1.0
    for col in range(n):
        pivot = col
        for r in range(col + 1, n):
            if abs(a[r * n + col]) > abs(a[pivot * n + col]):
                pivot = r
        if abs(a[pivot * n + col]) < 1e-12:
            raise WorkloadError(f"matrix {seed} is singular at column {col}")
        if pivot != col:
            for m in (a, inv):
                p, c = pivot * n, col * n
                m[p : p + n], m[c : c + n] = m[c : c + n], m[p : p + n]
        co = col * n
        scale = 1 / a[co + col]
        for k in range(n):
            a[co + k] *= scale
            inv[co + k] *= scale
        for r in range(n):
            if r == col:
                continue
            f = a[r * n + col]
            if f == 0:
                continue
            ro = r * n
            for k in range(n):
                a[ro + k] -= f * a[co + k]
                inv[ro + k] -= f * inv[co + k]
    # The digest covers the bytes in this machine's order, as the Node workload's Float64Array does.
    digest = hex32(fnv1a_bytes(array("d", inv).tobytes()))
    return {"inverse": float64_payload(inv), "digest": digest}


# --- faults, for tests: how each model fails ----------------------------------------------------

_expendable = False


def mark_expendable() -> None:
    """Marks this process as a pool worker: faults that end it are allowed here."""
    global _expendable
    _expendable = True


def fault(task: Dict[str, Any]) -> None:
    """Causes a fault: throw, exit (pool worker processes only) or hang."""
    kind = task.get("kind")
    if kind == "throw":
        raise WorkloadError(task.get("message") or "task failed on purpose")
    if kind in ("exit", "oom") and not _expendable:
        raise WorkloadError(f"the {kind} fault only runs in a pool worker, never on the calling thread")
    if kind == "exit":
        os._exit(3)
    if kind == "hang":
        while True:  # a stuck task: only a timeout or the end of the process stops it
            pass
    raise WorkloadError(f"the {kind} fault has no Python version")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- the registry -------------------------------------------------------------------------------

WORKLOADS: Dict[str, Workload] = {
    "sleep": sleep,
    "count-words": count_words,
    "http-get": http_get,
    "sum-squares": sum_squares,
    "count-primes": count_primes,
    "process-image": process_image,
    "invert-matrix": invert_matrix,
    "fault": fault,
}

ASYNC_WORKLOADS: Dict[str, AsyncWorkload] = {
    "sleep": sleep_async,
    "http-get": http_get_async,
}


def run(name: str, task: Any) -> Any:
    """Runs a workload by name, blocking the calling thread."""
    workload = WORKLOADS.get(name)
    if workload is None:
        raise WorkloadError(f"workload {name} has no Python version")
    return workload(task)


async def run_async(name: str, task: Any) -> Any:
    """Runs a workload on the event loop: I/O awaits, CPU work blocks the loop as it would in any asyncio program."""
    workload = ASYNC_WORKLOADS.get(name)
    if workload is not None:
        return await workload(task)
    return run(name, task)
