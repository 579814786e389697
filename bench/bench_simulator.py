"""Benchmark: the workflow simulator beside aws-local-stepfunctions (Node), same definitions,
same inputs, same local task handler, in one run.

Workflows:
- a 50-state JSONPath workflow (Pass with Parameters, paths and intrinsics, Task with
  ResultSelector/ResultPath, Choice, Wait, a Parallel), run end to end;
- a Map over 10,000 items (ItemSelector with the context item, a Pass and a Task per item);
- a 50-state JSONata workflow (Arguments, Output, Assign, Condition): the peer does not
  implement JSONata (it ignores the fields), so only our time is printed.

Times are in process (ours: `run_workflow` on a parsed definition; the peer: `run()` inside its
own Node process, startup excluded), first run and median of --repeat.
Goals: faster than the peer on each; a 50-state run under 10 ms.

    npm ci --prefix bench/simulator
    python bench/bench_simulator.py [--repeat 20] [--items 10000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from eventsmith.asl import run_workflow

PEER_DIR = Path(__file__).parent / "simulator"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:step"


def handler(event: Any, _context: Any) -> Any:
    return {"ok": True, "n": event.get("n", 0) if isinstance(event, dict) else 0}


def jsonpath_workflow(count: int = 50) -> dict[str, Any]:
    """`count` top-level states, cycling through six kinds; the Parallel holds two more."""
    states: dict[str, Any] = {}
    names = [f"S{i:02d}" for i in range(count)]
    for i, name in enumerate(names):
        following = {"Next": names[i + 1]} if i + 1 < count else {"End": True}
        kind = i % 6
        if kind == 0:
            state = {
                "Type": "Pass",
                "Parameters": {
                    "n.$": "$.n",
                    "order.$": "$.order",
                    "label.$": "States.Format('step {} of {}', $.n, $.order.id)",
                    "tags.$": "States.Array($.order.id, 'x')",
                },
                **following,
            }
        elif kind == 1:
            state = {
                "Type": "Task",
                "Resource": FUNCTION,
                "Parameters": {"n.$": "$.n", "id.$": "$.order.id"},
                "ResultSelector": {"ok.$": "$.ok"},
                "ResultPath": "$.last",
                **following,
            }
        elif kind == 2:
            state = {
                "Type": "Choice",
                "Choices": [
                    {
                        "And": [
                            {"Variable": "$.n", "NumericGreaterThanEquals": 0},
                            {"Variable": "$.order.id", "StringMatches": "o-*"},
                        ],
                        "Next": names[i + 1],
                    }
                ],
                "Default": names[i + 1],
            }
        elif kind == 3:
            state = {"Type": "Wait", "Seconds": 1, **following}
        elif kind == 4:
            state = {
                "Type": "Pass",
                "Result": {"step": i},
                "ResultPath": "$.pass",
                "OutputPath": "$",
                **following,
            }
        else:
            branch = {
                "StartAt": f"{name} A",
                "States": {f"{name} A": {"Type": "Pass", "Result": 1, "End": True}},
            }
            other = {
                "StartAt": f"{name} B",
                "States": {f"{name} B": {"Type": "Pass", "Result": 2, "End": True}},
            }
            state = {
                "Type": "Parallel",
                "Branches": [branch, other],
                "ResultPath": "$.par",
                **following,
            }
        states[name] = state
    return {"StartAt": names[0], "States": states}


def map_workflow() -> dict[str, Any]:
    return {
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemSelector": {"n.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Shape",
                    "States": {
                        "Shape": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "Work"},
                        "Work": {"Type": "Task", "Resource": FUNCTION, "End": True},
                    },
                },
                "End": True,
            }
        },
    }


def jsonata_workflow(count: int = 50) -> dict[str, Any]:
    states: dict[str, Any] = {}
    names = [f"J{i:02d}" for i in range(count)]
    for i, name in enumerate(names):
        following = {"Next": names[i + 1]} if i + 1 < count else {"End": True}
        kind = i % 3
        if kind == 0:
            state = {
                "Type": "Pass",
                "Assign": {"total": "{% $states.input.n + " + str(i) + " %}"},
                "Output": {"n": "{% $states.input.n %}", "order": "{% $states.input.order %}"},
                **following,
            }
        elif kind == 1:
            state = {
                "Type": "Task",
                "Resource": FUNCTION,
                "Arguments": {"n": "{% $states.input.n %}"},
                "Output": "{% $merge([$states.input, {'last': $states.result.ok}]) %}",
                **following,
            }
        else:
            state = {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $states.input.n >= 0 %}", "Next": names[i + 1]}],
                "Default": names[i + 1],
            }
        states[name] = state
    return {"QueryLanguage": "JSONata", "StartAt": names[0], "States": states}


def names_of(definition: dict[str, Any], kind: str) -> list[str]:
    found: list[str] = []
    for name, state in definition.get("States", {}).items():
        if state.get("Type") == kind:
            found.append(name)
        for branch in state.get("Branches", []):
            found += names_of(branch, kind)
        if "ItemProcessor" in state:
            found += names_of(state["ItemProcessor"], kind)
    return found


Timing = tuple[float, float, float, Any]  # first wall ms, median wall ms, median CPU ms, output


def ours(definition: dict[str, Any], value: Any, repeat: int) -> Timing:
    times, cpu = [], []
    result = None
    for _ in range(repeat):
        started, before = time.perf_counter(), time.process_time()
        result = run_workflow(definition, value, handlers={"step": handler})
        cpu.append((time.process_time() - before) * 1000)
        times.append((time.perf_counter() - started) * 1000)
    assert result is not None and result.status == "SUCCEEDED", (result.error, result.cause)
    return times[0], statistics.median(times), statistics.median(cpu), result.output


def peer(definition: dict[str, Any], value: Any, repeat: int) -> Timing:
    request = {
        "definition": definition,
        "input": value,
        "repeat": repeat,
        "tasks": names_of(definition, "Task"),
        "waits": names_of(definition, "Wait"),
    }
    done = subprocess.run(
        ["node", "run_peer.mjs"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=PEER_DIR,
        check=True,
    )
    answer = json.loads(done.stdout)
    return answer["first_ms"], answer["median_ms"], answer["cpu_ms"], answer["result"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    order = {"n": 3, "order": {"id": "o-17", "lines": [1, 2, 3]}}
    cases = [
        ("50-state JSONPath workflow", jsonpath_workflow(), order, args.repeat),
        (f"Map over {args.items:,} items", map_workflow(), {"items": list(range(args.items))}, 3),
    ]
    print("wall ms: first run / median; CPU ms: median; ratio = peer / ours (wall, CPU)")
    for label, definition, value, repeat in cases:
        first, median, cpu, output = ours(definition, value, repeat)
        p_first, p_median, p_cpu, p_output = peer(definition, value, repeat)
        same = "same output" if output == p_output else "OUTPUTS DIFFER"
        print(
            f"{label:<28} ours {first:8.2f} / {median:8.2f} (CPU {cpu:8.2f})   "
            f"peer {p_first:8.2f} / {p_median:8.2f} (CPU {p_cpu:8.2f})   "
            f"{p_median / median:5.1f}x, {p_cpu / cpu:5.1f}x  {same}"
        )
    first, median, cpu, _ = ours(jsonata_workflow(), order, args.repeat)
    label = "50-state JSONata workflow"
    print(
        f"{label:<28} ours {first:8.2f} / {median:8.2f} (CPU {cpu:8.2f})  (no JSONata in the peer)"
    )


if __name__ == "__main__":
    main()
