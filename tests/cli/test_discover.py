"""`eventsmith discover` as a user runs it: real processes, a real registry file."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from eventsmith.registry import Registry

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "resources" / "samples" / "events"
DATA = ROOT / "tests" / "data" / "discovery"


def run(registry: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry)]
    return subprocess.run(
        [*command, "discover", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_discovers_the_bundled_samples_and_reruns_store_nothing_new(tmp_path: Path) -> None:
    registry = tmp_path / "registry.sqlite3"
    first = run(registry, str(SAMPLES))
    assert first.returncode == 0, first.stderr
    assert "aws.partner/example.com/123@TicketCreated" in first.stdout
    assert "new schema" in first.stdout
    assert "3 events, 3 schemas (3 new versions), 3 files read" in first.stdout

    again = run(registry, str(SAMPLES), "--json")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["events"] == 3
    assert {item["status"] for item in report["schemas"]} == {"unchanged"}
    assert {item["version"] for item in report["schemas"]} == {1}
    with Registry(registry) as opened:
        assert len(opened.list_schemas()) == 3


def test_malformed_lines_are_warnings_with_file_and_line(tmp_path: Path) -> None:
    result = run(tmp_path / "r.sqlite3", str(DATA / "malformed.jsonl"))
    assert result.returncode == 0
    assert f"{DATA / 'malformed.jsonl'}:3: invalid JSON" in result.stderr
    assert "3 events" in result.stdout and "1 line skipped" in result.stdout


def test_stdin_with_a_name(tmp_path: Path) -> None:
    lines = b'{"orderId": "a", "total": 1}\n{"orderId": "b", "total": 2.5}\n'
    result = run(tmp_path / "r.sqlite3", "-", "--name", "orders", "--json", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schemas"][0]["name"] == "orders"
    with Registry(tmp_path / "r.sqlite3") as opened:
        content = opened.get_version("orders").content
    assert content["properties"]["total"] == {"type": "number"}


def test_folder_with_gzip_through_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "events" / "2024"
    folder.mkdir(parents=True)
    text = (DATA / "tree" / "ec2.jsonl").read_bytes()
    (folder / "ec2.jsonl.gz").write_bytes(gzip.compress(text))
    result = run(tmp_path / "r.sqlite3", str(tmp_path / "events"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["events"] == 3 and report["files_read"] == 1
    assert [item["name"] for item in report["schemas"]] == [
        "aws.ec2@EC2InstanceStateChangeNotification",
        "aws.s3@ObjectCreated",
    ]


def test_enums_flag(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"dept": d}) + "\n" for d in ["billing", "returns"] * 6)
    result = run(tmp_path / "r.sqlite3", "-", "--name", "t", "--enums", stdin=lines.encode())
    assert result.returncode == 0, result.stderr
    with Registry(tmp_path / "r.sqlite3") as opened:
        dept = opened.get_version("t").content["properties"]["dept"]
    assert dept == {"type": "string", "enum": ["billing", "returns"]}


def test_exit_codes_for_empty_and_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    empty = run(tmp_path / "r.sqlite3", str(tmp_path / "empty.jsonl"))
    assert empty.returncode == 1
    assert "no events (empty input)" in empty.stderr
    missing = run(tmp_path / "r.sqlite3", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2
    assert "missing.jsonl: no such file or directory" in missing.stderr
    assert "no input could be read" in missing.stderr


def test_help_has_an_example(tmp_path: Path) -> None:
    result = run(tmp_path / "r.sqlite3", "--help")
    assert result.returncode == 0
    assert "eventsmith discover resources/samples/events" in result.stdout


def _worker_events(worker: int, round_: int) -> list[Any]:
    def event(source: str, detail: dict[str, Any]) -> dict[str, Any]:
        return {"detail-type": "Order Placed", "source": source, "time": "2024-01-01T00:00:00Z",
                "detail": detail}  # fmt: skip

    fields = {f"w{worker}_{r}": r for r in range(round_ + 1)}
    return [event("com.example.shared", fields), event(f"com.example.own{worker}", fields)]


def test_four_processes_discovering_at_once_lose_no_version(tmp_path: Path) -> None:
    registry = tmp_path / "shared.sqlite3"
    rounds = 2
    for round_ in range(rounds):
        procs = []
        for worker in range(4):
            path = tmp_path / f"w{worker}-r{round_}.jsonl"
            lines = _worker_events(worker, round_)
            path.write_text("".join(json.dumps(line) + "\n" for line in lines))
            command = [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry)]
            procs.append(
                subprocess.Popen(
                    [*command, "discover", str(path), "--json"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        outputs = [proc.communicate(timeout=120) for proc in procs]
        assert [proc.returncode for proc in procs] == [0] * 4, outputs
        assert not any("locked" in err for _, err in outputs)

    with Registry(registry) as opened:
        shared = opened.versions("com.example.shared@OrderPlaced")
        # Every run adds a field nobody else has, so every run makes exactly one version.
        assert [v.version for v in shared] == list(range(1, 4 * rounds + 1))
        detail = shared[-1].content["properties"]["detail"]
        expected = {f"w{w}_{r}" for w in range(4) for r in range(rounds)}
        assert set(detail["properties"]) == expected
        for worker in range(4):
            own = opened.versions(f"com.example.own{worker}@OrderPlaced")
            assert [v.version for v in own] == list(range(1, rounds + 1))
        assert opened.get_schema("com.example.shared@OrderPlaced").samples_seen == 4 * rounds


def test_detail_types_that_name_one_schema_make_one_schema_and_reruns_store_nothing(
    tmp_path: Path,
) -> None:
    # Found by the fuzz campaign: "Order Placed" and "order placed" both name
    # shop@OrderPlaced; as two groups each overwrote the other's header, so every run stored
    # a new version. EventBridge names the schema the same for both, so they are one schema.
    def event(detail_type: str, detail: dict[str, Any]) -> str:
        return json.dumps({"source": "shop", "detail-type": detail_type, "detail": detail})

    events = tmp_path / "events.jsonl"
    lines = [event("Order Placed", {"type": None}), event("order placed", {"id": 1})]
    events.write_text("\n".join(lines) + "\n")
    registry = tmp_path / "registry.sqlite3"
    first = json.loads(run(registry, str(events), "--json").stdout)
    assert [(s["name"], s["events"]) for s in first["schemas"]] == [("shop@OrderPlaced", 2)]
    with Registry(registry) as store:
        [version] = store.versions("shop@OrderPlaced")
        assert version.content["x-amazon-events-detail-type"] == "Order Placed"
        assert set(version.content["properties"]["detail"]["properties"]) == {"type", "id"}
    # The other spelling alone, and both again: the stored header stays, nothing new.
    (tmp_path / "other.jsonl").write_text(lines[1] + "\n")
    for again in (
        run(registry, str(tmp_path / "other.jsonl"), "--json"),
        run(registry, str(events), "--json"),
    ):
        statuses = {s["status"] for s in json.loads(again.stdout)["schemas"]}
        assert statuses == {"unchanged"}, again.stdout
