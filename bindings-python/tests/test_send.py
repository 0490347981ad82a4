"""The optional send helpers, `peeker_core.send` and `peeker_core.paginate`,
against the local Peeker over real HTTP: its fault injection (429 with
Retry-After, 500, 503, a slow answer, a dropped connection), Peeker's
dedupe of orders, and its pagination. Delays are recorded by a `sleep`
stand-in (one test waits on the real clock)."""

from __future__ import annotations

import http.server
import threading
import time
from typing import Any, Callable, Iterator, List

import pytest

import peeker_core
from peeker_core import ApiError, Client, ConfigError, Request, paginate, send


class Sleeps:
    """Records the delays `send` waits instead of waiting."""

    def __init__(self) -> None:
        self.delays: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def bundle_id(client: Client) -> str:
    return send("create_bundle", client.create_bundle({"name": "Send", "monthly_sending_volume": 1000})).data["id"]


def test_a_request_is_sent_and_its_answer_typed_by_the_operation(client: Client) -> None:
    me = send("get_me", client.get_me())
    assert me.status == 200 and (me.request_id or "").startswith("req_") and me.next_link is None
    assert me.data["api_key"].get("environment") == "test"


def test_an_error_answer_raises_api_error_and_a_4xx_is_not_sent_again(client: Client) -> None:
    sleeps = Sleeps()
    with pytest.raises(ApiError) as info:
        send("get_bundle", client.get_bundle("bun_doesnotexist"), sleep=sleeps)
    assert (info.value.status, info.value.code) == (404, "not_found")
    assert (info.value.request_id or "").startswith("req_")
    assert sleeps.delays == []


def test_a_429_waits_its_retry_after_then_succeeds(client: Client, faults: Any, bundle_id: str) -> None:
    faults.fault("get_bundle", "rate_limit", count=2, retry_after_seconds=3)
    sleeps = Sleeps()
    assert send("get_bundle", client.get_bundle(bundle_id), sleep=sleeps).data["id"] == bundle_id
    assert len(sleeps.delays) == 2 and all(3 <= delay <= 4 for delay in sleeps.delays), sleeps.delays


def test_the_wait_is_real_by_default(client: Client, faults: Any) -> None:
    faults.fault("get_me", "rate_limit", retry_after_seconds=1)
    start = time.monotonic()
    assert send("get_me", client.get_me()).status == 200
    assert 1 <= time.monotonic() - start < 4


@pytest.mark.parametrize("fault", ["server_error", "unavailable"])
def test_5xx_backs_off_and_doubles(client: Client, faults: Any, fault: str) -> None:
    faults.fault("get_me", fault, count=2)
    sleeps = Sleeps()
    assert send("get_me", client.get_me(), sleep=sleeps).status == 200
    first, second = sleeps.delays  # 1 s then 2 s, half of each jittered
    assert 0.5 <= first <= 1 and 1 <= second <= 2, sleeps.delays


def test_retries_stop_where_the_advice_or_the_caller_says(client: Client, faults: Any) -> None:
    faults.fault("get_me", "server_error", count=20)
    for retries, expected in ((None, 4), (1, 1), (0, 0)):  # the policy stops after 5 attempts
        sleeps = Sleeps()
        with pytest.raises(ApiError) as info:
            send("get_me", client.get_me(), retries=retries, sleep=sleeps)
        assert info.value.status == 500 and len(sleeps.delays) == expected, (retries, sleeps.delays)


def test_a_slow_answer_times_out_and_is_sent_again(client: Client, faults: Any) -> None:
    faults.fault("get_me", "slow", delay_ms=5000)
    sleeps = Sleeps()
    start = time.monotonic()
    assert send("get_me", client.get_me(), timeout=1, sleep=sleeps).status == 200
    assert len(sleeps.delays) == 1 and time.monotonic() - start < 4  # not the 5 s of the slow answer
    faults.fault("get_me", "slow", delay_ms=5000)
    with pytest.raises(TimeoutError):
        send("get_me", client.get_me(), timeout=1, retries=0)


def test_a_dropped_connection_is_sent_again(client: Client, faults: Any) -> None:
    faults.fault("get_me", "drop")
    sleeps = Sleeps()
    assert send("get_me", client.get_me(), sleep=sleeps).status == 200
    assert len(sleeps.delays) == 1
    faults.fault("get_me", "drop")
    with pytest.raises(OSError):  # urllib's, as raised: no answer came
        send("get_me", client.get_me(), retries=0)


def test_an_order_is_sent_again_inside_its_dedupe_window_and_placed_once(
    faults: Any, order_request: Callable[[], Request]
) -> None:
    request = order_request()
    faults.fault("create_order", "drop")  # it may have run: only the dedupe window makes a retry safe
    sleeps = Sleeps()
    receipt = send("create_order", request, sleep=sleeps).data
    assert receipt["id"].startswith("ord_") and len(sleeps.delays) == 1
    # The same bytes again, inside the window: Peeker answers with the same order.
    assert send("create_order", request).data["id"] == receipt["id"]


def test_an_order_first_sent_outside_the_window_is_not_sent_again(
    faults: Any, order_request: Callable[[], Request]
) -> None:
    request = order_request()
    faults.fault("create_order", "server_error")
    sleeps = Sleeps()
    day_ago = int(time.time()) - peeker_core.DEDUPE_WINDOW_SECONDS
    with pytest.raises(ApiError) as info:
        send("create_order", request, first_sent_at=day_ago, sleep=sleeps)
    assert info.value.status == 500 and sleeps.delays == []


def test_a_create_that_may_have_run_is_sent_again_only_after_a_429(client: Client, faults: Any) -> None:
    body: peeker_core.BundleCreate = {"name": "Once", "monthly_sending_volume": 1000}
    faults.fault("create_bundle", "server_error")
    sleeps = Sleeps()
    with pytest.raises(ApiError):
        send("create_bundle", client.create_bundle(body), sleep=sleeps)
    assert sleeps.delays == []
    faults.fault("create_bundle", "rate_limit")
    assert send("create_bundle", client.create_bundle(body), sleep=sleeps).data["id"].startswith("bun_")
    assert len(sleeps.delays) == 1


def test_paginate_yields_every_item_of_every_page(client: Client, faults: Any) -> None:
    made = {send("create_bundle", client.create_bundle({"name": f"Page {i}", "monthly_sending_volume": 1000})).data["id"]
            for i in range(7)}
    whole = send("list_bundles", client.list_bundles(per_page=100)).data
    assert whole["links"].get("next") is None, "more bundles than one page holds"
    everything = [bundle["id"] for bundle in whole["data"]]
    faults.fault("list_bundles", "rate_limit")  # a page on the way is sent again
    sleeps = Sleeps()
    pages: Iterator[peeker_core.Bundle] = paginate(client, "list_bundles", client.list_bundles(per_page=3), sleep=sleeps)
    paged = [bundle["id"] for bundle in pages]
    assert paged == everything and made <= set(paged) and len(paged) > 3 * 2
    assert len(sleeps.delays) == 1


def test_paginate_follows_a_filtered_list(client: Client, place_order: Callable[[], peeker_core.Order]) -> None:
    placed = {place_order()["id"] for _ in range(3)}
    orders = list(paginate(client, "list_orders", client.list_orders(per_page=1)))
    assert placed <= {order["id"] for order in orders}
    assert len({order["id"] for order in orders}) == len(orders)  # each once, on its own page


def test_bad_arguments_are_config_errors_before_anything_is_sent(client: Client, faults: Any) -> None:
    faults.fault("*", "rate_limit")  # still armed at the end: nothing reached the server
    request = client.get_me()
    calls: List[Callable[[], object]] = [
        lambda: send("get_bundels", request),  # type: ignore[call-overload]
        lambda: send(None, request),  # type: ignore[call-overload]
        lambda: send("get_me", "GET /me"),  # type: ignore[call-overload]
        lambda: send("get_me", request, timeout=0),
        lambda: send("get_me", request, timeout=float("inf")),
        lambda: send("get_me", request, timeout="10"),  # type: ignore[call-overload]
        lambda: send("get_me", request, retries=-1),
        lambda: send("get_me", request, retries=True),
        lambda: send("get_me", request, sleep=None),  # type: ignore[call-overload]
        lambda: send("create_order", request, first_sent_at="yesterday"),  # type: ignore[call-overload]
        lambda: paginate(client, "get_me", request),  # type: ignore[call-overload]
        lambda: paginate(None, "list_users", client.list_users()),  # type: ignore[call-overload]
    ]
    for call in calls:
        with pytest.raises(ConfigError) as info:
            call()
        assert info.value.code == "invalid_argument"
        assert "get_bundels" not in info.value.message and "GET /me" not in info.value.message
    assert [f["remaining"] for f in faults.call("GET", "/faults")["data"]] == [1]


def test_a_redirect_is_not_followed_with_the_key(client: Client) -> None:
    # The API never redirects; urllib would send the Authorization header on.
    seen: List[str] = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("Authorization") or "")
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{server.server_port}/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        redirected = Client("pk_test_redirect", base_url=f"http://127.0.0.1:{server.server_port}/partner/v1")
        with pytest.raises(ApiError) as info:
            send("get_me", redirected.get_me(), retries=0)
        assert info.value.status == 307 and len(seen) == 1
    finally:
        server.shutdown()
        server.server_close()
