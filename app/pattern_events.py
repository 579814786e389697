"""The events a pattern is tried on, and the verdict for each, for the pattern tester.

Events come from files (through the core's `EventReader`: JSON, arrays, JSON Lines, gzip, with
their line numbers) or from the samples the registry keeps for a schema. `try_pattern` asks
the patterns core for the verdicts: matched, or the reasons it did not match. No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventsmith.events import EventReader
from eventsmith.patterns import Explainer, Pattern, Reason, compile_matcher
from eventsmith.registry import Registry


@dataclass(frozen=True)
class TestEvent:
    """An event to try, and where it came from (`file:line` or `schema sample n`)."""

    __test__ = False  # not a pytest class, despite the name

    origin: str
    event: Any

    @property
    def summary(self) -> str:
        """`source` / `detail-type` of an EventBridge envelope, else the top-level keys."""
        if not isinstance(self.event, Mapping):
            return f"not a JSON object ({type(self.event).__name__})"
        source, kind = self.event.get("source"), self.event.get("detail-type")
        if isinstance(source, str) and isinstance(kind, str):
            return f"{source} / {kind}"
        return ", ".join(map(str, list(self.event)[:4])) or "{}"


@dataclass(frozen=True)
class Verdict:
    """One event's result: `reasons` explain a miss (empty when it matched)."""

    event: TestEvent
    matched: bool
    reasons: tuple[Reason, ...] = ()
    note: str = ""


def read_event_files(paths: Sequence[Path]) -> tuple[list[TestEvent], list[str]]:
    """Every event in the files, and what had to be skipped (`file:line: why`)."""
    reader = EventReader([str(path) for path in paths])
    events = [
        TestEvent(f"{Path(found.file).name}:{found.line}" if found.line else Path(found.file).name,
                  found.event)
        for found in reader.located()
    ]  # fmt: skip
    return events, [str(problem) for problem in reader.problems]


def schema_names(registry_path: Path) -> list[str]:
    """The schemas of the default registry; none when the registry file does not exist yet."""
    if not registry_path.exists():
        return []
    with Registry(registry_path) as registry:
        return [info.name for info in registry.list_schemas()]


def registry_samples(registry_path: Path, name: str) -> tuple[list[TestEvent], dict[str, Any]]:
    """The samples kept for a schema, and its latest version's JSON Schema."""
    with Registry(registry_path) as registry:
        samples = registry.samples(name)
        schema = registry.get_version(name).content
    events = [TestEvent(f"{name} sample {number}", sample)
              for number, sample in enumerate(samples, start=1)]  # fmt: skip
    return events, schema


def try_pattern(pattern: Pattern, events: Sequence[TestEvent]) -> list[Verdict]:
    """The verdict for each event, with the core's explanation for the ones that miss."""
    matcher = compile_matcher(pattern)
    explainer = Explainer(pattern)
    verdicts = []
    for event in events:
        if not isinstance(event.event, Mapping):
            verdicts.append(Verdict(event, False, note="an event must be a JSON object"))
            continue
        if matcher(event.event):
            verdicts.append(Verdict(event, True))
        else:
            verdicts.append(Verdict(event, False, explainer(event.event)))
    return verdicts
