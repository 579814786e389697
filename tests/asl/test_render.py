"""SVG, DOT and Mermaid output: well-formed, complete, escaped, accepted by the real tools."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventsmith.asl import build_graph, layout_graph, render_dot, render_mermaid, render_svg
from tests.asl.layout_checks import check_layout
from tests.asl.test_graph import BROKEN

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
NAMES = sorted(path.name for path in SAMPLES.iterdir())
SVG = "{http://www.w3.org/2000/svg}"

NASTY = {
    "Comment": "names that break naive escaping",
    "StartAt": 'Say "hi" <b>&amp;</b>',
    "States": {
        'Say "hi" <b>&amp;</b>': {
            "Type": "Choice",
            "Choices": [{"Variable": "$.a", "StringEquals": "x\"<y>'&#", "Next": "end"}],
            "Default": "subgraph",
        },
        "end": {"Type": "Succeed"},
        "subgraph": {
            "Type": "Parallel",
            "End": True,
            "Branches": [{"StartAt": "a -> b; c", "States": {"a -> b; c": {"Type": "Pass",
                                                                            "Next": "\\n{x}"}}}],
        },
    },
}  # fmt: skip


def load(name: str) -> Any:
    return yaml.safe_load((SAMPLES / name).read_text())


@pytest.mark.parametrize("definition", [*(load(n) for n in NAMES), NASTY], ids=[*NAMES, "nasty"])
def test_svg_is_xml_with_one_shape_per_state(definition: Any) -> None:
    graph = build_graph(definition)
    root = ET.fromstring(render_svg(layout_graph(graph)))
    assert root.tag == f"{SVG}svg"
    states = [g for g in root.iter(f"{SVG}g") if "state" in g.get("class", "").split()]
    assert sorted(g.get("data-node-id") for g in states) == sorted(n.id for n in graph.nodes)
    for group in states:
        shapes = [child for child in group if child.tag in (f"{SVG}rect", f"{SVG}polygon")]
        lanes = [shape for shape in shapes if shape.get("class") == "lane"]
        assert len(shapes) - len(lanes) == 1
    edges = [g for g in root.iter(f"{SVG}g") if "edge" in g.get("class", "").split()]
    assert len(edges) == len(graph.edges)
    texts = "".join(text.text or "" for text in root.iter(f"{SVG}text"))
    for node in graph.nodes:
        assert node.name[:8] in texts  # names are shown (long ones wrapped or cut)


def test_svg_is_self_contained() -> None:
    svg = render_svg(layout_graph(build_graph(load("checkout.asl.json"))), title="Checkout & co")
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == "Checkout & co"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"script", "style", "image", "foreignObject", "a", "use"}
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    assert "url(#arrow" in svg  # markers point inside the document only
    assert not re.search(r"url\((?!#)", svg)


def test_svg_marks_states_with_errors_and_explains_them() -> None:
    layout = layout_graph(build_graph(load("checkout.asl.json")))
    failed = "/States/Failed"
    root = ET.fromstring(render_svg(layout, {failed: ["ASL103: Next names no state 'X'"]}))
    groups = {g.get("data-node-id"): g for g in root.iter(f"{SVG}g") if g.get("data-node-id")}
    marked = groups[failed]
    assert "has-errors" in marked.get("class", "")
    assert "ASL103: Next names no state 'X'" in (marked.findtext(f"{SVG}title") or "")
    assert marked.find(f"{SVG}rect").get("stroke") == "#d91515"  # type: ignore[union-attr]
    assert "has-errors" not in groups["/States/Queue shipping"].get("class", "")
    catch = [g for g in root.iter(f"{SVG}g") if "edge-catch" in g.get("class", "")]
    assert catch and catch[0].find(f"{SVG}path").get("stroke-dasharray")  # type: ignore[union-attr]


def test_dot_has_a_cluster_per_container_and_branch() -> None:
    dot = render_dot(build_graph(load("checkout.asl.json")))
    labels = re.findall(r'subgraph (cluster_\d+) \{\n\s+label="([^"]*)"', dot)
    assert [label for _, label in labels] == [
        "Fulfil (Parallel)", "Branch 1", "Branch 2", "Reserve items (Map)", "Item processor",
    ]  # fmt: skip
    assert 'label="States.ALL"' in dot and "style=dashed" in dot
    assert "lhead=cluster_0" in dot and "ltail=cluster_0" in dot


@pytest.mark.parametrize("definition", [*(load(n) for n in NAMES), NASTY], ids=[*NAMES, "nasty"])
def test_dot_is_accepted_by_graphviz(definition: Any) -> None:
    dot = shutil.which("dot")
    if dot is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz `dot` must be installed in CI (.ci/run installs it)")
        pytest.skip("Graphviz `dot` is not installed")
    result = subprocess.run(
        [dot, "-Tsvg"], input=render_dot(build_graph(definition)), capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "Error" not in result.stderr
    ET.fromstring(result.stdout)


def test_mermaid_has_the_expected_subgraphs() -> None:
    text = render_mermaid(build_graph(load("hello-world.asl.json")))
    subgraphs = re.findall(r'^\s*subgraph (\w+)\["([^"]*)"\]$', text, flags=re.MULTILINE)
    assert [title for _, title in subgraphs] == [
        "MapState (Map)", "Item processor", "Parallel State (Parallel)", "Branch 1", "Branch 2",
    ]  # fmt: skip
    assert text.count("\n  end") + text.count(" end\n") >= 1
    assert len(re.findall(r"^\s*end$", text, flags=re.MULTILINE)) == len(subgraphs)
    ids = dict(subgraphs)
    map_id = next(key for key, title in ids.items() if title == "MapState (Map)")
    assert re.search(rf"^\s+n\d+ --> {map_id}$", text, flags=re.MULTILINE)  # Pass --> MapState


def test_mermaid_ids_are_generated_and_labels_escaped() -> None:
    text = render_mermaid(build_graph(NASTY))
    node_lines = re.findall(r"^\s*(\w+)[\[\(\{/]+\"", text, flags=re.MULTILINE)
    assert node_lines and all(re.fullmatch(r"n\d+", node_id) for node_id in node_lines)
    assert "Say #quot;hi#quot; #lt;b#gt;#amp;amp;#lt;/b#gt;" in text
    assert "#lt;y#gt;'#amp;#35;#quot;\"|" in text  # the condition's string literal, escaped
    assert "classDef aslEnd" in text  # 'end' alone would be the Mermaid keyword
    assert not re.search(r"classDef (end|subgraph)\b", text)


MERMAID_CHECK = """
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });
await mermaid.parse(fs.readFileSync(0, 'utf8'));
"""


@pytest.mark.parametrize("definition", [*(load(n) for n in NAMES), NASTY], ids=[*NAMES, "nasty"])
def test_mermaid_is_accepted_by_mermaid(definition: Any) -> None:
    """Runs when EVENTSMITH_MERMAID_DIR names a folder with `npm install mermaid@11 jsdom`."""
    folder = os.environ.get("EVENTSMITH_MERMAID_DIR")
    if not folder or not shutil.which("node"):
        # .ci/run installs tests/asl/mermaid and sets the variable, so CI never skips this.
        assert not os.environ.get("CI"), "EVENTSMITH_MERMAID_DIR must be set in CI"
        pytest.skip("set EVENTSMITH_MERMAID_DIR to a folder with mermaid and jsdom installed")
    result = subprocess.run(
        ["node", "--input-type=module", "-e", MERMAID_CHECK], cwd=folder,
        input=render_mermaid(build_graph(definition)), capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("definition", BROKEN, ids=lambda d: json.dumps(d)[:40])
def test_broken_definitions_render_in_every_format(definition: Any) -> None:
    graph = build_graph(definition)
    layout = layout_graph(graph)
    check_layout(layout)
    ET.fromstring(render_svg(layout))
    assert render_mermaid(graph).startswith("flowchart TD\n")
    dot = shutil.which("dot")
    if dot is not None:
        result = subprocess.run(
            [dot, "-Tplain"], input=render_dot(graph), capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
