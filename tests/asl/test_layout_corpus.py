"""The layout's geometry on real workflows: the bundled samples, the layout corpus of published
AWS workflows (`tests/data/asl/layout/`, loops and labels chosen for the layout) and the
validation corpus of published definitions (`tests/data/asl/published/`, broken ones included).

Every edge keeps clear of every state's body (its own source and target included) and every
label sits on its edge; `layout_checks.layout_problems` says what is wrong where.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from eventsmith.asl import Box, Point, build_graph, layout_graph, parse_document
from tests.asl.layout_checks import layout_problems

ROOT = Path(__file__).parents[2]
LAYOUT = ROOT / "tests" / "data" / "asl" / "layout"
VALIDATION = ROOT / "tests" / "data" / "asl" / "published"
SAMPLES = ROOT / "resources" / "samples" / "workflows"
CORPUS = (
    sorted(LAYOUT.glob("*.asl.json"))
    + sorted(SAMPLES.iterdir())
    + sorted(
        path for path in VALIDATION.rglob("*")
        if path.suffix in (".json", ".yaml", ".yml") and path.name != "verdicts.json"
    )
)  # fmt: skip


def test_the_layout_corpus_is_big_enough_and_documented() -> None:
    published = sorted(LAYOUT.glob("*.asl.json"))
    assert len(published) >= 30
    readme = (LAYOUT / "README.md").read_text()
    assert all(f"| {path.name} |" in readme for path in published)
    assert len(CORPUS) > 150  # with the validation corpus, when it is there


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: str(path.relative_to(ROOT)))
def test_edges_avoid_bodies_and_labels_sit_on_their_edges(path: Path) -> None:
    parsed = parse_document(path.read_text(encoding="utf-8", errors="replace"), str(path))
    for machine in parsed.state_machines:
        layout = layout_graph(build_graph(machine))
        assert layout_problems(layout) == [], machine.name


def test_a_loop_back_from_a_choice_leaves_upwards_with_its_label_on_the_way() -> None:
    # The shape that used to break: the loop's label was ranked below the Choice, so the route
    # left the Choice's top, ran down through its body to the label and climbed beside it.
    definition = yaml.safe_load((LAYOUT / "execute-athena-query.asl.json").read_text())
    layout = layout_graph(build_graph(definition))
    (loop,) = [route for route in layout.edges if route.back]
    choice = layout.nodes[loop.edge.source]
    wait = layout.nodes[loop.edge.target]
    assert loop.points[0].y == choice.y and loop.points[1].y < choice.y
    assert loop.label is not None and wait.bottom < loop.label.y < loop.label.bottom < choice.y


def test_the_check_sees_an_edge_through_its_source_and_a_label_beside_its_edge() -> None:
    # The old drawing of a loop, rebuilt by hand: out of the Choice's top, down through it.
    definition = yaml.safe_load((LAYOUT / "execute-athena-query.asl.json").read_text())
    layout = layout_graph(build_graph(definition))
    index, loop = next((i, r) for i, r in enumerate(layout.edges) if r.back and r.label)
    choice = layout.nodes[loop.edge.source]
    assert loop.label is not None
    x = loop.points[0].x
    below = choice.bottom + 20
    broken = replace(
        loop,
        points=(Point(x, choice.y), Point(x, below), Point(x + 300, below),
                Point(x + 300, loop.points[-1].y)),
        label=Box(x + 20, below + 10, loop.label.width, loop.label.height),
    )  # fmt: skip
    edges = (*layout.edges[:index], broken, *layout.edges[index + 1 :])
    problems = layout_problems(replace(layout, edges=edges))
    assert any("runs through " + loop.edge.source in problem for problem in problems)
    assert any("is not on its edge" in problem for problem in problems)
    assert any("does not end on its target's border" in problem for problem in problems)


def test_several_self_loops_of_one_state_go_round_each_other() -> None:
    definition = {
        "StartAt": "Poll",
        "States": {
            "Poll": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True,
                     "Catch": [{"ErrorEquals": ["Busy"], "Next": "Poll"},
                               {"ErrorEquals": ["States.Timeout", "Throttled"], "Next": "Poll"}]},
        },
    }  # fmt: skip
    layout = layout_graph(build_graph(definition))
    assert layout_problems(layout) == []  # labels on their own loops, not on top of each other
    inner, outer = [route for route in layout.edges if route.edge.source == route.edge.target]
    assert inner.label is not None and outer.label is not None
    assert inner.label.right < outer.label.x  # side by side, each on its loop's run
    assert max(p.x for p in inner.points) < max(p.x for p in outer.points)
    assert max(p.y for p in inner.points) < max(p.y for p in outer.points)
