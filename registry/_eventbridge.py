"""EventBridge facts the registry and code bindings share: one home for each.

The JSON Schema dialect stored versions use, the `x-amazon-events-*` keys that tie a schema
to its event, the envelope's fields, how a detail-type becomes a PascalCase name, and what
makes a schema an envelope schema.
"""

from __future__ import annotations

import re
from typing import Any

JSONSCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema"
"""The `$schema` of every stored version (the canonical dialect)."""

SOURCE_KEY = "x-amazon-events-source"
DETAIL_TYPE_KEY = "x-amazon-events-detail-type"
ENVELOPE_KEYS = ("version", "id", "detail-type", "source", "account", "time", "region", "resources")
"""The envelope's fields besides `detail`."""

_NAME_BREAK = re.compile(r"[\s_\-]+")
_IDENTIFIER_BREAK = re.compile(r"[^0-9A-Za-z]+")


def pascal_case(text: str, *, identifier: bool = False) -> str:
    """`EC2 Instance State-change Notification` -> `EC2InstanceStateChangeNotification`.

    EventBridge's rule for schema names and titles: words split on whitespace, hyphens and
    underscores; each word's first letter is upper-cased and the rest kept as written (so
    acronyms survive). With `identifier`, every other character outside `[0-9A-Za-z]` splits
    words too (and is dropped), for component names. Empty when `text` has no word.
    """
    words = (_IDENTIFIER_BREAK if identifier else _NAME_BREAK).split(text)
    return "".join(word[0].upper() + word[1:] for word in words if word)


def schema_name(source: str, detail_type: str) -> str:
    """`aws.ec2@EC2InstanceStateChangeNotification`: how EventBridge names a discovered schema."""
    return f"{source}@{pascal_case(detail_type) or 'Event'}"


def is_envelope(schema: dict[str, Any]) -> bool:
    """True for a schema of a whole EventBridge event: it has `detail`, and it names its event
    (`x-amazon-events-*`) or has the envelope's `detail-type` beside `detail`."""
    properties = schema.get("properties")
    if not isinstance(properties, dict) or "detail" not in properties:
        return False
    return SOURCE_KEY in schema or DETAIL_TYPE_KEY in schema or "detail-type" in properties
