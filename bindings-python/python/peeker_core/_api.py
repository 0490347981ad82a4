"""The public functions and the Client: each calls one function of the native
module (a table of ``peeker_core::host``) and wraps the JSON it returns in a
typed result. Conversions only: every rule lives in the Rust core.

Inputs that a form or the API produced (orders, bundles, availability rows,
query options) are plain ``dict``/``list`` values of any shape: the core
reports what is wrong with them. Values JSON cannot hold (a ``set``, ``bytes``,
``NaN``, a non-``str`` key) raise ``ConfigError`` (``invalid_argument``).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Iterable, List, Literal, Mapping, NoReturn, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import ApiError
from ._types import (
    DedupeWindow,
    Environment,
    Event,
    Operation,
    Plan,
    Report,
    Request,
    RequiredDomains,
    Response,
    RetryAdvice,
    Verified,
)

Body = Union[bytes, bytearray, memoryview, str]
"""A raw HTTP body: bytes as received (``str`` is taken as its UTF-8 encoding)."""

Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]
"""Headers as a mapping (``dict``, Starlette's or Flask's ``request.headers``) or
``(name, value)`` pairs; names compare case-insensitively."""

Secrets = Union[str, Sequence[str]]
"""One webhook secret, or several while rotating."""

QueryValue = Union[str, int, None]
"""A query option's value (``None`` leaves the option out)."""

Failure = Union[Literal["network"], Mapping[str, Optional[int]], ApiError]
"""What went wrong: ``"network"`` (no answer), ``{"status": 503,
"retry_after_seconds": None}``, or the :class:`ApiError` that ``parse_response`` raised."""

HOST_USER_AGENT = f"python/{sys.version_info[0]}.{sys.version_info[1]}"
"""What :class:`Client` adds after ``peeker-core/<version>`` by default."""

DEFAULT_TOLERANCE_SECONDS: int = _native.DEFAULT_TOLERANCE_SECONDS


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
    return Verified._from(json.loads(_native.verify_webhook(body, headers, secrets, now, tolerance)))


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
    return Event._from(json.loads(_native.construct_event(body, headers, secrets, now, tolerance)))


def parse_event(body: Body) -> Event:
    """Parse an event WITHOUT verifying it: only for bodies verified elsewhere
    (or replayed from your own storage). Raises ``WebhookError`` (``invalid_payload``)."""
    return Event._from(json.loads(_native.parse_event(body)))


# ---- Validation ------------------------------------------------------------------


def validate_order(order: object, bundle: object = None, availability: object = None) -> Report:
    """Every violation of an order (the ``POST /orders`` body, as a form gave
    it). With ``bundle`` (the bundle object) the domain count is checked; with
    ``availability`` (the rows, or the whole ``check_availability`` data) the
    Microsoft split, unavailable and premium domains. Never raises for content."""
    return Report._native(*_native.validate_order(order, {"bundle": bundle, "availability": availability}))


def _validate(kind: str, value: object) -> Report:
    return Report._native(*_native.validate(kind, value))


def validate_bundle(input: object) -> Report:
    """Every violation of a ``POST /bundles`` body."""
    return _validate("bundle", input)


def validate_bundle_patch(input: object) -> Report:
    """Every violation of a ``PATCH /bundles/{id}`` body."""
    return _validate("bundle_patch", input)


def validate_user(input: object) -> Report:
    """Every violation of a ``POST /users`` body."""
    return _validate("user", input)


def validate_user_patch(input: object) -> Report:
    """Every violation of a ``PATCH /users/{id}`` body."""
    return _validate("user_patch", input)


def validate_availability_lookup(input: object) -> Report:
    """Every violation of a ``POST /domains/availability`` body (``{"domains": [...]}``)."""
    return _validate("availability_lookup", input)


def validate_import(input: object, job: bool = False) -> Report:
    """Every violation of a ``POST /domains/import`` body, or with ``job=True``
    of a ``POST /domains/import/jobs`` body (larger cap)."""
    return _validate("import_job" if job else "import", input)


def validate_forwarding(input: object) -> Report:
    """Every violation of a ``POST /domains/forwarding`` body."""
    return _validate("forwarding", input)


def validate_swap(input: object) -> Report:
    """Every violation of a ``POST /swaps`` body."""
    return _validate("swap", input)


def validate_user_name_swap(input: object) -> Report:
    """Every violation of a ``POST /swaps/user_names`` body."""
    return _validate("user_name_swap", input)


def validate_cancellation(input: object) -> Report:
    """Every violation of a ``POST /orders/{id}/cancel`` body (``None``: the whole order)."""
    return _validate("cancellation", input)


# ---- Sizing, planning, order bytes and dedupe ---------------------------------------


def estimate_required_domains(params: object) -> RequiredDomains:
    """How many domains an order of a bundle with these fields
    (``monthly_sending_volume``, ``google_percent``, ``microsoft_percent``,
    ``send_on_weekends``, ``google_inboxes_per_domain``) needs, before the bundle
    exists. Raises ``ValidationError`` for invalid fields. A bundle's own
    ``required_domains`` wins over this estimate."""
    return RequiredDomains._from(json.loads(_native.estimate_required_domains(params)))


def plan_domains(
    required: Union[RequiredDomains, Mapping[str, object]],
    domains: Sequence[str],
    availability: object,
) -> Plan:
    """Which of the picked ``domains`` serve Google and which Microsoft, given
    the ``required`` counts and the availability rows (a list, or the whole
    ``check_availability`` data); what is missing; which picks cannot serve."""
    if isinstance(required, RequiredDomains):
        required = required.to_dict()
    return Plan._from(json.loads(_native.plan_domains(required, domains, availability)))


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


# ---- Responses and retries ---------------------------------------------------------


def parse_response(operation: Operation, status: int, headers: Headers, body: Body) -> Response:
    """The response to ``operation``'s request from its status, headers and raw
    body. Raises ``ApiError`` for an error answer (or a body that is not Peeker's)."""
    return Response._from(json.loads(_native.parse_response(operation, status, headers, body)))


def retry_advice(
    operation: Operation,
    failure: Failure,
    attempt: int,
    jitter: float,
    dedupe: Optional[Mapping[str, int]] = None,
) -> RetryAdvice:
    """Whether and when to send ``operation``'s request again after its
    ``attempt``-th try (from 1) failed. ``jitter`` is a random number in [0, 1]
    (``random.random()``). For ``create_order`` give ``dedupe={"first_sent_at":
    ...}`` (and ``"now"``, else the clock): an order is retried only inside
    Peeker's 24-hour dedupe window."""
    if isinstance(failure, ApiError):
        failure = {"status": failure.status, "retry_after_seconds": failure.retry_after_seconds}
    if isinstance(dedupe, Mapping) and "now" not in dedupe:
        dedupe = {**dedupe, "now": int(time.time())}
    return RetryAdvice._from(json.loads(_native.retry_advice(operation, failure, attempt, jitter, dedupe)))


# ---- The client ---------------------------------------------------------------------


def _query(query: Optional[Mapping[str, object]], options: Mapping[str, QueryValue]) -> object:
    """``query`` and keyword options as one query object (the options win)."""
    if not options:
        return query
    if query is None:
        return dict(options)
    return {**query, **options} if isinstance(query, Mapping) else query


class Client:
    """Builds the requests of the Peeker partner API; sends nothing. Each method
    returns a :class:`Request` (batch builders a list of them) for your HTTP
    client, after validating its input: invalid input raises
    ``ValidationError`` (with the whole report), a malformed id or link
    ``ConfigError``. Give the response to :func:`parse_response` with the
    method's name as the operation.

    ``api_key`` must start ``pk_live_`` or ``pk_test_`` (else ``ConfigError``
    ``invalid_api_key``); ``base_url`` defaults to the current API; ``user_agent``
    is added after ``peeker-core/<version>`` (default ``python/X.Y``; ``""`` adds
    nothing). List methods take their query options as keyword arguments
    (``client.list_users(status="active", per_page=50)``), as one mapping
    (``client.list_users(filters)`` or ``query=filters``), or both (the keywords
    win); ``None`` values are left out.
    The repr never shows the key.
    """

    __slots__ = ("_native",)

    BUILDERS: Tuple[Tuple[str, Tuple[str, ...]], ...] = _native.BUILDERS
    """The core's builders and their argument names: one method each."""

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

    def _build(self, name: str, **args: object) -> List[Request]:
        return [Request._from(r) for r in json.loads(self._native.build(name, args))]

    def _one(self, name: str, **args: object) -> Request:
        [request] = self._build(name, **args)
        return request

    # Account
    def get_me(self) -> Request:
        """``GET /me``: the key's environment and permission preset, and the partner."""
        return self._one("get_me")

    # Users
    def create_user(self, body: object) -> Request:
        """``POST /users``."""
        return self._one("create_user", body=body)

    def list_users(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /users``: ``email``, ``status`` (``active``, ``deleted``), ``per_page``, ``page_token``."""
        return self._one("list_users", query=_query(query, options))

    def get_user(self, id: str) -> Request:
        """``GET /users/{id}``."""
        return self._one("get_user", id=id)

    def update_user(self, id: str, body: object) -> Request:
        """``PATCH /users/{id}``."""
        return self._one("update_user", id=id, body=body)

    def delete_user(self, id: str) -> Request:
        """``DELETE /users/{id}``."""
        return self._one("delete_user", id=id)

    # Bundles
    def create_bundle(self, body: object) -> Request:
        """``POST /bundles``."""
        return self._one("create_bundle", body=body)

    def list_bundles(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /bundles``: ``status`` (``active``, ``archived``), ``per_page``, ``page_token``."""
        return self._one("list_bundles", query=_query(query, options))

    def get_bundle(self, id: str) -> Request:
        """``GET /bundles/{id}``: its ``required_domains`` size an order."""
        return self._one("get_bundle", id=id)

    def update_bundle(self, id: str, body: object) -> Request:
        """``PATCH /bundles/{id}``."""
        return self._one("update_bundle", id=id, body=body)

    def delete_bundle(self, id: str) -> Request:
        """``DELETE /bundles/{id}``."""
        return self._one("delete_bundle", id=id)

    # Domains
    def list_domains(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /domains``: ``category``, ``user_id``, ``user_email``, ``usable_for``, ``status``,
        ``per_page``, ``page_token``."""
        return self._one("list_domains", query=_query(query, options))

    def check_availability(self, domains: Sequence[str]) -> List[Request]:
        """``POST /domains/availability`` for any number of names, 50 per request."""
        return self._build("check_availability", domains=domains)

    def import_domains(self, domains: Sequence[str]) -> List[Request]:
        """``POST /domains/import`` for any number of root domains, 25 per request."""
        return self._build("import_domains", domains=domains)

    def import_domains_job(self, domains: Sequence[str]) -> List[Request]:
        """``POST /domains/import/jobs`` for any number of domains, 500 per request."""
        return self._build("import_domains_job", domains=domains)

    def get_import(self, id: str) -> Request:
        """``GET /domains/import/{id}``."""
        return self._one("get_import", id=id)

    def get_import_job(self, id: str) -> Request:
        """``GET /domains/import/jobs/{id}``."""
        return self._one("get_import_job", id=id)

    def find_imports(self, domains: Sequence[str]) -> Request:
        """``GET /domains/import?domains=...``: the import jobs of these domains."""
        return self._one("find_imports", domains=domains)

    def update_forwarding(self, domains: Sequence[str], forwarding_url: str) -> List[Request]:
        """``POST /domains/forwarding``: ``dom_`` ids and/or names, 25 per request."""
        return self._build("update_forwarding", domains=domains, forwarding_url=forwarding_url)

    def get_forwarding_job(self, id: str) -> Request:
        """``GET /domains/forwarding/{id}``."""
        return self._one("get_forwarding_job", id=id)

    # Orders
    def create_order(self, order: object, bundle: object = None, availability: object = None) -> Request:
        """``POST /orders``: validated like :func:`validate_order` (with the same
        context); the body is exactly :func:`order_body`."""
        return self._one("create_order", order=order, context={"bundle": bundle, "availability": availability})

    def list_orders(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /orders``: ``user_id``, ``user_email``, ``bundle_id``, ``status``, ``per_page``, ``page_token``."""
        return self._one("list_orders", query=_query(query, options))

    def get_order(self, id: str) -> Request:
        """``GET /orders/{id}``: the full order."""
        return self._one("get_order", id=id)

    def list_pending_actions(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /orders/pending``: ``order_id``, ``user`` (id or email), ``domain_id``, ``status``,
        ``per_page``, ``page_token``."""
        return self._one("list_pending_actions", query=_query(query, options))

    def cancel_order(self, id: str, body: object = None) -> Request:
        """``POST /orders/{id}/cancel``: the whole order, or ``{"domains": [...]}``."""
        return self._one("cancel_order", id=id, body=body)

    # Swaps
    def create_swap(self, body: object) -> Request:
        """``POST /swaps``."""
        return self._one("create_swap", body=body)

    def list_swaps(self, query: Optional[Mapping[str, object]] = None, **options: QueryValue) -> Request:
        """``GET /swaps``: ``user_id``, ``order_id``, ``domain_id``, ``status``, ``per_page``, ``page_token``."""
        return self._one("list_swaps", query=_query(query, options))

    def get_swap(self, id: str) -> Request:
        """``GET /swaps/{id}``."""
        return self._one("get_swap", id=id)

    def swap_user_names(self, body: object) -> Request:
        """``POST /swaps/user_names``."""
        return self._one("swap_user_names", body=body)

    # Pagination
    def next_page(self, links_next: str) -> Request:
        """``GET`` the next page: pass a list response's ``links.next`` as it is
        (only links under the base URL are followed: the request carries the key)."""
        return self._one("next_page", links_next=links_next)


Client.__module__ = "peeker_core"
