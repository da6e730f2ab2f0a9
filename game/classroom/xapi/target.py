"""Where statements go: the LRS's address from ``--xapi`` and its credentials
from ``LOCUS_XAPI_AUTH``.

The address is checked when the command starts (a typo is one message, not
a lesson whose statements can never be sent), but the LRS is not contacted
then: play never waits for it. Credentials never travel on a command line
(``locus serve`` passes the address to its games as an argument, which any
user of the machine can read) and are never printed, so an address that
carries a user or a password is refused with a pointer to the variable.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from game.classroom.errors import ClassroomError

AUTH_ENV = "LOCUS_XAPI_AUTH"
_SCHEMES = ("Basic ", "Bearer ")  # a header value given whole


@dataclass(frozen=True, slots=True)
class XapiTarget:
    """An LRS and how statements for it are written. ``endpoint`` is the
    xAPI base address (``.../statements`` is below it); ``send_names`` puts
    the student's name in the actor, which only an explicit teacher's option
    turns on."""

    endpoint: str
    authorization: str | None = field(default=None, repr=False)
    send_names: bool = False


def parse_endpoint(text: str) -> str:
    """The LRS's xAPI base address, normalised (no trailing slash, no
    ``/statements``), or ClassroomError saying what is wrong with it."""
    shown = text.strip()
    try:
        parts = urlsplit(shown)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ClassroomError(_not_an_lrs(shown)) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ClassroomError(_not_an_lrs(shown))
    if parts.username is not None or parts.password is not None:
        raise ClassroomError(
            "The --xapi address must not contain a user name or password (it would show on "
            f"the command line). Give the address alone and put the credentials in {AUTH_ENV}, "
            f"for example {AUTH_ENV}=user:password."
        )
    if parts.query or parts.fragment:
        raise ClassroomError(
            f"The --xapi address {shown} has a query or a fragment; give the LRS's xAPI "
            "endpoint alone, such as https://lrs.school.example/xAPI."
        )
    path = parts.path.rstrip("/")
    if path.lower().endswith("/statements"):
        path = path[: -len("/statements")]
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def _not_an_lrs(shown: str) -> str:
    return (
        f"--xapi {shown!r} is not an http:// or https:// address of a learning record store "
        "(such as https://lrs.school.example/xAPI)."
    )


def authorization(value: str | None) -> str | None:
    """The ``Authorization`` header for ``LOCUS_XAPI_AUTH``: ``user:password``
    becomes HTTP Basic; a value that starts with ``Basic`` or ``Bearer`` is
    used as it is; unset or empty, no header."""
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith(_SCHEMES):
        return value
    if ":" not in value:
        raise ClassroomError(
            f"{AUTH_ENV} should be user:password (or a whole 'Basic ...' or 'Bearer ...' "
            "header value); it has no ':'."
        )
    return "Basic " + base64.b64encode(value.encode()).decode("ascii")


def target_from_options(url: str | None, *, send_names: bool = False) -> XapiTarget | None:
    """The target a command's ``--xapi`` option names (None: no xAPI), with
    the credentials of this environment."""
    if not url:
        return None
    return XapiTarget(parse_endpoint(url), authorization(os.environ.get(AUTH_ENV)), send_names)


def xapi_target(options: object) -> XapiTarget | None:
    """The target of parsed command-line options (``--xapi``,
    ``--xapi-send-names``), or None when they name none."""
    return target_from_options(
        getattr(options, "xapi", None), send_names=bool(getattr(options, "xapi_send_names", False))
    )
