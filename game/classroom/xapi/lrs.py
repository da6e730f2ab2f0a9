"""Posting statements to an LRS's Statement Resource (xAPI 1.0.3,
Communication 2.1.2: ``POST .../statements`` with an array), with the
standard library's HTTP client.

Every answer falls in one of four kinds, because each asks for something
different of the sender:

* ``Stored``: the LRS has them (200, or 204 when it had them all already:
  the ids are deterministic, so a batch posted twice is stored once);
* ``Unreachable``: try again later (no connection, a timeout, 5xx, 429);
* ``Refused``: the LRS will not take them from us as configured (401/403
  credentials, 404 not an xAPI endpoint); trying again will not help until
  the teacher changes something;
* ``Rejected``: the LRS says these statements are wrong (400, 409, 413,
  422...); a batch is then posted one by one to find which.

Messages name the LRS by its address alone and never contain credentials.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from game.classroom.xapi.statements import VERSION
from game.classroom.xapi.target import AUTH_ENV, XapiTarget
from game.story.printable import printable

TIMEOUT_S = 10.0
_DETAIL_CHARS = 200


@dataclass(frozen=True, slots=True)
class Stored:
    pass


@dataclass(frozen=True, slots=True)
class Unreachable:
    reason: str


@dataclass(frozen=True, slots=True)
class Refused:
    reason: str


@dataclass(frozen=True, slots=True)
class Rejected:
    reason: str


Answer = Stored | Unreachable | Refused | Rejected


def post(target: XapiTarget, bodies: Sequence[str], timeout: float = TIMEOUT_S) -> Answer:
    """POST statements (each already JSON) as one array."""
    payload = ("[" + ",".join(bodies) + "]").encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Experience-API-Version": VERSION,
    }
    if target.authorization:
        headers["Authorization"] = target.authorization
    request = urllib.request.Request(
        target.endpoint + "/statements", data=payload, headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return Stored()
    except urllib.error.HTTPError as error:
        return _by_status(target, error.code, _detail(error))
    except urllib.error.URLError as error:
        return Unreachable(_reason(error.reason))
    except TimeoutError:
        return Unreachable(f"no answer within {timeout:g} s")
    except (OSError, ValueError) as error:  # a connection reset mid-answer, a bad header
        return Unreachable(_reason(error))


def _by_status(target: XapiTarget, status: int, detail: str) -> Answer:
    if status in (401, 403):
        if not target.authorization:
            return Refused(f"it asks for credentials (HTTP {status}): set {AUTH_ENV}=user:password")
        return Refused(f"it refused the credentials in {AUTH_ENV} (HTTP {status}); check them")
    if status == 404:
        return Refused(
            "it has no xAPI statements resource there (HTTP 404): give the LRS's xAPI "
            "endpoint, the address that /statements follows"
        )
    if status in (408, 429) or status >= 500:
        return Unreachable(f"HTTP {status}" + (f": {detail}" if detail else ""))
    return Rejected(f"HTTP {status}" + (f": {detail}" if detail else ""))


def _detail(error: urllib.error.HTTPError) -> str:
    """The LRS's own reason, short and printable (its ``detail`` or
    ``message`` when it answers JSON)."""
    try:
        text = error.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        text = json.dumps(parsed.get("detail") or parsed.get("message") or parsed)
    text = " ".join(printable(text).split())
    return text[:_DETAIL_CHARS] + ("…" if len(text) > _DETAIL_CHARS else "")


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: is it running?"
    if isinstance(reason, socket.gaierror):
        return "the host name is unknown"
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return printable(str(reason))
