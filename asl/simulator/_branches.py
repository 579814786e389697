"""Parallel and Map states: child scopes on lanes of their own.

Branches and iterations run one after another in this process, but each starts from the
parent's virtual clock (Map: when one of its MaxConcurrency slots frees up), so the history
timestamps and the trace show them side by side, as AWS runs them.
"""

from __future__ import annotations

import heapq
from collections import ChainMap
from typing import Any

from eventsmith.asl.simulator import _errors as errors
from eventsmith.asl.simulator._dataflow import select, template
from eventsmith.asl.simulator._errors import StatesError
from eventsmith.asl.simulator._history import Lane, payload_size
from eventsmith.asl.simulator._recovery import with_recovery
from eventsmith.asl.simulator._visit import Runtime, Visit, field_or_path


def _language(execution: Runtime, visit: Visit) -> str:
    return "JSONata" if visit.jsonata else "JSONPath"


def _next(visit: Visit) -> str | None:
    return visit.body.get("Next") if not visit.body.get("End") else None


def _selected(execution: Runtime, visit: Visit, result: Any) -> Any:
    body = visit.body
    if not visit.jsonata and "ResultSelector" in body:
        return template(body["ResultSelector"], visit.scope_for(result, execution.rng))
    return result


def run_parallel(execution: Runtime, visit: Visit) -> tuple[Any, str | None]:
    body = visit.body
    effective = execution.effective_input(visit)

    def attempt() -> Any:
        if visit.jsonata:
            branch_input = execution.jsonata.template(
                body.get("Arguments", visit.raw_input), visit.bindings(), "Arguments"
            )
        elif "Parameters" in body:
            branch_input = template(body["Parameters"], visit.scope_for(effective, execution.rng))
        else:
            branch_input = effective
        history, lane = execution.history, visit.lane
        history.add(lane, "ParallelStateStarted")
        start, end = lane.clock, lane.clock
        results = []
        for index, branch in enumerate(body.get("Branches", [])):
            child = Lane(start, lane.last_event, lane.recording, f"{visit.name}[{index}]")
            try:
                results.append(
                    execution.run_scope(
                        branch,
                        branch_input,
                        child,
                        visit.variables.new_child(),
                        (*visit.scope, visit.name, index),
                        _language(execution, visit),
                        (*visit.path, "Branches", index),
                    )
                )
            except StatesError:
                lane.clock = max(end, child.clock)
                history.add(lane, "ParallelStateFailed")
                raise
            end = max(end, child.clock)
            lane.last_event = child.last_event
        lane.clock = end
        history.add(lane, "ParallelStateSucceeded")
        return execution.finish(visit, _selected(execution, visit, results), has_result=True)

    output, caught_next, caught = with_recovery(execution, visit, attempt)
    return output, caught_next if caught else _next(visit)


def run_map(execution: Runtime, visit: Visit) -> tuple[Any, str | None]:
    body = visit.body
    processor = body.get("ItemProcessor") or body.get("Iterator") or {}
    config = processor.get("ProcessorConfig", {}) if isinstance(processor, dict) else {}
    distributed = isinstance(config, dict) and config.get("Mode") == "DISTRIBUTED"
    effective = execution.effective_input(visit)

    def attempt() -> Any:
        items = _items(execution, visit, effective, distributed)
        inputs = _iteration_inputs(execution, visit, effective, items)
        results = _iterate(execution, visit, processor, inputs, distributed)
        result: Any = results
        if "ResultWriter" in body:
            result = _written(execution, visit)
        return execution.finish(visit, _selected(execution, visit, result), has_result=True)

    output, caught_next, caught = with_recovery(execution, visit, attempt)
    return output, caught_next if caught else _next(visit)


def _items(execution: Runtime, visit: Visit, effective: Any, distributed: bool) -> list[Any]:
    body = visit.body
    if "ItemReader" in body:
        responses = execution.mocks.get(visit.name)
        if responses is None or not responses:
            raise StatesError(
                errors.ITEM_READER,
                f"Map state '{visit.name}' reads its items with an ItemReader: mock its content "
                "in the test case (a Return of the items array)",
            )
        invocation = execution.invocations.get(visit.name, 0)
        execution.invocations[visit.name] = invocation + 1
        response = next((r for r in responses if r.first <= invocation <= r.last), responses[-1])
        if response.error is not None:
            raise StatesError(errors.ITEM_READER, f"{response.error}: {response.cause}")
        items = response.returns
    elif visit.jsonata:
        items = execution.jsonata.template(
            body.get("Items", visit.raw_input), visit.bindings(), "Items"
        )
    else:
        path = body.get("ItemsPath", "$")
        items = select(path, effective, visit.scope_for(effective, execution.rng), "ItemsPath")
    if not isinstance(items, list):
        raise StatesError(
            errors.RUNTIME,
            f"The Map state '{visit.name}' needs an array of items, but got {type(items).__name__}",
        )
    return items


def _iteration_inputs(
    execution: Runtime, visit: Visit, effective: Any, items: list[Any]
) -> list[Any]:
    body = visit.body
    selector = body.get("ItemSelector", body.get("Parameters"))
    inputs = []
    for index, item in enumerate(items):
        if selector is None:
            inputs.append(item)
            continue
        visit.context["Map"] = {"Item": {"Index": index, "Value": item}}
        if visit.jsonata:
            inputs.append(execution.jsonata.template(selector, visit.bindings(), "ItemSelector"))
        else:
            inputs.append(template(selector, visit.scope_for(effective, execution.rng)))
    visit.context.pop("Map", None)
    batcher = body.get("ItemBatcher")
    if not isinstance(batcher, dict):
        return inputs
    return _batches(execution, visit, batcher, inputs)


def _batches(
    execution: Runtime, visit: Visit, batcher: dict[str, Any], inputs: list[Any]
) -> list[Any]:
    max_items = batcher.get("MaxItemsPerBatch") or len(inputs) or 1
    max_bytes = batcher.get("MaxInputBytesPerBatch") or 262_144
    batch_input = batcher.get("BatchInput")
    if isinstance(batch_input, dict) and not visit.jsonata:
        batch_input = template(batch_input, visit.scope_for(visit.raw_input, execution.rng))
    elif batch_input is not None and visit.jsonata:
        batch_input = execution.jsonata.template(batch_input, visit.bindings(), "BatchInput")
    batches: list[list[Any]] = [[]]
    size = 0
    for item in inputs:
        item_size = payload_size(item)
        if batches[-1] and (len(batches[-1]) >= max_items or size + item_size > max_bytes):
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += item_size
    out = []
    for batch in batches if inputs else []:
        entry: dict[str, Any] = {"Items": batch}
        if batch_input is not None:
            entry["BatchInput"] = batch_input
        out.append(entry)
    return out


def _iterate(
    execution: Runtime,
    visit: Visit,
    processor: dict[str, Any],
    inputs: list[Any],
    distributed: bool,
) -> list[Any]:
    body, history, lane = visit.body, execution.history, visit.lane
    limit = _limit(execution, visit, "MaxConcurrency", 0)
    if distributed:
        history.add(lane, "MapRunStarted", {"mapRunArn": _map_run_arn(execution, visit)})
    else:
        history.add(lane, "MapStateStarted", {"length": len(inputs)})
    tolerated_count = _limit(execution, visit, "ToleratedFailureCount", 0) if distributed else 0
    tolerated_percent = (
        _limit(execution, visit, "ToleratedFailurePercentage", 0) if distributed else 0
    )
    slots: list[float] = []
    start, end = lane.clock, lane.clock
    results: list[Any] = []
    failures = 0
    variables = ChainMap[str, Any]({}) if distributed else visit.variables
    for index, item in enumerate(inputs):
        begin = start
        if limit and len(slots) >= limit:
            begin = max(start, heapq.heappop(slots))
        child = Lane(
            begin, lane.last_event, lane.recording and not distributed, f"{visit.name}#{index}"
        )
        details = (("name", visit.name), ("index", index))
        history.add_fields(child, "MapIterationStarted", details)
        try:
            results.append(
                execution.run_scope(
                    processor,
                    item,
                    child,
                    variables.new_child(),
                    (*visit.scope, visit.name, index),
                    _language(execution, visit),
                    (*visit.path, "ItemProcessor" if "ItemProcessor" in body else "Iterator"),
                )
            )
            history.add_fields(child, "MapIterationSucceeded", details)
        except StatesError as error:
            history.add_fields(child, "MapIterationFailed", details)
            failures += 1
            end = max(end, child.clock)
            if not distributed or _too_many(
                failures, len(inputs), tolerated_count, tolerated_percent
            ):
                lane.clock = end
                if distributed:
                    history.add(lane, "MapRunFailed", {"error": error.error, "cause": error.cause})
                    raise StatesError(
                        errors.TOLERATED_FAILURE,
                        f"The specified tolerated failure threshold was exceeded: {failures} of "
                        f"{len(inputs)} items failed",
                    ) from None
                history.add(lane, "MapStateFailed")
                raise
            results.append(error.output())
        if child.recording:
            lane.last_event = child.last_event
        if limit:
            heapq.heappush(slots, child.clock)
        end = max(end, child.clock)
    lane.clock = end
    history.add(lane, "MapRunSucceeded" if distributed else "MapStateSucceeded")
    return results


def _too_many(failures: int, total: int, count: int, percent: float) -> bool:
    if count and failures <= count:
        return False
    return not (percent and total and failures * 100 / total <= percent)


def _limit(execution: Runtime, visit: Visit, key: str, default: int) -> Any:
    value = field_or_path(execution, visit, key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise StatesError(errors.RUNTIME, f"{key} must be a non-negative number, got {value!r}")
    return value


def _map_run_arn(execution: Runtime, visit: Visit) -> str:
    settings = execution.settings
    label = visit.body.get("Label", visit.name)
    return (
        f"arn:aws:states:{settings.region}:{settings.account}:mapRun:"
        f"{settings.state_machine_name}/{label}:{settings.execution_name}"
    )


def _written(execution: Runtime, visit: Visit) -> dict[str, Any]:
    writer = visit.body.get("ResultWriter", {})
    arguments = (
        writer.get("Parameters", writer.get("Arguments", {})) if isinstance(writer, dict) else {}
    )
    bucket = arguments.get("Bucket", "") if isinstance(arguments, dict) else ""
    prefix = arguments.get("Prefix", "") if isinstance(arguments, dict) else ""
    run_id = f"{execution.rng.getrandbits(128):032x}"
    key = f"{prefix.rstrip('/')}/{run_id}/manifest.json".lstrip("/")
    return {
        "MapRunArn": _map_run_arn(execution, visit),
        "ResultWriterDetails": {"Bucket": bucket, "Key": key},
    }
