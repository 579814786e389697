"""Campaigns over inputs with known open bugs (issue 13, being fixed on the `hardening` branch).

They run in the suite as non-strict xfails: they pass once the fixes land, and show which inputs
still fail until then. Remove the marks when hardening merges.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.campaign import budget, json_objects, json_values, run, workdir
from tests.fuzz.test_fuzz_schemas import round_trip, write_lines


@pytest.mark.xfail(
    strict=False,
    reason="issue 13 wrong results 6/7: a root that is not an object loses its type on export",
)
@budget(5, shrink=False)
@given(lines=st.lists(json_values.filter(lambda v: not isinstance(v, dict)), min_size=1))
def test_non_object_roots_round_trip(lines: list[Any]) -> None:
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        run("--registry", str(registry), "discover", str(write_lines(folder, lines, [])))
        round_trip(registry, folder)


@pytest.mark.xfail(
    strict=False,
    reason="issue 13 wrong result 5: a top-level definitions/$defs key makes a new version",
)
@budget(5, shrink=False)
@given(
    key=st.sampled_from(["definitions", "$defs"]),
    value=st.dictionaries(
        st.sampled_from(["Pet", "Order"]),
        st.fixed_dictionaries({"type": st.just("object"), "properties": json_objects}),
        min_size=1,
    ),
    rest=json_objects,
)
def test_definitions_keys_rediscover_unchanged(key: str, value: Any, rest: Any) -> None:
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        events = write_lines(folder, [{**rest, key: value}], [])
        run("--registry", str(registry), "discover", str(events), "--name", "docs")
        again = run(
            "--registry", str(registry), "discover", str(events), "--name", "docs", "--json"
        )
        statuses = {entry["status"] for entry in json.loads(again.stdout)["schemas"]}
        assert statuses <= {"unchanged"}, again.stdout
        round_trip(registry, folder)


@pytest.mark.xfail(
    strict=False,
    reason="issue 13 wrong result 6: a key with no letter or digit, or named like the schema, "
    "takes the schema's component name and the OpenAPI export loses the root",
)
@budget(5, shrink=False)
@given(key=st.sampled_from(["", "-", " ", "\u00b2", "docs", "Docs"]), value=json_objects)
def test_keys_named_like_the_schema_round_trip(key: str, value: Any) -> None:
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        events = write_lines(folder, [{key: value}], [])
        run("--registry", str(registry), "discover", str(events), "--name", "docs")
        round_trip(registry, folder)


@pytest.mark.xfail(
    strict=False, reason="issue 13 crash 3: deep nesting (depth limits are hardening's)"
)
@pytest.mark.slow
@budget(2, shrink=False)
@given(depth=st.sampled_from([300, 1_100]))
def test_deep_documents_through_discovery_and_export(depth: int) -> None:
    document: Any = {"leaf": 1}
    for _ in range(depth):
        document = {"detail": document}
    with workdir() as folder:
        registry = folder / "registry.sqlite3"
        events = write_lines(folder, [document], [])
        run("--registry", str(registry), "discover", str(events), "--name", "deep")
        run("--registry", str(registry), "discover", str(events), "--name", "deep")
        round_trip(registry, folder)
