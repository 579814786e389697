"""YAML to plain values with the span of every key and value, anchors and merge keys resolved.

PyYAML's composer (libyaml when available) gives a node graph with start/end marks in
characters and resolves aliases to the anchored node, so a value reached through `*alias`
reports the anchor's span. We build the plain values ourselves instead of using the
constructor so that duplicate keys become findings, CloudFormation short tags (`!Sub`, `!Ref`,
`!GetAtt`, ...) never break loading, and YAML 1.2 booleans apply (a state named `No` or `on`
stays a string, as in every YAML 1.2 tool and the AWS toolkits). PyYAML stops at the first
syntax error; to still give a partial model while someone types, the offending line is
blanked (or the text cut there) and the rest is read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._json_reader import _MAX_DEPTH, MISSING, JsonResult, SyntaxProblem
from eventsmith.asl.syntax._locations import Span

# Quoted scalars and comments hide brackets; anything else may open or close a flow container.
_FLOW_TOKEN = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|#[^\n]*|[\[\]{}]""")
_BLOCK_INDENT = re.compile(r"^[ \t-]+", re.MULTILINE)

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_MAX_RETRIES = 8
_MAX_NODES = 300_000  # a 1 MB definition holds far fewer values; stops alias bombs


# First characters of plain scalars that may resolve to something other than a string.
_MAYBE_TYPED = frozenset("-+0123456789.tTfFnN~<")


class _Resolver12(Resolver):
    """PyYAML's resolver with YAML 1.2 booleans and timestamps left as strings."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Fast path: most ASL scalars are names and ARNs; skip the regex tables for them.
        if kind is ScalarNode and implicit[0] and value and value[0] not in _MAYBE_TYPED:
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_Resolver12.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver12.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_Parser: Any
try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # libyaml, ~10x faster
except ImportError:  # pragma: no cover - PyYAML built without libyaml

    class _PureParser(
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)

    _Parser = _PureParser


class _Loader(_Parser, SafeConstructor, _Resolver12):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        _Resolver12.__init__(self)


def read_yaml(text: str) -> JsonResult:
    """Parse YAML `text`, never raising; partial text gives a partial value and findings."""
    problems: list[SyntaxProblem] = []
    deepest = _nesting_bound(text)
    if deepest > _MAX_DEPTH:
        # libyaml composes recursively in C: tens of thousands of levels overflow the C stack
        # (a crash, not an exception), so such a document is not handed to it at all.
        message = f"Nesting deeper than {_MAX_DEPTH} levels is not read ({deepest} levels)"
        return JsonResult(MISSING, problems=[SyntaxProblem("ASL001", message, (0, 0), ())])
    attempt = text
    for _ in range(_MAX_RETRIES):
        try:
            node = _compose(attempt)
            break
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            offset = mark.index if mark is not None else len(attempt)
            if not problems:
                message = " ".join(str(part) for part in (error.context, error.problem) if part)
                problems.append(SyntaxProblem("ASL001", _sentence(message), (offset, offset), ()))
            if "single document" in f"{error.context} {error.problem}":
                attempt = attempt[:offset]  # read the first document of a stream only
                continue
            # Blank where the broken construct began (an unclosed `[`), else where it broke.
            context = error.context_mark
            attempt = _without_line_at(attempt, context.index if context is not None else offset)
        except yaml.YAMLError as error:
            problems.append(SyntaxProblem("ASL001", _sentence(str(error)), (0, 0), ()))
            return JsonResult(MISSING, problems=problems)
    else:
        return JsonResult(MISSING, problems=problems)
    builder = _Builder(problems)
    value = MISSING if node is None else builder.build(node, ())
    return JsonResult(value, builder.values, builder.keys, problems)


def _nesting_bound(text: str) -> int:
    """An upper bound on how deep `text` nests: the deepest flow brackets plus the widest
    block indentation (each block level takes at least one column: spaces, or "- ")."""
    flow = deepest = 0
    for token in _FLOW_TOKEN.finditer(text):
        char = token.group()[0]
        if char in "[{":
            flow += 1
            deepest = max(deepest, flow)
        elif char in "]}":
            flow = max(0, flow - 1)
    indent = max((len(match.group()) for match in _BLOCK_INDENT.finditer(text)), default=0)
    return deepest + indent


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _without_line_at(text: str, offset: int) -> str:
    """Blank the line holding `offset` (keeping every other position), or cut the text there."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    if text[start:end].strip():
        return text[:start] + " " * (end - start) + text[end:]
    return text[:start]


def _sentence(message: str) -> str:
    message = " ".join(message.split())
    return f"YAML syntax error: {message}" if message else "YAML syntax error"


@dataclass
class _Builder:
    problems: list[SyntaxProblem]
    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    active: set[int] = field(default_factory=set)
    count: int = 0
    constructor: SafeConstructor = field(default_factory=SafeConstructor)

    def build(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            if self.count == _MAX_NODES + 1:
                self.problem("Aliases expand to too many values; the rest is not read", node, path)
            return None
        self.values[path] = (node.start_mark.index, node.end_mark.index)
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            return _short_tag(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            self.problem("An alias refers to a node that contains it", node, path)
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            return None
        finally:
            self.active.discard(id(node))

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag in ("tag:yaml.org,2002:str", _TIMESTAMP) or node.style:
            return node.value
        if node.tag == _BOOL:
            return node.value.lower() == "true"
        try:
            return self.constructor.construct_object(node)
        except (ConstructorError, ValueError):
            return node.value

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        # Merge keys first, so explicit keys win and their spans are the ones recorded.
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                result.update(self.merge_sources(value_node, path))
        explicit: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            if not isinstance(key_node, ScalarNode):
                self.problem("A mapping key must be a plain scalar", key_node, path)
            child = (*path, key)
            if key in explicit:
                span = (key_node.start_mark.index, key_node.end_mark.index)
                self.problems.append(SyntaxProblem("ASL002", f"Duplicate key '{key}'", span, child))
            explicit.add(key)
            self.keys[child] = (key_node.start_mark.index, key_node.end_mark.index)
            result.pop(key, None)
            result[key] = self.build(value_node, child)
        return result

    def merge_sources(self, node: Node, path: Path) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[str, Any] = {}
        own_span = self.values[path]
        # Earlier sources in a `<<: [*a, *b]` list win, so apply them last.
        for source in reversed(sources):
            value = self.build(source, path)
            if isinstance(value, dict):
                merged.update(value)
            else:
                self.problem("A merge key (<<) needs a mapping or a list of mappings", source, path)
        self.values[path] = own_span
        return merged

    def problem(self, message: str, node: Node, path: Path) -> None:
        span = (node.start_mark.index, node.end_mark.index)
        self.problems.append(SyntaxProblem("ASL001", message, span, path))


def _short_tag(node: Node) -> Any:
    """A CloudFormation short-form intrinsic as an opaque `${...}` string (see parse_template)."""
    name = node.tag[1:]
    if isinstance(node, ScalarNode):
        if name == "Sub":
            return node.value
        if name in ("Ref", "GetAtt"):
            return "${" + node.value + "}"
        return "${Fn::" + name + "}"
    if name == "Sub" and isinstance(node, SequenceNode) and node.value:
        first = node.value[0]
        if isinstance(first, ScalarNode):
            return first.value
    if name == "GetAtt" and isinstance(node, SequenceNode):
        parts = [item.value for item in node.value if isinstance(item, ScalarNode)]
        return "${" + ".".join(parts) + "}"
    return "${Fn::" + name + "}"
