"""Shared pieces of the fuzz campaigns: budgets, inputs, and running the real CLI in-process.

Budgets: each campaign runs `examples` examples by default (a few seconds). The nightly-size
run raises every budget at once:

    EVENTSMITH_FUZZ=nightly python -m pytest tests/fuzz -q
    # or, the same through hypothesis' own option:
    python -m pytest tests/fuzz -q --hypothesis-profile nightly

`EVENTSMITH_FUZZ_EXAMPLES=N` sets every campaign to N examples instead.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from eventsmith.cli.main import cli
from eventsmith.registry import pascal_case

ROOT = Path(__file__).parents[2]
NIGHTLY_EXAMPLES = 2_000


def _nightly() -> bool:
    profile = getattr(settings, "get_current_profile_name", lambda: "default")()
    return os.environ.get("EVENTSMITH_FUZZ") == "nightly" or profile == "nightly"


def budget(examples: int, *, shrink: bool = True) -> settings:
    """Settings for one campaign: `examples` by default, the nightly size when asked for.
    Campaigns over known failures do not shrink: finding one failing input is enough."""
    if "EVENTSMITH_FUZZ_EXAMPLES" in os.environ:
        examples = int(os.environ["EVENTSMITH_FUZZ_EXAMPLES"])
    elif _nightly():
        examples = NIGHTLY_EXAMPLES
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        phases=tuple(Phase) if shrink else (Phase.explicit, Phase.generate),
    )


# -- inputs -----------------------------------------------------------------------------------

# Keys and strings that mean something to eventsmith or JSON Schema, beside arbitrary text.
MEANINGFUL = st.sampled_from(
    [
        "type", "properties", "items", "$ref", "anyOf", "enum", "format", "required", "title",
        "detail", "source", "detail-type", "id", "time", "version", "Type", "States", "StartAt",
        "Next", "End", "Resource", "prefix", "numeric", "exists", "anything-but", "", " ", "-",
        "2026-01-31T10:00:00Z", "315c1398-40ff-a850-213b-158f73e60175", "a@b.example",
        "10.0.0.1", "https://x.example/y", "class", "None", "from", "__init__", "0abc", "A-b",
        "\u00e9t\u00e9", "\U0001d400", "line\nbreak", "tab\there", "\u2028",
    ]
)  # fmt: skip
# Top-level `definitions`/`$defs` keys (issue 13, wrong result 5) have their own campaign in
# test_fuzz_known.py.
KNOWN_BROKEN_KEYS = frozenset({"definitions", "$defs"})
# A key with no ASCII letter or digit (``, `-`, `²`) names its object component like the schema
# itself (the OpenAPI export lost the root before issue 13's fix): test_fuzz_known.py.
# The campaigns' schema names are chosen so that no key PascalCases to one of them.
SCHEMA_NAMES = ("fuzzdocs", "Klass", "x-1", "\u00e9t\u00e9s")
_TAKEN = {pascal_case(name) for name in SCHEMA_NAMES} | {""}
keys = st.one_of(MEANINGFUL, st.text(max_size=8)).filter(
    lambda k: (
        k not in KNOWN_BROKEN_KEYS
        and pascal_case(k) not in _TAKEN
        and any(c.isascii() and c.isalnum() for c in k)
    )
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    MEANINGFUL,
    st.text(max_size=12),
)
# Depth stays modest here: deep nesting has its own campaign in test_fuzz_known.py.
json_values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=20,
)
json_objects = st.dictionaries(keys, json_values, max_size=6)


@st.composite
def envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """An EventBridge event with an arbitrary detail, from a few sources and detail-types."""
    return {
        "version": "0",
        "id": "315c1398-40ff-a850-213b-158f73e60175",
        "detail-type": draw(st.sampled_from(["Order Placed", "order placed", "Thing", "x.y"])),
        "source": draw(st.sampled_from(["shop.orders", "aws.ec2", "a"])),
        "account": "123456789012",
        "time": "2026-01-31T10:00:00Z",
        "region": "eu-west-1",
        "resources": [],
        "detail": draw(json_objects),
    }


def json_paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += json_paths(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += json_paths(child, (*at, index))
    return found


@st.composite
def mutations(draw: st.DrawFn, document: Any, steps: int = 3) -> Any:
    """`document` after a few random edits: values replaced, keys deleted or renamed."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, steps))):
        path = draw(st.sampled_from(json_paths(document)))
        if not path:
            document = draw(json_values)
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "rename"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(keys)] = parent.pop(path[-1])
        else:
            parent[path[-1]] = draw(json_values)
    return document


def real_documents(folder: str, *patterns: str) -> list[Any]:
    found = []
    for pattern in patterns:
        for path in sorted((ROOT / folder).rglob(pattern)):
            try:
                found.append(json.loads(path.read_text("utf-8")))
            except ValueError:
                continue
    return found


# -- running ----------------------------------------------------------------------------------


@contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="eventsmith-fuzz-") as folder:
        yield Path(folder)


def run(*args: str, stdin: bytes | None = None) -> Result:
    """The real CLI, in-process (a subprocess per example would spend the budget on start-up);
    fails the test on any exception other than a normal exit."""
    cache = tempfile.gettempdir() + "/eventsmith-fuzz-cache"
    result = CliRunner().invoke(cli, list(args), input=stdin, env={"XDG_CACHE_HOME": cache})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"eventsmith {' '.join(args)} raised {result.exception!r}\n{result.output}"
        ) from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    return result
