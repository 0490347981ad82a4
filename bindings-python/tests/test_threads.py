"""Core work on a large input runs with the GIL released, so other threads
go on meanwhile. The proof is an ordering, not a timing: with the switch
interval raised out of reach, a thread that holds the GIL keeps it until it
releases it itself, so small calls in the main thread can complete before the
large call returns only if that call released the GIL."""

from __future__ import annotations

import json
import sys
import threading
from typing import Any, Callable, Iterator, List

import pytest

import peeker_core

SECRET, NOW = "whsec_threads", 1_767_225_600
SMALL = b'{"id":"evt_1","type":"order.completed","data":{}}'
HEADERS = {"Peeker-Timestamp": str(NOW), "Peeker-Signature": peeker_core.sign_webhook(SECRET, NOW, SMALL)}
# About 10 MB: [0.5, 1.5, ...] (numbers that canonicalization rewrites), and an
# event whose data holds 200,000 strings of 48 characters (an event may hold at
# most the memory budget of one input, spec/DECISIONS.md D9).
BIG_LIST = "[" + ",".join(f"{i}.5" for i in range(1_000_000)) + "]"
NAMES = "[" + ",".join(['"' + "n" * 48 + '"'] * 200_000) + "]"
BIG_EVENT = ('{"id":"evt_2","type":"order.completed","data":{"id":"ord_1","names":' + NAMES + "}}").encode()

LARGE_CALLS: dict[str, Callable[[], Any]] = {
    "canonicalize": lambda: peeker_core.canonicalize(BIG_LIST),
    "parse_event": lambda: peeker_core.parse_event(BIG_EVENT),
}


@pytest.fixture
def gil_held_until_released() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)  # no forced switch while the test runs
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.parametrize("name", sorted(LARGE_CALLS))
def test_small_calls_complete_while_a_large_call_runs_in_another_thread(
    name: str, gil_held_until_released: None
) -> None:
    started, done = threading.Event(), threading.Event()

    def large() -> None:
        started.set()
        # Three calls: on a loaded machine the main thread may not be scheduled
        # within one call's release of the GIL, but it takes the next.
        for _ in range(3):
            LARGE_CALLS[name]()
        done.set()

    worker = threading.Thread(target=large)
    worker.start()
    started.wait()
    # Each entry: whether the large call had returned when a small call completed.
    finished_first: List[bool] = []
    for _ in range(20):
        peeker_core.verify_webhook(SMALL, HEADERS, SECRET, now=NOW)
        finished_first.append(done.is_set())
    worker.join()
    assert done.is_set()
    assert finished_first == [False] * 20, f"{name} held the GIL: small calls waited for it"


def test_large_inputs_give_the_same_results_with_the_gil_released() -> None:
    assert json.loads(peeker_core.canonicalize(BIG_LIST))[:2] == [0.5, 1.5]
    assert len(peeker_core.parse_event(BIG_EVENT)["data"]["names"]) == 200_000
    # An order past the threshold (the domains alone are ~20 KB) and one under it.
    small = {"user": "client@example.com", "bundle_id": "bun_123", "domains": ["a.com", "a.com"]}
    large = {**small, "domains": [f"domain-{i:05d}.com" for i in range(1000)] + ["a.com", "a.com"]}
    codes = lambda order: [(v.code, v.path) for v in peeker_core.validate_order(order).violations]  # noqa: E731
    assert ("duplicate", "domains[1]") in codes(small) and ("duplicate", "domains[1001]") in codes(large)
