"""`eventsmith demo` on a fresh registry file, as the README tells a new user to run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_demo(registry: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "--registry", str(registry), "demo", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_demo_seeds_registry_and_reports_findings(tmp_path: Path) -> None:
    registry = tmp_path / "demo.sqlite3"
    first = run_demo(registry, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)

    assert {s["name"]: (s["version"], s["new"]) for s in report["schemas"]} == {
        "aws.partner/example.com/123@TicketCreated": (1, True),
        "aws.partner/example.com/123@TicketResolved": (1, True),
        "service-order-submit-dev@StateChangeNotification": (1, True),
    }
    # By hand: ticket-created is department billing, ticket-resolved fulfillment, both from
    # the partner source; the checkout event is neither.
    assert {p["pattern"]: p["matched"] for p in report["patterns"]} == {
        "billing-or-fulfillment.json": ["ticket-created", "ticket-resolved"],
        "partner-source.json": ["ticket-created", "ticket-resolved"],
        "ticket-resolved.json": ["ticket-resolved"],
    }
    assert [(w["workflow"], w["errors"]) for w in report["workflows"]] == [
        ("checkout.asl.json", 0),
        ("hello-world.asl.json", 0),
        ("ticket-triage.asl.yaml", 0),
    ]

    again = json.loads(run_demo(registry, "--json").stdout)
    assert [(s["version"], s["new"]) for s in again["schemas"]] == [(1, False)] * 3


def test_demo_table_output_names_every_schema(tmp_path: Path) -> None:
    result = run_demo(tmp_path / "demo.sqlite3")
    assert result.returncode == 0, result.stderr
    assert "service-order-submit-dev@StateChangeNotification" in result.stdout
    assert "Next" in result.stdout
