"""Webhooks in real servers over 127.0.0.1: a Starlette app under uvicorn and a
Flask app under werkzeug's server, each calling construct_event on the RAW
body. Both receive the local Peeker's deliveries of a real order; a real HTTP
client (urllib) posts them the deliveries Peeker never sends: tampered,
stale, re-serialized, unsigned."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import flask
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request as StarletteRequest
from starlette.responses import JSONResponse
from starlette.routing import Route
from werkzeug.serving import make_server

import peeker_core

SECRET = "whsec_servers_test_31c9"
# The apps accept the test's own secret and the local Peeker's, as while rotating.
SECRETS = [SECRET, *filter(None, [os.environ.get("PEEKER_WEBHOOK_SECRET")])]

# Peeker's example full order (the contract's Order, spec/openapi.yaml), delivered by order.completed.
FULL_ORDER: Dict[str, Any] = {
    "id": "ord_01HZX0OR1A2B3C4D5E6F7G8H",
    "user_id": "usr_01HZX0C6Z3K4M5N6P7Q8R9S0",
    "email": "client@example.com",
    "bundle_id": "bun_123",
    "status": "completed",
    "domain_count": 12,
    "costs": {
        "total_cents": 36800,
        "currency": "usd",
        "line_items": [
            {"type": "google_license", "quantity": 20, "amount_cents": 2000},
            {"type": "microsoft_license", "quantity": 2, "amount_cents": 1800},
            {"type": "domain_registration", "quantity": 10, "amount_cents": 33000},
        ],
    },
    "domains": {"registered": ["domain-01.com", "domain-02.com"], "imported": ["team-acme.com"]},
    "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": None}],
    "created_at": "2026-05-08T12:00:00Z",
}


def rejection(err: peeker_core.WebhookError) -> Dict[str, Any]:
    return {"error": {"code": err.code, "message": err.message}}


# Every verified event each app received, by app: what a partner's handler would store.
received: Dict[str, List[peeker_core.Event]] = {"starlette": [], "flask": []}
arrived = threading.Condition()


def store(app: str, event: peeker_core.Event) -> None:
    with arrived:
        received[app].append(event)
        arrived.notify_all()


# ---- The two apps: the handler a partner writes ----------------------------------------


async def starlette_webhook(request: StarletteRequest) -> JSONResponse:
    body = await request.body()  # the raw bytes, exactly as received
    try:
        event = peeker_core.construct_event(body, request.headers, SECRETS)
    except peeker_core.WebhookError as err:
        return JSONResponse(rejection(err), status_code=400)
    store("starlette", event)
    return JSONResponse({"id": event["id"], "type": event["type"]})


async def starlette_webhook_reserialized(request: StarletteRequest) -> JSONResponse:
    # The mistake the SDK must explain: verifying a body the framework parsed and wrote again.
    body = json.dumps(await request.json())
    try:
        event = peeker_core.construct_event(body, request.headers, SECRETS)
    except peeker_core.WebhookError as err:
        return JSONResponse(rejection(err), status_code=400)
    return JSONResponse({"id": event["id"]})


starlette_app = Starlette(
    routes=[
        Route("/webhooks/peeker", starlette_webhook, methods=["POST"]),
        Route("/webhooks/peeker-reserialized", starlette_webhook_reserialized, methods=["POST"]),
    ]
)

flask_app = flask.Flask(__name__)


@flask_app.post("/webhooks/peeker")
def flask_webhook() -> Tuple[Dict[str, Any], int]:
    body = flask.request.get_data()  # the raw bytes, exactly as received
    try:
        event = peeker_core.construct_event(body, flask.request.headers, SECRETS)
    except peeker_core.WebhookError as err:
        return rejection(err), 400
    store("flask", event)
    return {"id": event["id"], "type": event["type"]}, 200


@flask_app.post("/webhooks/peeker-reserialized")
def flask_webhook_reserialized() -> Tuple[Dict[str, Any], int]:
    body = json.dumps(flask.request.get_json())
    try:
        event = peeker_core.construct_event(body, flask.request.headers, SECRETS)
    except peeker_core.WebhookError as err:
        return rejection(err), 400
    return {"id": event["id"]}, 200


# ---- Servers on 127.0.0.1, one per module ----------------------------------------------


def wait_for(ready: Any, what: str) -> None:
    deadline = time.monotonic() + 10
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.01)


@pytest.fixture(scope="module")
def starlette_server() -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(starlette_app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for(lambda: server.started, "uvicorn")
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def flask_server() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture(params=["starlette", "flask"])
def server(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_server")
    return url


# ---- Peeker's side: a signed delivery, posted with urllib --------------------------------


def delivery(timestamp: Optional[int] = None, event_id: str = "evt_01J9") -> Tuple[bytes, Dict[str, str]]:
    event = {"id": event_id, "type": "order.completed", "created_at": "2026-05-08T12:00:00Z", "data": FULL_ORDER}
    body = json.dumps(event, indent=2).encode("utf-8")  # Peeker's bytes, whitespace and all
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": "application/json",
        "Peeker-Event-Id": event_id,
        "Peeker-Timestamp": str(timestamp),
        "Peeker-Signature": peeker_core.sign_webhook(SECRET, timestamp, body),
    }
    return body, headers


def post(url: str, body: bytes, headers: Dict[str, str]) -> Tuple[int, Any]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


@pytest.fixture
def endpoints(local: Any, starlette_server: str, flask_server: str) -> Iterator[None]:
    """Both apps registered as the local Peeker's webhook endpoints, for one test."""
    for url in (starlette_server, flask_server):
        local.call("POST", "/webhook-endpoints", {"url": f"{url}/webhooks/peeker"})
    yield
    local.call("DELETE", "/webhook-endpoints")


def test_a_real_orders_deliveries_are_verified_and_order_completed_carries_the_full_order(
    endpoints: None, client: peeker_core.Client, place_order: Callable[[], peeker_core.Order]
) -> None:
    receipt = place_order()

    def of_the_order(app: str) -> List[peeker_core.Event]:
        return [e for e in received[app] if e["type"].startswith("order.") and e["data"]["id"] == receipt["id"]]

    with arrived:
        done = lambda: all(any(e["type"] == "order.completed" for e in of_the_order(app)) for app in received)
        assert arrived.wait_for(done, timeout=30), {app: [e["type"] for e in received[app]] for app in received}
    order = peeker_core.send("get_order", client.get_order(receipt["id"])).data
    assert order["status"] == "completed" and len(order.get("domains", {}).get("registered", [])) == 3
    for app in received:
        events = of_the_order(app)
        assert [e["type"] for e in events] == ["order.in_progress", "order.completed"], app
        assert events[-1]["data"] == order  # the full order, exactly as GET /orders/{id} returns it
        connected = {e["data"]["domain"] for e in received[app] if e["type"] == "domain.connected"}
        assert set(order["domains"]["registered"]) <= connected, app
    # The same events, by id, reached both endpoints.
    assert [e["id"] for e in of_the_order("starlette")] == [e["id"] for e in of_the_order("flask")]


def test_a_tampered_body_is_refused(server: str) -> None:
    body, headers = delivery()
    tampered = body.replace(b'"total_cents": 36800', b'"total_cents": 100')
    assert tampered != body
    status, answer = post(f"{server}/webhooks/peeker", tampered, headers)
    assert status == 400 and answer["error"]["code"] == "signature_mismatch"
    assert "raw request body" in answer["error"]["message"]


def test_a_stale_timestamp_is_refused(server: str) -> None:
    body, headers = delivery(timestamp=int(time.time()) - 3600)
    status, answer = post(f"{server}/webhooks/peeker", body, headers)
    assert status == 400 and answer["error"]["code"] == "timestamp_too_old"
    future_body, future_headers = delivery(timestamp=int(time.time()) + 3600)
    status, answer = post(f"{server}/webhooks/peeker", future_body, future_headers)
    assert status == 400 and answer["error"]["code"] == "timestamp_in_future"


def test_a_reserialized_body_is_refused_with_a_hint(server: str) -> None:
    body, headers = delivery()
    # Same JSON content, other bytes: what a proxy or a framework that parsed it sends on.
    reserialized = json.dumps(json.loads(body)).encode("utf-8")
    assert json.loads(reserialized) == json.loads(body) and reserialized != body
    status, answer = post(f"{server}/webhooks/peeker", reserialized, headers)
    assert status == 400 and answer["error"]["code"] == "signature_mismatch"
    assert "pass the raw request body exactly as received" in answer["error"]["message"]
    # A handler that verifies the parsed-and-rewritten body gets the same explanation.
    status, answer = post(f"{server}/webhooks/peeker-reserialized", body, headers)
    assert status == 400 and answer["error"]["code"] == "signature_mismatch"
    assert "pass the raw request body exactly as received" in answer["error"]["message"]


def test_a_delivery_without_signature_headers_is_refused(server: str) -> None:
    body, headers = delivery()
    del headers["Peeker-Signature"]
    status, answer = post(f"{server}/webhooks/peeker", body, headers)
    assert status == 400 and answer["error"]["code"] == "missing_header"
