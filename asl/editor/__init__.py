"""ASL editor analysis: what is at a position, outline, completion, hover, state-name references.

Everything here takes text and (line, character) positions in code points and returns plain
values; the language server (and any other front-end) converts them to its own types.
"""

from eventsmith.asl.editor._completion import Completion, CompletionKind, workflow_completions
from eventsmith.asl.editor._cursor import Cursor, cursor_at
from eventsmith.asl.editor._document import EditorDocument, MachineView
from eventsmith.asl.editor._graph_view import GraphView, graph_view
from eventsmith.asl.editor._hover import HoverText, workflow_hover
from eventsmith.asl.editor._names import (
    NameSite,
    StateReference,
    name_at,
    rename_state,
    state_definition,
    state_references,
)
from eventsmith.asl.editor._outline import Symbol, document_symbols, folding_ranges
from eventsmith.asl.editor._tree import Tree, read_tree

__all__ = [
    "Completion",
    "CompletionKind",
    "Cursor",
    "EditorDocument",
    "GraphView",
    "HoverText",
    "MachineView",
    "NameSite",
    "StateReference",
    "Symbol",
    "Tree",
    "cursor_at",
    "document_symbols",
    "folding_ranges",
    "graph_view",
    "name_at",
    "read_tree",
    "rename_state",
    "state_definition",
    "state_references",
    "workflow_completions",
    "workflow_hover",
]
