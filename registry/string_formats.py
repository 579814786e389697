"""Which JSON Schema string formats a value fits, as a bit mask.

Discovery keeps, per field, the AND of the masks of every value seen, so a format survives only
when every observed value fits it. The checks are at least as strict as `jsonschema`'s format
checkers, so a schema carrying a format never rejects a sample it was inferred from. Each check
starts with cheap length/character tests because most strings fit no format at all.
"""

from __future__ import annotations

import calendar
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
FORMAT_BITS = {name: bit for bit, name in FORMAT_NAMES}

# Ranges are in the patterns so a match needs no further parsing; only days 29-31 are checked
# against the calendar afterwards.
_MONTH_DAY = r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_CLOCK = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)"
_DATE_TIME = re.compile(rf"\d{{4}}-{_MONTH_DAY}[Tt]{_CLOCK}", re.ASCII)
_DATE = re.compile(rf"\d{{4}}-{_MONTH_DAY}", re.ASCII)
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
    r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+"
)


def _day_exists(value: str) -> bool:
    day = value[8:10]
    return day <= "28" or int(day) <= calendar.monthrange(int(value[:4]), int(value[5:7]))[1]


def _is_date_time(value: str) -> bool:
    return _DATE_TIME.fullmatch(value) is not None and (value[8] < "2" or _day_exists(value))


def _is_date(value: str) -> bool:
    return _DATE.fullmatch(value) is not None and _day_exists(value)


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
    DATE_TIME: _is_date_time,
    DATE: _is_date,
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
