"""Fixtures for the tests that talk to the local Peeker over real HTTP:
scripts/hosts/python.sh runs pytest through scripts/with-local.sh, which
starts a fresh server and exports its coordinates (PEEKER_BASE_URL,
PEEKER_API_KEY, PEEKER_WEBHOOK_SECRET, PEEKER_LOCAL_URL)."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, List, Optional

import pytest

import peeker_core
from peeker_core import Client, Order, OrderCreate, Request


@dataclass(frozen=True)
class Local:
    base_url: str
    api_key: str = field(repr=False)  # kept out of test reports
    webhook_secret: str = field(repr=False)
    local_url: str = ""

    def call(self, method: str, path: str, body: Optional[object] = None) -> Any:
        """A call to the server's own /_local endpoints (no key): the JSON it answers."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(f"{self.local_url}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def fault(self, operation: str, fault: str, count: int = 1, **options: int) -> None:
        """Arm the next `count` calls of `operation` to answer with `fault`."""
        self.call("POST", "/faults", {"operation": operation, "fault": fault, "count": count, **options})


@pytest.fixture(scope="session")
def local() -> Local:
    names = ["PEEKER_BASE_URL", "PEEKER_API_KEY", "PEEKER_WEBHOOK_SECRET", "PEEKER_LOCAL_URL"]
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        pytest.fail(f"{', '.join(missing)} unset: run the tests through scripts/with-local.sh (scripts/hosts/python.sh does)")
    return Local(*(os.environ[name] for name in names))


@pytest.fixture
def faults(local: Local) -> Iterator[Local]:
    """The server, with every fault a test armed and did not use cleared afterwards."""
    yield local
    local.call("DELETE", "/faults")


@pytest.fixture(scope="session")
def client(local: Local) -> Client:
    return Client(local.api_key, base_url=local.base_url)


@pytest.fixture(scope="session")
def order_request(client: Client) -> Callable[[], Request]:
    """Builds the request of a real order of fresh domains (for a new bundle)."""

    def build() -> Request:
        bundle = peeker_core.send("create_bundle", client.create_bundle(
            {"name": "Tests", "monthly_sending_volume": 2000})).data
        run = secrets.token_hex(4)  # names ordered once are taken afterwards
        domains = [f"tests-{run}-{i}.com" for i in range(bundle["required_domains"]["total"])]
        rows: List[peeker_core.AvailabilityRow] = []
        for request in client.check_availability(domains):
            rows += peeker_core.send("check_availability", request).data["domains"]
        plan = peeker_core.plan_domains(bundle["required_domains"], domains, rows)
        order: OrderCreate = {
            "user": f"tests-{run}@example.com",
            "bundle_id": bundle["id"],
            "sequencer": {"provider": "smartlead", "client_id": 1,
                          "login_email": "login@example.com", "login_password": "tests-password"},
            "domains": [*plan.microsoft, *plan.google],
            "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": None}],
        }
        return client.create_order(order, bundle=bundle, availability=rows)

    return build


@pytest.fixture(scope="session")
def place_order(client: Client, order_request: Callable[[], Request]) -> Callable[[], Order]:
    """Places a real order of fresh domains; returns its receipt."""
    return lambda: peeker_core.send("create_order", order_request()).data
