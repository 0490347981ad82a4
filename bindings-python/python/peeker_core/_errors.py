"""Exception classes of peeker_core.

The native module constructs these with their fields (code, message, and
the report, position or API error fields), the class found in
:data:`BY_KIND` by the core's error kind. Messages never contain a secret
(the core's rule; the binding's own messages name types, never values).
"""

from __future__ import annotations

from typing import Dict, Optional, Type

from ._models import JSON
from ._types import Report


class PeekerError(Exception):
    """Base of every error the SDK raises. Branch on ``code``, not on ``message``."""

    code: str
    message: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class ConfigError(PeekerError):
    """A bad argument or configuration (``invalid_argument``, ``invalid_api_key``,
    ``invalid_base_url``): a developer's mistake, not the user's input."""


class ValidationError(PeekerError):
    """Input that breaks the API's rules (``invalid_request``), raised by the
    request builders and ``estimate_required_domains``; ``report`` holds every
    violation. (The ``validate_*`` functions return the report instead.)"""

    report: Optional[Report]

    def __init__(self, code: str, message: str, report: Optional[Report] = None) -> None:
        super().__init__(code, message)
        self.args = (code, message, report)
        self.report = report


class JsonError(PeekerError):
    """JSON text that cannot be canonicalized; ``line``/``column`` are 1-based or None."""

    line: Optional[int]
    column: Optional[int]

    def __init__(self, code: str, message: str, line: Optional[int] = None, column: Optional[int] = None) -> None:
        super().__init__(code, message)
        # args keeps all four so the error pickles and copies whole.
        self.args = (code, message, line, column)
        self.line = line
        self.column = column


class WebhookError(PeekerError):
    """A webhook delivery that is not authentic or cannot be read (answer it with 400)."""


class ApiError(PeekerError):
    """An error answer of the Peeker API: Peeker's own ``code`` (unknown codes kept
    as sent; ``unexpected_response`` for a body that is not Peeker's error shape),
    the HTTP ``status``, the ``field`` at fault, Peeker's ``details``, the
    ``request_id`` to quote to support, and ``retry_after_seconds`` for 429s."""

    status: int
    field: Optional[str]
    details: JSON
    request_id: Optional[str]
    retry_after_seconds: Optional[int]

    def __init__(
        self,
        code: str,
        message: str,
        status: int = 0,
        field: Optional[str] = None,
        details: JSON = None,
        request_id: Optional[str] = None,
        retry_after_seconds: Optional[int] = None,
    ) -> None:
        super().__init__(code, message)
        self.args = (code, message, status, field, details, request_id, retry_after_seconds)
        self.status = status
        self.field = field
        self.details = details
        self.request_id = request_id
        self.retry_after_seconds = retry_after_seconds

    def __str__(self) -> str:
        where = "".join(
            [f", field `{self.field}`" if self.field else "", f", request {self.request_id}" if self.request_id else ""]
        )
        return f"{self.code} (HTTP {self.status}{where}): {self.message}"


class InternalError(PeekerError):
    """A bug in the SDK; please report it."""


BY_KIND: Dict[str, Type[PeekerError]] = {
    "config": ConfigError,
    "validation": ValidationError,
    "json": JsonError,
    "webhook": WebhookError,
    "api": ApiError,
    "internal": InternalError,
}
"""The class of each error kind of the core (``ErrorKind::as_str``)."""


# Shown and pickled as `peeker_core.X`, the name users import.
for _cls in (PeekerError, ConfigError, ValidationError, JsonError, WebhookError, ApiError, InternalError):
    _cls.__module__ = "peeker_core"
