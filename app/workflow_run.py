"""Run… in the workflow preview: run the shown state machine offline and see the path it took.

Choose an input (JSON typed in, or a file) and optionally a test case of a mock file (those
beside the workflow are listed; another can be chosen). The run happens on Qt's thread pool;
the path taken is drawn on the graph (`workflow_run_highlight`), and each state's input and
output are listed: selecting a step selects its state on the graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eventsmith.app.workflow_run_highlight import CAUGHT, clear_run, draw_run, node_of, run_path
from eventsmith.asl import (
    ExecutionResult,
    Expectation,
    MockConfigError,
    StateMachineSource,
    StateStep,
    WorkflowTestCase,
    cases_for_workflow,
    failing_step,
    read_suite,
    run_workflow,
)

if TYPE_CHECKING:
    from eventsmith.app.workflow_preview import WorkflowPreview

NO_MOCKS = "No test case (tasks need handlers or fail)"
OTHER = "Other mock file…"
_STATUS_COLOURS = {"SUCCEEDED": "#1d8102", "FAILED": "#d13212"}


class _Finished(QObject):
    done = Signal(int, object, object)  # run number, ExecutionResult, mismatches


class _Run(QRunnable):
    def __init__(self, number: int, machine: StateMachineSource, value: Any,
                 case: WorkflowTestCase | None, finished: _Finished) -> None:  # fmt: skip
        super().__init__()
        self.number, self.machine, self.value, self.case = number, machine, value, case
        self.finished = finished

    def run(self) -> None:
        case = self.case
        try:
            mocks = read_suite(case.mock_file).config if case else None
        except (MockConfigError, OSError, ValueError) as error:
            self.finished.done.emit(self.number, None, [f"cannot read the mock file: {error}"])
            return
        result = run_workflow(
            self.machine,
            self.value,
            mocks=mocks,
            test_case=case.test_case if case else None,
            state_machine_name=case.state_machine if case else None,
        )
        mismatches = case.expectation.mismatches(result) if case else []
        self.finished.done.emit(self.number, result, mismatches)


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


class WorkflowRunPanel(QWidget):
    """The Run… panel of a `WorkflowPreview`; `finished` fires when a run has been drawn."""

    finished = Signal()

    @classmethod
    def attach(cls, preview: WorkflowPreview) -> WorkflowRunPanel:
        """Add the panel (hidden) under the preview's side column and Run… to its toolbar."""
        panel = cls(preview)
        side = preview.splitter.widget(1)
        if isinstance(side, QSplitter):
            side.addWidget(panel)
        preview.toolbar.addSeparator()
        action = preview.toolbar.addAction("Run…", panel.show_panel)
        action.setToolTip("Run the workflow offline with an input and a test case")
        return panel

    def __init__(self, preview: WorkflowPreview) -> None:
        super().__init__(preview)
        self.preview = preview
        self.result: ExecutionResult | None = None
        self.cases: list[WorkflowTestCase] = []
        self._number = 0
        self._cases_of: Path | None = None
        # An own pool, made before `_finished`: closing the preview then waits for a running
        # simulation before the object it reports to is deleted (see WorkflowLoader).
        self._pool = QThreadPool(self)
        self._finished = _Finished(self)
        self._finished.done.connect(self._show_result)
        preview.loaded.connect(self._workflow_loaded)
        self._build()
        self.setVisible(False)

    def _build(self) -> None:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.case_chooser = QComboBox(self)
        self.case_chooser.setToolTip("Mocked task responses (Step Functions Local mock file)")
        self.case_chooser.activated.connect(self._case_chosen)
        self.input_file = QPushButton("Input file…", self)
        self.input_file.clicked.connect(self._ask_input)
        self.run_button = QPushButton("Run", self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        close = QPushButton("×", self)
        close.setFlat(True)
        close.setToolTip("Hide the run and its path")
        close.clicked.connect(self.hide_panel)
        row = QHBoxLayout()
        row.addWidget(self.case_chooser, 1)
        row.addWidget(self.input_file)
        row.addWidget(self.run_button)
        row.addWidget(close)
        self.input = QPlainTextEdit(self)
        self.input.setFont(fixed)
        self.input.setPlaceholderText('Execution input (JSON), e.g. {"detail": {}}')
        self.status = QLabel("Not run yet.", self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps = QTreeWidget(self)
        self.steps.setHeaderLabels(["State", "Type", "Result"])
        self.steps.setRootIsDecorated(False)
        self.steps.setColumnWidth(0, 170)
        self.steps.currentItemChanged.connect(self._step_chosen)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setFont(fixed)
        self.detail.setPlaceholderText("Select a step to see its input and output.")
        parts = QSplitter(Qt.Orientation.Vertical, self)
        parts.addWidget(self.input)
        parts.addWidget(self.steps)
        parts.addWidget(self.detail)
        parts.setSizes([90, 160, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(parts, 1)

    # -- public API ----------------------------------------------------------------------------

    def show_panel(self) -> None:
        """Show the panel with the test cases found beside the workflow (read again)."""
        self._refresh_cases()
        side = self.parentWidget()
        if isinstance(side, QSplitter) and self.isHidden():
            total = sum(side.sizes())  # the run gets most of the column; findings stay in view
            side.setSizes([total // 7, total // 5, total - total // 7 - total // 5])
        self.setVisible(True)
        self.input.setFocus()

    def hide_panel(self) -> None:
        self.setVisible(False)
        if self.preview.graph_scene is not None:
            clear_run(self.preview.graph_scene)

    def choose_case(self, test_case: str | None) -> None:
        """Pick a listed test case by name (None: no mocks), filling in its expected input."""
        names = [case.test_case for case in self.cases]
        index = names.index(test_case) + 1 if test_case in names else 0
        self.case_chooser.setCurrentIndex(index)
        self._case_chosen(index)

    def add_mock_file(self, path: Path) -> None:
        """List the test cases of another mock file (whatever workflow they name)."""
        try:
            suite = read_suite(path)
        except (MockConfigError, OSError, ValueError) as error:
            self.status.setText(f"Cannot read {path.name}: {error}")
            return
        known = {(case.mock_file, case.state_machine, case.test_case) for case in self.cases}
        for name in suite.config.state_machines:
            expectations = suite.expectations.get(name, {})
            for case in suite.config.test_cases(name):
                if (suite.path, name, case) not in known:
                    expectation = expectations.get(case, Expectation())
                    self.cases.append(WorkflowTestCase(suite.path, name, case, expectation))
        self._fill_chooser()

    def run(self) -> None:
        """Run the shown state machine in the background on the input and the chosen case."""
        document = self.preview.document
        if document is None or document.machine is None:
            self.status.setText("Open a workflow first.")
            return
        errors = [d for d in document.diagnostics if d.is_error]
        if errors:
            first = errors[0]
            self.status.setText(
                f"Not run: the workflow has {len(errors)} error(s); first, line "
                f"{first.range.start.line + 1}: {first.message}"
            )
            return
        text = self.input.toPlainText().strip()
        try:
            value = json.loads(text) if text else {}
        except ValueError as error:
            self.status.setText(f"The input is not JSON: {error}")
            return
        self._number += 1
        case = self._chosen_case()
        self.status.setText("Running…")
        self.run_button.setEnabled(False)
        job = _Run(self._number, document.machine, value, case, self._finished)
        self._pool.start(job)

    # -- results -------------------------------------------------------------------------------

    def _show_result(
        self, number: int, result: ExecutionResult | None, mismatches: list[str]
    ) -> None:
        if number != self._number:
            return  # a newer run was started meanwhile
        self.run_button.setEnabled(True)
        self.steps.clear()
        self.detail.clear()
        self.result = result
        if result is None:
            self.status.setText("; ".join(mismatches))
            self.finished.emit()
            return
        self.status.setText(self._status_text(result, mismatches))
        graph = self._graph()
        failing = failing_step(result) if not result.succeeded else None
        types: dict[str, str] = {}  # state name -> type, to tell Map iterations by number
        for step in result.steps:
            types.setdefault(step.name, step.type)
            depth = len(step.scope) // 2
            name = "    " * depth + step.name
            if len(step.scope) >= 2 and types.get(str(step.scope[-2])) == "Map":
                name += f"  [{step.scope[-1]}]"
            item = QTreeWidgetItem([name, step.type, step.error or "ok"])
            item.setData(0, Qt.ItemDataRole.UserRole, step)
            if step.failed:
                raised = failing is not None and step.error == failing.error
                colour = _STATUS_COLOURS["FAILED"] if raised else CAUGHT
                item.setForeground(2, QColor(colour))
            self.steps.addTopLevelItem(item)
        if graph is not None and self.preview.graph_scene is not None:
            draw_run(self.preview.graph_scene, run_path(graph, result, failing))
        self._show_final()
        self.finished.emit()

    def _status_text(self, result: ExecutionResult, mismatches: list[str]) -> str:
        colour = _STATUS_COLOURS.get(result.status, "#5f6b7a")
        text = f'<b style="color:{colour}">{result.status}</b> in {len(result.steps)} steps'
        if result.error is not None:
            text += f" — {_escape(result.error)}: {_escape(result.cause or '')}"
        case = self._chosen_case()
        if case is not None and case.expectation.values:
            verdict = "as expected" if not mismatches else "; ".join(mismatches)
            text += f"<br>{_escape(case.test_case)}: {_escape(verdict)}"
        return text

    def _show_final(self) -> None:
        result = self.result
        if result is None:
            return
        if result.succeeded:
            self.detail.setPlainText(f"# Execution output\n{_json(result.output)}")
        else:
            self.detail.setPlainText(
                f"# Execution failed\nError: {result.error}\nCause: {result.cause}"
            )

    def _step_chosen(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        step = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(step, StateStep):
            self._show_final()
            return
        parts = [f"# {step.name} ({step.type})", "Input:", _json(step.input)]
        if step.failed:
            parts += [f"Error: {step.error}", f"Cause: {step.cause}"]
        else:
            parts += ["Output:", _json(step.output)]
        if step.retries:
            parts.append(f"Retries: {step.retries}")
        self.detail.setPlainText("\n".join(parts))
        graph = self._graph()
        node_id = node_of(graph, step) if graph is not None else None
        if node_id is not None:
            self.preview.select_node(node_id)

    def _graph(self) -> Any:
        document = self.preview.document
        return document.layout.graph if document and document.layout else None

    # -- test cases ----------------------------------------------------------------------------

    def _workflow_loaded(self) -> None:
        """A new (or changed) workflow: its test cases, and a run that no longer applies."""
        self._number += 1  # a run still going was of the old text: its result is dropped
        self.run_button.setEnabled(True)
        self.result = None
        self.steps.clear()
        self.detail.clear()
        if not self.isHidden():  # shown in the preview, whether or not the window is
            self.status.setText("The workflow changed: run it again.")
            self._refresh_cases()

    def _refresh_cases(self) -> None:
        """The cases of the mock files beside the workflow, read again (they may have been
        edited); for the same workflow, files added by hand and the case chosen are kept."""
        document = self.preview.document
        path = document.path if document else None
        chosen = self._chosen_case()
        same = path == self._cases_of
        self._cases_of = path
        found = list(cases_for_workflow(path)) if path is not None else []
        if same:
            near = {case.mock_file for case in found}
            found += [case for case in self.cases if case.mock_file not in near]
        self.cases = found
        self._fill_chooser()
        keys = [_key(case) for case in self.cases]
        if same and chosen is not None and _key(chosen) in keys:
            self.case_chooser.setCurrentIndex(keys.index(_key(chosen)) + 1)
        elif not same and self.cases:
            self.case_chooser.setCurrentIndex(1)
            self._case_chosen(1)

    def _fill_chooser(self) -> None:
        current = self.case_chooser.currentIndex()
        self.case_chooser.clear()
        self.case_chooser.addItem(NO_MOCKS)
        for case in self.cases:
            self.case_chooser.addItem(case.label)
        self.case_chooser.addItem(OTHER)
        self.case_chooser.setCurrentIndex(max(0, min(current, len(self.cases))))

    def _chosen_case(self) -> WorkflowTestCase | None:
        index = self.case_chooser.currentIndex()
        return self.cases[index - 1] if 1 <= index <= len(self.cases) else None

    def _case_chosen(self, index: int) -> None:
        if index == len(self.cases) + 1:
            self._ask_mock_file()
            return
        case = self._chosen_case()
        if case is not None and "Input" in case.expectation.values:
            self.input.setPlainText(_json(case.input))

    def _ask_mock_file(self) -> None:
        document = self.preview.document
        start = str(document.path.parent) if document else ""
        kinds = "Mock files (*.mocks.json *.json);;All files (*)"
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a mock file", start, kinds)
        before = len(self.cases)
        if chosen:
            self.add_mock_file(Path(chosen))
        self.case_chooser.setCurrentIndex(before + 1 if len(self.cases) > before else 0)
        self._case_chosen(self.case_chooser.currentIndex())

    def _ask_input(self) -> None:
        document = self.preview.document
        start = str(document.path.parent) if document else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Execution input", start,
                                                "JSON (*.json);;All files (*)")  # fmt: skip
        if chosen:
            self.load_input(Path(chosen))

    def load_input(self, path: Path) -> None:
        try:
            self.input.setPlainText(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            self.status.setText(f"Cannot read {path.name}: {error}")


def _key(case: WorkflowTestCase) -> tuple[Path, str, str]:
    return (case.mock_file, case.state_machine, case.test_case)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
