"""Task resources (ASL9xx): the `Resource` is a URI (the ASL specification), and a service
integration (`arn:aws:states:::service:api[.sync|.sync:2|.waitForTaskToken]`) is well formed;
Step Functions refuses both when the state machine is created, so they are errors. Lambda and
activity ARNs with a placeholder or malformed region, account or name, and URIs that are no
ARN, are accepted at creation and fail only at run time: warnings that say why. Placeholders
(`${...}`) and CloudFormation intrinsics are taken on trust.
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
_REGION = re.compile(r"[a-z]{2}(?:-[a-z]+)+-\d$")
_ACCOUNT = re.compile(r"\d{12}$")
# RFC 3986: a scheme, then anything; the ASL specification asks for a URI.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
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
    if resource.startswith("arn:"):
        _arn(context, resource, path)
    elif _URI.match(resource):
        context.report(
            "ASL905",
            f"'{resource}' is a URI but not an ARN Step Functions knows (a service integration,"
            " a Lambda function or an activity); the specification allows any URI, Step"
            " Functions may refuse it",
            path,
            severity=WARNING,
        )
    else:
        context.report(
            "ASL901",
            f"'Resource' must be a URI such as an ARN (arn:aws:states:::service:api, a Lambda"
            f" function or an activity), not '{resource}'",
            path,
        )


def _arn(context: Context, resource: str, path: tuple[str | int, ...]) -> None:
    """A Lambda, activity or other ARN: Step Functions accepts it when the definition is
    created and fails only when the state runs, so a malformed or placeholder part (docs
    write REGION, region-1, 1234567890) is a warning that names the part."""
    if ":lambda:" in resource:
        pattern, shape = _LAMBDA, "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:VERSION|ALIAS]"
    elif ":activity:" in resource:
        pattern, shape = _ACTIVITY, "arn:aws:states:REGION:ACCOUNT:activity:NAME"
    else:
        pattern, shape = _GENERIC, "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"
    if pattern.match(resource):
        return
    parts = resource.split(":")
    why = "it does not have the shape " + shape
    if len(parts) > 5:
        if parts[3] and not _REGION.match(parts[3]):
            why = f"'{parts[3]}' is not an AWS Region"
        elif parts[4] and not _ACCOUNT.match(parts[4]):
            why = f"'{parts[4]}' is not a 12-digit account id"
    context.report(
        "ASL903",
        f"'{resource}' will not resolve when the state runs: {why} (expected {shape})",
        path,
        severity=WARNING,
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
