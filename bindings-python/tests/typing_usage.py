"""A usage file for `mypy --strict --warn-unused-ignores` (tests/test_typing.py
checks it against the installed package, then runs it): every public
function, every Client method and every result attribute, used the way an
application would. Responses and events are typed by operation and event
type: `event["type"] == "order.completed"` narrows `event["data"]` to
`Order`, and a misspelt type is an error (the ignore below must be used)."""

from __future__ import annotations

import random
from typing import Dict, Iterator, List, Optional, Tuple

import peeker_core
from peeker_core import (
    JSON,
    ApiError,
    AvailabilityRow,
    Bundle,
    Client,
    ConfigError,
    DedupeWindow,
    Event,
    InternalError,
    Order,
    OrderCreate,
    JsonError,
    PeekerError,
    Plan,
    Report,
    Request,
    RequiredDomains,
    Response,
    UserPage,
    RetryAdvice,
    ValidationError,
    Verified,
    Violation,
    WebhookError,
)

SECRET = "whsec_typing"
NOW = 1_767_225_600

order: OrderCreate = {
    "user": "client@example.com",
    "bundle_id": "bun_123",
    "sequencer": {
        "provider": "smartlead",
        "client_id": 366903,
        "login_email": "login@example.com",
        "login_password": "s3cret",
    },
    "domains": ["acme-mail.com", "acme-team.com"],
    "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": None}],
}
bundle: Bundle = {"id": "bun_123", "required_domains": {"google": 1, "microsoft": 1, "total": 2}}
rows: List[AvailabilityRow] = [
    {"domain": "acme-mail.com", "available": True, "usable_for": ["google", "microsoft"], "premium": False},
    {"domain": "acme-team.com", "available": True, "usable_for": ["google"], "premium": False},
]


def show(violation: Violation) -> str:
    return f"{violation.severity} {violation.code} at {violation.path!r}: {violation.message}"


def check_reports() -> List[Report]:
    report: Report = peeker_core.validate_order(order, bundle=bundle, availability=rows)
    assert report.valid, [show(v) for v in report.errors]
    warnings: Tuple[Violation, ...] = report.warnings
    assert report.to_dict()["valid"] is True and not warnings
    return [
        report,
        peeker_core.validate_bundle({"name": "Starter", "monthly_sending_volume": 25000}),
        peeker_core.validate_bundle_patch({"google_percent": None, "microsoft_percent": None}),
        peeker_core.validate_user({"email": "jane@example.com"}),
        peeker_core.validate_user_patch({"first_name": "Janet"}),
        peeker_core.validate_availability_lookup({"domains": ["acme.com"]}),
        peeker_core.validate_import({"domains": ["acme.com"]}),
        peeker_core.validate_import_job({"domains": ["acme.com"]}),
        peeker_core.validate_sizing({"monthly_sending_volume": 25000}),
        peeker_core.validate_forwarding({"domains": ["dom_1"], "forwarding_url": "https://acme.com"}),
        peeker_core.validate_swap({"type": "standard", "domain_id": "dom_1", "replacement_domain": "b.com"}),
        peeker_core.validate_user_name_swap(
            {"domain_id": "dom_1", "personas": [{"first_name": "A", "last_name": "B", "profile_picture_url": None}]}
        ),
        peeker_core.validate_cancellation(None),
    ]


def plan() -> Tuple[RequiredDomains, Plan]:
    required: RequiredDomains = peeker_core.estimate_required_domains({"monthly_sending_volume": 25000})
    total: int = required["total"]
    assert total == required["google"] + required["microsoft"]
    chosen: Plan = peeker_core.plan_domains(bundle["required_domains"], ["acme-mail.com", "acme-team.com"], rows)
    also: Plan = peeker_core.plan_domains({"google": 1, "microsoft": 1, "total": 2}, ["a.com"], {"domains": rows})
    prepared: peeker_core.PreparedAvailability = peeker_core.prepare_availability(rows)
    again: Report = peeker_core.validate_order(order, bundle=bundle, availability=prepared)
    names: int = len(prepared)
    assert names > 0 and again == peeker_core.validate_order(order, bundle=bundle, availability=rows)
    microsoft: Tuple[str, ...] = chosen.microsoft
    assert microsoft == ("acme-mail.com",) and chosen.google == ("acme-team.com",)
    assert chosen.missing["total"] == 0 and not chosen.unusable and also.missing["total"] > 0
    reasons: List[str] = [u.reason for u in also.unusable]
    assert reasons == ["unknown"]
    return required, chosen


def requests(client: Client) -> List[Request]:
    env: peeker_core.Environment = client.environment
    assert env == "test" and client.base_url == peeker_core.DEFAULT_BASE_URL and "python/" in client.user_agent
    made: List[Request] = [
        client.get_me(),
        client.create_user({"email": "jane@example.com"}),
        client.list_users(status="active", per_page=50),
        client.list_users({"email": "jane@example.com"}),
        client.get_user("usr_1"),
        client.update_user("usr_1", {"first_name": "Janet"}),
        client.delete_user("usr_1"),
        client.create_bundle({"name": "Starter", "monthly_sending_volume": 25000}),
        client.list_bundles(status="archived"),
        client.get_bundle("bun_123"),
        client.update_bundle("bun_123", {"google_percent": 70, "microsoft_percent": 30}),
        client.delete_bundle("bun_123"),
        client.list_domains(category="inventory"),
        *client.check_availability(["acme-mail.com", "acme-team.com"]),
        *client.import_domains(["team-acme.com"]),
        *client.import_domains_job(["team-acme.com"]),
        client.get_import("imp_1"),
        client.get_import_job("imp_1"),
        client.find_imports(["team-acme.com"]),
        *client.update_forwarding(["dom_1", "acme.com"], "https://acme.com/welcome"),
        client.get_forwarding_job("fwj_1"),
        client.create_order(order, bundle=bundle, availability=rows),
        client.list_orders(status="in_progress", user_email="client@example.com"),
        client.get_order("ord_1"),
        client.list_pending_actions(status="open"),
        client.cancel_order("ord_1"),
        client.cancel_order("ord_1", {"domains": ["dom_1"]}),
        client.create_swap({"type": "standard", "domain_id": "dom_1", "replacement_domain": "b.com"}),
        client.list_swaps(order_id="ord_1"),
        client.get_swap("swp_1"),
        client.swap_user_names(
            {"domain_id": "dom_1", "personas": [{"first_name": "A", "last_name": "B", "profile_picture_url": None}]}
        ),
        client.next_page("/partner/v1/users?page_token=abc"),
    ]
    for request in made:
        method: peeker_core.Method = request.method
        headers: Dict[str, str] = request.headers
        body: Optional[bytes] = request.body
        assert method in ("GET", "POST", "PATCH", "DELETE") and request.url.startswith("https://")
        assert headers["Authorization"].startswith("Bearer ") and (body is None or body.startswith(b"{"))
        assert request.to_dict()["url"] == request.url
    return made


def order_bytes(client: Client) -> Tuple[bytes, str, DedupeWindow]:
    body: bytes = peeker_core.order_body(order)
    assert client.create_order(order).body == body
    key: str = peeker_core.dedupe_key(body)
    window: DedupeWindow = peeker_core.dedupe_window(NOW, now=NOW + 60)
    inside: bool = window.inside
    assert inside and window.expires_at == NOW + peeker_core.DEDUPE_WINDOW_SECONDS and window.remaining_seconds > 0
    assert peeker_core.dedupe_window(NOW).inside is False
    return body, key, window


def responses() -> Tuple[Response[Bundle], RetryAdvice]:
    body = b'{"data": {"id": "bun_123", "name": "Starter", "required_domains": {"google": 1, "microsoft": 1, "total": 2}}}'
    response = peeker_core.parse_response("get_bundle", 200, {"Peeker-Request-Id": "req_1"}, body)
    got: Bundle = response.data  # typed by the operation: no narrowing needed
    assert got["id"] == "bun_123" and response.request_id == "req_1" and response.next_link is None
    assert got["required_domains"]["total"] == 2 and got.get("status") is None
    page_body = b'{"data": [{"id": "usr_1"}], "links": {"next": "/partner/v1/users?page_token=p2"}, "meta": {}}'
    page: Response[UserPage] = peeker_core.parse_response("list_users", 200, [], page_body)
    emails: List[Optional[str]] = [user.get("email") for user in page.data["data"]]
    assert emails == [None] and page.next_link is not None
    deleted = peeker_core.parse_response("delete_user", 204, [], b"").data
    assert deleted is None
    operation: peeker_core.Operation = "get_me"
    anything: Response[peeker_core.ResponseData] = peeker_core.parse_response(operation, 200, [], b'{"data": {"api_key": {}, "partner": {}}}')
    assert isinstance(anything.data, dict)
    advice: RetryAdvice = peeker_core.retry_advice("get_bundle", "network")
    assert advice.retry and advice.delay_seconds == advice.delay_ms / 1000 and advice.reason == "network_error"
    try:
        peeker_core.parse_response("create_order", 429, [("Retry-After", "3")], '{"error": {"code": "rate_limited"}}')
    except ApiError as err:
        status: int = err.status
        retry_after: Optional[int] = err.retry_after_seconds
        field: Optional[str] = err.field
        details: JSON = err.details
        request_id: Optional[str] = err.request_id
        assert (status, retry_after, field, details, request_id) == (429, 3, None, None, None)
        later = peeker_core.retry_advice("create_order", err, 1, 0.5, dedupe={"first_sent_at": NOW, "now": NOW + 5})
        assert later.retry and later.to_dict()["delay_ms"] == 3500
        assert not peeker_core.retry_advice("create_order", {"status": 503}, jitter=0.0).retry
    return response, advice


def sending(client: Client) -> Iterator[peeker_core.User]:
    """The send helpers' types; a bad timeout is refused before anything is sent."""
    try:
        got: Response[Bundle] = peeker_core.send("get_bundle", client.get_bundle("bun_1"), timeout=0)
        assert got.data["id"]
    except ConfigError as err:
        assert err.code == "invalid_argument"
    users: Iterator[peeker_core.User] = peeker_core.paginate(client, "list_users", client.list_users(per_page=100), retries=0)
    operation: peeker_core.ListOperation = "list_orders"  # any list: its items are one of the item types
    items: Iterator[object] = peeker_core.paginate(client, operation, client.list_orders())
    assert iter(items) is items
    assert peeker_core.DEFAULT_TIMEOUT_SECONDS == 30
    return users  # not iterated: nothing is sent


def describe(event: Event) -> str:
    """What a webhook handler does: branch on the type, use the typed data."""
    if event["type"] == "order.completed":
        completed: Order = event["data"]  # narrowed by the type
        return f"order {completed['id']} completed"
    if event["type"] == "order.complete":  # type: ignore[comparison-overlap]
        return "a misspelt type never matches, and mypy says so"
    if event["type"] == "unknown":
        return f"unknown {event['unknown_type']}"
    return f"{event['type']} {event['id']}"


def webhooks() -> Tuple[Verified, Event, Event]:
    body = b'{"id":"evt_1","type":"order.completed","data":{"id":"ord_1","status":"completed"}}'
    headers = {"Peeker-Timestamp": str(NOW), "Peeker-Signature": peeker_core.sign_webhook(SECRET, NOW, body)}
    verified: Verified = peeker_core.verify_webhook(body, headers, SECRET, now=NOW + 10)
    assert verified.to_dict() == {"timestamp": NOW}
    event: Event = peeker_core.construct_event(body, headers, [SECRET, "whsec_old"], now=NOW + 10, tolerance=60)
    assert describe(event) == "order ord_1 completed" and "created_at" not in event and "extra" not in event
    parsed: Event = peeker_core.parse_event(body.decode("utf-8"))
    assert parsed == event
    unknown = peeker_core.parse_event(b'{"id":"evt_2","type":"invoice.paid","data":{}}')
    assert describe(unknown) == "unknown invoice.paid"
    try:
        peeker_core.verify_webhook(body + b" ", headers, SECRET, now=NOW)
    except WebhookError as err:
        assert err.code == "signature_mismatch" and "raw" in err.message
    return verified, event, parsed


def errors(client: Client) -> List[PeekerError]:
    caught: List[PeekerError] = []
    try:
        client.create_order({**order, "user": "nobody"})
    except ValidationError as err:
        assert err.report is not None and not err.report.valid
        caught.append(err)
    try:
        peeker_core.canonicalize('{"a": 1,\n "b" 2}')
    except JsonError as err:
        line: Optional[int] = err.line
        assert (line, err.column) == (2, 6)
        caught.append(err)
    try:
        Client("sk_live_nope")
    except ConfigError as err:
        assert err.code == "invalid_api_key"
        caught.append(err)
    assert issubclass(InternalError, PeekerError)
    return caught


def main() -> None:
    client = Client("pk_test_51abc", user_agent=None)
    assert Client("pk_live_1", base_url="https://api.peeker.ai/api/partner/v1", user_agent="").environment == "live"
    assert peeker_core.canonicalize('{"b": 1, "a": 2}') == '{"a":2,"b":1}'
    assert len(check_reports()) == 13
    plan()
    assert len(requests(client)) == 32
    order_bytes(client)
    responses()
    webhooks()
    sending(client)
    assert len(errors(client)) == 3
    version: str = peeker_core.VERSION
    assert version == peeker_core.__version__ and peeker_core.DEFAULT_TOLERANCE_SECONDS == 300
    print("typing usage: ok")


if __name__ == "__main__":
    main()
