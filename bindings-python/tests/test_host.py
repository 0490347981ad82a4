"""Python-specific behaviour: argument types, error classes, the clock, secrets."""

from __future__ import annotations

import os
import pickle
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any, Callable

import pytest

import peeker_core
from peeker_core import ConfigError, JsonError, PeekerError, Verified, WebhookError

SECRET = "whsec_host_test_7d1e"
BODY = '{"id":"evt_1","type":"domain.connected","data":{"domain":"bücher.de"}}'
TS = 1_767_225_600


def headers(signature: str, timestamp: int = TS) -> dict[str, str]:
    return {"peeker-timestamp": str(timestamp), "PEEKER-SIGNATURE": signature, "Peeker-Event-Id": "evt_1"}


def test_imports_the_installed_wheel() -> None:
    # The tests must exercise the built wheel, never the source tree.
    location = Path(peeker_core.__file__).resolve()
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    assert any(location.is_relative_to(s) for s in site), location
    assert sys.prefix != sys.base_prefix, "not running in a virtualenv"
    expected_venv = os.environ.get("PEEKER_TEST_VENV")
    if expected_venv:
        assert location.is_relative_to(Path(expected_venv).resolve()), location
    assert Path(peeker_core._native.__file__).parent == location.parent


def test_error_classes_carry_codes() -> None:
    for cls in (ConfigError, JsonError, WebhookError, peeker_core.InternalError):
        assert issubclass(cls, PeekerError) and issubclass(cls, Exception)
    with pytest.raises(JsonError) as info:
        peeker_core.canonicalize('{"a": 1, "a": 2}')
    err = info.value
    assert err.code == "duplicate_key"
    assert str(err) == f"duplicate_key: {err.message}"
    assert pickle.loads(pickle.dumps(err)).code == "duplicate_key"


def test_json_error_position() -> None:
    with pytest.raises(JsonError) as info:
        peeker_core.canonicalize('{"a": 1,\n  "b" 2}')
    assert info.value.code == "invalid_json"
    assert (info.value.line, info.value.column) == (2, 7)
    with pytest.raises(JsonError) as info:
        peeker_core.canonicalize("\ud800")  # a str UTF-8 cannot carry
    assert info.value.code == "invalid_string"


def test_bytes_and_str_bodies_agree() -> None:
    signature = peeker_core.sign_webhook(SECRET, TS, BODY)
    assert signature == peeker_core.sign_webhook(secret=SECRET, timestamp=TS, body=BODY.encode("utf-8"))
    from_str = peeker_core.verify_webhook(BODY, headers(signature), SECRET, now=TS)
    from_bytes = peeker_core.verify_webhook(BODY.encode("utf-8"), headers(signature), SECRET, now=TS)
    assert from_str == from_bytes and isinstance(from_str, Verified)
    assert from_str.timestamp == TS


def test_headers_as_dict_or_pairs_and_secrets_as_str_or_list() -> None:
    signature = peeker_core.sign_webhook(SECRET, TS, BODY)
    as_dict = headers(signature)
    as_pairs = list(as_dict.items())
    results = [
        peeker_core.verify_webhook(BODY, h, s, now=TS + 10)
        for h in (as_dict, as_pairs, tuple(as_pairs))
        for s in (SECRET, [SECRET], ("whsec_old", SECRET))
    ]
    assert all(r == results[0] for r in results)
    # Any iterable of pairs works, a one-shot generator included.
    assert peeker_core.verify_webhook(BODY, (p for p in as_pairs), SECRET, now=TS) == results[0]
    verified = results[0]
    # The Peeker-Event-Id header ("evt_1") is not signed: it is not returned (D13).
    assert verified.to_dict() == {"timestamp": TS} and not hasattr(verified, "event_id")
    assert repr(verified) == f"Verified(timestamp={TS})"


def test_now_defaults_to_the_clock() -> None:
    now = int(time.time())
    signature = peeker_core.sign_webhook(SECRET, now, BODY)
    assert peeker_core.verify_webhook(BODY, headers(signature, now), [SECRET]).timestamp == now
    assert peeker_core.verify_webhook(BODY, headers(signature, now), [SECRET], now=None).timestamp == now
    old = now - 3600
    stale = peeker_core.sign_webhook(SECRET, old, BODY)
    with pytest.raises(WebhookError) as info:
        peeker_core.verify_webhook(BODY, headers(stale, old), SECRET)
    assert info.value.code == "timestamp_too_old"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"body": 42},
        {"body": None},
        {"headers": "peeker-timestamp: 1"},
        {"headers": 7},
        {"headers": [("peeker-timestamp",)]},
        {"headers": {"peeker-timestamp": 1767225600}},
        {"secrets": [1]},
        {"secrets": b"whsec"},
        {"secrets": None},
        {"now": "now"},
        {"now": 2**80},
        {"tolerance": 1.5},
    ],
    ids=lambda kwargs: ",".join(f"{k}={v!r}" for k, v in kwargs.items()),
)
def test_wrong_argument_types_give_invalid_argument(kwargs: dict[str, Any]) -> None:
    args: dict[str, Any] = {"body": BODY, "headers": headers("v1=00"), "secrets": SECRET, "now": TS}
    with pytest.raises((ConfigError, TypeError)) as info:
        peeker_core.verify_webhook(**{**args, **kwargs})
    if isinstance(info.value, ConfigError):
        assert info.value.code == "invalid_argument"


def test_wrong_types_elsewhere() -> None:
    calls: list[Callable[[], object]] = [
        lambda: peeker_core.canonicalize(b"{}"),  # type: ignore[arg-type]
        lambda: peeker_core.sign_webhook(None, TS, BODY),  # type: ignore[arg-type]
        lambda: peeker_core.sign_webhook(SECRET, "soon", BODY),  # type: ignore[arg-type]
        lambda: peeker_core.sign_webhook(SECRET, TS, 3.5),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(ConfigError) as info:
            call()
        assert info.value.code == "invalid_argument"
    with pytest.raises(TypeError):
        peeker_core.verify_webhook(BODY)  # type: ignore[call-arg]


def test_no_secret_in_any_error() -> None:
    secret = " whsec_do_not_leak_4411 "
    other = "whsec_also_private_9902"
    signature = peeker_core.sign_webhook("whsec_the_real_one", TS, BODY)
    raised: list[PeekerError] = []
    for secrets in ([secret], [secret, other], [other, 5], [secret, ""]):
        with pytest.raises(PeekerError) as info:
            peeker_core.verify_webhook(BODY, headers(signature), secrets, now=TS)  # type: ignore[arg-type]
        raised.append(info.value)
    assert [e.code for e in raised] == ["signature_mismatch"] * 2 + ["invalid_argument"] * 2
    assert "whitespace" in raised[0].message
    for err in raised:
        for shown in (str(err), repr(err), err.message, repr(err.args)):
            assert "do_not_leak" not in shown and "also_private" not in shown, shown


# scripts/hosts/python.sh tests a wheel built with the test hook (PEEKER_TEST_HOOKS=1);
# scripts/platform-test.sh runs this suite on the release wheels, which have none.
TEST_HOOKS = os.environ.get("PEEKER_TEST_HOOKS") == "1"


def test_the_panic_hook_is_only_in_the_test_build() -> None:
    from peeker_core import _native

    assert hasattr(_native, "_panic_for_tests") == TEST_HOOKS


@pytest.mark.skipif(not TEST_HOOKS, reason="a release wheel: no test hook")
def test_a_panic_in_the_core_is_an_internal_error_and_the_interpreter_lives_on() -> None:
    from peeker_core import _native

    with pytest.raises(peeker_core.InternalError) as info:
        _native._panic_for_tests()
    assert info.value.code == "internal_error"
    assert peeker_core.canonicalize("[ 1 ]") == "[1]"
