"""The typed results of peeker_core: frozen dataclasses with ``to_dict()``.

Each is built from the core's JSON (``peeker_core::host``) and ``to_dict()``
gives that JSON shape back, with the API's own snake_case keys. Arbitrary API
JSON (a response's ``data``, an event's ``data``) stays plain ``dict``/``list``
values typed as :data:`JSON`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Literal, Optional, Tuple, TypedDict, Union

JSON = Union[None, bool, int, float, str, List["JSON"], Dict[str, "JSON"]]
"""Any JSON value, as ``json.loads`` gives it."""

JsonObject = Dict[str, JSON]
"""A JSON object."""

Severity = Literal["error", "warning"]
Environment = Literal["live", "test"]
Method = Literal["GET", "POST", "PATCH", "DELETE"]
EventKind = Literal["order", "domain", "domain_import", "swap", "unknown"]

Operation = Literal[
    "get_me",
    "create_user",
    "list_users",
    "get_user",
    "update_user",
    "delete_user",
    "create_bundle",
    "list_bundles",
    "get_bundle",
    "update_bundle",
    "delete_bundle",
    "list_domains",
    "check_availability",
    "import_domains",
    "import_domains_job",
    "get_import",
    "get_import_job",
    "find_imports",
    "update_forwarding",
    "get_forwarding_job",
    "create_order",
    "list_orders",
    "get_order",
    "list_pending_actions",
    "cancel_order",
    "create_swap",
    "list_swaps",
    "get_swap",
    "swap_user_names",
]
"""An endpoint, named like its builder on :class:`Client` (``next_page`` excepted:
give a page the operation of its list)."""

REDACTED = "[redacted]"


class ViolationDict(TypedDict):
    code: str
    path: str
    message: str
    severity: str


class ReportDict(TypedDict):
    valid: bool
    violations: List[ViolationDict]


class RequiredDomainsDict(TypedDict):
    google: int
    microsoft: int
    total: int


class UnusableDict(TypedDict):
    domain: str
    reason: str


class PlanDict(TypedDict):
    google: List[str]
    microsoft: List[str]
    missing: RequiredDomainsDict
    unusable: List[UnusableDict]


class DedupeWindowDict(TypedDict):
    inside: bool
    expires_at: int
    remaining_seconds: int


class VerifiedDict(TypedDict):
    timestamp: int
    event_id: Optional[str]


class EventDict(TypedDict):
    id: str
    type: str
    created_at: Optional[str]
    kind: str
    data: JSON
    extra: JsonObject


class ResponseDict(TypedDict):
    status: int
    request_id: Optional[str]
    data: JSON


class RetryAdviceDict(TypedDict):
    retry: bool
    delay_ms: int
    reason: str
    message: str


class RequestDict(TypedDict):
    method: str
    url: str
    headers: Dict[str, str]
    body: Optional[str]


# The constructors below read the core's JSON (json.loads output, hence Any).


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable ``code``, the JSON-path-like ``path`` of the
    field (``""`` for the whole object), a message for people, and whether it
    blocks the request (``error``) or is a hint (``warning``)."""

    code: str
    path: str
    message: str
    severity: Severity

    @classmethod
    def _from(cls, data: Any) -> Violation:
        return cls(data["code"], data["path"], data["message"], data["severity"])

    def to_dict(self) -> ViolationDict:
        return {"code": self.code, "path": self.path, "message": self.message, "severity": self.severity}


@dataclass(frozen=True)
class Report:
    """Every violation found (never only the first). ``valid`` is true when
    none is an error; warnings do not block a request."""

    valid: bool
    violations: Tuple[Violation, ...]

    @classmethod
    def _from(cls, data: Any) -> Report:
        return cls(bool(data["valid"]), tuple(Violation._from(v) for v in data["violations"]))

    @classmethod
    def _native(cls, valid: bool, violations: List[Tuple[str, str, str, Severity]]) -> Report:
        return cls(valid, tuple(Violation(*v) for v in violations))

    @property
    def errors(self) -> Tuple[Violation, ...]:
        """The violations that block the request."""
        return tuple(v for v in self.violations if v.severity == "error")

    @property
    def warnings(self) -> Tuple[Violation, ...]:
        """The hints (``unknown_field``, ``picture_not_public``, ``availability_unknown``)."""
        return tuple(v for v in self.violations if v.severity == "warning")

    def to_dict(self) -> ReportDict:
        return {"valid": self.valid, "violations": [v.to_dict() for v in self.violations]}


@dataclass(frozen=True)
class RequiredDomains:
    """Domains an order needs, per provider."""

    google: int
    microsoft: int
    total: int

    @classmethod
    def _from(cls, data: Any) -> RequiredDomains:
        return cls(data["google"], data["microsoft"], data["total"])

    def to_dict(self) -> RequiredDomainsDict:
        return {"google": self.google, "microsoft": self.microsoft, "total": self.total}


@dataclass(frozen=True)
class Unusable:
    """A picked domain that cannot serve, and why: ``invalid``, ``duplicate``,
    ``unknown`` (no availability row), ``premium``, ``not_needed``, or the row's
    own reason when it is unavailable (``taken``, ``errored``, ...)."""

    domain: str
    reason: str

    def to_dict(self) -> UnusableDict:
        return {"domain": self.domain, "reason": self.reason}


@dataclass(frozen=True)
class Plan:
    """Which picked domains serve Google and which Microsoft, how many are
    still missing per provider, and the picks that cannot serve."""

    google: Tuple[str, ...]
    microsoft: Tuple[str, ...]
    missing: RequiredDomains
    unusable: Tuple[Unusable, ...]

    @classmethod
    def _from(cls, data: Any) -> Plan:
        return cls(
            tuple(data["google"]),
            tuple(data["microsoft"]),
            RequiredDomains._from(data["missing"]),
            tuple(Unusable(u["domain"], u["reason"]) for u in data["unusable"]),
        )

    def to_dict(self) -> PlanDict:
        return {
            "google": list(self.google),
            "microsoft": list(self.microsoft),
            "missing": self.missing.to_dict(),
            "unusable": [u.to_dict() for u in self.unusable],
        }


@dataclass(frozen=True)
class DedupeWindow:
    """Whether re-sending an order's bytes still returns the original order
    (``inside``), when that stops (Unix seconds) and how long is left."""

    inside: bool
    expires_at: int
    remaining_seconds: int

    def to_dict(self) -> DedupeWindowDict:
        return {"inside": self.inside, "expires_at": self.expires_at, "remaining_seconds": self.remaining_seconds}


@dataclass(frozen=True)
class Verified:
    """An authentic delivery: the signed timestamp and the event id, when present."""

    timestamp: int
    event_id: Optional[str]

    @classmethod
    def _from(cls, data: Any) -> Verified:
        return cls(data["timestamp"], data.get("event_id"))

    def to_dict(self) -> VerifiedDict:
        return {"timestamp": self.timestamp, "event_id": self.event_id}


@dataclass(frozen=True)
class Event:
    """A webhook event. ``kind`` is the family of ``type`` (``order``,
    ``domain``, ``domain_import``, ``swap``, or ``unknown`` for a type this SDK
    does not know); ``data`` is the object (for ``order.completed`` the full
    order, whichever of the two documented shapes Peeker sent), ``extra`` the
    envelope members this SDK does not know. Dedupe on ``id``: deliveries repeat."""

    id: str
    type: str
    created_at: Optional[str]
    kind: EventKind
    data: JSON
    extra: JsonObject

    @classmethod
    def _from(cls, data: Any) -> Event:
        return cls(data["id"], data["type"], data["created_at"], data["kind"], data["data"], data["extra"])

    def to_dict(self) -> EventDict:
        return {
            "id": self.id,
            "type": self.type,
            "created_at": self.created_at,
            "kind": self.kind,
            "data": self.data,
            "extra": self.extra,
        }


@dataclass(frozen=True)
class Response:
    """A parsed success: the status, the ``Peeker-Request-Id`` and the typed
    ``data`` as JSON (a list endpoint's whole page ``{data, links, meta}``;
    ``None`` for a deletion without a body)."""

    status: int
    request_id: Optional[str]
    data: JSON

    @classmethod
    def _from(cls, data: Any) -> Response:
        return cls(data["status"], data.get("request_id"), data.get("data"))

    def to_dict(self) -> ResponseDict:
        return {"status": self.status, "request_id": self.request_id, "data": self.data}


@dataclass(frozen=True)
class RetryAdvice:
    """Whether to send a failed request again, after how long, and why."""

    retry: bool
    delay_ms: int
    reason: str
    message: str

    @classmethod
    def _from(cls, data: Any) -> RetryAdvice:
        return cls(data["retry"], data["delay_ms"], data["reason"], data["message"])

    @property
    def delay_seconds(self) -> float:
        """``delay_ms`` in seconds, for ``time.sleep``."""
        return self.delay_ms / 1000

    def to_dict(self) -> RetryAdviceDict:
        return {"retry": self.retry, "delay_ms": self.delay_ms, "reason": self.reason, "message": self.message}


@dataclass(frozen=True, repr=False)
class Request:
    """A request to send as it is with any HTTP client: the method, the
    absolute URL, every header and the exact body bytes (``None`` when there is
    no body). ``repr`` hides the API key and the body (an order body holds the
    Smartlead password); ``to_dict()`` has the real values."""

    method: Method
    url: str
    headers: Dict[str, str]
    body: Optional[bytes]

    @classmethod
    def _from(cls, data: Any) -> Request:
        body = data["body"]
        return cls(data["method"], data["url"], dict(data["headers"]), None if body is None else body.encode("utf-8"))

    def __repr__(self) -> str:
        headers = {k: REDACTED if k.lower() == "authorization" else v for k, v in self.headers.items()}
        body = "None" if self.body is None else f"<{len(self.body)} bytes>"
        return f"Request(method={self.method!r}, url={self.url!r}, headers={headers!r}, body={body})"

    __str__ = __repr__

    def to_dict(self) -> RequestDict:
        body = None if self.body is None else self.body.decode("utf-8")
        return {"method": self.method, "url": self.url, "headers": dict(self.headers), "body": body}


# Shown and pickled as `peeker_core.X`, the name users import.
for _cls in (Violation, Report, RequiredDomains, Unusable, Plan, DedupeWindow, Verified, Event, Response, RetryAdvice, Request):
    _cls.__module__ = "peeker_core"
