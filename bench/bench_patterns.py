"""Benchmark: eventsmith's RuleSet against moto's EventPattern on the same rules and events.

Both sides get the same 100 rules and the same decoded events, in one run. moto has no rule
set, so it tests every rule on every event (that is how moto's EventBridge uses it). Match
counts are compared per rule; rules moto cannot express (arrays of objects) are listed apart.
Then the whole `eventsmith match --rules` command is timed as a subprocess over a JSON Lines
file, startup and reading included.

    python bench/bench_patterns.py --events 20000 --cli-events 50000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from moto.events.models import EventPattern

from eventsmith.patterns import Pattern, RuleSet, parse_pattern

sys.path.insert(0, str(Path(__file__).parent))
from pattern_corpus import generate_events, generate_rules


@dataclass
class Timing:
    wall: float
    cpu: float


class _Clock:
    """Wall and CPU time: the machine is shared, so CPU seconds are the steadier measure."""

    def __init__(self, children: bool = False) -> None:
        self.children = children

    def _cpu(self) -> float:
        if self.children:
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            return usage.ru_utime + usage.ru_stime
        return time.process_time()

    def __enter__(self) -> _Clock:
        self._wall, self._cpu_start = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timing = Timing(time.perf_counter() - self._wall, self._cpu() - self._cpu_start)


def _ours(rules: list[tuple[str, Pattern]], events: list[dict]) -> tuple[list[int], Timing]:
    with _Clock() as clock:
        ruleset = RuleSet(rules)
        counts = [0] * len(rules)
        for event in events:
            for index in ruleset.matching_indices(event):
                counts[index] += 1
    return counts, clock.timing


def _moto(patterns: list[dict], events: list[dict]) -> tuple[list[int], Timing]:
    with _Clock() as clock:
        compiled = [EventPattern.load(json.dumps(pattern)) for pattern in patterns]
        counts = [0] * len(patterns)
        for event in events:
            for index, pattern in enumerate(compiled):
                if pattern.matches_event(event):
                    counts[index] += 1
    return counts, clock.timing


def _cli(rules, events_count: int, seed: int) -> tuple[dict, Timing]:
    with tempfile.TemporaryDirectory() as folder:
        rules_dir = Path(folder) / "rules"
        rules_dir.mkdir()
        for rule in rules:
            (rules_dir / f"{rule.name}.json").write_text(json.dumps(rule.pattern))
        events_file = Path(folder) / "events.jsonl"
        with events_file.open("w") as out:
            for event in generate_events(events_count, seed + 1):
                out.write(json.dumps(event, separators=(",", ":")) + "\n")
        command = [
            sys.executable, "-m", "eventsmith.cli.main", "match",
            "--rules", str(rules_dir), "--json", str(events_file),
        ]  # fmt: skip
        with _Clock(children=True) as clock:
            done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout), clock.timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rules", type=int, default=100)
    parser.add_argument("--cli-events", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rules = generate_rules(args.rules, args.seed)
    events = generate_events(args.events, args.seed)
    compiled = []
    for rule in rules:
        pattern = parse_pattern(rule.pattern)
        assert isinstance(pattern, Pattern), (rule.name, pattern)
        compiled.append((rule.name, pattern))

    ours, ours_time = _ours(compiled, events)
    theirs, moto_time = _moto([rule.pattern for rule in rules], events)
    count = len(events)
    moto_rate = count / moto_time.cpu
    print(f"{len(rules)} rules x {count} events (seed {args.seed}); events/s by CPU (by wall)")
    for label, timing in (("eventsmith RuleSet", ours_time), ("moto EventPattern", moto_time)):
        print(
            f"{label:<19}: {count / timing.cpu:>9,.0f} events/s ({count / timing.wall:,.0f})"
            f"  cpu {timing.cpu:.2f} s, wall {timing.wall:.2f} s"
        )
    print(
        f"ratio              : {moto_time.cpu / ours_time.cpu:>9.1f}x "
        f"({moto_time.wall / ours_time.wall:.1f}x by wall)"
    )
    print(f"matches            : eventsmith {sum(ours):,}, moto {sum(theirs):,}")

    supported_disagreements = 0
    for rule, mine, moto_count in zip(rules, ours, theirs, strict=True):
        if mine == moto_count:
            continue
        if rule.moto_supported:
            supported_disagreements += 1
            label = "DISAGREE"
        else:
            label = "moto unsupported (array of objects)"
        print(
            f"  {label}: {rule.name} eventsmith={mine} moto={moto_count} {json.dumps(rule.pattern)}"
        )
    agreeing = sum(1 for rule in rules if rule.moto_supported)
    print(
        f"agreement          : {agreeing - supported_disagreements}/{agreeing} rules moto "
        f"supports have equal counts"
    )

    if args.cli_events:
        result, cli_time = _cli(rules, args.cli_events, args.seed)
        cli_rate = result["events"] / cli_time.cpu
        print(
            f"eventsmith match --rules (subprocess, {result['events']:,} events, startup "
            f"included): cpu {cli_time.cpu:.2f} s, wall {cli_time.wall:.2f} s, "
            f"{cli_rate:,.0f} events/s by CPU = {cli_rate / moto_rate:.1f}x moto "
            f"({result['events'] / cli_time.wall / (count / moto_time.wall):.1f}x by wall)"
        )
    if supported_disagreements:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
