"""Fuzz `asl validate`, `asl render` and `match --explain` through the real CLI: arbitrary JSON,
arbitrary bytes and mutated real documents never end in a traceback."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.campaign import (
    budget,
    envelopes,
    json_objects,
    json_values,
    mutations,
    real_documents,
    run,
    workdir,
)

WORKFLOWS = (
    real_documents("resources/samples/workflows", "*.asl.json")
    + real_documents("tests/data/asl/published", "*.asl.json")[:40]
)
PATTERNS = real_documents("resources/samples/patterns", "*.json")
EVENTS = real_documents("resources/samples/events", "*.json")

workflow_texts = st.one_of(
    st.sampled_from(WORKFLOWS).flatmap(mutations).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=60),
    st.sampled_from(WORKFLOWS)
    .map(json.dumps)
    .flatmap(lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut])),
)


@budget(15)
@given(text=workflow_texts, suffix=st.sampled_from([".asl.json", ".asl.yaml"]))
def test_asl_validate_and_render(text: str, suffix: str) -> None:
    with workdir() as folder:
        path = folder / f"machine{suffix}"
        path.write_text(text, "utf-8")
        run("asl", "validate", str(path))
        run("asl", "validate", str(path), "--json")
        for form in ("svg", "dot", "mermaid"):
            run("asl", "render", str(path), "--format", form, "-o", str(folder / f"out.{form}"))


@budget(10)
@given(data=st.binary(max_size=120))
def test_asl_on_arbitrary_bytes(data: bytes) -> None:
    with workdir() as folder:
        path = folder / "machine.asl.json"
        path.write_bytes(data)
        run("asl", "validate", str(path))
        run("asl", "render", str(path), "-o", str(folder / "out.svg"))


patterns = st.one_of(
    st.sampled_from(PATTERNS).flatmap(mutations),
    json_objects,
    st.dictionaries(
        st.sampled_from(["source", "detail-type", "detail", "account"]),
        st.lists(json_values, max_size=3) | json_objects,
        max_size=3,
    ),
)
events: st.SearchStrategy[Any] = st.one_of(
    envelopes(), st.sampled_from(EVENTS).flatmap(mutations), json_values
)


@budget(15)
@given(pattern=patterns, events=st.lists(events, min_size=1, max_size=4))
def test_match_explain(pattern: Any, events: list[Any]) -> None:
    with workdir() as folder:
        pattern_file = folder / "rule.json"
        pattern_file.write_text(json.dumps(pattern), "utf-8")
        events_file = folder / "events.jsonl"
        events_file.write_text("\n".join(json.dumps(e) for e in events) + "\n", "utf-8")
        run("match", "--pattern", str(pattern_file), "--explain", str(events_file))
        run("match", "--pattern", str(pattern_file), "--explain", "--json", str(events_file))


@budget(10)
@given(pattern=st.binary(max_size=80), event=st.binary(max_size=80))
def test_match_on_arbitrary_bytes(pattern: bytes, event: bytes) -> None:
    with workdir() as folder:
        (folder / "rule.json").write_bytes(pattern)
        (folder / "events.json").write_bytes(event)
        run(
            "match",
            "--pattern",
            str(folder / "rule.json"),
            "--explain",
            str(folder / "events.json"),
        )
