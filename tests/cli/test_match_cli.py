"""`eventsmith match` as users run it: real subprocesses over real files.

Verdicts on the bundled samples were checked by hand: ticket-resolved.json is the only
"Ticket Resolved" event; both ticket events come from aws.partner/example.com/123 and have
department billing (created) and fulfillment (resolved); checkout-complete.json has neither.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "resources" / "samples"
EVENTS = SAMPLES / "events"
PATTERNS = SAMPLES / "patterns"


def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "match", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
    )


def test_bundled_pattern_against_bundled_events_with_explanations() -> None:
    done = run("--pattern", PATTERNS / "ticket-resolved.json", "--explain", EVENTS)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines == [
        f"no match  {EVENTS / 'checkout-complete.json'}#0",
        '    detail-type: expected ["Ticket Resolved"], got "State change Notification"',
        f"no match  {EVENTS / 'ticket-created.json'}#0",
        '    detail-type: expected ["Ticket Resolved"], got "Ticket Created"',
        f"match     {EVENTS / 'ticket-resolved.json'}#0",
    ]
    assert "1 of 3 events matched" in done.stderr


def test_json_output_lists_every_event_with_reasons() -> None:
    done = run("--pattern", PATTERNS / "billing-or-fulfillment.json", "--json", EVENTS)
    assert done.returncode == 1
    assert json.loads(done.stdout) == [
        {
            "file": str(EVENTS / "checkout-complete.json"),
            "index": 0,
            "matched": False,
            "reasons": [
                'detail.department: expected ["billing","fulfillment"], but the field is missing'
            ],
        },
        {"file": str(EVENTS / "ticket-created.json"), "index": 0, "matched": True, "reasons": []},
        {"file": str(EVENTS / "ticket-resolved.json"), "index": 0, "matched": True, "reasons": []},
    ]


def test_every_event_matching_exits_0() -> None:
    done = run(
        "--pattern",
        PATTERNS / "partner-source.json",
        EVENTS / "ticket-created.json",
        EVENTS / "ticket-resolved.json",
    )
    assert done.returncode == 0, done.stderr
    assert "2 of 2 events matched" in done.stderr


def test_rules_folder_counts_matches_per_rule() -> None:
    done = run("--rules", PATTERNS, "--json", EVENTS)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "events": 3,
        "rules": [
            {"rule": "billing-or-fulfillment", "matched": 2},
            {"rule": "partner-source", "matched": 2},
            {"rule": "ticket-resolved", "matched": 1},
        ],
    }
    table = run("--rules", PATTERNS, EVENTS)
    assert table.returncode == 0
    assert "3 events, 3 rules" in table.stdout
    assert any("ticket-resolved" in line and "1" in line for line in table.stdout.splitlines())


def test_invalid_pattern_prints_the_reason_with_its_path_and_exits_2(tmp_path: Path) -> None:
    pattern = tmp_path / "bad.json"
    pattern.write_text(json.dumps({"detail": {"count": [{"numeric": [">", 5, "<", 1]}]}}))
    done = run("--pattern", pattern, EVENTS)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "$.detail.count[0].numeric" in done.stderr
    assert "Bottom must be less than top" in done.stderr


def test_invalid_rule_in_a_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text('{"source": ["a"]}')
    (tmp_path / "bad.json").write_text('{"source": "a"}')
    done = run("--rules", tmp_path, EVENTS)
    assert done.returncode == 2
    assert "bad.json" in done.stderr
    assert '"source" must be an object or an array' in done.stderr


def _lines_file(path: Path, rows: list[Any]) -> Path:
    path.write_text("\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows))
    return path


def test_json_lines_with_a_malformed_line_reports_file_and_line_and_goes_on(
    tmp_path: Path,
) -> None:
    events = _lines_file(
        tmp_path / "events.jsonl",
        [{"source": "a"}, '{"source": ', {"source": "b"}, [1, 2]],
    )
    pattern = tmp_path / "p.json"
    pattern.write_text('{"source": ["a"]}')
    done = run("--pattern", pattern, "--json", events)
    assert done.returncode == 1
    results = json.loads(done.stdout)
    assert [(r["index"], r["matched"]) for r in results] == [(0, True), (1, False)]
    assert f"{events}:2:" in done.stderr
    assert f"{events}:4: #2 is an array, not a JSON object: skipped" in done.stderr


def test_array_file_and_stdin(tmp_path: Path) -> None:
    pattern = tmp_path / "p.json"
    pattern.write_text('{"detail": {"n": [{"numeric": [">=", 5]}]}}')
    array = tmp_path / "events.json"
    array.write_text(json.dumps([{"detail": {"n": 5.0}}, {"detail": {"n": 4}}]))
    done = run("--pattern", pattern, "--json", array)
    assert [r["matched"] for r in json.loads(done.stdout)] == [True, False]
    piped = run("--pattern", pattern, "-", stdin='{"detail": {"n": 7}}\n')
    assert piped.returncode == 0, piped.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--pattern", str(PATTERNS / "partner-source.json"), "--rules", str(PATTERNS)),
        (str(EVENTS),),
    ],
)
def test_exactly_one_of_pattern_or_rules(args: tuple[str, ...]) -> None:
    done = run(*args, EVENTS)
    assert done.returncode == 2
    assert "exactly one of --pattern FILE or --rules DIR" in done.stderr


def test_no_events_at_all_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    done = run("--pattern", PATTERNS / "partner-source.json", empty)
    assert done.returncode == 2
    assert "no events read" in done.stderr


def test_schema_option_warns_about_unknown_fields_and_wrong_operators(tmp_path: Path) -> None:
    from eventsmith.registry import Registry

    registry = tmp_path / "registry.db"
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "source": {"type": "string"},
            "detail": {
                "type": "object",
                "properties": {"department": {"type": "string"}, "ticketId": {"type": "string"}},
            },
        },
    }
    store = Registry(registry)
    store.put_version("tickets@TicketCreated", schema)
    store.close()
    pattern = tmp_path / "p.json"
    pattern.write_text(
        json.dumps({"detail": {"departmnt": ["billing"], "ticketId": [{"numeric": [">", 1]}]}})
    )
    done = subprocess.run(
        [
            sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "match",
            "--pattern", str(pattern), "--schema", "tickets@TicketCreated@1",
            str(EVENTS / "ticket-created.json"),
        ],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert (
        f'warning: {pattern}: $.detail.departmnt: Field "detail.departmnt" is not in the schema; '
        'did you mean "department"?'
    ) in done.stderr
    assert (
        f'warning: {pattern}: $.detail.ticketId[0]: numeric cannot match "detail.ticketId": '
        "it is a string in the schema"
    ) in done.stderr
    missing = subprocess.run(
        [
            sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "match",
            "--rules", str(PATTERNS), "--schema", "nope", str(EVENTS),
        ],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert missing.returncode == 2
