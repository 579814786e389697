"""The workflow preview, as a user drives it: real widgets offscreen, real files on disk."""

from __future__ import annotations

import itertools
import json
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventsmith.app.workflow_preview import WorkflowPreview
from eventsmith.app.workflow_scene import NODE_ID, SCOPE_ID

from .conftest import settle

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
CHECKOUT = SAMPLES / "checkout.asl.json"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def preview(qtbot: QtBot) -> WorkflowPreview:
    widget = WorkflowPreview()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def open_and_wait(qtbot: QtBot, preview: WorkflowPreview, path: Path) -> None:
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        preview.open_file(path)


def states_with_containers(scope: dict[str, Any], owners: tuple[str, ...] = ()) -> dict:
    """Every state name in a definition -> the names of the Parallel/Map states around it."""
    found: dict[str, tuple[str, ...]] = {}
    for name, state in scope["States"].items():
        found[name] = owners
        inner = state.get("Branches", []) + [
            state[key] for key in ("ItemProcessor", "Iterator") if key in state
        ]
        for branch in inner:
            found.update(states_with_containers(branch, (*owners, name)))
    return found


def container_names(preview: WorkflowPreview, node_id: str) -> tuple[str, ...]:
    """The names of the container items an item is nested in, outermost first."""
    assert preview.graph_scene is not None
    names = []
    item = preview.graph_scene.state_items[node_id].parentItem()
    while item is not None:
        if item.data(SCOPE_ID) is None:  # lanes sit between a container and its states
            names.append(preview.graph_scene.layout.graph.node(item.data(NODE_ID)).name)
        item = item.parentItem()
    return tuple(reversed(names))


def test_sample_workflow_has_one_item_per_state_nested_in_its_containers(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    open_and_wait(qtbot, preview, CHECKOUT)
    expected = states_with_containers(json.loads(CHECKOUT.read_text()))
    scene = preview.graph_scene
    assert scene is not None
    graph = scene.layout.graph
    drawn = {graph.node(node_id).name: node_id for node_id in scene.state_items}
    assert set(drawn) == set(expected) | {"Start", "End"}
    assert len(scene.state_items) == len(expected) + 2
    for name, owners in expected.items():
        assert container_names(preview, drawn[name]) == owners, name
    assert expected["Reserve item"] == ("Fulfil", "Reserve items")  # the sample nests two deep
    assert not preview.machine_chooser.isVisible()  # one state machine: nothing to choose
    kinds = {item.route.edge.kind for item in scene.edge_items}
    assert {"catch", "choice", "default"} <= kinds
    catch = next(item for item in scene.edge_items if item.route.edge.kind == "catch")
    assert catch.pen().style() == Qt.PenStyle.CustomDashLine


def test_a_file_changed_on_disk_reloads_even_when_an_editor_replaces_it(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "flow.asl.json"
    definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
    path.write_text(json.dumps(definition))
    open_and_wait(qtbot, preview, path)
    assert preview.graph_scene is not None and "/States/A" in preview.graph_scene.state_items

    definition["States"]["A"] = {"Type": "Pass", "Next": "B"}
    definition["States"]["B"] = {"Type": "Succeed"}
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        path.write_text(json.dumps(definition))  # written in place
    assert "/States/B" in preview.graph_scene.state_items

    definition["States"]["B"] = {"Type": "Pass", "Next": "C"}
    definition["States"]["C"] = {"Type": "Fail"}
    replacement = tmp_path / ".flow.asl.json.tmp"
    replacement.write_text(json.dumps(definition))
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        os.replace(replacement, path)  # the way many editors save
    assert "/States/C" in preview.graph_scene.state_items

    definition["States"]["C"] = {"Type": "Succeed"}
    with qtbot.waitSignal(preview.loaded, timeout=10_000):  # still watched after the rename
        path.write_text(json.dumps(definition))
    assert preview.graph_scene.layout.graph.node("/States/C").kind == "Succeed"


BROKEN = """{
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Pass", "Next": "Ship"},
    "Ship": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Nowhere"}
  }
}
"""


def test_clicking_a_diagnostic_selects_its_state_and_shows_its_definition(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "broken.asl.json"
    path.write_text(BROKEN)
    open_and_wait(qtbot, preview, path)
    rows = [
        preview.diagnostics.topLevelItem(i) for i in range(preview.diagnostics.topLevelItemCount())
    ]
    nowhere = next(row for row in rows if "Nowhere" in row.text(2))
    assert nowhere.text(3) == "5"  # the line of `"Next": "Nowhere"`, 1-based
    assert preview.selected_node() is None
    rect = preview.diagnostics.visualItemRect(nowhere)
    qtbot.mouseClick(preview.diagnostics.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert preview.selected_node() == "/States/Ship"
    shown = preview.definition.toPlainText()
    assert '"Next": "Nowhere"' in shown
    assert preview.finding.isVisible() and nowhere.text(2) in preview.finding.text()
    assert preview.graph_scene is not None
    ship = preview.graph_scene.state_items["/States/Ship"]
    assert ship.has_errors and not preview.graph_scene.state_items["/States/Check"].has_errors


def test_selecting_a_state_selects_its_diagnostics(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "broken.asl.json"
    path.write_text(
        BROKEN.replace('"Type": "Pass", "Next": "Ship"', '"Type": "Pass", "Next": "Gone"')
    )
    open_and_wait(qtbot, preview, path)
    rows = [
        preview.diagnostics.topLevelItem(i) for i in range(preview.diagnostics.topLevelItemCount())
    ]
    gone = next(row for row in rows if "Gone" in row.text(2))
    nowhere = next(row for row in rows if "Nowhere" in row.text(2))
    preview.select_node("/States/Ship")
    assert nowhere.isSelected() and not gone.isSelected()
    preview.select_node("/States/Check")
    assert gone.isSelected() and not nowhere.isSelected()


def test_ctrl_wheel_zooms_and_a_plain_wheel_does_not(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    open_and_wait(qtbot, preview, CHECKOUT)
    start = preview.view.scale_factor()
    centre = QPointF(preview.view.viewport().rect().center())
    for modifiers in (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier):
        event = QWheelEvent(
            centre, preview.view.mapToGlobal(centre.toPoint()).toPointF(), QPoint(0, 0),
            QPoint(0, 120), Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
            False,
        )  # fmt: skip
        QApplication.sendEvent(preview.view.viewport(), event)
    assert preview.view.scale_factor() == pytest.approx(start * 1.25)


def test_clicking_a_state_shows_its_definition(qtbot: QtBot, preview: WorkflowPreview) -> None:
    open_and_wait(qtbot, preview, SAMPLES / "ticket-triage.asl.yaml")
    assert preview.graph_scene is not None
    node_id = next(i for i in preview.graph_scene.state_items if i.endswith("/Classify"))
    item = preview.graph_scene.state_items[node_id]
    preview.view.centerOn(item)
    where: QPoint = preview.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(preview.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert preview.selected_node() == node_id
    assert "Type: Task" in preview.definition.toPlainText()  # YAML shown as YAML


def test_export_writes_a_valid_png_and_the_core_svg(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    open_and_wait(qtbot, preview, CHECKOUT)
    assert preview.graph_scene is not None
    preview.export_png(tmp_path / "flow.png")
    preview.export_svg(tmp_path / "flow.svg")
    assert (tmp_path / "flow.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(tmp_path / "flow.png"))
    scene_rect = preview.graph_scene.sceneRect()
    assert (image.width(), image.height()) == (
        round(scene_rect.width() * 2),
        round(scene_rect.height() * 2),
    )
    assert image.pixelColor(2, 2).name() == "#ffffff"
    centre = preview.graph_scene.layout.nodes["/States/Validate order"].center
    fill = image.pixelColor(
        round((centre.x - scene_rect.x()) * 2), round((centre.y - scene_rect.y()) * 2) + 30
    )
    assert fill.name() != "#ffffff"  # the Task's tinted fill is there, not a blank picture
    root = ET.parse(tmp_path / "flow.svg").getroot()
    drawn = {g.get("data-node-id") for g in root.iter(f"{SVG}g") if g.get("data-node-id")}
    assert drawn == set(preview.graph_scene.state_items)


TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Ship
        States:
          Ship: {Type: Task, Resource: "arn:aws:states:::sqs:sendMessage", End: true}
  Cleanup:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Wait a day
        States:
          Wait a day: {Type: Wait, Seconds: 86400, Next: Purge}
          Purge: {Type: Task, Resource: "arn:aws:states:::dynamodb:deleteItem", End: true}
"""


def test_a_template_with_several_state_machines_gets_a_chooser(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE)
    open_and_wait(qtbot, preview, path)
    chooser = preview.machine_chooser
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["Orders", "Cleanup"]
    qtbot.waitUntil(chooser.isVisible, timeout=2_000)
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        chooser.setCurrentIndex(1)
    assert preview.graph_scene is not None
    assert "/States/Purge" in preview.graph_scene.state_items


def test_the_chosen_state_machine_is_kept_by_name_when_the_file_changes(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE)
    open_and_wait(qtbot, preview, path)
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        preview.machine_chooser.setCurrentIndex(1)  # Cleanup
    # A machine added before it moves Cleanup to the third place: Cleanup stays on screen.
    added = TEMPLATE.replace(
        "  Orders:\n",
        "  Audit:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
        "      Definition: {StartAt: Log, States: {Log: {Type: Succeed}}}\n  Orders:\n",
    )
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        path.write_text(added)
    assert preview.document is not None and preview.document.title == "Cleanup"
    assert preview.machine_chooser.currentText() == "Cleanup"
    assert preview.graph_scene is not None and "/States/Purge" in preview.graph_scene.state_items
    # Renamed away: the first machine is shown, and the status bar says why.
    messages: list[str] = []
    preview.statusMessage.connect(messages.append)
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        path.write_text(added.replace("  Cleanup:", "  Housekeeping:"))
    assert preview.document.title == "Audit"
    assert "/States/Log" in preview.graph_scene.state_items
    assert messages[-1] == "Cleanup is no longer in template.yaml; showing Audit."
    # Back again (an undo, a checkout): the choice was kept, so Cleanup is shown again.
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        path.write_text(added)
    assert preview.document.title == "Cleanup"


def test_zoom_buttons_and_fit(qtbot: QtBot, preview: WorkflowPreview) -> None:
    open_and_wait(qtbot, preview, CHECKOUT)
    start = preview.view.scale_factor()
    preview.zoom_in()
    assert preview.view.scale_factor() == pytest.approx(start * 1.25)
    preview.zoom_out()
    preview.zoom_out()
    assert preview.view.scale_factor() == pytest.approx(start / 1.25)
    preview.fit()
    visible = preview.view.mapToScene(preview.view.viewport().rect()).boundingRect()
    assert visible.contains(preview.graph_scene.itemsBoundingRect()) or (
        preview.view.scale_factor() == pytest.approx(1.0)
    )


def test_an_unreadable_file_says_why(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    messages: list[str] = []
    preview.statusMessage.connect(messages.append)
    open_and_wait(qtbot, preview, tmp_path / "missing.asl.json")
    assert preview.graph_scene is None
    assert "does not exist" in preview.placeholder.text()
    assert any("does not exist" in message for message in messages)


def test_a_long_workflow_opens_readable_at_its_start(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    names = [f"Step {number}" for number in range(80)]
    states = {name: {"Type": "Pass", "Next": after} for name, after in itertools.pairwise(names)}
    states[names[-1]] = {"Type": "Succeed"}
    path = tmp_path / "long.asl.json"
    path.write_text(json.dumps({"StartAt": names[0], "States": states}))
    open_and_wait(qtbot, preview, path)
    assert preview.view.scale_factor() == pytest.approx(0.6)  # fitting all would be unreadable
    visible = preview.view.mapToScene(preview.view.viewport().rect()).boundingRect()
    assert preview.graph_scene is not None
    assert visible.contains(preview.graph_scene.state_items["#start"].sceneBoundingRect())
    assert visible.contains(preview.graph_scene.state_items["/States/Step 0"].sceneBoundingRect())


def test_loading_a_big_workflow_leaves_the_event_loop_running(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    # 301 states in Task/Choice/Wait loops with Catch: a layout of about half a second.
    states: dict[str, Any] = {}
    for number in range(100):
        after = f"Work {number + 1}" if number < 99 else "Done"
        states[f"Work {number}"] = {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": f"Ok {number}?",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": f"Retry {number}"}],
        }  # fmt: skip
        states[f"Ok {number}?"] = {
            "Type": "Choice", "Default": after,
            "Choices": [{"Variable": "$.ok", "BooleanEquals": False, "Next": f"Retry {number}"}],
        }  # fmt: skip
        states[f"Retry {number}"] = {"Type": "Wait", "Seconds": 1, "Next": f"Work {number}"}
    states["Done"] = {"Type": "Succeed"}
    path = tmp_path / "big.asl.json"
    path.write_text(json.dumps({"StartAt": "Work 0", "States": states}))
    settle(qtbot)
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    with qtbot.waitSignal(preview.loaded, timeout=30_000):
        preview.open_file(path)
        assert ticks == []  # open_file returned at once, before any timer could fire
    timer.stop()
    # The timer kept firing while the worker laid the graph out: at least once per 100 ms of
    # loading (a 5 ms timer; the slack is for a machine busy with other work). Counted up to
    # the last beat: drawing the delivered scene is the UI thread's own work and pauses it.
    assert len(ticks) >= 2, ticks
    loading = ticks[-1] - started
    assert len(ticks) >= int(loading / 0.1), (len(ticks), loading)
    assert preview.graph_scene is not None and len(preview.graph_scene.state_items) == 303


def test_a_definition_linked_with_definition_uri_is_shown_watched_and_located(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    (tmp_path / "flows").mkdir()
    linked = tmp_path / "flows" / "ship.asl.json"
    linked.write_text(BROKEN)
    template = tmp_path / "template.yaml"
    template.write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Ship:\n"
        "    Type: AWS::Serverless::StateMachine\n"
        "    Properties:\n      DefinitionUri: flows/ship.asl.json\n"
    )
    open_and_wait(qtbot, preview, template)
    rows = [
        preview.diagnostics.topLevelItem(i) for i in range(preview.diagnostics.topLevelItemCount())
    ]
    nowhere = next(row for row in rows if "Nowhere" in row.text(2))
    assert nowhere.text(3) == "ship.asl.json:5"  # the line is in the linked file
    assert preview.graph_scene is not None and "/States/Ship" in preview.graph_scene.state_items
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        linked.write_text(BROKEN.replace('"Nowhere"', '"Check"'))
    assert not any(
        "Nowhere" in preview.diagnostics.topLevelItem(i).text(2)
        for i in range(preview.diagnostics.topLevelItemCount())
    )


def test_another_file_changing_in_the_folder_does_not_reload(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    path = tmp_path / "flow.asl.json"
    path.write_text(json.dumps({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}))
    open_and_wait(qtbot, preview, path)
    with qtbot.assertNotEmitted(preview.loader.loaded, wait=800):  # not even read again
        (tmp_path / ".flow.asl.json.swp").write_text("editor state")
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        path.write_text(json.dumps({"StartAt": "B", "States": {"B": {"Type": "Fail"}}}))
    assert preview.graph_scene is not None and "/States/B" in preview.graph_scene.state_items
