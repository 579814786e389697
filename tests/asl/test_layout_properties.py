"""Property test: random state machines (nested Parallel/Map, Choice, Catch, loops) always lay out
without overlaps, with containers around their contents and edges between existing boxes."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsmith.asl import build_graph, layout_graph
from tests.asl.layout_checks import check_layout

SIMPLE = ["Task", "Pass", "Wait", "Choice", "Succeed", "Fail"]
NAME_WORDS = st.sampled_from(["Charge", "a", "very long state name indeed", "<&>", "ß", "x/y~z"])


@st.composite
def scopes(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    count = draw(st.integers(1, 5))
    words = draw(st.lists(NAME_WORDS, min_size=count, max_size=count))
    names = [f"{word} {index}" for index, word in enumerate(words)]
    target = st.sampled_from(names)  # any state of the scope: forward jumps, loops, self loops
    kinds = SIMPLE + (["Parallel", "Map"] if depth < 2 else [])
    states: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(kinds))
        state: dict[str, Any] = {"Type": kind}
        if kind == "Choice":
            rules = draw(st.lists(target, min_size=1, max_size=3))
            state["Choices"] = [
                {"Variable": "$.n", "NumericEquals": number, "Next": next_name}
                for number, next_name in enumerate(rules)
            ]
            if draw(st.booleans()):
                state["Default"] = draw(target)
        elif kind not in ("Succeed", "Fail"):
            if draw(st.booleans()):
                state["Next"] = draw(target)
            else:
                state["End"] = True
        if kind in ("Task", "Parallel", "Map") and draw(st.booleans()):
            state["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": draw(target)}]
        if kind == "Parallel":
            state["Branches"] = draw(st.lists(scopes(depth + 1), min_size=1, max_size=3))
        if kind == "Map":
            state["ItemProcessor"] = draw(scopes(depth + 1))
        states[name] = state
    return {"StartAt": names[0], "States": states}


@settings(
    max_examples=int(os.environ.get("LAYOUT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(scopes())
def test_random_state_machines_lay_out_cleanly(definition: dict[str, Any]) -> None:
    graph = build_graph(definition)
    layout = layout_graph(graph)
    check_layout(layout)
    assert layout_graph(graph) == layout  # deterministic
