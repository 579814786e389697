"""Which JSON Schema string formats a value fits, as a bit mask.

Discovery keeps, per field, the AND of the masks of every value seen, so a format survives only
when every observed value fits it. The checks are at least as strict as `jsonschema`'s format
checkers, so a schema carrying a format never rejects a sample it was inferred from. Each check
starts with cheap length/character tests because most strings fit no format at all.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

DATE_TIME = 1
DATE = 2
TIME = 4
UUID = 8
IPV4 = 16
IPV6 = 32
EMAIL = 64
URI = 128
ALL_FORMATS = 255

# When several formats fit every value, the most specific one is named.
FORMAT_NAMES: tuple[tuple[int, str], ...] = (
    (DATE_TIME, "date-time"),
    (DATE, "date"),
    (TIME, "time"),
    (UUID, "uuid"),
    (IPV4, "ipv4"),
    (IPV6, "ipv6"),
    (EMAIL, "email"),
    (URI, "uri"),
)

# Every range is in the patterns (days per month and leap years included), so a check is one C
# call with no Python frame. Year 0000 is refused as Python's `date` and rfc3339-validator do.
_LEAP_YEAR = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))"
)
_FULL_DATE = rf"(?!0000)(?:\d{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
# Leap second 60 is legal RFC 3339 but rare enough that refusing it costs nothing.
_CLOCK = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)"
_DATE_TIME = re.compile(rf"{_FULL_DATE}[Tt]{_CLOCK}", re.ASCII)
_DATE = re.compile(_FULL_DATE, re.ASCII)
_TIME = re.compile(_CLOCK, re.ASCII)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_IPV4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
)
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
# Only hierarchical URIs (`scheme://...`) and `urn:`/`mailto:`: an ARN (`arn:aws:...`) fits the
# bare RFC 3986 grammar, but calling every ARN a URI would mislead code generators.
_URI = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|urn:|mailto:)"
    r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]++|%[0-9A-Fa-f]{2})++"
)


def _is_date_time(value: str) -> bool:
    return _DATE_TIME.fullmatch(value) is not None


def _is_date(value: str) -> bool:
    return _DATE.fullmatch(value) is not None


def _is_time(value: str) -> bool:
    return _TIME.fullmatch(value) is not None


def _is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def _is_ipv4(value: str) -> bool:
    return _IPV4.fullmatch(value) is not None


def _is_email(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


def _is_uri(value: str) -> bool:
    return _URI.fullmatch(value) is not None


def _is_ipv6(value: str) -> bool:
    if "%" in value or not value.isascii():
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


_CHECKS: dict[int, Callable[[str], object]] = {
    DATE_TIME: _DATE_TIME.fullmatch,
    DATE: _DATE.fullmatch,
    TIME: _TIME.fullmatch,
    UUID: _UUID.fullmatch,
    IPV4: _IPV4.fullmatch,
    IPV6: _is_ipv6,
    EMAIL: _EMAIL.fullmatch,
    URI: _URI.fullmatch,
}
_SINGLE = _CHECKS.get


def single_check(mask: int) -> Callable[[str], object] | None:
    """The one test left when `mask` names exactly one format (truthy result: it fits)."""
    return _CHECKS.get(mask)


def format_mask(value: str, candidates: int = ALL_FORMATS) -> int:
    """The formats among `candidates` that `value` fits (always a subset of `candidates`)."""
    # After the first value a field usually has one candidate left: check just that one.
    check = _SINGLE(candidates)
    if check is not None:
        return candidates if check(value) else 0
    size = len(value)
    if size < 3:
        return 0
    mask = 0
    if value[0].isdigit():
        if candidates & DATE_TIME and size >= 20 and _is_date_time(value):
            mask |= DATE_TIME
        if candidates & DATE and size == 10 and _is_date(value):
            mask |= DATE
        if candidates & TIME and size >= 9 and value[2] == ":" and _is_time(value):
            mask |= TIME
        if candidates & IPV4 and size <= 15 and _is_ipv4(value):
            mask |= IPV4
    if candidates & UUID and size == 36 and _is_uuid(value):
        mask |= UUID
    if candidates & IPV6 and ":" in value and size <= 45 and _is_ipv6(value):
        mask |= IPV6
    if candidates & EMAIL and "@" in value and _is_email(value):
        mask |= EMAIL
    if candidates & URI and ":" in value and _is_uri(value):
        mask |= URI
    return mask


def format_name(mask: int) -> str | None:
    """The most specific format named by `mask`, or None when no format fits."""
    for bit, name in FORMAT_NAMES:
        if mask & bit:
            return name
    return None
