"""Hooks the editor and the desktop app use: DefinitionUri through the caller, text metrics."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventsmith.asl import (
    build_graph,
    check_text,
    layout_graph,
    parse_document,
    render_svg,
    text_width,
    validate_parsed,
)

TEMPLATE = (
    "Resources:\n  Flow:\n    Type: AWS::Serverless::StateMachine\n"
    "    Properties:\n      DefinitionUri: flows/a.asl.json\n"
)
UNSAVED = '{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}'  # ASL104: no Next/End


def test_definition_uri_is_read_through_the_callers_reader(tmp_path: Path) -> None:
    asked: list[str] = []

    def read_file(path: str) -> str | None:
        asked.append(path)
        return UNSAVED

    template = str(tmp_path / "infra" / "template.yaml")  # nothing exists on disk
    parsed = parse_document(TEMPLATE, template, read_file=read_file)
    expected = os.path.join(str(tmp_path / "infra"), "flows", "a.asl.json")
    assert asked == [expected]
    [machine] = parsed.state_machines
    assert (machine.name, machine.filename, machine.text) == ("Flow", expected, UNSAVED)
    assert [d.code for d in validate_parsed(parsed)[expected]] == ["ASL104"]


def test_the_document_folder_is_the_base_not_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "project" / "flows").mkdir(parents=True)
    (tmp_path / "project" / "flows" / "a.asl.json").write_text(UNSAVED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a cwd where flows/a.asl.json does not exist
    template = str(tmp_path / "project" / "template.yaml")
    [machine] = parse_document(TEMPLATE, template).state_machines
    assert machine.definition["States"]["A"]["Type"] == "Pass"


def test_a_file_the_reader_does_not_have_is_a_finding(tmp_path: Path) -> None:
    findings = check_text(TEMPLATE, str(tmp_path / "t.yaml"), read_file=lambda _path: None)
    assert [(d.code, d.message) for d in findings] == [
        ("ASL004", "Flow: cannot read DefinitionUri flows/a.asl.json: no such file")
    ]


def test_the_linked_file_is_read_with_the_same_reader(tmp_path: Path) -> None:
    linked = '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}'
    files = {os.path.join(str(tmp_path), "flows", "a.asl.json"): linked}
    parsed = parse_document(TEMPLATE, str(tmp_path / "t.yaml"), read_file=files.get)
    assert parsed.state_machines[0].definition["States"]["A"]["Type"] == "Succeed"


FLOW = {
    "StartAt": "Charge the customer's card",
    "States": {
        "Charge the customer's card": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                       "Next": "Paid?"},
        "Paid?": {"Type": "Choice", "Default": "Done", "Choices": [
            {"Variable": "$.paid", "BooleanEquals": True, "Next": "Done"}]},
        "Done": {"Type": "Succeed"},
    },
}  # fmt: skip


def test_layout_without_a_measure_is_the_default_table() -> None:
    graph = build_graph(FLOW)
    assert layout_graph(graph) == layout_graph(graph, text_width)
    assert render_svg(layout_graph(graph)) == render_svg(layout_graph(graph, None))


def test_a_wider_font_gives_wider_boxes_and_the_text_still_fits() -> None:
    graph = build_graph(FLOW)
    calls: list[tuple[str, float]] = []

    def wide(text: str, size: float) -> float:  # e.g. a Qt font with large metrics
        calls.append((text, size))
        return len(text) * size * 0.8

    default, measured = layout_graph(graph), layout_graph(graph, wide)
    assert calls, "the measure is asked"
    node_id = "/States/Charge the customer's card"
    node = graph.node(node_id)
    assert node is not None
    # The long name fits one line in the default font but needs two in the wide one.
    assert (len(default.name_lines(node)), len(measured.name_lines(node))) == (1, 2)
    assert measured.nodes[node_id].height > default.nodes[node_id].height
    for line in measured.name_lines(node):  # the lines a front end draws fit the box
        assert wide(line, 13.0) <= measured.nodes[node_id].width
    [choice] = [route for route in measured.edges if route.edge.kind == "choice"]
    assert choice.label is not None
    for line in measured.label_lines(choice.edge.label):
        assert wide(line, 11.0) <= choice.label.width


def test_a_node_leads_back_to_its_text() -> None:
    text = (
        "StartAt: Outer\nStates:\n  Outer:\n    Type: Parallel\n    End: true\n"
        "    Branches:\n      - StartAt: Inner step\n        States:\n"
        "          Inner step: {Type: Succeed}\n"
    )
    [machine] = parse_document(text, "flow.asl.yaml").state_machines
    graph = build_graph(machine)
    inner = graph.node("/States/Outer/Branches/0/States/Inner step")
    assert inner is not None
    assert inner.path == ("States", "Outer", "Branches", 0, "States", "Inner step")
    where = machine.key_range(inner.path)
    line = text.split("\n")[where.start.line]
    assert line[where.start.character : where.end.character] == "Inner step"
    start = graph.node("#start")
    assert start is not None and start.path == ()
