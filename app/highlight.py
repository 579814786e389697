"""Syntax highlighting for the read-only code views: JSON, Python and TypeScript.

One `QSyntaxHighlighter` driven by a list of (regex, format) rules per language, with colours
picked for the palette in use so dark mode stays readable.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from eventsmith.app.desktop import is_dark

_LIGHT = {
    "key": "#7b1fa2",
    "string": "#0a7d32",
    "number": "#b35c00",
    "keyword": "#1750c4",
    "comment": "#6a737d",
    "type": "#00838f",
    "decorator": "#9c6500",
}
_DARK = {
    "key": "#d7a6ff",
    "string": "#8bd49c",
    "number": "#ffb86c",
    "keyword": "#82aaff",
    "comment": "#8b949e",
    "type": "#5fd7d7",
    "decorator": "#e5c07b",
}

_PY_KEYWORDS = (
    "False None True and as assert async await break class continue def del elif else except "
    "finally for from global if import in is lambda nonlocal not or pass raise return try "
    "while with yield"
)
_TS_KEYWORDS = (
    "abstract any as boolean break case catch class const continue default delete do else "
    "enum export extends false finally for from function if implements import in instanceof "
    "interface is keyof let new null number readonly return string switch this throw true try "
    "type typeof undefined unknown var void while"
)

_RULES: dict[str, list[tuple[str, str]]] = {
    "json": [
        (r"-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b", "number"),
        (r"\b(true|false|null)\b", "keyword"),
        (r'"(?:[^"\\]|\\.)*"', "string"),
        (r'"(?:[^"\\]|\\.)*"(?=\s*:)', "key"),
    ],
    "python": [
        (r"\b\d+(\.\d+)?\b", "number"),
        (r"\b(" + _PY_KEYWORDS.replace(" ", "|") + r")\b", "keyword"),
        (r"\b[A-Z][A-Za-z0-9_]*\b", "type"),
        (r"^\s*@[\w.]+", "decorator"),
        (r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "string"),
        (r"#[^\n]*", "comment"),
    ],
    "typescript": [
        (r"\b\d+(\.\d+)?\b", "number"),
        (r"\b(" + _TS_KEYWORDS.replace(" ", "|") + r")\b", "keyword"),
        (r"\b[A-Z][A-Za-z0-9_]*\b", "type"),
        (r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", "string"),
        (r"//[^\n]*", "comment"),
    ],
}


class CodeHighlighter(QSyntaxHighlighter):
    """Highlights `language` ("json", "python" or "typescript"); later rules win."""

    def __init__(self, document: QTextDocument, language: str) -> None:
        super().__init__(document)
        self.language = language
        colours = _DARK if is_dark(QApplication.palette()) else _LIGHT
        self._rules = []
        for pattern, role in _RULES[language]:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colours[role]))
            if role in ("keyword", "key"):
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if role == "comment":
                fmt.setFontItalic(True)
            self._rules.append((QRegularExpression(pattern), fmt))
        self._docstring = QTextCharFormat()
        self._docstring.setForeground(QColor(colours["comment"]))

    def highlightBlock(self, text: str) -> None:
        for expression, fmt in self._rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)
        if self.language in ("python", "typescript"):
            self._block_comments(text)

    def _block_comments(self, text: str) -> None:
        """Triple-quoted docstrings and /* */ comments span lines; block state carries them."""
        opener, closer = ('"""', '"""') if self.language == "python" else ("/*", "*/")
        start = 0 if self.previousBlockState() == 1 else text.find(opener)
        self.setCurrentBlockState(0)
        while start >= 0:
            offset = start + (len(opener) if self.previousBlockState() != 1 or start else 0)
            end = text.find(closer, offset)
            if end < 0:
                self.setCurrentBlockState(1)
                self.setFormat(start, len(text) - start, self._docstring)
                return
            self.setFormat(start, end + len(closer) - start, self._docstring)
            start = text.find(opener, end + len(closer))


def code_view(language: str, parent: QWidget | None = None) -> QPlainTextEdit:
    """A read-only, monospaced, highlighted text view."""
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.highlighter = CodeHighlighter(view.document(), language)  # type: ignore[attr-defined]
    return view
