"""Task resources (ASL9xx): the `Resource` ARN is well formed. Service integrations
(`arn:aws:states:::service:api[.sync|.sync:2|.waitForTaskToken]`), Lambda function ARNs
(with version or alias), activities; placeholders (`${...}`) are taken on trust.
"""

from __future__ import annotations

import re

from eventsmith.asl.rules._base import WARNING, Context, opaque
from eventsmith.asl.syntax._model import State

_PARTITION = r"aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?"
_INTEGRATION = re.compile(
    rf"^arn:{_PARTITION}:states:::(?P<service>[a-z0-9-]+):(?P<api>[A-Za-z0-9:*-]*)"
    r"(?P<pattern>\.sync(?::2)?|\.waitForTaskToken)?$"
)
_LAMBDA = re.compile(
    rf"^arn:{_PARTITION}:lambda:[a-z]{{2}}(?:-[a-z]+)+-\d:\d{{12}}:function:[A-Za-z0-9_-]{{1,64}}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]+))?$"
)
_ACTIVITY = re.compile(
    rf"^arn:{_PARTITION}:states:[a-z]{{2}}(?:-[a-z]+)+-\d:\d{{12}}:activity:[A-Za-z0-9_.-]{{1,80}}$"
)
_GENERIC = re.compile(rf"^arn:{_PARTITION}:[a-z0-9-]+:[a-z0-9-]*:\d{{12}}?:.+$")
_SUFFIX = re.compile(r"\.([A-Za-z][A-Za-z0-9:]*)$")


def check(context: Context) -> None:
    for state in context.machine.states():
        if state.type == "Task":
            _task(context, state)


def _task(context: Context, state: State) -> None:
    resource = state.body.get("Resource")
    path = state.at("Resource")
    if not isinstance(resource, str) or opaque(resource):
        return
    if state.jsonata and resource.startswith("{%"):
        context.report("ASL901", "'Resource' cannot be a JSONata expression", path)
        return
    integration = _INTEGRATION.match(resource)
    if integration is not None:
        if not integration["api"] or integration["api"].endswith("."):
            context.report("ASL901", f"'{resource}' names no API action after the service", path)
        elif integration["pattern"] == ".waitForTaskToken":
            _task_token(context, state)
        return
    if resource.startswith("arn:") and ":states:::" in resource:
        suffix = _SUFFIX.search(resource)
        if suffix is not None:
            context.report(
                "ASL902",
                f"Unknown integration pattern '.{suffix.group(1)}'; use .sync, .sync:2 or"
                " .waitForTaskToken",
                path,
            )
        else:
            context.report("ASL901", f"Malformed service integration ARN '{resource}'", path)
        return
    if ":lambda:" in resource:
        if not _LAMBDA.match(resource):
            context.report(
                "ASL903",
                f"Malformed Lambda function ARN '{resource}' (expected"
                " arn:aws:lambda:REGION:ACCOUNT:function:NAME[:VERSION|ALIAS])",
                path,
            )
        return
    if ":activity:" in resource:
        if not _ACTIVITY.match(resource):
            context.report("ASL901", f"Malformed activity ARN '{resource}'", path)
        return
    if not _GENERIC.match(resource):
        context.report(
            "ASL901",
            f"'Resource' must be an ARN (arn:aws:states:::service:api, a Lambda function or an"
            f" activity), not '{resource}'",
            path,
        )


def _task_token(context: Context, state: State) -> None:
    """A callback task must hand the task token to the worker, or it waits forever."""
    payload = state.body.get("Arguments" if state.jsonata else "Parameters")
    text = repr(payload)
    if "Task.Token" not in text:
        context.report(
            "ASL904",
            ".waitForTaskToken: pass the task token to the worker ("
            + (
                "$states.context.Task.Token in Arguments"
                if state.jsonata
                else '"$$.Task.Token" in Parameters'
            )
            + "), or the task can only end by timeout",
            state.at("Resource"),
            severity=WARNING,
        )
