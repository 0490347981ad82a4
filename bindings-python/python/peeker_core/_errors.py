"""Exception classes of peeker_core.

The native module raises these by the class name the core gives each error
kind, so the names here must match ``ErrorKind::class_name`` in core/src/error.rs.
"""

from __future__ import annotations

from typing import Any, Dict, Optional


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
    """A bad argument or configuration (``invalid_argument``, ``invalid_api_key``, ...)."""


class ValidationError(PeekerError):
    """Input that breaks the API's rules (``invalid_request``); ``report`` holds every
    violation as ``{"valid": bool, "violations": [{"code", "path", "message", "severity"}]}``."""

    report: Optional[Dict[str, Any]]

    def __init__(self, code: str, message: str, report: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(code, message)
        self.args = (code, message, report)
        self.report = report


class JsonError(PeekerError):
    """JSON text that cannot be canonicalized; ``line``/``column`` are 1-based or None."""

    line: Optional[int]
    column: Optional[int]

    def __init__(
        self, code: str, message: str, line: Optional[int] = None, column: Optional[int] = None
    ) -> None:
        super().__init__(code, message)
        # args keeps all four so the error pickles and copies whole.
        self.args = (code, message, line, column)
        self.line = line
        self.column = column


class WebhookError(PeekerError):
    """A webhook delivery that is not authentic or cannot be read."""


class InternalError(PeekerError):
    """A bug in the SDK; please report it."""


# Shown and pickled as `peeker_core.X`, the name users import.
for _cls in (PeekerError, ConfigError, ValidationError, JsonError, WebhookError, InternalError):
    _cls.__module__ = "peeker_core"
