"""Python threads: the package releases the GIL around core work on inputs of
4 KiB and more (bindings-python/src/lib.rs, DETACH_BYTES). Run by
scripts/bench.sh (not a test); prints Markdown lines for the report.

1. Latency of a small verify_webhook (1 KiB body) asked for every 2 ms, from
   when it is due (so the wait for the GIL counts), alone and while another
   thread canonicalizes a 9 MB text over and over.
2. Throughput at 1, 2 and 4 threads of a small call (verify_webhook, 1 KiB: under
   the threshold, it keeps the GIL) and a large one (canonicalize, 100 KiB).

    python benchmarks/python_threads.py [seconds per measurement]"""

import statistics
import sys
import threading
import time
from typing import Callable, List

import peeker_core

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
PERIOD = 0.002
SECRET, NOW = "whsec_threads", 1_767_225_600
SMALL = ('{"id":"evt_1","type":"order.completed","data":{"note":"' + "x" * 966 + '"}}').encode()
assert len(SMALL) == 1024
HEADERS = {"Peeker-Timestamp": str(NOW), "Peeker-Signature": peeker_core.sign_webhook(SECRET, NOW, SMALL)}
HUGE = "[" + ",".join(f"{i}.5" for i in range(1_000_000)) + "]"  # 8.9 MB
LARGE = HUGE[: HUGE.index(",", 100 * 1024)] + "]"  # 100 KiB


def small() -> None:
    peeker_core.verify_webhook(SMALL, HEADERS, SECRET, now=NOW)


def large() -> None:
    peeker_core.canonicalize(LARGE)


def latencies_us(seconds: float) -> List[float]:
    found, end = [], time.perf_counter() + seconds
    while time.perf_counter() < end:
        due = time.perf_counter() + PERIOD
        time.sleep(PERIOD)  # releases the GIL; taking it back may wait for the other thread
        small()
        found.append((time.perf_counter() - due) * 1e6)
    return found


def describe(values: List[float]) -> str:
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"median {statistics.median(values):,.0f} µs, p99 {p99:,.0f} µs, max {values[-1]:,.0f} µs ({len(values):,} calls)"


def throughput(fn: Callable[[], None], threads: int, seconds: float) -> float:
    counts = [0] * threads
    stop = threading.Event()

    def work(index: int) -> None:
        while not stop.is_set():
            fn()
            counts[index] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - start)


def main() -> None:
    lines = []
    start = time.perf_counter()
    peeker_core.canonicalize(HUGE)
    huge_ms = (time.perf_counter() - start) * 1000
    lines.append(f"- a small verify_webhook (1 KiB) every 2 ms, from when it is due, alone: {describe(latencies_us(SECONDS))}")
    stop = threading.Event()
    big_calls = [0]

    def background() -> None:
        while not stop.is_set():
            peeker_core.canonicalize(HUGE)
            big_calls[0] += 1

    worker = threading.Thread(target=background)
    worker.start()
    during = latencies_us(SECONDS)
    stop.set()
    worker.join()
    lines.append(
        f"- the same while another thread canonicalizes {len(HUGE) / 1e6:.1f} MB ({huge_ms:,.0f} ms a call, "
        f"{big_calls[0]} calls meanwhile): {describe(during)}"
    )
    for name, fn in (("verify_webhook 1 KiB (keeps the GIL)", small), ("canonicalize 100 KiB (releases it)", large)):
        rates = {n: throughput(fn, n, SECONDS) for n in (1, 2, 4)}
        shown = ", ".join(f"{n} thread{'s' if n > 1 else ''} {rate:,.0f}/s" for n, rate in rates.items())
        lines.append(f"- throughput, {name}: {shown} ({rates[4] / rates[1]:.2f}× at 4 threads)")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
