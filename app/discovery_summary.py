"""What a discovery run did, as a value the discovery process sends and the window shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from eventsmith.registry import DiscoveryReport


@dataclass(frozen=True)
class DiscoverySummary:
    """What a run did, for the summary dialog and the status bar."""

    cancelled: bool
    events: int
    files_read: int
    new_schemas: tuple[str, ...]
    new_versions: tuple[tuple[str, int], ...]
    unchanged: tuple[str, ...]
    problems: tuple[str, ...]
    problem_count: int

    def headline(self) -> str:
        if self.cancelled:
            return "Discovery cancelled: nothing was stored."
        parts = [
            f"{self.events:,} event{'s' if self.events != 1 else ''} from "
            f"{self.files_read} file{'s' if self.files_read != 1 else ''}",
            f"{len(self.new_schemas)} new schema{'s' if len(self.new_schemas) != 1 else ''}",
            f"{len(self.new_versions)} new version{'s' if len(self.new_versions) != 1 else ''}",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.problem_count:
            parts.append(f"{self.problem_count} skipped")
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DiscoverySummary:
        """The inverse of `as_json` (JSON has lists where the summary has tuples)."""
        return cls(
            cancelled=bool(data["cancelled"]),
            events=int(data["events"]),
            files_read=int(data["files_read"]),
            new_schemas=tuple(data["new_schemas"]),
            new_versions=tuple((name, int(version)) for name, version in data["new_versions"]),
            unchanged=tuple(data["unchanged"]),
            problems=tuple(data["problems"]),
            problem_count=int(data["problem_count"]),
        )


def summarize(report: DiscoveryReport) -> DiscoverySummary:
    return DiscoverySummary(
        cancelled=report.cancelled,
        events=report.events,
        files_read=report.files_read,
        new_schemas=tuple(item.name for item in report.new_schemas),
        new_versions=tuple((item.name, item.version) for item in report.new_versions),
        unchanged=tuple(item.name for item in report.unchanged),
        problems=tuple(str(problem) for problem in report.problems),
        problem_count=report.problem_count,
    )
