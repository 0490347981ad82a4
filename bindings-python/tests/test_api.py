"""The Python API beyond the shared vectors: the client's methods against the
contract, typed results, defaults, argument conversions, errors for any bad
input (never a crash), and secrets that never show."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import json
import os
import pickle
import sys
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Dict, List, get_args

import pytest

import peeker_core
from peeker_core import (
    ApiError,
    Client,
    ConfigError,
    InternalError,
    JsonError,
    PeekerError,
    Report,
    Request,
    ValidationError,
    WebhookError,
)

KEY = "pk_test_51HqLyjWDarjtT1zdp7dc_do_not_leak"
PASSWORD = "hunter2-do-not-leak"
ORDER: Dict[str, Any] = {
    "user": "client@example.com",
    "bundle_id": "bun_123",
    "sequencer": {
        "provider": "smartlead",
        "client_id": 366903,
        "login_email": "smartlead-login@example.com",
        "login_password": PASSWORD,
    },
    "domains": ["acme-mail.com", "acme-team.com"],
    "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": ""}],
}
BUNDLE = {"id": "bun_123", "required_domains": {"google": 1, "microsoft": 1, "total": 2}}
ROWS = [
    {"domain": "acme-mail.com", "available": True, "usable_for": ["google", "microsoft"], "premium": False},
    {"domain": "acme-team.com", "available": True, "usable_for": ["google"], "premium": False},
]
VECTORS = Path(os.environ.get("PEEKER_VECTORS") or Path(__file__).parent / "../../tests/vectors").resolve()
CONTRACT = json.loads((VECTORS / "contract.json").read_text(encoding="utf-8"))
OPERATIONS: Dict[str, List[str]] = {op["name"]: op["args"] for op in CONTRACT["operations"]}


@pytest.fixture
def client() -> Client:
    return Client(KEY)


# ---- The client against the contract ------------------------------------------


def test_the_client_has_the_contracts_operations_and_next_page() -> None:
    methods = {name for name, _ in inspect.getmembers(Client, inspect.isfunction) if not name.startswith("_")}
    assert methods == set(OPERATIONS) | {"next_page"}, methods ^ set(OPERATIONS)
    assert all(getattr(Client, name).__doc__ for name in methods)


def test_operation_literal_names_every_operation() -> None:
    operations = set(get_args(peeker_core.Operation))
    assert operations == set(OPERATIONS)
    for operation in operations:  # each one parses (an unknown name is a ConfigError)
        with pytest.raises(ApiError):
            peeker_core.parse_response(operation, 500, {}, b"")
    with pytest.raises(ConfigError) as info:
        peeker_core.parse_response("get_bundels", 200, {}, b"")  # type: ignore[call-overload]
    assert info.value.code == "invalid_argument"


def test_batch_builders_return_lists_the_others_one_request(client: Client) -> None:
    names = [f"domain-{i:03}.com" for i in range(120)]
    batches = client.check_availability(names)
    assert [len(r.body or b"") > 0 for r in batches] == [True] * 3
    assert isinstance(client.import_domains(names[:3]), list)
    assert isinstance(client.import_domains_job(names[:3]), list)
    assert len(client.update_forwarding(names[:30], "https://acme.com")) == 2
    assert isinstance(client.find_imports(names[:3]), Request)


def test_user_agent_names_the_host() -> None:
    version = f"python/{sys.version_info[0]}.{sys.version_info[1]}"
    assert Client(KEY).user_agent == f"peeker-core/{peeker_core.VERSION} {version}"
    assert Client(KEY).get_me().headers["User-Agent"] == Client(KEY).user_agent
    assert peeker_core.HOST_USER_AGENT == version
    assert Client(KEY, user_agent="acme-crm/2.1").user_agent == f"peeker-core/{peeker_core.VERSION} acme-crm/2.1"
    assert Client(KEY, user_agent="").user_agent == f"peeker-core/{peeker_core.VERSION}"
    with pytest.raises(ConfigError) as info:
        Client(KEY, user_agent="x\r\nX-Injected: 1")
    assert info.value.code == "invalid_argument"


def test_environment_and_base_url() -> None:
    assert Client("pk_live_1").environment == "live"
    client = Client(KEY, base_url="https://api.peeker.ai/api/partner/v1/")
    assert client.environment == "test" and client.base_url == "https://api.peeker.ai/api/partner/v1"
    assert client.get_me().url == "https://api.peeker.ai/api/partner/v1/me"
    assert Client(KEY).base_url == peeker_core.DEFAULT_BASE_URL
    for bad in ("http://api.peeker.ai/partner/v1", "api.peeker.ai"):
        with pytest.raises(ConfigError) as info:
            Client(KEY, base_url=bad)
        assert info.value.code == "invalid_base_url"


def test_query_as_keywords_or_a_mapping(client: Client) -> None:
    expected = "https://api.peeker.ai/partner/v1/users?email=jane%40example.com&status=active&per_page=10"
    assert client.list_users(status="active", email="jane@example.com", per_page=10).url == expected
    assert client.list_users({"status": "active", "email": "jane@example.com", "per_page": 10}).url == expected
    assert client.list_users(OrderedDict(status="active"), email="jane@example.com", per_page=10).url == expected
    assert client.list_users(query={"status": "active"}, email="jane@example.com", per_page=10).url == expected
    assert client.list_users({"status": "deleted"}, status="active", email="jane@example.com", per_page=10).url == expected
    assert client.list_users(MappingProxyType({"status": None})).url.endswith("/users")
    assert client.list_users().url.endswith("/users")
    with pytest.raises(ValidationError) as info:
        client.list_orders(stauts="open")
    assert info.value.report is not None
    assert [(v.code, v.path) for v in info.value.report.violations] == [("unknown_field", "stauts")]


def test_create_order_sends_exactly_order_body(client: Client) -> None:
    request = client.create_order(ORDER, bundle=BUNDLE, availability=ROWS)
    assert request.method == "POST" and request.url.endswith("/orders")
    assert request.body == peeker_core.order_body(ORDER)
    assert request.headers["Content-Type"] == "application/json"
    # The whole availability response works as well as its rows.
    assert client.create_order(ORDER, availability={"domains": ROWS}).body == request.body
    with pytest.raises(ValidationError) as info:
        client.create_order(ORDER, bundle={**BUNDLE, "required_domains": {"google": 2, "microsoft": 1, "total": 3}})
    assert info.value.code == "invalid_request" and info.value.report is not None
    assert ("domain_count_mismatch", "domains") in [(v.code, v.path) for v in info.value.report.errors]


def test_prepared_availability_gives_the_results_of_its_rows_from_many_threads(client: Client) -> None:
    rows = [*ROWS, {"domain": "Taken.com", "available": False, "reason": "taken"}, "not a row"]
    prepared = peeker_core.prepare_availability({"domains": rows})
    assert isinstance(prepared, peeker_core.PreparedAvailability) and len(prepared) == 3
    assert repr(prepared) == "PreparedAvailability(3 names)"
    order = {**ORDER, "domains": ["acme-mail.com", "ACME-team.com", "taken.com", "other.com"]}
    want = peeker_core.validate_order(order, bundle=BUNDLE, availability=rows)
    found = [(v.code, v.path) for v in want.violations]
    assert ("domain_unavailable", "domains[2]") in found and ("availability_unknown", "domains[3]") in found
    # Immutable: one instance serves many threads at once, each getting the rows' report.
    with pytest.raises((AttributeError, TypeError)):
        setattr(prepared, "rows", [])
    with ThreadPoolExecutor(max_workers=8) as pool:
        reports = list(pool.map(lambda _: peeker_core.validate_order(order, bundle=BUNDLE, availability=prepared), range(64)))
    assert all(report == want for report in reports)
    required = {"google": 1, "microsoft": 1, "total": 2}
    assert peeker_core.plan_domains(required, order["domains"], prepared) == peeker_core.plan_domains(required, order["domains"], rows)
    assert client.create_order(ORDER, availability=prepared).body == client.create_order(ORDER, availability=rows).body
    with pytest.raises(ValidationError) as info:
        client.create_order(order, bundle=BUNDLE, availability=prepared)
    assert info.value.report is not None and info.value.report.violations == want.violations
    for bad in [5, "acme-mail.com", None, {"rows": []}, {"domains": 1}]:
        with pytest.raises(ConfigError) as refused:
            peeker_core.prepare_availability(bad)
        assert refused.value.code == "invalid_argument" and "`availability`" in str(refused.value)


# ---- Typed results ----------------------------------------------------------------


def test_results_are_frozen_dataclasses_with_to_dict(client: Client) -> None:
    body = b'{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}'
    signed = {"Peeker-Timestamp": "100", "Peeker-Signature": peeker_core.sign_webhook("whsec_x", 100, body)}
    values = [
        peeker_core.validate_order(ORDER, bundle=BUNDLE, availability=ROWS),
        peeker_core.validate_order({"user": 5}).violations[0],
        peeker_core.plan_domains({"google": 1, "microsoft": 1, "total": 2}, ["a.com", "x y"], ROWS),
        peeker_core.dedupe_window(0, now=60),
        peeker_core.verify_webhook(body, signed, "whsec_x", now=100),
        peeker_core.parse_response("delete_user", 204, {}, b""),
        peeker_core.retry_advice("get_me", "network", 1, 0.0),
        client.get_me(),
    ]
    for value in values:
        assert dataclasses.is_dataclass(value) and type(value).__module__ == "peeker_core"
        assert getattr(peeker_core, type(value).__name__) is type(value)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, dataclasses.fields(value)[0].name, None)
        assert isinstance(value.to_dict(), dict)
        assert pickle.loads(pickle.dumps(value)) == value
    plan = values[2]
    assert isinstance(plan, peeker_core.Plan)
    assert plan.to_dict()["unusable"] == [{"domain": "a.com", "reason": "unknown"}, {"domain": "x y", "reason": "invalid"}]
    assert plan.unusable[1] == peeker_core.UnusableDomain("x y", "invalid")
    assert plan.missing == {"google": 1, "microsoft": 1, "total": 2}  # a TypedDict, as bundles carry it


def test_api_objects_are_plain_dicts_with_absent_members_absent() -> None:
    """The API's objects (TypedDicts at type-check time) are the dicts the core
    wrote: what the API left out is absent, never None or an empty list."""
    event = peeker_core.parse_event(b'{"id":"evt_2","type":"order.completed","data":{"id":"ord_2","status":"in_progress"}}')
    assert event == {"id": "evt_2", "type": "order.completed", "data": {"id": "ord_2", "status": "in_progress"}}
    older = b'{"id":"evt_1","type":"order.failed","created_at":"2026-05-08T12:00:00Z","data":{"order":{"id":"ord_1"}},"v":1}'
    assert peeker_core.parse_event(older) == {
        "id": "evt_1", "type": "order.failed", "created_at": "2026-05-08T12:00:00Z", "data": {"id": "ord_1"}, "extra": {"v": 1},
    }
    unknown = peeker_core.parse_event(b'{"id":"evt_3","type":"invoice.paid","data":[1]}')
    assert unknown == {"id": "evt_3", "type": "unknown", "unknown_type": "invoice.paid", "data": [1]}
    bundle = peeker_core.parse_response("get_bundle", 200, {}, b'{"data": {"id": "bun_1", "name": null, "x": 2}}').data
    assert bundle == {"id": "bun_1", "x": 2}
    assert peeker_core.estimate_required_domains({"monthly_sending_volume": 25000}) == {
        "google": 15, "microsoft": 4, "total": 19,
    }


def test_list_responses_carry_the_next_link(client: Client) -> None:
    body = b'{"data": [{"id": "usr_1"}], "links": {"next": "/partner/v1/users?page_token=p2"}, "meta": {"per_page": 1}}'
    page = peeker_core.parse_response("list_users", 200, {}, body)
    assert page.next_link == "/partner/v1/users?page_token=p2" and page.data["data"] == [{"id": "usr_1"}]
    assert client.next_page(page.next_link).url == "https://api.peeker.ai/partner/v1/users?page_token=p2"
    last = peeker_core.parse_response("list_users", 200, {}, b'{"data": [], "links": {"next": null}}')
    assert last.next_link is None and last.data["links"] == {}
    assert peeker_core.parse_response("get_me", 200, {}, b'{"data": {"api_key": {}, "partner": {}}}').next_link is None


def test_report_errors_and_warnings() -> None:
    order = {**ORDER, "nickname": "x", "user": "nobody"}
    report = peeker_core.validate_order(order)
    assert not report.valid
    assert [(v.code, v.path) for v in report.errors] == [("invalid_email", "user")]
    assert [(v.code, v.path, v.severity) for v in report.warnings] == [("unknown_field", "nickname", "warning")]
    assert report.to_dict() == {"valid": False, "violations": [v.to_dict() for v in report.violations]}
    assert peeker_core.validate_order({**ORDER, "nickname": "x"}).valid  # warnings do not block


def test_response_and_api_error() -> None:
    headers = [("Peeker-Request-Id", "req_9"), ("Retry-After", "7")]
    body = b'{"error": {"code": "domain_count_mismatch", "message": "needs 12", "field": "domains", "details": {"required_count": 12}}}'
    with pytest.raises(ApiError) as info:
        peeker_core.parse_response("create_order", 400, dict(headers), body)
    err = info.value
    assert isinstance(err, PeekerError)
    assert (err.code, err.status, err.field, err.details, err.request_id, err.retry_after_seconds) == (
        "domain_count_mismatch", 400, "domains", {"required_count": 12}, "req_9", 7,
    )
    assert str(err) == "domain_count_mismatch (HTTP 400, field `domains`, request req_9): needs 12"
    copied = pickle.loads(pickle.dumps(err))
    assert (copied.code, copied.details, copied.request_id) == (err.code, err.details, err.request_id)
    advice = peeker_core.retry_advice("create_order", err, 1, 0.0, dedupe={"first_sent_at": int(time.time())})
    assert (advice.retry, advice.reason) == (False, "client_error")
    response = peeker_core.parse_response("list_users", 200, headers, '{"data": [], "links": {"next": null}}')
    assert response.status == 200 and response.request_id == "req_9"
    assert response.data["data"] == []


def test_retry_advice_defaults_and_api_errors_as_they_are() -> None:
    """Every host: attempt 1, a random jitter, the ApiError's status and
    retry_after_seconds, and the dedupe window's `now` from the clock."""
    with pytest.raises(ApiError) as info:
        peeker_core.parse_response("get_bundle", 429, {}, b'{"error": {"code": "rate_limited", "details": {"retry_after_seconds": 12}}}')
    advice = peeker_core.retry_advice("get_bundle", info.value)
    assert (advice.retry, advice.reason) == (True, "rate_limited") and 12_000 <= advice.delay_ms <= 13_000
    delays = {peeker_core.retry_advice("get_bundle", "network").delay_ms for _ in range(20)}
    assert len(delays) > 1 and all(500 <= d <= 1000 for d in delays)  # attempt 1: half of 1 s jittered
    assert peeker_core.retry_advice("get_bundle", "network", jitter=0.0).delay_ms == 500
    assert peeker_core.retry_advice("create_order", "network").reason == "dedupe_window_unknown"


def test_retry_advice_takes_the_clock_for_the_dedupe_window() -> None:
    now = int(time.time())
    inside = peeker_core.retry_advice("create_order", {"status": 503}, 1, 0.0, dedupe={"first_sent_at": now - 60})
    assert (inside.retry, inside.reason) == (True, "server_error")
    closed = peeker_core.retry_advice("create_order", "network", 1, 0.0, dedupe={"first_sent_at": now - 90_000})
    assert (closed.retry, closed.reason) == (False, "dedupe_window_closed")
    assert inside.delay_seconds == inside.delay_ms / 1000


def test_bodies_as_bytes_bytearray_memoryview_or_str() -> None:
    text = '{"id":"evt_1","type":"swap.completed","data":{"id":"swp_1"}}'
    signature = peeker_core.sign_webhook("whsec_x", 100, text)
    headers = {"Peeker-Timestamp": "100", "Peeker-Signature": signature}
    for body in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        assert peeker_core.sign_webhook("whsec_x", 100, body) == signature
        event = peeker_core.construct_event(body, headers, "whsec_x", now=100)
        assert event["type"] == "swap.completed" and event["data"]["id"] == "swp_1"
        assert peeker_core.parse_event(body)["id"] == "evt_1"
        assert peeker_core.dedupe_key(body) == peeker_core.dedupe_key(text)


def test_now_defaults_to_the_clock() -> None:
    now = int(time.time())
    body = b'{"id":"evt_1","type":"domain.connected","data":{"id":"dom_1"}}'
    headers = {"Peeker-Timestamp": str(now), "Peeker-Signature": peeker_core.sign_webhook("whsec_x", now, body)}
    assert peeker_core.construct_event(body, headers, "whsec_x")["type"] == "domain.connected"
    window = peeker_core.dedupe_window(now - 10)
    assert window.inside and abs(window.remaining_seconds - (86_400 - 10)) <= 5


def test_inputs_accept_mappings_tuples_and_large_numbers() -> None:
    frozen = MappingProxyType({**ORDER, "domains": tuple(ORDER["domains"])})
    assert peeker_core.order_body(frozen) == peeker_core.order_body(ORDER)
    huge = peeker_core.validate_bundle({"name": "a", "monthly_sending_volume": 10**30})
    assert not huge.valid and huge.violations[0].path == "monthly_sending_volume"


# ---- Bad input of any shape: a coded error or a report, never a crash ---------------


class Weird:
    pass


def cyclic() -> List[object]:
    loop: List[object] = []
    loop.append(loop)
    return loop


def nested(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


BAD_VALUES: List[Any] = [
    None, 42, -1, 2**100, 1.5, float("nan"), float("inf"), True, "x", "", "\ud800", b"bytes", bytearray(b"x"),
    [], {}, {1: 2}, {(1, 2): 3}, {"a": {1, 2}}, {1, 2}, frozenset(), Weird(), object, print, cyclic(), nested(500),
    {"domains": [{"domain": b"x"}]}, [[[]]], range(3), (x for x in ()),
]

CALLS: Dict[str, Callable[[Any], object]] = {
    "canonicalize": peeker_core.canonicalize,
    "sign_webhook.secret": lambda v: peeker_core.sign_webhook(v, 1, b"{}"),
    "sign_webhook.timestamp": lambda v: peeker_core.sign_webhook("whsec_x", v, b"{}"),
    "sign_webhook.body": lambda v: peeker_core.sign_webhook("whsec_x", 1, v),
    "verify_webhook.body": lambda v: peeker_core.verify_webhook(v, {}, "whsec_x", now=1),
    "verify_webhook.headers": lambda v: peeker_core.verify_webhook(b"{}", v, "whsec_x", now=1),
    "verify_webhook.secrets": lambda v: peeker_core.verify_webhook(b"{}", {}, v, now=1),
    "verify_webhook.now": lambda v: peeker_core.verify_webhook(b"{}", {}, "whsec_x", now=v),
    "verify_webhook.tolerance": lambda v: peeker_core.verify_webhook(b"{}", {}, "whsec_x", now=1, tolerance=v),
    "construct_event.body": lambda v: peeker_core.construct_event(v, {}, "whsec_x", now=1),
    "parse_event": peeker_core.parse_event,
    "validate_order": peeker_core.validate_order,
    "validate_order.bundle": lambda v: peeker_core.validate_order(ORDER, bundle=v),
    "validate_order.availability": lambda v: peeker_core.validate_order(ORDER, availability=v),
    "validate_bundle": peeker_core.validate_bundle,
    "validate_bundle_patch": peeker_core.validate_bundle_patch,
    "validate_user": peeker_core.validate_user,
    "validate_user_patch": peeker_core.validate_user_patch,
    "validate_availability_lookup": peeker_core.validate_availability_lookup,
    "validate_import": peeker_core.validate_import,
    "validate_import_job": peeker_core.validate_import_job,
    "validate_sizing": peeker_core.validate_sizing,
    "validate_forwarding": peeker_core.validate_forwarding,
    "validate_swap": peeker_core.validate_swap,
    "validate_user_name_swap": peeker_core.validate_user_name_swap,
    "validate_cancellation": peeker_core.validate_cancellation,
    "estimate_required_domains": peeker_core.estimate_required_domains,
    "plan_domains.required": lambda v: peeker_core.plan_domains(v, ["a.com"], ROWS),
    "plan_domains.domains": lambda v: peeker_core.plan_domains({"google": 1, "microsoft": 0, "total": 1}, v, ROWS),
    "plan_domains.availability": lambda v: peeker_core.plan_domains({"google": 1, "microsoft": 0, "total": 1}, [], v),
    "order_body": peeker_core.order_body,
    "dedupe_key": peeker_core.dedupe_key,
    "dedupe_window": peeker_core.dedupe_window,
    "dedupe_window.now": lambda v: peeker_core.dedupe_window(0, now=v),
    "parse_response.operation": lambda v: peeker_core.parse_response(v, 200, {}, b"{}"),
    "parse_response.status": lambda v: peeker_core.parse_response("get_me", v, {}, b"{}"),
    "parse_response.headers": lambda v: peeker_core.parse_response("get_me", 200, v, b"{}"),
    "parse_response.body": lambda v: peeker_core.parse_response("get_me", 200, {}, v),
    "retry_advice.operation": lambda v: peeker_core.retry_advice(v, "network", 1, 0.5),
    "retry_advice.failure": lambda v: peeker_core.retry_advice("get_me", v, 1, 0.5),
    "retry_advice.attempt": lambda v: peeker_core.retry_advice("get_me", "network", v, 0.5),
    "retry_advice.jitter": lambda v: peeker_core.retry_advice("get_me", "network", 1, v),
    "retry_advice.dedupe": lambda v: peeker_core.retry_advice("create_order", "network", 1, 0.5, v),
    "Client.api_key": lambda v: Client(v),
    "Client.base_url": lambda v: Client(KEY, base_url=v),
    "Client.user_agent": lambda v: Client(KEY, user_agent=v),
    **{
        f"Client.{name}": (lambda name, args: lambda v: getattr(Client(KEY), name)(*[v] * len(args)))(name, args)
        for name, args in OPERATIONS.items()
        if args
    },
    "Client.next_page": lambda v: Client(KEY).next_page(v),
    "Client.create_order.bundle": lambda v: Client(KEY).create_order(ORDER, bundle=v),
    "Client.create_order.availability": lambda v: Client(KEY).create_order(ORDER, availability=v),
    "Client.list_users.options": lambda v: Client(KEY).list_users(per_page=v),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_bad_input_gives_a_coded_error_or_a_value_never_a_crash(name: str) -> None:
    for value in BAD_VALUES:
        try:
            CALLS[name](value)
        except PeekerError as err:
            assert err.code in {"invalid_argument", "invalid_api_key", "invalid_base_url", "invalid_request"} | {
                "invalid_json", "invalid_string", "too_deep", "missing_header", "invalid_header", "invalid_payload",
                "unexpected_response", "timestamp_too_old", "timestamp_in_future", "no_supported_signature",
                "signature_mismatch",
            }, (value, err)
            assert err.message and type(err) is not PeekerError and type(err) is not InternalError
        except TypeError as err:  # only a wrong number of arguments, never a bad value
            pytest.fail(f"{name}({value!r:.40}) raised TypeError: {err}")


def test_a_missing_or_wrongly_typed_argument_is_a_config_error_naming_it() -> None:
    """Each argument of each method and function, one at a time: None where a
    str is required (a missing value), and a type it cannot take. The error
    names the argument and the type it got, never the value."""
    text_args = {"id", "forwarding_url", "links_next"}
    client = Client(KEY)
    calls: List[Any] = [(getattr(client, name), args) for name, args in OPERATIONS.items()]
    calls += [(client.next_page, ["links_next"])]
    checked = 0
    for method, contract_args in calls:
        args = [a for arg in contract_args for a in (["order", "bundle", "availability"] if arg == "context" else [arg])]
        args = [a for a in args if a != "order" or "context" in contract_args]
        good = {arg: "x" if arg in text_args else {} for arg in args}
        for arg in args:
            bad_values = [(None, "NoneType"), (b"secret-bytes", "bytes")] if arg in text_args else [({"secret-set"}, "set")]
            for bad, type_name in bad_values:
                values = {**good, arg: bad}
                with pytest.raises(ConfigError) as info:
                    if arg == "query":
                        method(values["query"])
                    else:
                        method(**values)
                message = info.value.message
                assert info.value.code == "invalid_argument" and message.startswith(f"`{arg}`"), (method, message)
                assert type_name in message and "secret" not in message, message
                checked += 1
    functions: List[Any] = [
        (lambda v: peeker_core.sign_webhook(v, 1, b"{}"), "secret"),
        (lambda v: peeker_core.sign_webhook("whsec_x", v, b"{}"), "timestamp"),
        (lambda v: peeker_core.verify_webhook(v, {}, "whsec_x"), "body"),
        (lambda v: peeker_core.parse_response(v, 200, {}, b"{}"), "operation"),
        (lambda v: peeker_core.parse_response("get_me", v, {}, b"{}"), "status"),
        (lambda v: peeker_core.retry_advice(v, "network"), "operation"),
        (lambda v: peeker_core.dedupe_window(v), "first_sent_at"),
        (lambda v: peeker_core.canonicalize(v), "text"),
        (lambda v: peeker_core.plan_domains(v, [], []), "required"),
    ]
    for call, arg in functions:
        with pytest.raises(ConfigError) as info:
            call(None)
        assert info.value.code == "invalid_argument" and f"`{arg}`" in info.value.message, info.value.message
    assert checked > 40


def test_the_three_examples_of_the_brief() -> None:
    report = peeker_core.validate_order(42)
    assert not report.valid and [(v.code, v.path) for v in report.violations] == [("invalid_type", "")]
    with pytest.raises(ConfigError) as info:
        peeker_core.order_body("x")
    assert info.value.code == "invalid_argument"
    with pytest.raises(ConfigError) as info:
        Client(None)  # type: ignore[arg-type]
    assert info.value.code == "invalid_api_key" and "NoneType" in info.value.message


def test_values_json_cannot_hold_are_named_with_their_place() -> None:
    cases = {
        "`order.personas[0].first_name` cannot be sent as JSON: it is bytes (decode it to str first)": {"personas": [{"first_name": b"x"}]},
        "`order.domains` cannot be sent as JSON: it is a set, which JSON cannot hold": {"domains": {"a.com"}},
        "`order.n` cannot be sent as JSON: it is a float that is not finite": {"n": float("nan")},
        "`order` cannot be sent as JSON: it is a mapping with a key of type int": {1: "x"},
    }
    for message, order in cases.items():
        with pytest.raises(ConfigError) as info:
            peeker_core.validate_order(order)
        assert info.value.message.startswith(message), info.value.message
    # A value holding itself is nested past the limit: `too_deep`, as in the core and the JS hosts (D14).
    with pytest.raises(JsonError) as deep:
        peeker_core.validate_order(cyclic())
    assert deep.value.code == "too_deep"


def test_error_classes() -> None:
    for cls in (ConfigError, ValidationError, peeker_core.JsonError, WebhookError, ApiError, InternalError):
        assert issubclass(cls, PeekerError) and cls.__module__ == "peeker_core"
        assert getattr(peeker_core, cls.__name__) is cls
    with pytest.raises(ValidationError) as info:
        peeker_core.estimate_required_domains({})
    err = info.value
    assert isinstance(err.report, Report) and not err.report.valid
    again = pickle.loads(pickle.dumps(err))
    assert again.report == err.report and again.code == "invalid_request"
    assert copy.copy(err).report == err.report
    from peeker_core._errors import BY_KIND

    assert set(BY_KIND) == {"config", "validation", "json", "webhook", "api", "internal"}


# ---- Secrets never show ----------------------------------------------------------------


def shown(*values: object) -> str:
    """Everything a log line could print of these values."""
    out = []
    for value in values:
        out += [repr(value), str(value), format(value)]
        if isinstance(value, BaseException):
            out += [repr(value.args), str(getattr(value, "message", ""))]
            report = getattr(value, "report", None)
            out += [repr(report), str(report and report.to_dict())]
    return "\n".join(out)


def test_the_api_key_never_shows(client: Client) -> None:
    requests = [client.get_me(), client.create_order(ORDER), *client.check_availability(["a.com"])]
    text = shown(client, *requests, [client], {"c": client})
    assert "do_not_leak" not in text and "[redacted]" in text
    assert all(r.headers["Authorization"] == f"Bearer {KEY}" for r in requests)  # the value itself is there
    assert requests[0].to_dict()["headers"]["Authorization"] == f"Bearer {KEY}"
    with pytest.raises(TypeError) as info:
        pickle.dumps(client)
    assert "do_not_leak" not in str(info.value)
    assert not hasattr(client, "__dict__")
    errors: List[PeekerError] = []
    for key in ("sk_live_do_not_leak", " pk_test_do_not_leak", "pk_test_do_not_leak\n", "PK_TEST_do_not_leak"):
        with pytest.raises(ConfigError) as raised:
            Client(key)
        errors.append(raised.value)
    assert "do_not_leak" not in shown(*errors)


def test_the_smartlead_password_never_shows(client: Client) -> None:
    request = client.create_order(ORDER)
    assert PASSWORD.encode() in (request.body or b"")  # it must be sent...
    assert PASSWORD not in shown(request) and "bytes>" in repr(request)  # ...and never printed
    broken = {**ORDER, "user": "nobody", "domains": [], "sequencer": {**ORDER["sequencer"], "login_email": PASSWORD}}
    report = peeker_core.validate_order(broken)
    with pytest.raises(ValidationError) as info:
        client.create_order(broken)
    assert PASSWORD not in shown(report, info.value)
    not_a_string = {**ORDER, "sequencer": {**ORDER["sequencer"], "login_password": [PASSWORD]}}
    with pytest.raises(ValidationError) as info:
        client.create_order(not_a_string)
    assert PASSWORD not in shown(info.value)


def test_webhook_secrets_never_show() -> None:
    secret = "whsec_do_not_leak_4411"
    body = b'{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}'
    signed = {"Peeker-Timestamp": "100", "Peeker-Signature": peeker_core.sign_webhook("whsec_other", 100, body)}
    errors: List[PeekerError] = []
    for call in (
        lambda: peeker_core.construct_event(body, signed, [secret, f" {secret} "], now=100),
        lambda: peeker_core.construct_event(body, signed, [secret, 7], now=100),  # type: ignore[list-item]
        lambda: peeker_core.construct_event(body, signed, secret, now=10_000),
        lambda: peeker_core.sign_webhook(secret, -1, body),
    ):
        with pytest.raises(PeekerError) as info:
            call()
        errors.append(info.value)
    assert [e.code for e in errors] == ["signature_mismatch", "invalid_argument", "signature_mismatch", "invalid_argument"]
    assert "do_not_leak" not in shown(*errors)
