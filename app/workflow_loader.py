"""Loading a workflow file for the preview: read, parse, validate, graph and lay out.

`load_workflow` is the whole pipeline as one plain function returning a frozen
`WorkflowDocument` (it never raises on user content: an unreadable file becomes a document with
an `error`). `WorkflowLoader` runs it on Qt's thread pool, so a 1,000-state layout never
freezes the window, and delivers only the newest result when loads overlap.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QObject, QThreadPool, Signal

from eventsmith.asl import (
    Diagnostic,
    Layout,
    StateMachineSource,
    TextMeasure,
    build_graph,
    layout_graph,
    node_for_path,
    parse_document,
    select_state_machine,
    validate,
)


@dataclass(frozen=True)
class WorkflowDocument:
    """A loaded file and the chosen state machine in it, laid out.

    `machines` names every state machine in the file (the file name for a plain ASL document,
    logical ids in a template); `node_of` gives, per diagnostic, the node it falls in (or None),
    and `files` the file its range is in (a template's `DefinitionUri` names another file).
    `notice` says when the machine asked for is no longer in the file and the first is shown.
    """

    path: Path
    text: str
    machines: tuple[str, ...] = ()
    index: int = 0
    machine: StateMachineSource | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    node_of: tuple[str | None, ...] = ()
    files: tuple[Path, ...] = ()
    layout: Layout | None = None
    errors: Mapping[str, Sequence[str]] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    notice: str | None = None

    @property
    def title(self) -> str:
        """The shown machine's name: its logical id in a template, else the file's name."""
        return self.machines[self.index] if self.machines else self.path.name

    @property
    def linked_file(self) -> Path | None:
        """The file the shown state machine's definition lives in, when not this one."""
        if self.machine is None or not self.machine.filename:
            return None
        linked = Path(self.machine.filename)
        return None if linked == self.path else linked

    @property
    def state_count(self) -> int:
        if self.layout is None:
            return 0
        return sum(node.kind not in ("Start", "End", "Missing") for node in self.layout.graph.nodes)

    def definition_of(self, node_id: str) -> Any:
        """The JSON value of a state (its node id is a JSON pointer into the definition)."""
        value: Any = self.machine.definition if self.machine else None
        for part in node_id.split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            elif isinstance(value, dict) and key in value:
                value = value[key]
            else:
                return None
        return value

    def definition_text(self, node_id: str) -> str:
        """A state's definition in the file's own syntax (YAML files show YAML)."""
        value = self.definition_of(node_id)
        if value is None:
            return ""
        if self.machine is not None and self.machine.syntax == "yaml":
            dumped: str = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)
            return dumped
        return json.dumps(value, indent=2, ensure_ascii=False)


def read_workflow_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it could not be read)."""
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except FileNotFoundError:
        return None, f"{path} does not exist"
    except UnicodeDecodeError as error:
        return None, f"{path} is not UTF-8 text ({error.reason} at byte {error.start})"
    except OSError as error:
        return None, f"cannot read {path}: {error.strerror or error}"


def load_workflow(
    path: Path,
    name: str | None = None,
    measure: TextMeasure | None = None,
    text: str | None = None,
) -> WorkflowDocument:
    """Read (unless `text` is given), parse, validate and lay out the state machine called
    `name` (a template's logical id; the first machine when None or no longer in the file).

    By name, not by position: after an edit on disk adds or moves a machine, the preview keeps
    showing the one the user chose, picked the way `--machine` and the language server pick.
    """
    started = time.perf_counter()
    if text is None:
        text, problem = read_workflow_text(path)
        if text is None:
            return WorkflowDocument(path, "", error=problem)
    parsed = parse_document(text, str(path))
    machines = parsed.state_machines
    names = tuple(machine.name or path.name for machine in machines)
    diagnostics = list(parsed.diagnostics)
    if not machines:
        found = "no state machine in this file"
        return WorkflowDocument(path, text, names, diagnostics=tuple(diagnostics), error=found)
    machine = select_state_machine(machines, name)
    notice = None
    if not isinstance(machine, StateMachineSource):  # a name that is gone (machines is not empty)
        notice = f"{name} is no longer in {path.name}; showing {names[0]}."
        machine = machines[0]
    index = machines.index(machine)
    graph = build_graph(machine)
    layout = layout_graph(graph, measure=measure)
    base = tuple(machine.base_path)
    linked = Path(machine.filename) if machine.filename else path
    located: list[tuple[Diagnostic, str | None, Path]] = []
    for diagnostic in diagnostics:  # the parser's findings: paths in the file
        inside = base and tuple(diagnostic.path[: len(base)]) == base
        node = _node_id(graph, diagnostic.path[len(base) :]) if inside else None
        located.append((diagnostic, node, path))
    located.extend((found, _node_id(graph, found.path), linked) for found in validate(machine))
    located.sort(key=lambda found: (found[2] != path, found[0].range.start, found[0].code))
    errors: dict[str, list[str]] = {}
    for (
        diagnostic,
        node,
        _file,
    ) in located:  # errors mark their state red; warnings stay in the list
        if node is not None and diagnostic.is_error:
            errors.setdefault(node, []).append(f"{diagnostic.code}: {diagnostic.message}")
    return WorkflowDocument(
        path, text, names, index, machine, tuple(d for d, _, _ in located),
        tuple(node for _, node, _ in located), tuple(file for _, _, file in located), layout,
        errors, time.perf_counter() - started, notice=notice,
    )  # fmt: skip


def _node_id(graph: Any, path: Sequence[str | int]) -> str | None:
    node = node_for_path(graph, path)
    return node.id if node is not None else None


class _Delivery(QObject):
    done = Signal(int, object)


class WorkflowLoader(QObject):
    """Runs `load_workflow` off the UI thread; `loaded` carries the newest `WorkflowDocument`."""

    loaded = Signal(object)

    def __init__(
        self, measure_factory: Callable[[], TextMeasure], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._measure_factory = measure_factory
        self._generation = 0
        # The pool first: Qt deletes children in the order they were made, and the pool's
        # destructor waits for a running load, which must still find `_delivery` alive to
        # emit on. The other way round, a load running while the preview is deleted would
        # emit on a deleted object.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._deliver)

    def load(self, path: Path, name: str | None = None) -> None:
        self._generation += 1
        generation = self._generation
        factory, done = self._measure_factory, self._delivery.done

        def work() -> None:
            try:
                document = load_workflow(path, name, factory())
            except Exception as error:  # a bug must reach the window, not kill the thread
                document = WorkflowDocument(path, "", error=f"internal error: {error!r}")
            done.emit(generation, document)

        self._pool.start(work)

    def _deliver(self, generation: int, document: WorkflowDocument) -> None:
        if generation == self._generation:
            self.loaded.emit(document)

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._pool.waitForDone(milliseconds)
