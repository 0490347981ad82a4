"""Runs every case of tests/vectors/ against the installed package, one test per
case: each file of index.json "files", each RFC 8785 sample and the numbers
file, with the conventions of index.json's description (and the semantics of
core/tests/vectors/); then checks that the package covers the contract
(tests/vectors/contract.json): every operation has a typed Client method and
vectors, every validator its function, every event type its TypedDict."""

from __future__ import annotations

import base64
import inspect
import json
import os
import struct
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple, get_args, get_type_hints

import pytest

import peeker_core
from peeker_core import DEFAULT_TOLERANCE_SECONDS, PeekerError, Report

VECTORS = Path(os.environ.get("PEEKER_VECTORS") or Path(__file__).parent / "../../tests/vectors").resolve()
RFC8785 = VECTORS / "rfc8785"
INDEX = json.loads((VECTORS / "index.json").read_text(encoding="utf-8"))
FILES: List[str] = INDEX["files"]
CONTRACT = json.loads((VECTORS / "contract.json").read_text(encoding="utf-8"))


def spec(value: Any) -> str:
    """A text given as a string or as {"parts": [[text, count], ...]} (index.json)."""
    return value if isinstance(value, str) else "".join(text * count for text, count in value["parts"])


def body_of(case: Dict[str, Any]) -> bytes:
    """The case's body: text (or parts) as UTF-8, or bytes from `body_base64`."""
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    return spec(case["body"]).encode("utf-8")


def headers_of(case: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [(name, spec(value)) for name, value in case["headers"]]


def load_cases() -> List[Any]:
    params = []
    for file in FILES:
        cases = json.loads((VECTORS / file).read_text(encoding="utf-8"))
        assert cases, f"no cases in {file}"
        params += [pytest.param(case, id=f"{file}: {case['name']}") for case in cases]
    return params


# The class each code must raise: the families of core/src/error.rs, restated
# here so the test checks the binding's mapping independently.
FAMILIES: Dict[type, set] = {
    peeker_core.ConfigError: {"invalid_api_key", "invalid_base_url", "invalid_argument"},
    peeker_core.ValidationError: {"invalid_request"},
    peeker_core.JsonError: {
        "invalid_json", "duplicate_key", "number_out_of_range", "invalid_string", "too_deep", "too_large",
    },
    peeker_core.WebhookError: {
        "missing_header", "invalid_header", "timestamp_too_old", "timestamp_in_future",
        "signature_mismatch", "no_supported_signature", "invalid_payload",
    },
}


def error_class(code: str) -> type:
    [cls] = [cls for cls, codes in FAMILIES.items() if code in codes]
    return cls


def pairs(violations: Any) -> List[Dict[str, str]]:
    """`{code, path}` pairs, sorted so the comparison ignores walk order."""
    return [{"code": c, "path": p} for c, p in sorted((v["code"], v["path"]) for v in violations)]


def report_json(report: Report) -> Dict[str, Any]:
    ERRORS_SEEN.extend(v.message for v in report.violations)
    return {"valid": report.valid, "violations": pairs(report.to_dict()["violations"])}


def expected_report(expected: Dict[str, Any]) -> Dict[str, Any]:
    return {"valid": expected["valid"], "violations": pairs(expected["violations"])}


# Every error the corpus raised and every violation message, checked for
# secrets and for marked input by the last tests of this file.
ERRORS_SEEN: List[str] = []


def seen(err: BaseException) -> None:
    ERRORS_SEEN.append(f"{err} {err!r} {err.args!r} {vars(err)!r}")


def raised(case: Dict[str, Any], call: Callable[[], Any]) -> PeekerError:
    """The error `call` raises, checked against `expect.error` and its class."""
    code = case["expect"]["error"]
    with pytest.raises(PeekerError) as info:
        call()
    seen(info.value)
    assert info.value.code == code, str(info.value)
    assert type(info.value) is error_class(code), type(info.value)
    return info.value


def expect(case: Dict[str, Any], call: Callable[[], Any], check: Callable[[Dict[str, Any], Any], bool]) -> None:
    """`expect` is `{error: code}` or a value `check` accepts."""
    if "error" in case["expect"]:
        raised(case, call)
    else:
        value = call()
        assert check(case["expect"], value), f"got {value!r}"


def event_json(event: peeker_core.Event, expected: Dict[str, Any]) -> Dict[str, Any]:
    """`{id, type, unknown_type?, data_id}` of the event, and its `data` when the case gives one."""
    got: Dict[str, Any] = {"id": event["id"], "type": event["type"], "data_id": None}
    if event["type"] == "unknown":
        got["unknown_type"] = event["unknown_type"]
    else:
        got["data_id"] = event["data"]["id"]
    if "data" in expected:
        got["data"] = event["data"]
    return got


def validator(kind: str) -> Callable[[Any], Report]:
    function: Callable[[Any], Report] = getattr(peeker_core, f"validate_{kind}")
    return function


def members(got: Dict[str, Any], expected: Dict[str, Any]) -> Dict[str, Any]:
    """The members of `got` that the case names (a case without `now` cannot pin the rest)."""
    return {key: value for key, value in got.items() if key in expected}


# ---- http.rs ----------------------------------------------------------------------

# The arguments of each builder, from the contract (and next_page's).
BUILDER_ARGS: Dict[str, List[str]] = {op["name"]: op["args"] for op in CONTRACT["operations"]}
BUILDER_ARGS["next_page"] = ["links_next"]
BATCHES = {op["name"] for op in CONTRACT["operations"] if op["batch"]}


def client_of(case: Dict[str, Any]) -> peeker_core.Client:
    """The case's client. No `user_agent` means none: `""` makes the Python
    client add nothing after `peeker-core/<version>`, as the Rust runner's `None`."""
    config = case["client"]
    return peeker_core.Client(
        config.get("api_key", ""), base_url=config.get("base_url"), user_agent=config.get("user_agent", "")
    )


def call_builder(client: peeker_core.Client, name: str, args: Dict[str, Any]) -> List[peeker_core.Request]:
    """The typed method of builder `name`, each contract argument given as the
    case gives it (None when it leaves it out: a missing id is then a
    ConfigError, as in the Rust runner); `query` as the mapping, `context` as
    the `bundle` and `availability` keywords."""
    method = getattr(client, name)
    positional = [args.get(arg) for arg in BUILDER_ARGS[name] if arg != "context"]
    context = args.get("context") or {}
    keywords = {"bundle": context.get("bundle"), "availability": context.get("availability")} if name == "create_order" else {}
    result = method(*positional, **keywords)
    if name in BATCHES:
        assert isinstance(result, list)
        return result
    assert isinstance(result, peeker_core.Request)
    return [result]


def request_json(request: peeker_core.Request) -> Dict[str, Any]:
    value: Dict[str, Any] = dict(request.to_dict())
    value["headers"] = {name.lower(): v for name, v in request.headers.items()}
    return value


def normalized(expected: Dict[str, Any]) -> Dict[str, Any]:
    """Header names lowercased, `{version}` replaced, violations sorted."""
    want = dict(expected)
    if "requests" in want:
        want["requests"] = [
            {
                **r,
                "headers": {
                    k.lower(): v.replace("{version}", peeker_core.VERSION) if isinstance(v, str) else v
                    for k, v in r["headers"].items()
                },
            }
            for r in want["requests"]
        ]
    if "violations" in want:
        want["violations"] = pairs(want["violations"])
    return want


def error_json(err: PeekerError, expected: Dict[str, Any]) -> Dict[str, Any]:
    seen(err)
    got: Dict[str, Any] = {"error": err.code}
    if "violations" in expected:
        report = err.report if isinstance(err, peeker_core.ValidationError) else None
        got["violations"] = pairs(report.to_dict()["violations"] if report else [])
    if "error" in expected:
        assert type(err) is error_class(err.code), type(err)
    return got


def contains(got: Any, want: Any) -> bool:
    """http.rs `contains`: objects may leave out members (null = null or absent),
    lists have the same length, numbers compare by value (never bools)."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(contains(got.get(k), v) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(contains(g, w) for g, w in zip(got, want))
    if isinstance(want, bool) or isinstance(got, bool):
        return type(got) is type(want) and got == want
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and float(got) == float(want)
    return bool(got == want)


def api_error_json(err: peeker_core.ApiError) -> Dict[str, Any]:
    fields = ("code", "status", "message", "field", "details", "request_id", "retry_after_seconds")
    return {name: getattr(err, name) for name in fields}


def failure_of(case: Dict[str, Any]) -> peeker_core.Failure:
    """`failure` as given, or the ApiError that parsing `failure_response` raises, as it is."""
    if "failure_response" not in case:
        failure: peeker_core.Failure = case["failure"]
        return failure
    response = case["failure_response"]
    try:
        peeker_core.parse_response(
            response["operation"], response["status"], [tuple(h) for h in response["headers"]], response["body"]
        )
    except peeker_core.ApiError as err:
        return err
    raise AssertionError("the failure response parsed as a success")


def run_http(case: Dict[str, Any]) -> None:
    op = case["op"]
    expected = case["expect"]
    if op == "client":
        try:
            got: Dict[str, Any] = {"environment": client_of(case).environment}
        except PeekerError as err:
            got = error_json(err, expected)
        assert got == normalized(expected)
    elif op == "build_request":
        try:
            requests = call_builder(client_of(case), case["call"], case["args"])
            got = {"requests": [request_json(r) for r in requests]}
        except PeekerError as err:
            got = error_json(err, expected)
        assert got == normalized(expected)
    elif op == "parse_response":
        call = lambda: peeker_core.parse_response(  # noqa: E731
            case["operation"], case["status"], [tuple(h) for h in case["headers"]], case["body"].encode("utf-8")
        )
        if "api_error" in expected:
            with pytest.raises(peeker_core.ApiError) as info:
                call()
            seen(info.value)
            got = api_error_json(info.value)
            assert contains(got, expected["api_error"]), f"got {got}"
        else:
            response = call().to_dict()
            if case.get("exact"):
                assert response["data"] == expected["data"]
            assert contains(response, expected), f"got {response}"
    elif op == "retry_advice":
        advice = peeker_core.retry_advice(
            case["operation"], failure_of(case), case["attempt"], case["jitter"], case.get("dedupe")
        )
        assert {"retry": advice.retry, "delay_ms": advice.delay_ms, "reason": advice.reason} == expected
    else:
        pytest.fail(f"unknown op {op}")


# ---- main.rs and orders.rs -----------------------------------------------------------


@pytest.mark.parametrize("case", load_cases())
def test_vector(case: Dict[str, Any]) -> None:
    op = case["op"]
    expected = case["expect"]
    if op == "canonicalize":
        expect(case, lambda: peeker_core.canonicalize(spec(case["input"])), lambda e, out: e["output"] == out)
    elif op == "sign":
        expect(
            case,
            lambda: peeker_core.sign_webhook(secret=case["secret"], timestamp=case["timestamp"], body=body_of(case)),
            lambda e, signature: e["signature"] == signature,
        )
    elif op == "verify":
        expect(
            case,
            lambda: peeker_core.verify_webhook(
                body=body_of(case),
                headers=headers_of(case),
                secrets=case["secrets"],
                now=case["now"],
                tolerance=case.get("tolerance", DEFAULT_TOLERANCE_SECONDS),
            ),
            lambda e, v: v.to_dict() == e["ok"],
        )
    elif op == "validate_order":
        context = case.get("context") or {}
        availability = context.get("availability")
        # Plain rows, then the same prepared once and used twice (D16).
        prepared = [] if availability is None else [peeker_core.prepare_availability(availability)] * 2
        for given in [availability, *prepared]:
            report = peeker_core.validate_order(case["input"], bundle=context.get("bundle"), availability=given)
            assert report_json(report) == expected_report(expected)
    elif op == "validate":
        assert report_json(validator(case["kind"])(case["input"])) == expected_report(expected)
    elif op == "estimate_required_domains":
        if "error" in expected:
            err = raised(case, lambda: peeker_core.estimate_required_domains(case["input"]))
            assert isinstance(err, peeker_core.ValidationError) and err.report is not None
            assert pairs(err.report.to_dict()["violations"]) == pairs(expected["violations"])
        else:
            assert peeker_core.estimate_required_domains(case["input"]) == expected
    elif op == "plan_domains":
        prepared = peeker_core.prepare_availability(case["availability"])
        for given in [case["availability"], prepared, prepared]:
            plan = peeker_core.plan_domains(case["required"], case["domains"], given)
            assert plan.to_dict() == expected
    elif op == "order_body":
        expect(
            case,
            lambda: peeker_core.order_body(case["input"]),
            lambda e, body: e["body"].encode("utf-8") == body and e["dedupe_key"] == peeker_core.dedupe_key(body),
        )
    elif op == "dedupe_window":
        window = peeker_core.dedupe_window(case["first_sent_at"], now=case.get("now")).to_dict()
        assert members(dict(window), expected) == expected
    elif op == "parse_event":
        expect(case, lambda: peeker_core.parse_event(body_of(case)), lambda e, ev: event_json(ev, e) == e)
    elif op == "construct_event":
        expect(
            case,
            lambda: peeker_core.construct_event(
                body_of(case),
                headers_of(case),
                case["secrets"],
                now=case["now"],
                tolerance=DEFAULT_TOLERANCE_SECONDS,
            ),
            lambda e, ev: event_json(ev, e) == e,
        )
    elif op in ("client", "build_request", "parse_response", "retry_advice"):
        run_http(case)
    else:
        pytest.fail(f"unknown op {op}")


@pytest.mark.parametrize("name", INDEX["samples"])
def test_rfc8785_sample(name: str) -> None:
    out = peeker_core.canonicalize((RFC8785 / "input" / f"{name}.json").read_text(encoding="utf-8"))
    assert out == (RFC8785 / "output" / f"{name}.json").read_text(encoding="utf-8")
    outhex = (RFC8785 / "outhex" / f"{name}.txt").read_text(encoding="utf-8")
    assert out.encode("utf-8").hex() == "".join(outhex.split())


def test_rfc8785_es6_numbers() -> None:
    """Every line of es6-numbers.txt: the double with those IEEE bits, written by
    repr() (shortest round trip), canonicalizes to the ECMAScript form."""
    checked = 0
    with open(VECTORS / INDEX["numbers"], encoding="utf-8") as lines:
        for line in lines:
            bits, expected = line.rstrip("\n").split(",", 1)
            value = struct.unpack(">d", bytes.fromhex(bits.rjust(16, "0")))[0]
            out = peeker_core.canonicalize(repr(value))
            assert out == expected, f"{bits}: got {out}, expected {expected}"
            checked += 1
    assert checked >= 20_000, f"only {checked} lines"


def test_the_package_covers_the_contract() -> None:
    """contract.json: every operation has a typed Client method taking its
    arguments, a parse_response overload (its name in `Operation`) and at least
    one build_request and one parse_response vector; every validator has its
    function; every event type has its TypedDict in `Event` and a vector."""
    cases = [case for file in FILES for case in json.loads((VECTORS / file).read_text(encoding="utf-8"))]
    missing: List[str] = []
    assert set(get_args(peeker_core.Operation)) == {op["name"] for op in CONTRACT["operations"]}
    for op in CONTRACT["operations"]:
        name = op["name"]
        method = getattr(peeker_core.Client, name, None)
        if method is None:
            missing.append(f"{name}: no Client method")
            continue
        params = list(inspect.signature(method).parameters)[1:]
        expected = {"query": ["query", "options"], "context": ["bundle", "availability"]}
        assert params == [p for arg in op["args"] for p in expected.get(arg, [arg])], name
        hints = get_type_hints(method)
        assert all(hints.get(p) not in (None, Any, object) for p in params if p not in ("bundle", "availability")), name
        if not any(c["op"] == "build_request" and c["call"] == name for c in cases):
            missing.append(f"{name}: no build_request vector")
        if not any(c["op"] == "parse_response" and c["operation"] == name for c in cases):
            missing.append(f"{name}: no parse_response vector")
    for kind in CONTRACT["validators"]:
        function = getattr(peeker_core, f"validate_{kind}", None)
        if function is None or get_type_hints(function)["return"] is not Report:
            missing.append(f"validator {kind}: no validate_{kind}")
        op = "validate_order" if kind == "order" else "validate"
        if not any(c["op"] == op and (op == "validate_order" or c["kind"] == kind) for c in cases):
            missing.append(f"validator {kind}: no vector")
    typed = {get_args(get_type_hints(cls)["type"])[0]: cls for cls in get_args(peeker_core.Event)}
    assert set(get_args(peeker_core.EventType)) | {"unknown"} == set(typed)
    for event in CONTRACT["events"]:
        if event not in typed:
            missing.append(f"event {event}: no TypedDict")
        if not any(c["op"] == "parse_event" and c["expect"].get("type") == event for c in cases):
            missing.append(f"event {event}: no vector")
    assert not missing, "\n".join(missing)


def corpus_secrets(value: Any) -> List[str]:
    """Every API key, webhook secret and Smartlead password in the corpus (not
    the bare documented prefixes, nor one-letter ones that match ordinary words)."""
    found: List[str] = []
    if isinstance(value, list):
        for item in value:
            found += corpus_secrets(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("secret", "secrets", "api_key", "login_password"):
                found += [s for s in (item if isinstance(item, list) else [item])
                          if isinstance(s, str) and len(s) >= 6 and s not in ("pk_live_", "pk_test_")]
            else:
                found += corpus_secrets(item)
    return found


def test_no_error_of_the_corpus_contains_a_secret() -> None:
    """Runs after every vector test of this file (pytest keeps file order)."""
    cases = [case for file in FILES for case in json.loads((VECTORS / file).read_text(encoding="utf-8"))]
    secrets = set(corpus_secrets(cases))
    assert len(secrets) > 10 and len(ERRORS_SEEN) > 50, (len(secrets), len(ERRORS_SEEN))
    for message in ERRORS_SEEN:
        for secret in secrets:
            assert secret not in message, f"{secret!r} appears in {message[:300]}"


def test_no_error_shows_a_value_of_its_input() -> None:
    """Every marked case (index.json `marked`) through test_vector; results are
    not compared, but no error it raised and no violation message may show the marker."""
    marker, leaks, raised_count = INDEX["marker"], [], 0
    for case in json.loads((VECTORS / INDEX["marked"]).read_text(encoding="utf-8")):
        del ERRORS_SEEN[:]
        try:
            test_vector(case)
        except PeekerError as err:  # raised where the unmarked case expected a value
            seen(err)
        except (AssertionError, pytest.fail.Exception):
            pass  # a different result: expected, it is not what this test checks
        raised_count += len(ERRORS_SEEN)
        leaks += [f"{case['name']}: {text[:300]}" for text in ERRORS_SEEN if marker in text]
    assert raised_count > 250, f"only {raised_count} errors raised: the hooks are not called"
    assert not leaks, "\n".join(leaks)
