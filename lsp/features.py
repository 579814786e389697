"""Request handlers' bodies: current document -> core call -> LSP types (via `convert`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from eventsmith.asl import (
    Completion,
    HoverText,
    Position,
    UnknownStateMachine,
    graph_view,
    name_at,
    rename_state,
    state_definition,
    state_references,
    workflow_completions,
    workflow_hover,
)
from eventsmith.asl import document_symbols as core_symbols
from eventsmith.asl import folding_ranges as core_folding
from eventsmith.lsp import convert
from eventsmith.lsp.patterns import pattern_completions, pattern_hover
from eventsmith.lsp.session import Analysis
from eventsmith.lsp.workflow_inputs import input_completions

COMPLETION_LIMIT = 200

if TYPE_CHECKING:
    from eventsmith.lsp.server import EventsmithServer


def current(ls: EventsmithServer, uri: str) -> tuple[Analysis, convert.Lines]:
    document = ls.workspace.get_text_document(uri)
    text = document.source
    analysis = ls.session.analysis(uri, document.version, text, document.language_id)
    return analysis, analysis.lines(ls.encoding)


def completion(ls: EventsmithServer, uri: str, position: lsp.Position) -> lsp.CompletionList:
    analysis, lines = current(ls, uri)
    where = lines.from_lsp(position)
    found: Sequence[Completion] = ()
    if analysis.workflow is not None:
        registry, schema = ls.session.registry.connection(), ls.session.settings.input_schema
        inputs = input_completions(analysis.workflow, where, registry, schema)
        found = [*inputs, *workflow_completions(analysis.workflow, where)]
    elif analysis.tree is not None:
        found = pattern_completions(analysis.tree, where, ls.session.registry)
    found, incomplete = _narrowed(found, lines.lines, where)
    items = [convert.completion_item(lines, item, index) for index, item in enumerate(found)]
    return lsp.CompletionList(is_incomplete=incomplete, items=items)


def _narrowed(
    found: Sequence[Completion], rows: Sequence[str], where: Position
) -> tuple[Sequence[Completion], bool]:
    """At most COMPLETION_LIMIT candidates, matching what is typed, for huge workflows.

    A list of every state of a 1,000-state machine costs more to send than to compute; past
    the limit only the candidates fuzzily matching the typed text are sent (the list is
    then marked incomplete, so the client asks again as the user types or deletes).
    """
    if len(found) <= COMPLETION_LIMIT:
        return found, False
    line = rows[where.line] if where.line < len(rows) else ""
    kept = []
    for item in found:
        start = item.edit.range.start
        typed = line[start.character : where.character] if start.line == where.line else ""
        if _fuzzy(typed.lstrip("\"'").lower(), item.label.lower()):
            kept.append(item)
    return kept[:COMPLETION_LIMIT], True


def _fuzzy(typed: str, label: str) -> bool:
    """Every typed character appears in `label`, in order (how editors filter)."""
    position = 0
    for char in typed:
        position = label.find(char, position) + 1
        if position == 0:
            return False
    return True


def hover(ls: EventsmithServer, uri: str, position: lsp.Position) -> lsp.Hover | None:
    analysis, lines = current(ls, uri)
    where = lines.from_lsp(position)
    found: HoverText | None = None
    if analysis.workflow is not None:
        found = workflow_hover(analysis.workflow, where)
    elif analysis.tree is not None:
        found = pattern_hover(analysis.tree, where, ls.session.registry)
    return convert.hover(lines, found) if found else None


def definition(ls: EventsmithServer, uri: str, position: lsp.Position) -> list[lsp.Location]:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return []
    found = state_definition(analysis.workflow, lines.from_lsp(position))
    return [lsp.Location(uri, lines.range(found))] if found else []


def references(
    ls: EventsmithServer, uri: str, position: lsp.Position, include_declaration: bool
) -> list[lsp.Location]:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return []
    found = state_references(analysis.workflow, lines.from_lsp(position), include_declaration)
    return [lsp.Location(uri, lines.range(reference.range)) for reference in found]


def highlights(
    ls: EventsmithServer, uri: str, position: lsp.Position
) -> list[lsp.DocumentHighlight]:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return []
    found = state_references(analysis.workflow, lines.from_lsp(position))
    kind = {True: lsp.DocumentHighlightKind.Write, False: lsp.DocumentHighlightKind.Read}
    return [lsp.DocumentHighlight(lines.range(ref.range), kind[ref.declaration]) for ref in found]


def prepare_rename(ls: EventsmithServer, uri: str, position: lsp.Position) -> lsp.Range | None:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return None
    site = name_at(analysis.workflow, lines.from_lsp(position))
    return lines.range(site.range) if site else None


def rename(
    ls: EventsmithServer, uri: str, position: lsp.Position, new_name: str
) -> lsp.WorkspaceEdit | None:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return None
    edits = rename_state(analysis.workflow, lines.from_lsp(position), new_name)
    if isinstance(edits, str):
        raise ValueError(edits)  # pygls answers with an error response carrying the reason
    return lsp.WorkspaceEdit(changes={uri: convert.text_edits(lines, edits)})


def symbols(ls: EventsmithServer, uri: str) -> list[lsp.DocumentSymbol]:
    analysis, lines = current(ls, uri)
    if analysis.workflow is None:
        return []
    return convert.symbols(lines, core_symbols(analysis.workflow))


def folding(ls: EventsmithServer, uri: str) -> list[lsp.FoldingRange]:
    analysis, _lines = current(ls, uri)
    tree = analysis.workflow.tree if analysis.workflow is not None else analysis.tree
    return convert.folding(core_folding(tree)) if tree is not None else []


def code_actions(
    ls: EventsmithServer, uri: str, diagnostics: Sequence[lsp.Diagnostic]
) -> list[lsp.CodeAction]:
    """Quick fixes carried by our diagnostics (their `data`), for the version they were made."""
    _analysis, lines = current(ls, uri)
    actions = []
    for diagnostic in diagnostics:
        fix = convert.fix_from_data(diagnostic.data)
        if fix is None:
            continue
        edit = lsp.WorkspaceEdit(changes={uri: convert.text_edits(lines, fix.edits)})
        actions.append(
            lsp.CodeAction(
                title=fix.title,
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=edit,
                is_preferred=True,
            )
        )
    return actions


def graph(ls: EventsmithServer, uri: str, machine: str | None = None) -> dict[str, Any]:
    """The `eventsmith/graph` response (docs/lsp.md): graph JSON and SVG of the machine named
    `machine` (the first by default), and the names a client can choose from."""
    analysis, _lines = current(ls, uri)
    document = analysis.workflow
    chosen = document.chosen_findings(machine) if document is not None else None
    if document is None or chosen is None:
        raise ValueError(f"{uri} holds no state machine")
    if isinstance(chosen, UnknownStateMachine):
        raise JsonRpcInvalidParams(
            f"{uri}: {chosen.message}", data={"stateMachines": list(chosen.available)}
        )
    source, diagnostics = chosen
    view = graph_view(source, diagnostics, source.name or analysis.filename)
    return {
        "uri": uri,
        "version": analysis.version,
        "stateMachine": source.name,
        "stateMachines": list(document.machine_names),
        "graph": view.document,
        "svg": view.svg,
    }
