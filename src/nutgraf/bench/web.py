"""`nutgraf bench web`: the site under load, measured the way a reader meets it.

    1. prepare   a fresh site with the sample stories in a temporary folder (nutgraf serve
                 --prepare-only), so the figures never depend on someone's data
    2. serve     gunicorn on 127.0.0.1 (a real WSGI server, separate processes), once without
                 and once with the page cache (NUTGRAF_PAGE_CACHE)
    3. load      a client in another process keeps CONCURRENCY connections busy for DURATION
                 seconds per page (story, home, RSS feed) after a warm-up, HTTP/1.1 keep-alive:
                 the most the site serves (closed loop). Then the story page again at the aim's
                 rate, 300 requests/s spread over the same 32 connections (open loop): each
                 request's latency counts from when it was due, so a server that falls behind
                 is charged for the wait (no coordinated omission, as in wrk2).
    4. report    requests/s, p50 and p99 latency per page and mode, and the story page's weight

The server runs as `nutgraf serve` runs it: gunicorn's asgi worker, 4 workers.
Aims (issue 3): uncached story page >= 300 requests/s with p99 < 50 ms, cached >= 2,000
requests/s, on 2 cores at 32 concurrent clients. In a closed loop the latency of 32 clients is
32 / throughput (Little's law), so p99 is measured at 300 requests/s offered, the rate the aim
names. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

CONCURRENCY = 32
DURATION = 5.0
WARMUP = 1.0
PAGES = (("story", None), ("home", "/"), ("feed", "/feeds/rss.xml"))
MODES = (("uncached", 0), ("cached", 300))
PACED_RPS = 300.0  # the rate at which the story page's latency is measured
PACED_KEY = "story_uncached_paced"
WORKERS, THREADS = 4, 2  # as `nutgraf serve` runs gunicorn; THREADS for the wsgi benches (ingest)
AIMS = {
    "story_uncached_rps": 300.0,
    "story_cached_rps": 2000.0,
    f"{PACED_KEY}_p99_ms": 50.0,
}


# -- 3. the load client (runs in its own process) ---------------------------------------------


async def _one_connection(
    host: str,
    port: int,
    path: str,
    stop_at: float,
    record_from: float,
    out: list[float],
    pace: tuple[float, float] | None = None,
) -> int:
    """Send requests one after another until `stop_at`; with `pace` = (first, interval), each
    request is due at a fixed time and its latency counts from then."""
    due = pace[0] if pace else 0.0
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: nutgraf-bench\r\n\r\n"
    ).encode()
    errors = 0
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.perf_counter() < stop_at:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            if pace:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                started, due = due, due + pace[1]
            else:
                started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length, close = 0, False
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            await reader.readexactly(length)
            finished = time.perf_counter()
            if not head.startswith(b"HTTP/1.1 200") and not head.startswith(b"HTTP/1.0 200"):
                errors += 1
            elif started >= record_from:
                out.append(finished - started)
            if close:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            errors += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.001)
    if writer is not None:
        writer.close()
    return errors


async def _load(
    url_host: str, port: int, path: str, concurrency: int, duration: float, rate: float | None
) -> dict[str, Any]:
    now = time.perf_counter()
    record_from, stop_at = now + WARMUP, now + WARMUP + duration
    latencies: list[float] = []
    interval = concurrency / rate if rate else 0.0
    errors = await asyncio.gather(
        *(
            _one_connection(
                url_host,
                port,
                path,
                stop_at,
                record_from,
                latencies,
                (now + n / rate, interval) if rate else None,
            )
            for n in range(concurrency)
        )
    )
    return {"latencies": latencies, "errors": sum(errors), "duration": duration}


def _client(
    host: str,
    port: int,
    path: str,
    concurrency: int,
    duration: float,
    rate: float | None,
    pipe: Any,
) -> None:
    pipe.send(asyncio.run(_load(host, port, path, concurrency, duration, rate)))
    pipe.close()


def measure(
    *,
    host: str,
    port: int,
    path: str,
    concurrency: int,
    duration: float,
    rate: float | None = None,
) -> dict[str, float]:
    """Requests/s and latency percentiles for one URL, from a client in another process.

    Without `rate` every connection sends its next request as soon as the last one is answered;
    with it, requests are due at `rate` per second in all, and latency counts from when due.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_client, args=(host, port, path, concurrency, duration, rate, sender)
    )
    process.start()
    result = receiver.recv()
    process.join()
    latencies = sorted(result["latencies"])
    count = len(latencies)

    def percentile(share: float) -> float:
        return latencies[min(count - 1, int(share * count))] * 1000 if count else float("nan")

    return {
        "rps": count / result["duration"],
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "errors": float(result["errors"]),
    }


# -- 1, 2. prepare and serve -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(data_dir: Path) -> dict[str, str]:
    from nutgraf.web.install import local_environment

    env = {**os.environ, **local_environment(data_dir=data_dir, host="127.0.0.1")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nutgraf.cli",
            "serve",
            "--prepare-only",
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


@contextlib.contextmanager
def _gunicorn(
    env: dict[str, str], *, port: int, workers: int, threads: int, cache: int, asgi: bool = False
) -> Any:
    """gunicorn on `port`: with `asgi` as `nutgraf serve` runs it (its asgi worker; `threads`
    unused), else the wsgi app on the sync or gthread worker."""
    worker = ["asgi"] if asgi else ["gthread" if threads > 1 else "sync", "--threads", str(threads)]
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "nutgraf.web.asgi" if asgi else "nutgraf.web.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        # One thread means the sync worker (no keep-alive); threads mean gthread, which keeps
        # connections open: 2x the cached page's throughput, a little more queueing (p99).
        "--worker-class",
        *worker,
        "--keep-alive",
        "5",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env={**env, "NUTGRAF_PAGE_CACHE": str(cache)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
        return bytes(response.read())


def _story_path(port: int) -> str:
    feed = _fetch(f"http://127.0.0.1:{port}/feeds/rss.xml").decode()
    link = feed.split("<link>", 2)[2].split("</link>", 1)[0]
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


# -- 4. run and report -------------------------------------------------------------------------


def run_web_bench(
    *,
    progress: Callable[[int, int], None] | None = None,
    concurrency: int = CONCURRENCY,
    duration: float = DURATION,
    workers: int = WORKERS,
    data_dir: Path | None = None,
) -> dict[str, float]:
    """Measure the site under load; returns flat figures (see format_web_report)."""
    figures: dict[str, float] = {
        "concurrency": float(concurrency),
        "duration_s": duration,
        "workers": float(workers),
        "cpus": float(os.cpu_count() or 0),
    }
    steps, done = len(MODES) * len(PAGES) + 1, 0
    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-web-") as scratch:
        env = _prepare(data_dir or Path(scratch))
        for mode, cache in MODES:
            port = _free_port()
            with _gunicorn(env, port=port, workers=workers, threads=1, cache=cache, asgi=True):
                story = _story_path(port)
                if mode == "uncached":
                    page = _fetch(f"http://127.0.0.1:{port}{story}")
                    figures["story_page_bytes"] = float(len(page))
                    figures["story_page_gzip_bytes"] = float(len(gzip.compress(page)))
                runs: list[tuple[str, str, float | None]] = [
                    (f"{name}_{mode}", path or story, None) for name, path in PAGES
                ]
                if mode == "uncached":
                    runs.append((PACED_KEY, story, PACED_RPS))
                for prefix, path, rate in runs:
                    result = measure(
                        host="127.0.0.1",
                        port=port,
                        path=path,
                        concurrency=concurrency,
                        duration=duration,
                        rate=rate,
                    )
                    for key, value in result.items():
                        figures[f"{prefix}_{key}"] = value
                    done += 1
                    if progress:
                        progress(done, steps)
    return figures


def format_web_report(figures: dict[str, float]) -> str:
    lines = [
        f"web: gunicorn {int(figures['workers'])} asgi workers (as nutgraf serve) on "
        f"{int(figures['cpus'])} CPUs, {int(figures['concurrency'])} concurrent clients, "
        f"{figures['duration_s']:.0f} s per page",
        f"  {'page':<8}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}",
    ]

    def row(name: str, mode: str, key: str) -> str:
        rps, p50 = figures[key + "_rps"], figures[key + "_p50_ms"]
        p99, errors = figures[key + "_p99_ms"], int(figures[key + "_errors"])
        return f"  {name:<8}{mode:<10}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}"

    for mode, _ in MODES:
        for name, _ in PAGES:
            lines.append(row(name, mode, f"{name}_{mode}"))
    if PACED_KEY + "_rps" in figures:
        lines.append(
            row("story", "uncached", PACED_KEY)
            + f"   <- {PACED_RPS:.0f} req/s offered; latency from when each request was due"
        )
    lines.append(
        f"  story page: {figures['story_page_bytes'] / 1024:.1f} KB HTML "
        f"({figures['story_page_gzip_bytes'] / 1024:.1f} KB gzipped)"
    )
    for key, aim in AIMS.items():
        value = figures.get(key, float("nan"))
        ok = value <= aim if key.endswith("_ms") else value >= aim
        relation = "<=" if key.endswith("_ms") else ">="
        lines.append(f"  aim {key} {relation} {aim:g}: {value:.1f} {'met' if ok else 'NOT met'}")
    return "\n".join(lines)


if __name__ == "__main__":
    # python -m nutgraf.bench.web [workers]: another number of processes, for comparison.
    print(format_web_report(run_web_bench(workers=int(sys.argv[1]) if sys.argv[1:] else WORKERS)))
