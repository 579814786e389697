"""Benchmark: a generated 1,000-state machine with nested Parallel and Map containers.

Times, in one run on the same input:
- parse + validate of the JSON text (eventsmith.asl `parse_document` + `validate`);
- our graph + layout (and, for information, the SVG rendering);
- Graphviz `dot` laying out the same graph from our DOT export (`dot -Tplain`, layout only,
  and `dot -Tsvg`), as subprocesses.
Goals: our layout no slower than `dot`; parse + validate under 100 ms.

    python bench/bench_asl.py [--segments 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import time
from collections.abc import Callable
from typing import Any

from eventsmith.asl import (
    build_graph,
    layout_graph,
    parse_document,
    render_dot,
    render_svg,
    validate,
)

LAMBDA = "arn:aws:states:::lambda:invoke"


def task(next_state: str | None, function: str) -> dict[str, Any]:
    state: dict[str, Any] = {
        "Type": "Task",
        "Resource": LAMBDA,
        "Parameters": {"FunctionName": function, "Payload.$": "$"},
    }
    return {**state, "Next": next_state} if next_state else {**state, "End": True}


def segment(i: int, after: str | None) -> dict[str, Any]:
    """20 states: 6 at the top, a Parallel whose branches hold a Map and another Parallel."""
    join_next = {"Next": after} if after else {"End": True}
    processor = {
        "ProcessorConfig": {"Mode": "INLINE"},
        "StartAt": f"Load {i}",
        "States": {
            f"Load {i}": task(f"Known {i}?", "load-item"),
            f"Known {i}?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.known", "BooleanEquals": True, "Next": f"Keep {i}"}],
                "Default": f"Back off {i}",
            },
            f"Back off {i}": {"Type": "Wait", "Seconds": 1, "Next": f"Keep {i}"},
            f"Keep {i}": {"Type": "Pass", "End": True},
        },
    }
    branch_a = {
        "StartAt": f"Reserve {i}",
        "States": {
            f"Reserve {i}": task(f"Price {i}", "reserve"),
            f"Price {i}": task(f"Items {i}", "price"),
            f"Items {i}": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": processor,
                "End": True,
            },
        },
    }
    inner = [
        {"StartAt": f"Email {i}", "States": {f"Email {i}": task(f"Log email {i}", "email"),
                                             f"Log email {i}": task(None, "log")}},
        {"StartAt": f"Sms {i}", "States": {f"Sms {i}": task(f"Log sms {i}", "sms"),
                                           f"Log sms {i}": task(None, "log")}},
    ]  # fmt: skip
    branch_b = {
        "StartAt": f"Settle {i}",
        "States": {
            f"Settle {i}": {"Type": "Wait", "Seconds": 2, "Next": f"Charge {i}"},
            f"Charge {i}": task(f"Notify {i}", "charge"),
            f"Notify {i}": {"Type": "Parallel", "Branches": inner, "End": True},
        },
    }
    return {
        f"Validate {i}": {
            **task(f"Route {i}", "validate"),
            "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": f"Handle failure {i}"}],
        },
        f"Route {i}": {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.total", "NumericGreaterThan": 0, "Next": f"Fan out {i}"},
                {"Variable": "$.total", "NumericEquals": 0, "Next": f"Skip {i}"},
            ],
            "Default": f"Handle failure {i}",
        },
        f"Skip {i}": {"Type": "Pass", "Next": f"Join {i}"},
        f"Fan out {i}": {"Type": "Parallel", "Branches": [branch_a, branch_b],
                         "Next": f"Join {i}"},
        f"Handle failure {i}": {"Type": "Pass", "Next": f"Join {i}"},
        f"Join {i}": {"Type": "Pass", **join_next},
    }  # fmt: skip


def state_machine(segments: int) -> dict[str, Any]:
    states: dict[str, Any] = {}
    for i in range(segments):
        states.update(segment(i, f"Validate {i + 1}" if i + 1 < segments else None))
    return {"Comment": "Generated for bench_asl.py", "StartAt": "Validate 0", "States": states}


def count_states(scope: Any) -> int:
    total = 0
    for state in scope["States"].values():
        total += 1
        for branch in state.get("Branches", []):
            total += count_states(branch)
        if "ItemProcessor" in state:
            total += count_states(state["ItemProcessor"])
    return total


def best(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Fastest (CPU seconds, wall seconds) of `repeat` runs; CPU includes child processes.

    CPU time is the fair figure on a shared machine: wall time swings with other load.
    """
    runs = []
    for _ in range(repeat):
        cpu = _cpu()
        start = time.perf_counter()
        action()
        runs.append((_cpu() - cpu, time.perf_counter() - start))
    return min(runs)


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--segments", type=int, default=50, help="20 states each")
    options.add_argument("--repeat", type=int, default=5)
    arguments = options.parse_args()

    definition = state_machine(arguments.segments)
    text = json.dumps(definition, indent=2)
    parsed = parse_document(text, "bench.asl.json")
    findings = validate(parsed.state_machines[0])
    graph = build_graph(definition)
    dot_text = render_dot(graph)
    print(f"states: {count_states(definition)}, graph nodes: {len(graph.nodes)}, "
          f"edges: {len(graph.edges)}, scopes: {len(graph.scopes)}, "
          f"definition: {len(text):,} bytes, diagnostics: {len(findings)}")  # fmt: skip

    def parse_and_validate() -> None:
        validate(parse_document(text, "bench.asl.json").state_machines[0])

    parse_validate = best(parse_and_validate, arguments.repeat)
    ours = best(lambda: layout_graph(build_graph(definition)), arguments.repeat)
    layout = layout_graph(graph)
    svg = best(lambda: render_svg(layout), arguments.repeat)
    print("                        CPU ms    wall ms")
    report("parse + validate", parse_validate, "goal < 100 ms")
    report("eventsmith layout", ours, "graph + layout")
    report("eventsmith SVG render", svg, "after layout")
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz `dot` not found: install graphviz to compare")
        return
    version = subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip()
    print(version)
    for output in ("plain", "svg"):
        seconds = best(
            lambda output=output: subprocess.run(  # type: ignore[misc]
                [dot, f"-T{output}"], input=dot_text, capture_output=True, text=True, check=True
            ),
            max(1, min(arguments.repeat, 3)),
        )
        ratio = f"ours / dot = {ours[0] / seconds[0]:.3f} CPU, {ours[1] / seconds[1]:.3f} wall"
        report(f"dot -T{output}", seconds, ratio)


def report(name: str, seconds: tuple[float, float], note: str) -> None:
    print(f"{name:<22} {seconds[0] * 1000:8.1f} {seconds[1] * 1000:10.1f}   {note}")


if __name__ == "__main__":
    main()
