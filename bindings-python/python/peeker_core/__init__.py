"""peeker_core: the Peeker partner API SDK core (canonical JSON, webhook signatures).

Every function is implemented once in Rust; errors are ``PeekerError`` subclasses
carrying a stable ``code``.
"""

from ._errors import ConfigError, InternalError, JsonError, PeekerError, ValidationError, WebhookError
from ._native import (
    DEFAULT_TOLERANCE_SECONDS,
    VERSION,
    Verified,
    canonicalize,
    sign_webhook,
    verify_webhook,
)

__version__ = VERSION

__all__ = [
    "DEFAULT_TOLERANCE_SECONDS",
    "ConfigError",
    "InternalError",
    "JsonError",
    "PeekerError",
    "ValidationError",
    "Verified",
    "WebhookError",
    "canonicalize",
    "sign_webhook",
    "verify_webhook",
]
