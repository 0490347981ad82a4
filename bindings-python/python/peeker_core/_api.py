"""The functions that are not per operation (canonical JSON, webhooks,
sizing and planning, order bytes, dedupe, retries) and the base of the
generated ``Client``: each calls one function of the native module and wraps
what it returns. Conversions and defaults only: every rule lives in the Rust core.

Inputs that a form or the API produced (orders, availability rows) are plain
``dict``/``list`` values of any shape: the core reports what is wrong with
them. Values JSON cannot hold (a ``set``, ``bytes``, ``NaN``, a non-``str``
key) raise ``ConfigError`` (``invalid_argument``).
"""

from __future__ import annotations

import random
import sys
from typing import Literal, Mapping, NoReturn, Optional, Sequence, TypedDict, Union

from . import _native
from ._errors import ApiError
from ._models import Event, Operation, RequiredDomains
from ._native import PreparedAvailability as PreparedAvailability
from ._types import Body, DedupeWindow, Environment, Headers, Plan, QueryValue, Request, RetryAdvice, Secrets, Verified

HOST_USER_AGENT = f"python/{sys.version_info[0]}.{sys.version_info[1]}"
"""What :class:`Client` adds after ``peeker-core/<version>`` by default."""

DEFAULT_TOLERANCE_SECONDS: int = _native.DEFAULT_TOLERANCE_SECONDS


class FailureStatus(TypedDict, total=False):
    """An HTTP failure by its status (and ``retry_after_seconds`` of a 429)."""

    status: int
    retry_after_seconds: Optional[int]


Failure = Union[Literal["network"], FailureStatus, ApiError]
"""What went wrong: ``"network"`` (no answer), ``{"status": 503}``, or the
:class:`ApiError` that ``parse_response`` raised (its status and
``retry_after_seconds`` are what count)."""


class _DedupeRequired(TypedDict):
    first_sent_at: int


class Dedupe(_DedupeRequired, TypedDict, total=False):  # TypedDict again: see _models
    """When an order was first sent (Unix seconds) and, to pin it, ``now``
    (else the clock)."""

    now: int


# ---- Canonical JSON and webhooks ---------------------------------------------------


def canonicalize(text: str) -> str:
    """RFC 8785 canonical form of a JSON text. Raises ``JsonError``."""
    return _native.canonicalize(text)


def sign_webhook(secret: str, timestamp: int, body: Body) -> str:
    """The ``Peeker-Signature`` value (``v1=<hex>``) of ``body`` signed at
    ``timestamp`` (Unix seconds), as Peeker computes it: for tests and local tools."""
    return _native.sign_webhook(secret, timestamp, body)


def verify_webhook(
    body: Body,
    headers: Headers,
    secrets: Secrets,
    now: Optional[int] = None,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> Verified:
    """Check a delivery's signature and timestamp. Pass the RAW body exactly as
    received (a body parsed and re-serialized by a framework no longer matches).
    ``now`` (Unix seconds) defaults to the clock. Raises ``WebhookError`` (not
    authentic or unreadable: answer 400) or ``ConfigError`` (bad arguments)."""
    return Verified._from(_native.verify_webhook(body, headers, secrets, now, tolerance))


def construct_event(
    body: Body,
    headers: Headers,
    secrets: Secrets,
    now: Optional[int] = None,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> Event:
    """:func:`verify_webhook`, then :func:`parse_event`: the event of an authentic
    delivery. Raises ``WebhookError`` (``invalid_payload`` for a signed body
    that is not an event)."""
    return _native.construct_event(body, headers, secrets, now, tolerance)


def parse_event(body: Body) -> Event:
    """Parse an event WITHOUT verifying it: only for bodies verified elsewhere
    (or replayed from your own storage). ``event["type"]`` tells the type of
    ``event["data"]`` (for ``order.*`` the order, whichever of the two
    documented shapes Peeker sent); a type this SDK does not know is
    ``"unknown"``, with the type as sent in ``event["unknown_type"]``. Raises
    ``WebhookError`` (``invalid_payload``)."""
    return _native.parse_event(body)


# ---- Sizing, planning, order bytes and dedupe ---------------------------------------


def estimate_required_domains(params: object) -> RequiredDomains:
    """How many domains an order of a bundle with these sizing fields
    (``monthly_sending_volume``, ``google_percent``, ``microsoft_percent``,
    ``send_on_weekends``, ``google_inboxes_per_domain``) needs, before the bundle
    exists. Raises ``ValidationError`` for invalid fields. A bundle's own
    ``required_domains`` wins over this estimate."""
    return _native.estimate_required_domains(params)


def plan_domains(required: RequiredDomains, domains: Sequence[str], availability: object) -> Plan:
    """Which of the picked ``domains`` serve Google and which Microsoft, given
    the ``required`` counts (a bundle's ``required_domains``) and the
    availability rows (a list, the whole ``check_availability`` data, or a
    ``PreparedAvailability``); what is missing; which picks cannot serve."""
    return Plan._from(_native.plan_domains(required, domains, availability))


def prepare_availability(availability: object) -> PreparedAvailability:
    """The availability rows (a list, or the whole ``check_availability``
    data) read and indexed by domain name once, for a form that validates the
    same order on every keystroke: pass it as ``availability`` to
    ``validate_order``, ``Client.create_order`` and ``plan_domains`` (D16).
    Immutable; one instance serves many threads. Raises ``ConfigError``
    (``invalid_argument``) for anything but rows or a response."""
    return _native.prepare_availability(availability)


def order_body(order: object) -> bytes:
    """The exact bytes to POST for an order: the normalized order in RFC 8785
    canonical form, so the same content always gives the same bytes (Peeker's
    24-hour dedupe compares them). Raises ``ConfigError`` if it is not an object."""
    return _native.order_body(order)


def dedupe_key(body: Body) -> str:
    """The lowercase hex SHA-256 of a body: store it with the send time."""
    return _native.dedupe_key(body)


def dedupe_window(first_sent_at: int, now: Optional[int] = None) -> DedupeWindow:
    """Whether re-sending an order first sent at ``first_sent_at`` (Unix seconds)
    still returns that order; ``now`` defaults to the clock."""
    return DedupeWindow(*_native.dedupe_window(first_sent_at, now))


# ---- Retries -----------------------------------------------------------------------


def retry_advice(
    operation: Operation,
    failure: Failure,
    attempt: int = 1,
    jitter: Optional[float] = None,
    dedupe: Optional[Dedupe] = None,
) -> RetryAdvice:
    """Whether and when to send ``operation``'s request again after its
    ``attempt``-th try (from 1) failed with ``failure``. ``jitter`` is a random
    number in [0, 1] (default ``random.random()``). For ``create_order`` give
    ``dedupe={"first_sent_at": ...}`` (``"now"`` defaults to the clock): an
    order is retried only inside Peeker's 24-hour dedupe window."""
    if isinstance(failure, ApiError):
        failure = {"status": failure.status, "retry_after_seconds": failure.retry_after_seconds}
    jitter = random.random() if jitter is None else jitter
    return RetryAdvice._from(_native.retry_advice(operation, failure, attempt, jitter, dedupe))


# ---- The client ---------------------------------------------------------------------


def _query(query: Optional[Mapping[str, QueryValue]], options: Mapping[str, QueryValue]) -> object:
    """``query`` and keyword options as one query object (the options win)."""
    if not options:
        return query
    if query is None:
        return dict(options)
    return {**query, **options} if isinstance(query, Mapping) else query


class _ClientBase:
    """The key, base URL and user agent; the generated ``Client`` adds one
    method per operation."""

    __slots__ = ("_native",)

    def __init__(self, api_key: str, base_url: Optional[str] = None, user_agent: Optional[str] = None) -> None:
        self._native = _native.Client(api_key, base_url, HOST_USER_AGENT if user_agent is None else user_agent)

    @property
    def environment(self) -> Environment:
        """``live`` or ``test``, from the key's prefix."""
        return "live" if self._native.environment == "live" else "test"

    @property
    def base_url(self) -> str:
        return self._native.base_url

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` every request carries."""
        return self._native.user_agent

    def __repr__(self) -> str:
        return repr(self._native)

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Client holds the API key and is not pickled; make one from the key where it is needed")

    def next_page(self, links_next: str) -> Request:
        """``GET`` the next page: pass a list response's ``next_link`` (its
        ``links.next``) as it is (only links under the base URL are followed:
        the request carries the key)."""
        return Request._from(self._native.next_page(links_next))
