"""Optional helpers that send requests with the standard library's
``urllib.request``: ``send`` (a timeout, and retries that follow
``retry_advice``) and ``paginate`` (every item of a list, page after page).
The typed entry points, one overload per operation, are generated in
``_client``; everything else in the package works with any HTTP client.
"""

from __future__ import annotations

import http.client
import math
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Iterator, List, Optional, Tuple, get_args

from . import _native
from ._api import Dedupe, _ClientBase, retry_advice
from ._errors import ApiError, ConfigError
from ._models import ListOperation, Operation
from ._types import Request, Response

DEFAULT_TIMEOUT_SECONDS = 30.0
"""How long ``send`` waits to connect and for each read, by default."""

Sleep = Callable[[float], None]

_OPERATIONS = frozenset(get_args(Operation))
_LIST_OPERATIONS = frozenset(get_args(ListOperation))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # The API never redirects, and urllib would carry the Authorization
    # header to wherever a redirect points: a 3xx is answered as it is.
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _exchange(request: Request, timeout: float) -> Tuple[int, List[Tuple[str, str]], bytes]:
    """One HTTP exchange: (status, headers, raw body), error statuses included."""
    outgoing = urllib.request.Request(request.url, data=request.body, headers=request.headers, method=request.method)
    try:
        with _opener.open(outgoing, timeout=timeout) as response:
            return response.status, response.headers.items(), response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers.items(), err.read()
    except socket.timeout as err:
        if isinstance(err, TimeoutError):  # Python 3.10+: socket.timeout is TimeoutError
            raise
        raise TimeoutError(*err.args) from err  # Python 3.9: what send documents on every version


def _invalid(message: str) -> ConfigError:
    return ConfigError("invalid_argument", message)


def _check(operation: object, request: object, timeout: object, retries: object, sleep: object) -> None:
    """Argument errors before anything is sent; types are named, values never."""
    if not isinstance(operation, str):
        raise _invalid(f"`operation` must be a str, an operation name of the contract, got {type(operation).__name__}")
    if operation not in _OPERATIONS:
        raise _invalid("`operation` is not an operation name of the contract (e.g. `get_bundle`)")
    if not isinstance(request, Request):
        raise _invalid(f"`request` must be a peeker_core.Request (built by a Client method), got {type(request).__name__}")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not (0 < timeout < math.inf):
        raise _invalid("`timeout` must be a positive, finite number of seconds")
    if retries is not None and (isinstance(retries, bool) or not isinstance(retries, int) or retries < 0):
        raise _invalid("`retries` must be None (as many as retry_advice allows) or an int from 0")
    if not callable(sleep):
        raise _invalid(f"`sleep` must be callable with a number of seconds, got {type(sleep).__name__}")


def send(
    operation: Operation,
    request: Request,
    timeout: float,
    retries: Optional[int],
    first_sent_at: Optional[int],
    sleep: Sleep,
) -> Response[Any]:
    """See ``peeker_core.send``."""
    _check(operation, request, timeout, retries, sleep)
    if first_sent_at is not None and (isinstance(first_sent_at, bool) or not isinstance(first_sent_at, int)):
        raise _invalid(f"`first_sent_at` must be None or an int of Unix seconds, got {type(first_sent_at).__name__}")
    dedupe: Optional[Dedupe] = None
    if operation == "create_order":
        # The dedupe window runs from the first time these bytes were sent.
        dedupe = {"first_sent_at": int(time.time()) if first_sent_at is None else first_sent_at}
    attempt = 1
    while True:
        try:
            return Response._from(_native.parse_response(operation, *_exchange(request, timeout)))
        except (ApiError, OSError, http.client.HTTPException) as err:
            # OSError: no answer (refused, reset, timed out; URLError is one);
            # HTTPException: an answer cut short.
            advice = retry_advice(operation, err if isinstance(err, ApiError) else "network", attempt, dedupe=dedupe)
            if not advice.retry or (retries is not None and attempt > retries):
                raise
            sleep(advice.delay_seconds)
        attempt += 1


def paginate(
    client: _ClientBase,
    operation: Operation,
    request: Request,
    timeout: float,
    retries: Optional[int],
    sleep: Sleep,
) -> Iterator[Any]:
    """See ``peeker_core.paginate``."""
    if not isinstance(client, _ClientBase):
        raise _invalid(f"`client` must be a peeker_core.Client, got {type(client).__name__}")
    _check(operation, request, timeout, retries, sleep)
    if operation not in _LIST_OPERATIONS:
        raise _invalid("`operation` must be a list operation (`list_users`, `list_orders`, ...)")
    return _pages(client, operation, request, timeout, retries, sleep)


def _pages(
    client: _ClientBase, operation: Operation, request: Request, timeout: float, retries: Optional[int], sleep: Sleep
) -> Iterator[Any]:
    # A generator of its own, so that paginate's argument errors are raised
    # when it is called, not at the first next().
    while True:
        page = send(operation, request, timeout, retries, None, sleep)
        yield from page.data["data"]
        if page.next_link is None:
            return
        request = client.next_page(page.next_link)
