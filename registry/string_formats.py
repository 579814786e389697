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

_DATE_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):(\d\d))", re.ASCII
)
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)", re.ASCII)
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):(\d\d))", re.ASCII)
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


def _valid_date(year: str, month: str, day: str) -> bool:
    m, d = int(month), int(day)
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(int(year), m)[1]


def _valid_clock(hour: str, minute: str, second: str) -> bool:
    # Leap second 60 is legal RFC 3339 but rare enough that refusing it costs nothing.
    return int(hour) <= 23 and int(minute) <= 59 and int(second) <= 59


def _valid_offset(hour: str | None, minute: str | None) -> bool:
    return hour is None or (minute is not None and int(hour) <= 23 and int(minute) <= 59)


def _is_date_time(value: str) -> bool:
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        return False
    y, mo, d, h, mi, s, oh, om = match.groups()
    return _valid_date(y, mo, d) and _valid_clock(h, mi, s) and _valid_offset(oh, om)


def _is_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    return match is not None and _valid_date(*match.groups())


def _is_time(value: str) -> bool:
    match = _TIME.fullmatch(value)
    if match is None:
        return False
    h, mi, s, oh, om = match.groups()
    return _valid_clock(h, mi, s) and _valid_offset(oh, om)


def _is_ipv6(value: str) -> bool:
    if "%" in value or not value.isascii():
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def format_mask(value: str, candidates: int = ALL_FORMATS) -> int:
    """The formats among `candidates` that `value` fits."""
    size = len(value)
    if size < 3:
        return 0
    mask = 0
    first = value[0]
    if first.isdigit():
        if candidates & DATE_TIME and size >= 20 and _is_date_time(value):
            mask |= DATE_TIME
        if candidates & DATE and size == 10 and _is_date(value):
            mask |= DATE
        if candidates & TIME and size >= 9 and value[2] == ":" and _is_time(value):
            mask |= TIME
        if candidates & IPV4 and size <= 15 and _IPV4.fullmatch(value):
            mask |= IPV4
    if candidates & UUID and size == 36 and _UUID.fullmatch(value):
        mask |= UUID
    if candidates & IPV6 and ":" in value and size <= 45 and _is_ipv6(value):
        mask |= IPV6
    if candidates & EMAIL and "@" in value and _EMAIL.fullmatch(value):
        mask |= EMAIL
    if candidates & URI and ":" in value and _URI.fullmatch(value):
        mask |= URI
    return mask


def format_name(mask: int) -> str | None:
    """The most specific format named by `mask`, or None when no format fits."""
    for bit, name in FORMAT_NAMES:
        if mask & bit:
            return name
    return None
