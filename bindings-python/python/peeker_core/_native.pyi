# Types of the Rust extension module (bindings-python/src/lib.rs).
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Optional, Union, final

DEFAULT_TOLERANCE_SECONDS: Final[int]
VERSION: Final[str]

@final
class Verified:
    """A verified delivery: the signed timestamp and the event id, when present."""

    @property
    def timestamp(self) -> int: ...
    @property
    def event_id(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Union[int, str, None]]: ...
    def __eq__(self, other: object) -> bool: ...

def canonicalize(text: str) -> str:
    """RFC 8785 canonical form of a JSON text. Raises JsonError."""

def sign_webhook(secret: str, timestamp: int, body: Union[bytes, str]) -> str:
    """The Peeker-Signature value (``v1=<hex>``) for body signed at timestamp."""

def verify_webhook(
    body: Union[bytes, str],
    headers: Union[Mapping[str, str], Iterable[tuple[str, str]]],
    secrets: Union[str, Sequence[str]],
    now: Optional[int] = None,
    tolerance: int = 300,
) -> Verified:
    """Check a delivery's signature and timestamp. ``now`` defaults to the host clock.

    Raises WebhookError (not authentic or unreadable) or ConfigError (bad arguments).
    """
