"""The SDK's own results: frozen dataclasses with ``to_dict()`` (the core's
wire shape, the API's snake_case keys), built from what the native module
returns. The API's objects are the TypedDicts of ``_models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Generic, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypeVar, TypedDict, Union

from ._models import JSON, RequiredDomains, RetryReason, Severity, ViolationCode

Environment = Literal["live", "test"]
Method = Literal["GET", "POST", "PATCH", "DELETE"]

Body = Union[bytes, bytearray, memoryview, str]
"""A raw HTTP body: bytes as received (``str`` is taken as its UTF-8 encoding)."""

Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]
"""Headers as a mapping (``dict``, Starlette's or Flask's ``request.headers``) or
``(name, value)`` pairs; names compare case-insensitively."""

Secrets = Union[str, Sequence[str]]
"""One webhook secret, or several while rotating."""

QueryValue = Union[str, int, None]
"""A query option's value (``None`` leaves the option out)."""

REDACTED = "[redacted]"

T = TypeVar("T", covariant=True)


class ViolationDict(TypedDict):
    code: ViolationCode
    path: str
    message: str
    severity: Severity


class ReportDict(TypedDict):
    valid: bool
    violations: List[ViolationDict]


class UnusableDomainDict(TypedDict):
    domain: str
    reason: str


class PlanDict(TypedDict):
    google: List[str]
    microsoft: List[str]
    missing: RequiredDomains
    unusable: List[UnusableDomainDict]


class DedupeWindowDict(TypedDict):
    inside: bool
    expires_at: int
    remaining_seconds: int


class VerifiedDict(TypedDict):
    timestamp: int


class RetryAdviceDict(TypedDict):
    retry: bool
    delay_ms: int
    reason: RetryReason
    message: str


class RequestDict(TypedDict):
    method: Method
    url: str
    headers: Dict[str, str]
    body: Optional[str]


# The constructors below read what the native module returns (the core's
# wire shapes as dicts, typed Any in its stub).


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable ``code``, the JSON-path-like ``path`` of the
    field (``""`` for the whole object), a message for people, and whether it
    blocks the request (``error``) or is a hint (``warning``)."""

    code: ViolationCode
    path: str
    message: str
    severity: Severity

    def to_dict(self) -> ViolationDict:
        return {"code": self.code, "path": self.path, "message": self.message, "severity": self.severity}


@dataclass(frozen=True)
class Report:
    """Every violation found (never only the first). ``valid`` is true when
    none is an error; warnings do not block a request."""

    valid: bool
    violations: Tuple[Violation, ...]

    @classmethod
    def _native(cls, valid: bool, violations: List[Tuple[ViolationCode, str, str, Severity]]) -> Report:
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
class UnusableDomain:
    """A picked domain that cannot serve, and why: ``invalid``, ``duplicate``,
    ``unknown`` (no availability row), ``premium``, ``not_needed``, or the row's
    own reason when it is unavailable (``taken``, ``errored``, ...)."""

    domain: str
    reason: str

    def to_dict(self) -> UnusableDomainDict:
        return {"domain": self.domain, "reason": self.reason}


@dataclass(frozen=True)
class Plan:
    """Which picked domains serve Google and which Microsoft, how many are
    still missing per provider, and the picks that cannot serve."""

    google: Tuple[str, ...]
    microsoft: Tuple[str, ...]
    missing: RequiredDomains
    unusable: Tuple[UnusableDomain, ...]

    @classmethod
    def _from(cls, data: Any) -> Plan:
        unusable = tuple(UnusableDomain(u["domain"], u["reason"]) for u in data["unusable"])
        return cls(tuple(data["google"]), tuple(data["microsoft"]), data["missing"], unusable)

    def to_dict(self) -> PlanDict:
        return {
            "google": list(self.google),
            "microsoft": list(self.microsoft),
            "missing": self.missing,
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
    """An authentic delivery: only what the signature covers. The
    ``Peeker-Event-Id`` header is not signed: dedupe on the verified event's
    ``id`` (``construct_event``, spec/DECISIONS.md D6)."""

    timestamp: int

    @classmethod
    def _from(cls, data: Any) -> Verified:
        return cls(data["timestamp"])

    def to_dict(self) -> VerifiedDict:
        return {"timestamp": self.timestamp}


@dataclass(frozen=True)
class Response(Generic[T]):
    """A parsed success: the status, the ``Peeker-Request-Id``, the ``data``
    typed by operation (a list's whole page ``{data, links, meta}``; ``None``
    for a deletion without a body) and, for a page, ``next_link``: its
    ``links.next``, to give to ``Client.next_page`` (``None`` on the last page)."""

    status: int
    request_id: Optional[str]
    data: T
    next_link: Optional[str]

    @classmethod
    def _from(cls, data: Any) -> Response[Any]:
        return Response(data["status"], data["request_id"], data["data"], data["next_link"])

    def to_dict(self) -> Dict[str, object]:
        return {"status": self.status, "request_id": self.request_id, "data": self.data, "next_link": self.next_link}


@dataclass(frozen=True)
class RetryAdvice:
    """Whether to send a failed request again, after how long, and why."""

    retry: bool
    delay_ms: int
    reason: RetryReason
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
        return cls(data["method"], data["url"], data["headers"], None if body is None else body.encode("utf-8"))

    def __repr__(self) -> str:
        headers = {k: REDACTED if k.lower() == "authorization" else v for k, v in self.headers.items()}
        body = "None" if self.body is None else f"<{len(self.body)} bytes>"
        return f"Request(method={self.method!r}, url={self.url!r}, headers={headers!r}, body={body})"

    __str__ = __repr__

    def to_dict(self) -> RequestDict:
        body = None if self.body is None else self.body.decode("utf-8")
        return {"method": self.method, "url": self.url, "headers": dict(self.headers), "body": body}


# Shown and pickled as `peeker_core.X`, the name users import.
for _cls in (Violation, Report, UnusableDomain, Plan, DedupeWindow, Verified, Response, RetryAdvice, Request):
    _cls.__module__ = "peeker_core"
