"""What the server knows between messages: settings, the registry, and the analysis of each
open document's latest version (so requests on that version reuse one parse)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from eventsmith.asl import (
    Diagnostic,
    EditorDocument,
    Position,
    Range,
    Severity,
    Tree,
    apply_settings,
    read_tree,
)
from eventsmith.lsp.convert import Lines
from eventsmith.lsp.documents import Kind, classify, file_name
from eventsmith.lsp.events import event_diagnostics
from eventsmith.lsp.patterns import pattern_diagnostics
from eventsmith.lsp.registry_link import RegistryLink
from eventsmith.lsp.settings import Settings
from eventsmith.lsp.workflow_inputs import input_diagnostics

# Past this many characters a document is not analysed: Step Functions accepts 1 MB, and an
# editor must stay responsive on a pasted log or a generated file.
MAX_CHARACTERS = 4_000_000


@dataclass
class Analysis:
    """One version of one document, analysed (lazily, as each feature needs)."""

    uri: str
    version: int | None
    kind: Kind
    text: str
    workflow: EditorDocument | None = None
    tree: Tree | None = None
    too_large: bool = False
    _diagnostics: list[Diagnostic] | None = field(default=None, repr=False)
    _lines: dict[str, Lines] = field(default_factory=dict, repr=False)

    def lines(self, encoding: str) -> Lines:
        """The text's lines, split once per version for its diagnostics and every request
        (2-3 ms each on a 17,000-line workflow: a fifth of a completion)."""
        found = self._lines.get(encoding)
        if found is None:
            found = self._lines[encoding] = Lines(self.text, encoding)
        return found

    @property
    def filename(self) -> str:
        return file_name(self.uri)

    @property
    def path(self) -> Path | None:
        """The file on disk, for the project settings next to it (None for unsaved buffers)."""
        parsed = urlparse(self.uri)
        return Path(unquote(parsed.path)) if parsed.scheme == "file" else None

    def warm(self) -> None:
        """Read what editor requests on this version need (spans, indexes, the model)."""
        tree = self.workflow.tree if self.workflow is not None else self.tree
        if tree is None:
            return
        tree.key_order, tree.value_order, tree.containers  # noqa: B018
        if self.workflow is not None:
            self.workflow.machines  # noqa: B018


class Session:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.registry = RegistryLink(_path(self.settings.registry))
        self._latest: dict[str, Analysis] = {}
        self._lock = threading.Lock()
        self._problems: set[str] = set()  # settings that could not be used
        self._shown: set[str] = set()

    def new_settings_problems(self) -> list[str]:
        """Problems with the settings not reported to the user yet (each is shown once)."""
        with self._lock:
            fresh = sorted(self._problems - self._shown)
            self._shown.update(fresh)
        return fresh

    def configure(self, options: object) -> None:
        self.settings = self.settings.merged(options)
        wanted = _path(self.settings.registry)
        if wanted is not None and wanted != self.registry.path:
            self.registry = RegistryLink(wanted)
        with self._lock:
            self._latest.clear()  # settings change what diagnostics say

    def analysis(
        self, uri: str, version: int | None, text: str, language_id: str | None
    ) -> Analysis:
        """The analysis of this exact version, reused when it is the latest one seen."""
        with self._lock:
            known = self._latest.get(uri)
            if known is not None and known.version == version and known.text is text:
                return known
        previous = known.workflow if known is not None else None
        kind = classify(uri, language_id, text, self.settings.extra_globs)
        analysis = Analysis(uri, version, kind, text, too_large=len(text) > MAX_CHARACTERS)
        if not analysis.too_large:
            if kind is Kind.WORKFLOW:
                analysis.workflow = EditorDocument(text, analysis.filename, previous=previous)
            elif kind is Kind.PATTERN:
                analysis.tree = read_tree(text, "json")
        with self._lock:
            current = self._latest.get(uri)
            if (
                current is None
                or current.version is None
                or version is None
                or current.version <= version
            ):
                self._latest[uri] = analysis
        return analysis

    def forget(self, uri: str) -> None:
        with self._lock:
            self._latest.pop(uri, None)

    def latest(self, uri: str) -> Analysis | None:
        with self._lock:
            return self._latest.get(uri)

    def drop_registry_results(self, kinds: set[Kind]) -> list[str]:
        """Forget the analyses of these kinds (they read the registry); their documents."""
        with self._lock:
            dropped = [uri for uri, found in self._latest.items() if found.kind in kinds]
            for uri in dropped:
                del self._latest[uri]
        return dropped

    def diagnostics(self, analysis: Analysis) -> list[Diagnostic]:
        if analysis._diagnostics is None:
            analysis._diagnostics = self._diagnose(analysis)
        return analysis._diagnostics

    def _diagnose(self, analysis: Analysis) -> list[Diagnostic]:
        if analysis.too_large:
            message = (
                f"The document has {len(analysis.text):,} characters: too large to analyse "
                f"(the limit is {MAX_CHARACTERS:,}; Step Functions accepts 1 MB definitions)"
            )
            return [Diagnostic("ASL003", Severity.WARNING, message, _first_line(analysis.text))]
        if analysis.workflow is not None:
            found = analysis.workflow.diagnostics()
            found += input_diagnostics(
                analysis.workflow, self.registry.connection(), self.settings.input_schema
            )
            resolved = self.settings.resolve(analysis.path)
            with self._lock:
                self._problems.update(resolved.problems)
            return apply_settings(found, resolved)
        if analysis.tree is not None:
            return pattern_diagnostics(analysis.tree, self.registry)
        if analysis.kind is Kind.EVENTS:
            jsonl = analysis.filename.lower().endswith((".jsonl", ".ndjson"))
            return event_diagnostics(analysis.text, jsonl, self.registry)
        return []


def _first_line(text: str) -> Range:
    end = text.find("\n")
    return Range(Position(0, 0), Position(0, end if end >= 0 else len(text)))


def _path(value: str | None) -> Path | None:
    if not value:
        return None
    if value.startswith("file:"):
        value = unquote(urlparse(value).path)
    return Path(value).expanduser()
