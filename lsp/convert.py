"""Core values -> LSP types, and LSP positions -> core positions: the only place that knows both.

Core positions count Unicode code points; LSP positions count UTF-16 code units by default (or
what the client negotiated: `utf-8`, `utf-32`). `Lines` converts one way or the other per line,
with a fast path for ASCII lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lsprotocol import types as lsp

from eventsmith.asl import (
    Completion,
    CompletionKind,
    Diagnostic,
    Fix,
    HoverText,
    Position,
    Range,
    Severity,
    Symbol,
    TextEdit,
)

_LINES = re.compile(r"\r\n|\r|\n")
SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFORMATION: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}
COMPLETION_KIND = {
    CompletionKind.FIELD: lsp.CompletionItemKind.Field,
    CompletionKind.STATE_TYPE: lsp.CompletionItemKind.Enum,
    CompletionKind.STATE: lsp.CompletionItemKind.Reference,
    CompletionKind.RESOURCE: lsp.CompletionItemKind.Value,
    CompletionKind.ERROR: lsp.CompletionItemKind.Constant,
    CompletionKind.FUNCTION: lsp.CompletionItemKind.Function,
    CompletionKind.VARIABLE: lsp.CompletionItemKind.Variable,
    CompletionKind.VALUE: lsp.CompletionItemKind.Value,
}
SYMBOL_KIND = {
    "machine": lsp.SymbolKind.Module,
    "scope": lsp.SymbolKind.Namespace,
    "state": lsp.SymbolKind.Class,
}


class Lines:
    """A text's lines, converting columns between code points and the client's unit."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.lines = _LINES.split(text)
        self.encoding = encoding

    def _width(self, text: str) -> int:
        if text.isascii() or self.encoding == "utf-32":
            return len(text)
        if self.encoding == "utf-8":
            return len(text.encode("utf-8"))
        return len(text.encode("utf-16-le")) // 2

    def to_lsp(self, position: Position) -> lsp.Position:
        if position.line >= len(self.lines):
            return lsp.Position(position.line, position.character)
        line = self.lines[position.line]
        return lsp.Position(position.line, self._width(line[: position.character]))

    def from_lsp(self, position: lsp.Position) -> Position:
        if position.line >= len(self.lines):
            return Position(position.line, position.character)
        line = self.lines[position.line]
        if line.isascii() or self.encoding == "utf-32":
            return Position(position.line, min(position.character, len(line)))
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return Position(position.line, index)
            units += self._width(char)
        return Position(position.line, len(line))

    def range(self, value: Range) -> lsp.Range:
        return lsp.Range(self.to_lsp(value.start), self.to_lsp(value.end))


def diagnostic(lines: Lines, found: Diagnostic, source: str = "eventsmith") -> lsp.Diagnostic:
    data = {"fix": fix_data(found.fix)} if found.fix else None
    return lsp.Diagnostic(
        range=lines.range(found.range),
        message=found.message,
        severity=SEVERITY[found.severity],
        code=found.code,
        source=source,
        data=data,
    )


def fix_data(fix: Fix) -> dict[str, object]:
    """A fix carried in `Diagnostic.data`, so a code action needs no second analysis."""
    return {
        "title": fix.title,
        "edits": [
            {
                "range": [
                    edit.range.start.line,
                    edit.range.start.character,
                    edit.range.end.line,
                    edit.range.end.character,
                ],
                "newText": edit.new_text,
            }
            for edit in fix.edits
        ],
    }


def text_edits(lines: Lines, edits: Iterable[TextEdit]) -> list[lsp.TextEdit]:
    return [lsp.TextEdit(lines.range(edit.range), edit.new_text) for edit in edits]


def fix_from_data(data: object) -> Fix | None:
    """The `Fix` a diagnostic's `data` carries (None when it is not one of ours)."""
    if not isinstance(data, dict) or not isinstance(data.get("fix"), dict):
        return None
    fix = data["fix"]
    edits = []
    for edit in fix.get("edits", ()):
        try:
            a, b, c, d = (int(n) for n in edit["range"])
            edits.append(TextEdit(Range(Position(a, b), Position(c, d)), str(edit["newText"])))
        except (KeyError, TypeError, ValueError):
            return None
    return Fix(str(fix.get("title", "Fix")), tuple(edits))


def completion_item(lines: Lines, item: Completion, sort: int) -> lsp.CompletionItem:
    documentation = (
        lsp.MarkupContent(lsp.MarkupKind.Markdown, item.documentation)
        if item.documentation
        else None
    )
    return lsp.CompletionItem(
        label=item.label,
        kind=COMPLETION_KIND[item.kind],
        detail=item.detail or None,
        documentation=documentation,
        sort_text=f"{sort:04d}",
        # A JSON string's range includes its opening quote: so must what the client filters.
        filter_text='"' + item.label if item.edit.new_text.startswith('"') else None,
        text_edit=lsp.TextEdit(lines.range(item.edit.range), item.edit.new_text),
    )


def hover(lines: Lines, found: HoverText) -> lsp.Hover:
    content = lsp.MarkupContent(lsp.MarkupKind.Markdown, found.markdown)
    return lsp.Hover(contents=content, range=lines.range(found.range))


def symbols(lines: Lines, found: Sequence[Symbol]) -> list[lsp.DocumentSymbol]:
    return [
        lsp.DocumentSymbol(
            name=symbol.name,
            kind=SYMBOL_KIND.get(symbol.kind, lsp.SymbolKind.Object),
            range=lines.range(symbol.range),
            selection_range=lines.range(symbol.selection),
            detail=symbol.detail or None,
            children=symbols(lines, symbol.children),
        )
        for symbol in found
    ]


def folding(found: Iterable[tuple[int, int]]) -> list[lsp.FoldingRange]:
    return [lsp.FoldingRange(start_line=start, end_line=end) for start, end in found]
