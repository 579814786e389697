"""When is an object a map: do its keys look like data (ids, regions, codes), not names?

Objects keyed by data ("orders by id", "stock by warehouse") must become maps
(`additionalProperties`), not structs with one optional property per id ever seen. Field names
are words in some case style (`orderId`, `ship_to`, `line1`); data keys are numbers, UUIDs,
hashes, dates, addresses, AWS ids/regions/ARNs and upper-case codes with digits. The patterns are
deliberately narrow: a struct wrongly turned into a map loses its field names, which is worse than
a map left as a struct with a few optional properties.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from eventsmith.registry._string_formats import ALL_FORMATS, format_mask

_DATA_KEY = re.compile(
    r"""
      -?\d+(?:\.\d+)?                                   # numeric ids, years, ports
    | (?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}                 # hashes / hex ids with a digit
    | [a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d            # AWS regions (eu-west-1)
    | [a-z]{1,12}-[0-9a-f]{8,}                          # AWS resource ids (i-0abc..., sg-...)
    | arn:.+                                            # ARNs
    | (?=[A-Z0-9._:/-]*\d)[A-Z][A-Z0-9]*(?:[-_.:/][A-Z0-9]+)*   # codes: AMS1, WH-001, SKU_42
    | [a-z]+[-_.:/]\d{2,}(?:[-_.:/][a-z0-9]+)*         # prefixed ids: user-42, order_001
    | [a-z]+\d{4,}                                      # user12345 (sha256 stays a name)
    | [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+                  # emails
    """,
    re.VERBOSE | re.ASCII,
)


def is_data_key(key: str) -> bool:
    """True when `key` looks like a value (id, code, address, date...) rather than a name."""
    if _DATA_KEY.fullmatch(key):
        return True
    # Dates, times, UUIDs and IP addresses as keys ("2024-05-01": {...}).
    return format_mask(key, ALL_FORMATS) != 0


MAP_MIN_SPARSE_KEYS = 20
"""Keys needed before sparse, same-kind values alone make an object a map."""


def looks_like_map(
    keys: Collection[str], presence: Sequence[int], kinds: Sequence[frozenset[str]], objects: int
) -> bool:
    """Keys that are data, or many sparse keys whose values all have one kind.

    `presence[i]` is how many of the `objects` seen had `keys[i]`, `kinds[i]` the kinds of its
    values. Sparse means no key is in more than half of the objects: a struct's fields mostly
    come together, while a map holds a different handful of ids in every event.
    """
    if not keys:
        return False
    if all(is_data_key(key) for key in keys):
        return True
    if len(keys) < MAP_MIN_SPARSE_KEYS or max(presence) * 2 > objects:
        return False
    value_kinds = set(kinds)
    return len(value_kinds) == 1 and len(next(iter(value_kinds))) == 1
