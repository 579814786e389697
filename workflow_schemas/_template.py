"""The EventBridge rules that start a state machine in a SAM/CloudFormation template.

SAM: an `Events` entry of `Type: EventBridgeRule` (or the older `CloudWatchEvent`) on the
`AWS::Serverless::StateMachine`, with `Properties.Pattern`. CloudFormation: an
`AWS::Events::Rule` whose `Targets` name the machine (`!Ref`, `!GetAtt X.Arn`), with
`EventPattern`. The template is read with YAML nodes so that each rule keeps its position.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from eventsmith.asl import Position, Range

_SAM_RULE_TYPES = ("EventBridgeRule", "CloudWatchEvent")
_RULE_MARKERS = (*_SAM_RULE_TYPES, "AWS::Events::Rule")
# Composing needs no constructors (CloudFormation tags stay on the nodes); libyaml when present.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Aliases are followed when a node becomes plain data: a billion-laughs pattern must not hang.
_MAX_PLAIN_NODES = 10_000


@dataclass(frozen=True)
class RuleTrigger:
    name: str
    pattern: dict[str, Any] = field(hash=False, compare=False)
    range: Range


class _Budget(Exception):
    """More nodes than any rule pattern has: an alias bomb."""


def rule_triggers(text: str, logical_id: str | None) -> list[RuleTrigger]:
    """The rules that target the state machine `logical_id`, in template order."""
    if not logical_id or not any(marker in text for marker in _RULE_MARKERS):
        return []
    return list(_cached(text, logical_id))


@lru_cache(maxsize=16)
def _cached(text: str, logical_id: str) -> tuple[RuleTrigger, ...]:
    root = _compose(text)
    resources = _get(root, "Resources")
    if not isinstance(resources, yaml.MappingNode):
        return ()
    found: list[RuleTrigger] = []
    for key, resource in resources.value:
        kind = _plain(_get(resource, "Type"))
        properties = _get(resource, "Properties")
        if key.value == logical_id and kind == "AWS::Serverless::StateMachine":
            events = _get(properties, "Events")
            for event_key, event in events.value if isinstance(events, yaml.MappingNode) else []:
                if _plain(_get(event, "Type")) in _SAM_RULE_TYPES:
                    pattern = _plain(_get(_get(event, "Properties"), "Pattern"))
                    if isinstance(pattern, dict):
                        found.append(RuleTrigger(str(event_key.value), pattern, _range(event_key)))
        elif kind == "AWS::Events::Rule" and _targets(_get(properties, "Targets"), logical_id):
            pattern = _plain(_get(properties, "EventPattern"))
            if isinstance(pattern, str):
                pattern = _json_object(pattern)
            if isinstance(pattern, dict):
                found.append(RuleTrigger(str(key.value), pattern, _range(key)))
    return tuple(found)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_COMPOSER)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _get(node: yaml.Node | None, name: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value  # type: ignore[no-any-return]
    return None


def _plain(node: yaml.Node | None) -> Any:
    """The node as plain data; a CloudFormation tag becomes `{"Fn::<Tag>": value}`. None for
    a node that expands (through aliases) to more than `_MAX_PLAIN_NODES`."""
    try:
        return _expand(node, [_MAX_PLAIN_NODES])
    except _Budget:
        return None


def _expand(node: yaml.Node | None, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _Budget
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag.startswith("!"):
            return {_function(node.tag): node.value}
        try:
            return yaml.SafeLoader("").construct_object(node)
        except (yaml.YAMLError, ValueError):
            return node.value
    if isinstance(node, yaml.SequenceNode):
        items = [_expand(item, budget) for item in node.value]
        return {_function(node.tag): items} if node.tag.startswith("!") else items
    if isinstance(node, yaml.MappingNode):
        mapping = {str(_expand(k, budget)): _expand(v, budget) for k, v in node.value}
        return {_function(node.tag): mapping} if node.tag.startswith("!") else mapping
    return None


def _function(tag: str) -> str:
    name = tag.lstrip("!")
    return name if name == "Ref" else f"Fn::{name}"


def _targets(node: yaml.Node | None, logical_id: str) -> bool:
    targets = _plain(node)
    if not isinstance(targets, list):
        return False
    for target in targets:
        arn = target.get("Arn") if isinstance(target, dict) else None
        if isinstance(arn, dict):
            if arn.get("Ref") == logical_id:
                return True
            attribute = arn.get("Fn::GetAtt")
            if isinstance(attribute, list) and attribute[:1] == [logical_id]:
                return True
            if isinstance(attribute, str) and attribute.split(".")[0] == logical_id:
                return True
    return False


def _json_object(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _range(node: yaml.Node) -> Range:
    start, end = node.start_mark, node.end_mark
    return Range(Position(start.line, start.column), Position(end.line, end.column))
