"""`eventsmith asl render` and `eventsmith asl graph`, run as real subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
SVG = "{http://www.w3.org/2000/svg}"

TEMPLATES = Path(__file__).parents[1] / "data" / "asl" / "templates"
# Two machines, one inline and one a DefinitionString; shared with the other asl CLI tests.
TEMPLATE = (TEMPLATES / "order-and-cleanup.template.yaml").read_text(encoding="utf-8")


def eventsmith(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def node_ids(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.get("data-node-id", "") for g in root.iter(f"{SVG}g") if g.get("data-node-id")]


def test_render_svg_to_stdout_draws_every_state() -> None:
    result = eventsmith("render", str(SAMPLES / "checkout.asl.json"))
    assert result.returncode == 0, result.stderr
    ids = node_ids(result.stdout)
    assert len(ids) == 12 and "/States/Fulfil/Branches/0/States/Charge payment" in ids
    assert "has-errors" not in result.stdout  # the sample is valid


def test_render_writes_each_format_to_a_file(tmp_path: Path) -> None:
    sample = str(SAMPLES / "hello-world.asl.json")
    for output_format in ("svg", "dot", "mermaid"):
        out = tmp_path / f"graph.{output_format}"
        result = eventsmith("render", sample, "--format", output_format, "-o", str(out))
        assert result.returncode == 0 and result.stdout == "", result.stderr
    assert node_ids((tmp_path / "graph.svg").read_text())
    assert (tmp_path / "graph.dot").read_text().startswith('digraph "hello-world.asl" {')
    assert (tmp_path / "graph.mermaid").read_text().startswith("flowchart TD\n")
    if shutil.which("dot"):
        dot = subprocess.run(["dot", "-Tplain", str(tmp_path / "graph.dot")], capture_output=True)
        assert dot.returncode == 0, dot.stderr


def test_render_marks_states_with_validation_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.asl.json"
    broken.write_text(
        json.dumps({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Succeed"}}})
    )  # fmt: skip
    result = eventsmith("render", str(broken))
    assert result.returncode == 0
    root = ET.fromstring(result.stdout)
    marked = {
        g.get("data-node-id"): g.findtext(f"{SVG}title") or ""
        for g in root.iter(f"{SVG}g")
        if "has-errors" in g.get("class", "")
    }
    assert "/States/A" in marked and "Nowhere" in marked["/States/A"]
    assert "#missing/Nowhere" in node_ids(result.stdout)
    assert "error" in result.stderr


def test_graph_json_has_nodes_edges_containers_and_coordinates() -> None:
    result = eventsmith("graph", str(SAMPLES / "checkout.asl.json"), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    nodes = {node["id"]: node for node in document["nodes"]}
    assert nodes["/States/Is valid?"]["type"] == "Choice"
    assert {"x", "y", "width", "height", "scope", "name", "errors"} <= set(nodes["#start"])
    containers = {container["id"]: container for container in document["containers"]}
    assert containers["/States/Fulfil/Branches/1"]["node"] == "/States/Fulfil"
    fulfil = nodes["/States/Fulfil"]
    lane = containers["/States/Fulfil/Branches/0"]
    assert fulfil["x"] <= lane["x"] and lane["x"] + lane["width"] <= fulfil["x"] + fulfil["width"]
    catch = next(edge for edge in document["edges"] if edge["kind"] == "catch")
    assert catch["label"] == "States.ALL" and len(catch["points"]) >= 2
    assert catch["labelBox"]["width"] > 0
    assert all(edge["source"] in nodes and edge["target"] in nodes for edge in document["edges"])


def test_graph_outline_without_json() -> None:
    result = eventsmith("graph", str(SAMPLES / "ticket-triage.asl.yaml"))
    assert result.returncode == 0, result.stderr
    assert "Escalate [Wait]" in result.stdout and "--next--> Classify" in result.stdout


@pytest.mark.parametrize(("machine", "first_state"), [(None, "Charge"), ("Cleanup", "Pause")])
def test_templates_pick_a_state_machine(
    tmp_path: Path, machine: str | None, first_state: str
) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)
    args = ["graph", str(template), "--json"] + (["--machine", machine] if machine else [])
    result = eventsmith(*args)
    assert result.returncode == 0, result.stderr
    names = [node["name"] for node in json.loads(result.stdout)["nodes"]]
    assert names[1] == first_state


def test_substitutions_fill_placeholders(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)
    values = tmp_path / "values.json"
    values.write_text('{"ChargeArn": "arn:aws:lambda:eu-west-1:123456789012:function:charge"}')
    result = eventsmith("graph", str(template), "--json", "--substitutions", str(values))
    charge = json.loads(result.stdout)["nodes"][1]
    assert (charge["name"], charge["detail"]) == ("Charge", "Lambda function")


def test_unknown_machine_is_an_error_naming_the_choices(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)
    result = eventsmith("render", str(template), "--machine", "Nope")
    assert result.returncode == 2
    assert "OrderFlow, Cleanup" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = eventsmith("render", str(tmp_path / "absent.json"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_half_typed_document_draws_what_could_be_read(tmp_path: Path) -> None:
    partial = tmp_path / "partial.asl.json"
    partial.write_text((SAMPLES / "checkout.asl.json").read_text()[:700])
    result = eventsmith("graph", str(partial), "--json")
    assert result.returncode == 0, result.stderr
    names = [node["name"] for node in json.loads(result.stdout)["nodes"]]
    assert names == ["Start", "Validate order", "End"]
    assert "partial.asl.json:" in result.stderr and "drawing what could be read" in result.stderr


def test_template_without_state_machines_is_an_error(tmp_path: Path) -> None:
    template = tmp_path / "bucket.yaml"
    template.write_text("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
    result = eventsmith("render", str(template))
    assert result.returncode == 2 and "no state machine found" in result.stderr
