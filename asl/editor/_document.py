"""A workflow document as an editor sees it: its parse, and the span of every key and value.

Built once per text version and shared by every editor feature. The spans of the whole
document are read lazily (only completion, hover and friends need them), and the state
machines found by the parser are matched to the document paths they sit at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from eventsmith.asl.editor._incremental import edited_tree
from eventsmith.asl.editor._tree import Tree, read_tree
from eventsmith.asl.rules import validate
from eventsmith.asl.syntax import (
    MAX_DEFINITION_BYTES,
    Diagnostic,
    Machine,
    ParsedFile,
    Path,
    Span,
    StateMachineSource,
    Syntax,
    UnknownStateMachine,
    build_machine,
    parse_document,
    select_state_machine,
    state_machine_names,
)
from eventsmith.asl.syntax._locations import Locations
from eventsmith.asl.syntax._source import detect_syntax
from eventsmith.asl.syntax._template import is_template


@dataclass(frozen=True)
class MachineView:
    """A state machine of the document, where it sits, and its navigable model."""

    source: StateMachineSource
    base: Path
    machine: Machine | None

    def relative(self, path: Path) -> Path | None:
        """`path` relative to this definition, None when it is outside it."""
        size = len(self.base)
        return path[size:] if path[:size] == self.base else None

    def absolute(self, path: Path) -> Path:
        return (*self.base, *path)


class EditorDocument:
    """One version of a workflow file (ASL JSON/YAML or a SAM/CloudFormation template)."""

    def __init__(
        self,
        text: str,
        filename: str | None = None,
        substitutions: Mapping[str, str] | None = None,
        *,
        previous: EditorDocument | None = None,
    ) -> None:
        """`previous` is the version this one was edited from: when its spans are already
        read and the edit stays inside a string, they are moved instead of read again."""
        self.text = text
        self.filename = filename
        self.substitutions = substitutions
        # Only a previous version whose spans are read is kept: no chain of old versions.
        self._previous = previous if previous is not None and "tree" in previous.__dict__ else None

    @cached_property
    def parsed(self) -> ParsedFile:
        return parse_document(self.text, self.filename, self.substitutions)

    @cached_property
    def syntax(self) -> Syntax:
        return detect_syntax(self.text, self.filename)

    @cached_property
    def tree(self) -> Tree:
        previous, self._previous = self._previous, None
        if previous is not None:
            moved = edited_tree(previous.tree, self.text)
            if moved is not None:
                return moved
        return read_tree(self.text, self.syntax)

    @cached_property
    def machines(self) -> tuple[MachineView, ...]:
        """State machines whose spans match the text (not those in a `DefinitionString`)."""
        views = []
        self.tree  # noqa: B018  (read: the standalone machine below is built from it)
        standalone = self.standalone
        for source in [standalone] if standalone else self.parsed.state_machines:
            if source.filename not in (None, self.filename) or not source.locations.exact:
                continue
            definition = source.definition
            model = self._model(definition) if isinstance(definition, dict) else None
            views.append(MachineView(source, tuple(source.base_path), model))
        return tuple(views)

    @property
    def standalone(self) -> StateMachineSource | None:
        """A plain ASL document's machine built from the editor's own read of the text, when
        that read is at hand (done, or movable from the previous version); else None.

        Validating it is what `check_text` does, without the parser's second read of every
        span: the larger part of the cost of an edit's diagnostics and first completion.
        """
        if "tree" not in self.__dict__ and self._previous is None:
            return None
        if "_standalone" not in self.__dict__:
            self.__dict__["_standalone"] = self._machine_from_tree()
        found: StateMachineSource | None = self.__dict__["_standalone"]
        return found

    def _machine_from_tree(self) -> StateMachineSource | None:
        tree = self.tree
        if self.substitutions or is_template(tree.value) or not isinstance(tree.value, dict):
            return None
        # Below 256 KiB of characters the UTF-8 size cannot reach the 1 MB limit (as the parser).
        text = self.text
        size = len(text.encode("utf-8")) if len(text) * 4 > MAX_DEFINITION_BYTES else len(text)
        # The tree's own tables, not copies (70,000 spans each): nothing writes to either.
        locations = Locations(tree.lines.range, _as_dict(tree.values), _as_dict(tree.keys))
        return StateMachineSource(
            None, tree.value, (), self.filename, self.syntax, locations, size, text
        )

    def _model(self, definition: Any) -> Machine | None:
        """The model of one definition of this version, built once for validation and the
        editor features both (~10 ms for 1,000 states)."""
        if not isinstance(definition, dict):
            return None
        models: dict[int, Machine] = self.__dict__.setdefault("_models", {})
        # Keyed by identity: this version holds every definition it has, so ids stay unique.
        found = models.get(id(definition))
        if found is None:
            found = models[id(definition)] = build_machine(definition)
        return found

    def machine_at(self, path: Path) -> MachineView | None:
        """The innermost state machine containing the document `path`."""
        found = [view for view in self.machines if view.relative(path) is not None]
        return max(found, key=lambda view: len(view.base), default=None)

    @cached_property
    def findings(self) -> tuple[tuple[StateMachineSource, list[Diagnostic]], ...]:
        """Each state machine of this file with the validator's findings about it."""
        standalone = self.standalone
        if standalone is not None:
            return ((standalone, validate(standalone, self._model(standalone.definition))),)
        parsed = self.parsed
        return tuple(
            (machine, validate(machine, self._model(machine.definition)))
            for machine in parsed.state_machines
            if machine.filename == parsed.filename or machine.filename is None
        )

    @property
    def machine_names(self) -> tuple[str, ...]:
        """The names `chosen_findings` accepts (a template's logical ids, in document order);
        empty for a plain ASL document, whose one machine has no name."""
        return state_machine_names(self._choices())

    def chosen_findings(
        self, name: str | None = None
    ) -> tuple[StateMachineSource, list[Diagnostic]] | UnknownStateMachine | None:
        """The machine `name` picks (the first by default) with the validator's findings.

        The same machine as `eventsmith asl graph --machine NAME`: a template's definitions
        in other files (`DefinitionUri`) count too, validated on demand since `findings`
        holds only those whose ranges are in this file. None when there is no machine.
        """
        chosen = select_state_machine(self._choices(), name)
        if not isinstance(chosen, StateMachineSource):
            return chosen
        for source, diagnostics in self.findings:
            if source is chosen:
                return source, diagnostics
        return chosen, validate(chosen, self._model(chosen.definition))

    def _choices(self) -> list[StateMachineSource]:
        """The machines to pick from: the one `findings` was built from for a plain ASL
        document read by the editor (no second parse), else every machine the parser found."""
        findings = self.findings
        if findings and findings[0][0] is self.__dict__.get("_standalone"):
            return [findings[0][0]]
        return self.parsed.state_machines

    def diagnostics(self) -> list[Diagnostic]:
        """Syntax findings and every rule's findings, as `check_text` gives them."""
        findings = self.findings
        from_tree = bool(findings) and findings[0][0] is self.__dict__.get("_standalone")
        found = list(self.tree.problems if from_tree else self.parsed.diagnostics)
        for _machine, diagnostics in findings:
            found.extend(diagnostics)
        return sorted(found, key=lambda d: (d.range.start, d.range.end, d.code))


def _as_dict(spans: Mapping[Path, Span]) -> dict[Path, Span]:
    return spans if isinstance(spans, dict) else dict(spans)
