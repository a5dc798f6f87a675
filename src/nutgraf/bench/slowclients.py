"""`nutgraf bench slowclients`: does the site keep answering while slow clients hold connections?

    1. prepare   a fresh site with the sample stories in a temporary folder
    2. serve     `nutgraf serve` as a person runs it (or, for comparison, another server design:
                 `python -m nutgraf.bench.slowclients gthread asgi uvicorn waitress`)
    3. attack    SLOW connections from another process, half trickling their request headers
                 and half a POST body, one byte every TRICKLE seconds, never finishing
    4. probe     meanwhile GET /healthz on a new connection every PROBE_EVERY seconds, each
                 given PROBE_TIMEOUT; a probe that times out or is not 200 is a failure and
                 counts as PROBE_TIMEOUT in the latencies
    5. report    /healthz p50, p99 and max with and without the slow clients, failures, and how
                 many slow connections the server had closed by the end

Aim (issue 14): 200 slow connections, /healthz under 1 s. Speed is measured here, never
asserted in tests (tests/web/test_slow_clients.py checks only that the server answers).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SLOW = 200
DURATION = 15.0
QUIET = 3.0  # seconds of probing before the slow clients connect
TRICKLE = 1.0
PROBE_EVERY = 0.1
PROBE_TIMEOUT = 5.0
AIM_MAX_S = 1.0
WORKERS = 4

# Other designs, for the comparison behind the choice (`python -m nutgraf.bench.slowclients`).
# `serve` is what `nutgraf serve` runs; the rest are command lines on the prepared site.
DESIGNS: dict[str, list[str]] = {
    "gthread": [
        "-m", "gunicorn", "nutgraf.web.wsgi", "--worker-class", "gthread", "--threads", "2",
        "--workers", str(WORKERS),
    ],
    "asgi": [
        "-m", "gunicorn", "nutgraf.web.asgi", "--worker-class", "asgi", "--workers", str(WORKERS),
    ],
    "uvicorn": [
        "-m", "uvicorn", "nutgraf.web.asgi:application", "--workers", str(WORKERS),
        "--log-level", "warning",
    ],
    "waitress": [
        "-m", "waitress", "--threads", "8", "--connection-limit", "1000",
        "nutgraf.web.wsgi:application",
    ],
}  # fmt: skip


# -- 3, 4. the slow clients and the probe (their own process) --------------------------------


async def _trickle(host: str, port: int, kind: str, stop_at: float) -> bool:
    """One slow client; True when the server still held the connection open at the end."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return False
    if kind == "headers":
        head = f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\nX-Slow: "
    else:
        head = (
            f"POST /api/v1/briefs HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            '{"text": "'
        )
    try:
        writer.write(head.encode())
        await writer.drain()
        while time.perf_counter() < stop_at:
            try:
                # The server closing or answering shows up as readable: it let go of us.
                await asyncio.wait_for(reader.read(1), timeout=TRICKLE)
                return False
            except TimeoutError:
                pass
            writer.write(b"a")
            await writer.drain()
        return True
    except OSError:
        return False
    finally:
        writer.close()


async def _probe_once(host: str, port: int) -> float | None:
    """Seconds for one GET /healthz on a new connection; None if it failed or timed out."""
    started = time.perf_counter()
    request = f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(request.encode())
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    try:
        answer = await asyncio.wait_for(exchange(), timeout=PROBE_TIMEOUT)
    except (OSError, TimeoutError):
        return None
    if not answer.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
        return None
    return time.perf_counter() - started


async def _probes(host: str, port: int, until: float, out: list[float | None]) -> None:
    """Probe every PROBE_EVERY s until `until`; each probe runs on its own, so one that hangs
    does not delay the next."""
    due = time.perf_counter()
    running = []
    while due < until:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        due += PROBE_EVERY
        running.append(asyncio.ensure_future(_probe_once(host, port)))
    out.extend(await asyncio.gather(*running))


async def _attack(host: str, port: int, slow: int, duration: float) -> dict[str, Any]:
    quiet: list[float | None] = []
    await _probes(host, port, time.perf_counter() + QUIET, quiet)
    stop_at = time.perf_counter() + duration
    kinds = ["headers" if n % 2 == 0 else "body" for n in range(slow)]
    clients = [asyncio.ensure_future(_trickle(host, port, k, stop_at)) for k in kinds]
    await asyncio.sleep(1.0)  # every slow client connected and sending before probing
    loaded: list[float | None] = []
    await _probes(host, port, stop_at, loaded)
    held = sum(await asyncio.gather(*clients))
    return {"quiet": quiet, "loaded": loaded, "held": held}


def _client(host: str, port: int, slow: int, duration: float, pipe: Any) -> None:
    pipe.send(asyncio.run(_attack(host, port, slow, duration)))
    pipe.close()


def _summary(prefix: str, samples: list[float | None]) -> dict[str, float]:
    failures = sum(1 for s in samples if s is None)
    values = sorted(PROBE_TIMEOUT if s is None else s for s in samples)
    count = len(values)

    def percentile(share: float) -> float:
        return values[min(count - 1, int(share * count))] * 1000 if count else float("nan")

    return {
        f"{prefix}_probes": float(count),
        f"{prefix}_failures": float(failures),
        f"{prefix}_p50_ms": percentile(0.50),
        f"{prefix}_p99_ms": percentile(0.99),
        f"{prefix}_max_ms": values[-1] * 1000 if count else float("nan"),
    }


def attack(
    *, host: str, port: int, slow: int = SLOW, duration: float = DURATION
) -> dict[str, float]:
    """Hold `slow` trickling connections on host:port for `duration` s and probe /healthz."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_client, args=(host, port, slow, duration, sender))
    process.start()
    result = receiver.recv()
    process.join()
    return {
        "slow_clients": float(slow),
        "held_to_the_end": float(result["held"]),
        **_summary("quiet", result["quiet"]),
        **_summary("loaded", result["loaded"]),
    }


# -- 1, 2. prepare and serve -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"the server on port {port} did not start") from None
            time.sleep(0.2)


@contextlib.contextmanager
def serving(design: str, data_dir: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """`nutgraf serve` (design "serve") or another design's server on the prepared site."""
    from nutgraf.web.install import local_environment

    env = {**os.environ, **local_environment(data_dir=data_dir, host="127.0.0.1")}
    if design == "serve":
        command = ["-m", "nutgraf.cli", "serve", "--data-dir", str(data_dir), "--port", str(port)]
    else:
        bind = {"waitress": ["--listen", f"127.0.0.1:{port}"], "uvicorn": ["--port", str(port)]}
        # Options first: waitress reads none after the application's name.
        command = [*DESIGNS[design][:2], *bind.get(design, ["--bind", f"127.0.0.1:{port}"])]
        command += DESIGNS[design][2:]
    server = subprocess.Popen(
        [sys.executable, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(port, server)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _prepare(data_dir: Path) -> None:
    from nutgraf.web.install import local_environment

    env = {**os.environ, **local_environment(data_dir=data_dir, host="127.0.0.1")}
    command = ["-m", "nutgraf.cli", "serve", "--prepare-only", "--data-dir", str(data_dir)]
    subprocess.run([sys.executable, *command], env=env, check=True, stdout=subprocess.DEVNULL)


# -- 5. run and report -------------------------------------------------------------------------


def run_slowclients_bench(
    *,
    progress: Callable[[int, int], None] | None = None,
    designs: tuple[str, ...] = ("serve",),
    slow: int = SLOW,
    duration: float = DURATION,
) -> dict[str, float]:
    """Figures per design, keys prefixed with the design's name (see format_slowclients_report)."""
    figures: dict[str, float] = {"cpus": float(os.cpu_count() or 0)}
    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-slow-") as scratch:
        data_dir = Path(scratch)
        _prepare(data_dir)
        for done, design in enumerate(designs, start=1):
            port = free_port()
            with serving(design, data_dir, port):
                result = attack(host="127.0.0.1", port=port, slow=slow, duration=duration)
            figures.update({f"{design}_{key}": value for key, value in result.items()})
            if progress:
                progress(done, len(designs))
    return figures


def format_slowclients_report(figures: dict[str, float]) -> str:
    designs = [key[: -len("_slow_clients")] for key in figures if key.endswith("_slow_clients")]
    lines = [
        f"slowclients: /healthz every {PROBE_EVERY:g} s, each given {PROBE_TIMEOUT:g} s, "
        f"on {int(figures['cpus'])} CPUs; slow clients send a byte every {TRICKLE:g} s "
        "(half headers, half a POST body)",
        f"  {'server':<10}{'slow':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'failed':>8}"
        f"{'held':>6}",
    ]
    for design in designs:
        for state, slow in (("quiet", 0), ("loaded", int(figures[f"{design}_slow_clients"]))):
            key = f"{design}_{state}"
            held = f"{int(figures[f'{design}_held_to_the_end']):>6}" if slow else ""
            lines.append(
                f"  {design:<10}{slow:>6}{figures[key + '_p50_ms']:>9.1f}"
                f"{figures[key + '_p99_ms']:>9.1f}{figures[key + '_max_ms']:>9.1f}"
                f"{int(figures[key + '_failures']):>8}{held}"
            )
        worst = figures[f"{design}_loaded_max_ms"] / 1000
        met = worst < AIM_MAX_S and not figures[f"{design}_loaded_failures"]
        verdict = "met" if met else "NOT met"
        lines.append(f"  aim {design}: every /healthz under {AIM_MAX_S:g} s: {verdict}")
    lines.append("  held: slow connections the server still kept open at the end")
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or ("serve",)
    print(format_slowclients_report(run_slowclients_bench(designs=chosen)))
