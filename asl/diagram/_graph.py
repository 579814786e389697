"""The graph of a state machine: states as nodes, transitions as typed edges, nested scopes.

Shape (console-like): the top level gets one synthetic Start node (edge to `StartAt`) and one End
node (edges from every terminal state). Parallel branches and Map item processors are *scopes*
nested inside their Parallel/Map node, to any depth, without start/end nodes of their own: the
Step Functions console draws a branch's first state at the top of its lane, and the branch simply
ends when its terminal states end.

Node ids are stable: the RFC 6901 JSON pointer of the state object in the definition, e.g.
`/States/Fulfil/Branches/0/States/Charge payment`. Synthetic nodes use ids that cannot be
pointers: `#start`, `#end`, and `<scope>#missing/<name>` for a transition target that does not
exist. Any definition, however broken, gives a graph; nothing here raises on user content.

Scopes, states and transitions are those of the syntax model the rules check (`syntax._model`),
so the picture and the findings always agree on what leads where.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from eventsmith.asl.syntax._conditions import describe_rule
from eventsmith.asl.syntax._document import Path
from eventsmith.asl.syntax._model import STATE_TYPES, State, Transition, build_machine
from eventsmith.asl.syntax._model import Scope as ModelScope
from eventsmith.asl.syntax._source import StateMachineSource

START_ID = "#start"
END_ID = "#end"
TOP_SCOPE = ""

NodeKind = Literal[
    "Start",
    "End",
    "Task",
    "Pass",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "Unknown",
    "Missing",
]
EdgeKind = Literal["start", "next", "choice", "default", "catch", "end"]


@dataclass(frozen=True)
class Node:
    """A state, or a synthetic Start/End/Missing marker.

    `detail` is the subtitle the console shows under the name (the Task's API, the state type).
    `path` is where the state sits in the definition (`("States", "Fulfil")`), for going from
    a picture to the text (`StateMachineSource.key_range(node.path)`); `()` for a synthetic node.
    """

    id: str
    name: str
    kind: NodeKind
    scope: str
    detail: str = ""
    path: Path = ()


@dataclass(frozen=True)
class Scope:
    """A set of states with its own `StartAt`: the top level, a Parallel branch, a Map processor.

    `owner` is the id of the Parallel/Map node drawn around it (None for the top level); `start`
    is the node id of its `StartAt` state, None when that state does not exist.
    """

    id: str
    owner: str | None
    label: str
    start: str | None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str = ""


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    scopes: tuple[Scope, ...]

    @cached_property
    def _by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}

    def node(self, node_id: str) -> Node | None:
        return self._by_id.get(node_id)

    def scope_children(self, scope_id: str) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if node.scope == scope_id)

    def owned_scopes(self, node_id: str) -> tuple[Scope, ...]:
        return tuple(scope for scope in self.scopes if scope.owner == node_id)


def pointer(path: Sequence[str | int]) -> str:
    """RFC 6901 JSON pointer for a path of keys and indexes."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def node_for_path(graph: Graph, path: Sequence[str | int]) -> Node | None:
    """The innermost node whose definition contains `path` (a diagnostic's location).

    A path under the top-level `StartAt` maps to the Start node; a path that is in no state
    (e.g. `("Comment",)`) gives None.
    """
    if tuple(path[:1]) == ("StartAt",):
        return graph.node(START_ID)
    best: Node | None = None
    prefix = ""
    for part in path:
        prefix += pointer((part,))
        found = graph.node(prefix)
        if found is not None:
            best = found
    return best


@dataclass
class _Builder:
    """Turns the syntax model's scopes, states and transitions into nodes, edges and lanes."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    def scope(self, scope: ModelScope, label: str) -> None:
        scope_id = pointer(scope.path)
        owner = pointer(scope.owner.path) if scope.owner is not None else None
        states = scope.body.get("States")
        states = states if isinstance(states, Mapping) else {}
        names = {str(name): pointer(scope.at("States", name)) for name in states}
        start_at = scope.start_at
        start = names.get(start_at) if isinstance(start_at, str) else None
        self.scopes.append(Scope(scope_id, owner, label, start))
        if owner is None:
            self.nodes.append(Node(START_ID, "Start", "Start", scope_id))
            if isinstance(start_at, str):
                self.edges.append(Edge(START_ID, self.target(scope_id, names, start_at), "start"))
        for name in states:
            state = scope.states.get(name)
            if state is None:  # the model keeps only objects
                node_id, path = names[str(name)], scope.at("States", name)
                self.nodes.append(
                    Node(node_id, str(name), "Unknown", scope_id, "not an object", path)
                )
            else:
                self.state(state, scope_id, names)
        if owner is None:
            self.nodes.append(Node(END_ID, "End", "End", scope_id))

    def state(self, state: State, scope_id: str, names: Mapping[str, str]) -> None:
        node_id = names[str(state.name)]
        kind: NodeKind = state.type if state.type in STATE_TYPES else "Unknown"  # type: ignore[assignment]
        detail = _detail(kind, state.body)
        self.nodes.append(Node(node_id, str(state.name), kind, scope_id, detail, state.path))
        # Every branch or processor gets a lane, an empty one where the model has no scope
        # (the body is not an object), so that the picture shows where the broken one is.
        lanes = {child.path[-1]: child for child in state.children}
        if kind == "Parallel":
            branches = state.body.get("Branches")
            for index in range(len(branches) if isinstance(branches, list) else 0):
                path, label = state.at("Branches", index), f"Branch {index + 1}"
                self.lane(lanes.get(index), state, path, label)
        elif kind == "Map":
            # A Map with both ItemProcessor and the legacy Iterator runs the ItemProcessor.
            key = "ItemProcessor" if "ItemProcessor" in state.body else "Iterator"
            if key in state.body:
                child = lanes.get(key)
                label = _processor_label(child) if child else "Item processor"
                self.lane(child, state, state.at(key), label)
        for transition in state.transitions:
            target = self.target(scope_id, names, transition.target)
            self.edges.append(Edge(node_id, target, transition.kind, _label(transition)))
        if state.terminal and scope_id == TOP_SCOPE:
            self.edges.append(Edge(node_id, END_ID, "end"))

    def lane(self, scope: ModelScope | None, owner: State, path: Path, label: str) -> None:
        if scope is not None:
            self.scope(scope, label)
        else:
            self.scopes.append(Scope(pointer(path), pointer(owner.path), label, None))

    def target(self, scope_id: str, names: Mapping[str, str], name: str) -> str:
        if name in names:
            return names[name]
        missing_id = f"{scope_id}#missing{pointer((name,))}"
        if missing_id not in self.missing:
            self.missing.add(missing_id)
            self.nodes.append(Node(missing_id, name, "Missing", scope_id, "no such state"))
        return missing_id


def build_graph(source: StateMachineSource | object) -> Graph:
    """The graph of a state machine, or of a plain definition dict; tolerates any broken input."""
    definition = source.definition if isinstance(source, StateMachineSource) else source
    builder = _Builder()
    builder.scope(build_machine(definition if isinstance(definition, dict) else {}).top, "")
    # Missing markers were appended where first referenced; move them to the end of their
    # scope's run so the order of real states (the document order) stays intact.
    real = [node for node in builder.nodes if node.kind != "Missing"]
    missing = [node for node in builder.nodes if node.kind == "Missing"]
    return Graph(tuple(real + missing), tuple(builder.edges), tuple(builder.scopes))


def _label(transition: Transition) -> str:
    if transition.kind == "choice":
        return describe_rule(transition.source)
    if transition.kind == "default":
        return "Default"
    if transition.kind == "catch":
        return _error_names(transition.source)
    return ""


def _processor_label(processor: ModelScope) -> str:
    return "Distributed item processor" if processor.distributed else "Item processor"


def _error_names(catcher: Mapping[str, Any]) -> str:
    errors = catcher.get("ErrorEquals")
    if not isinstance(errors, list):
        return "Catch"
    return ", ".join(str(error) for error in errors) or "Catch"


def _detail(kind: NodeKind, state: Mapping[str, Any]) -> str:
    if kind == "Task":
        return describe_resource(state.get("Resource"))
    if kind == "Map":
        return "Map (distributed)" if "DISTRIBUTED" in str(state.get("ItemProcessor")) else "Map"
    return kind if kind != "Unknown" else f"Type: {state.get('Type')!s}"


def describe_resource(resource: object) -> str:
    """`arn:aws:states:::lambda:invoke` -> `Lambda: Invoke`, the way the console names a task."""
    if not isinstance(resource, str):
        return "Task"
    parts = resource.split(":")
    if resource.startswith("arn:") and len(parts) >= 7 and parts[2] == "states" and not parts[4]:
        service, _, action = ":".join(parts[5:]).partition(":")
        if service == "aws-sdk":  # arn:aws:states:::aws-sdk:s3:getObject
            service, _, action = action.partition(":")
        api, _, pattern = action.partition(".")
        name = f"{_service_name(service)}: {api[:1].upper()}{api[1:]}" if api else service
        return f"{name} ({pattern})" if pattern else name
    if len(parts) >= 6 and parts[2] == "lambda":
        return "Lambda function"
    if len(parts) >= 6 and parts[2] == "states" and parts[5] == "activity":
        return "Activity"
    return "Task"


_SERVICE_NAMES = {
    "sns": "SNS",
    "sqs": "SQS",
    "dynamodb": "DynamoDB",
    "ecs": "ECS",
    "eks": "EKS",
    "events": "EventBridge",
    "elasticmapreduce": "EMR",
    "sagemaker": "SageMaker",
    "apigateway": "API Gateway",
    "codebuild": "CodeBuild",
    "states": "Step Functions",
}


def _service_name(service: str) -> str:
    return _SERVICE_NAMES.get(service, service[:1].upper() + service[1:])
