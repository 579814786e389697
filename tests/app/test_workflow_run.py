"""Run… in the workflow preview: real widgets offscreen, the checkout sample and its mock file."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from eventsmith.app.workflow_preview import WorkflowPreview
from eventsmith.app.workflow_run_highlight import TAKEN, failed_nodes, taken_nodes
from eventsmith.app.workflow_scene import EDGE_KEY
from eventsmith.asl import END_ID, START_ID

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
CHECKOUT = SAMPLES / "workflows" / "checkout.asl.json"
MOCKS = SAMPLES / "mocks" / "checkout.mocks.json"
BRANCH = "/States/Fulfil/Branches/"


@pytest.fixture
def preview(qtbot: QtBot) -> WorkflowPreview:
    widget = WorkflowPreview()
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.open_file(CHECKOUT)
    return widget


def run_case(qtbot: QtBot, preview: WorkflowPreview, case: str | None) -> None:
    panel = preview.run_panel
    panel.show_panel()
    panel.choose_case(case)
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.run()


def expected_path(case: str) -> list[str]:
    """The top-level path the mock file's own Expect block states for a case."""
    document = json.loads(MOCKS.read_text(encoding="utf-8"))
    return document["StateMachines"]["checkout"]["Expect"][case]["Path"]


def test_the_mock_file_beside_the_workflow_lists_its_test_cases(preview: WorkflowPreview) -> None:
    preview.run_panel.show_panel()
    chooser = preview.run_panel.case_chooser
    items = [chooser.itemText(i) for i in range(chooser.count())]
    assert items[1:5] == [
        f"{case} (checkout.mocks.json)"
        for case in ("HappyPath", "ThrottledThenValid", "InvalidOrder", "PaymentDeclined")
    ]
    # the first case is chosen, with the input its expectation gives
    assert json.loads(preview.run_panel.input.toPlainText())["source"] == "service-order-submit-dev"


def test_happy_path_highlights_exactly_the_states_the_simulator_reports(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    run_case(qtbot, preview, "HappyPath")
    result = preview.run_panel.result
    assert result is not None and result.status == "SUCCEEDED"
    assert list(result.path) == expected_path("HappyPath")
    scene = preview.graph_scene
    assert scene is not None
    reported = {"/" + "/".join(str(part) for part in step.path) for step in result.steps}
    assert taken_nodes(scene) == reported | {START_ID, END_ID}
    # the failure branch was not taken: it is faded, not marked
    assert "/States/Notify failure" not in taken_nodes(scene)
    assert scene.state_items["/States/Notify failure"].opacity() < 1
    assert failed_nodes(scene) == set()
    taken_edges = {
        edge.data(EDGE_KEY)[:2]
        for edge in scene.edge_items
        if edge.pen().color().name() == QColor(TAKEN).name()
    }
    assert ("/States/Validate order", "/States/Is valid?") in taken_edges
    assert ("/States/Queue shipping", END_ID) in taken_edges
    assert ("/States/Is valid?", "/States/Notify failure") not in taken_edges
    assert "SUCCEEDED" in preview.run_panel.status.text()
    assert "as expected" in preview.run_panel.status.text()


def test_a_failing_case_marks_the_state_that_failed(qtbot: QtBot, preview: WorkflowPreview) -> None:
    run_case(qtbot, preview, "PaymentDeclined")
    scene = preview.graph_scene
    assert scene is not None
    # the mock file makes Charge payment (first branch of Fulfil) throw PaymentDeclined
    assert failed_nodes(scene) == {BRANCH + "0/States/Charge payment"}
    assert "/States/Publish order completed" not in taken_nodes(scene)
    assert "PaymentDeclined" in preview.run_panel.status.text()


def test_a_fail_state_is_the_failing_state(qtbot: QtBot, preview: WorkflowPreview) -> None:
    run_case(qtbot, preview, "InvalidOrder")
    assert preview.graph_scene is not None
    assert failed_nodes(preview.graph_scene) == {"/States/Failed"}
    assert list(preview.run_panel.result.path) == expected_path("InvalidOrder")  # type: ignore[union-attr]


def test_selecting_a_step_selects_its_state_and_shows_its_input_and_output(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    run_case(qtbot, preview, "HappyPath")
    steps = preview.run_panel.steps
    names = [steps.topLevelItem(i).text(0).strip() for i in range(steps.topLevelItemCount())]
    row = names.index("Charge payment")
    steps.setCurrentItem(steps.topLevelItem(row))
    assert preview.selected_node() == BRANCH + "0/States/Charge payment"
    detail = preview.run_panel.detail.toPlainText()
    assert "Input:" in detail and "Output:" in detail
    assert "ch_3Nq" in detail  # the charge id the mock returns


def test_without_mocks_the_unmocked_task_fails_clearly(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    run_case(qtbot, preview, None)
    result = preview.run_panel.result
    assert result is not None and result.status == "FAILED"
    assert preview.graph_scene is not None
    assert failed_nodes(preview.graph_scene) == {"/States/Validate order"}


def test_input_that_is_not_json_is_refused_before_running(preview: WorkflowPreview) -> None:
    panel = preview.run_panel
    panel.show_panel()
    panel.input.setPlainText("{not json")
    panel.run()
    assert "not JSON" in panel.status.text()
    assert panel.result is None


def test_input_from_a_file_and_hiding_restores_the_graph(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    document = json.loads(MOCKS.read_text(encoding="utf-8"))
    given = document["StateMachines"]["checkout"]["Expect"]["PaymentDeclined"]["Input"]
    (tmp_path / "in.json").write_text(json.dumps(given), encoding="utf-8")
    panel = preview.run_panel
    panel.show_panel()
    panel.choose_case("PaymentDeclined")
    panel.input.clear()
    panel.load_input(tmp_path / "in.json")
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.run()
    assert panel.result is not None and panel.result.error == "PaymentDeclined"
    scene = preview.graph_scene
    assert scene is not None
    panel.hide_panel()
    assert taken_nodes(scene) == set()
    assert all(item.opacity() == 1 for item in scene.state_items.values())


def test_map_iterations_are_numbered_in_the_step_list(
    qtbot: QtBot, preview: WorkflowPreview
) -> None:
    run_case(qtbot, preview, "HappyPath")
    steps = preview.run_panel.steps
    names = [steps.topLevelItem(i).text(0).strip() for i in range(steps.topLevelItemCount())]
    # the HappyPath input orders two items: the Map runs Reserve item once for each
    assert "Reserve item  [0]" in names and "Reserve item  [1]" in names


def test_a_workflow_with_errors_is_not_run(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.asl.json"
    text = CHECKOUT.read_text(encoding="utf-8").replace(
        '"Next": "Queue shipping"', '"Next": "Queue shiping"'
    )
    broken.write_text(text, encoding="utf-8")
    widget = WorkflowPreview()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.open_file(broken)
    panel = widget.run_panel
    panel.show_panel()
    panel.run()
    # the misspelt Next, and Queue shipping now unreachable
    assert panel.status.text().startswith("Not run: the workflow has 2 error(s)")
    line = text[: text.index('"Queue shiping"')].count("\n") + 1
    assert f"line {line}: Next names no state 'Queue shiping'" in panel.status.text()
    assert panel.result is None


def test_a_change_on_disk_drops_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "workflows").mkdir()
    workflow = tmp_path / "workflows" / "checkout.asl.json"
    workflow.write_text(CHECKOUT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mocks").mkdir()
    (tmp_path / "mocks" / MOCKS.name).write_text(MOCKS.read_text(encoding="utf-8"))
    widget = WorkflowPreview()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.open_file(workflow)
    run_case(qtbot, widget, "HappyPath")
    assert widget.run_panel.steps.topLevelItemCount() > 0
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        workflow.write_text(
            workflow.read_text(encoding="utf-8").replace("Queue shipping", "Ship"),
            encoding="utf-8",
        )
    assert widget.run_panel.result is None
    assert widget.run_panel.steps.topLevelItemCount() == 0
    assert "changed" in widget.run_panel.status.text()


def test_reopening_the_panel_reads_the_mock_files_again(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "workflows").mkdir()
    workflow = tmp_path / "workflows" / "checkout.asl.json"
    workflow.write_text(CHECKOUT.read_text(encoding="utf-8"), encoding="utf-8")
    mock_file = tmp_path / "workflows" / "checkout.mocks.json"
    document = json.loads(MOCKS.read_text(encoding="utf-8"))
    document["StateMachines"]["checkout"]["Definition"] = "checkout.asl.json"
    mock_file.write_text(json.dumps(document), encoding="utf-8")
    widget = WorkflowPreview()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.open_file(workflow)
    panel = widget.run_panel
    panel.show_panel()
    panel.choose_case("PaymentDeclined")
    panel.input.setPlainText('{"typed": true}')
    cases = document["StateMachines"]["checkout"]["TestCases"]
    cases["Again"] = cases["HappyPath"]
    mock_file.write_text(json.dumps(document), encoding="utf-8")
    panel.hide_panel()
    panel.show_panel()
    assert [case.test_case for case in panel.cases][-1] == "Again"
    assert panel.case_chooser.currentText() == "PaymentDeclined (checkout.mocks.json)"
    assert panel.input.toPlainText() == '{"typed": true}'  # what the user typed stays


def test_a_mock_file_from_elsewhere_adds_its_cases(
    qtbot: QtBot, preview: WorkflowPreview, tmp_path: Path
) -> None:
    other = tmp_path / "other.mocks.json"
    document = json.loads(MOCKS.read_text(encoding="utf-8"))
    document["StateMachines"]["checkout"]["TestCases"] = {
        "OnlyDeclined": document["StateMachines"]["checkout"]["TestCases"]["PaymentDeclined"]
    }
    given = document["StateMachines"]["checkout"]["Expect"]["PaymentDeclined"]["Input"]
    document["StateMachines"]["checkout"]["Expect"] = {}
    other.write_text(json.dumps(document), encoding="utf-8")
    panel = preview.run_panel
    panel.show_panel()
    panel.add_mock_file(other)
    assert panel.cases[-1].label == "OnlyDeclined (other.mocks.json)"
    panel.choose_case("OnlyDeclined")
    assert panel.input.toPlainText() != ""  # no Expect: the input is left as it was
    panel.input.setPlainText(json.dumps(given))
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.run()
    assert panel.result is not None and panel.result.error == "PaymentDeclined"
    assert preview.graph_scene is not None
    assert failed_nodes(preview.graph_scene) == {BRANCH + "0/States/Charge payment"}
