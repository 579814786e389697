"""`eventsmith asl validate --registry` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.workflow_schemas.conftest import DATA, eventsmith, span_of


def test_validate_with_the_registry_reports_unknown_input_fields(registry_path: Path) -> None:
    result = eventsmith(registry_path, "asl", "validate", "--registry", "--json", str(DATA))
    assert result.returncode == 0, result.stderr  # warnings only
    report = {Path(item["file"]).name: item["diagnostics"] for item in json.loads(result.stdout)}
    found = {
        name: [(d["code"], d["message"].split("'")[1]) for d in items if d["code"] == "WFS001"]
        for name, items in report.items()
    }
    assert found == {
        "cancel.asl.json": [("WFS001", "reasn")],
        "cancel.asl.yaml": [("WFS001", "reson")],
        "rule.template.json": [("WFS001", "amont")],
        "template.yaml": [("WFS001", "custmer"), ("WFS001", "totl"), ("WFS001", "reason")],
    }
    text = (DATA / "template.yaml").read_text(encoding="utf-8")
    line, start, end = span_of(text, "email.$:", "custmer")
    first = report["template.yaml"][0]["range"]
    assert first == {
        "start": {"line": line, "character": start},
        "end": {"line": line, "character": end},
    }


def test_without_the_flag_the_registry_is_not_consulted(registry_path: Path) -> None:
    result = eventsmith(registry_path, "asl", "validate", "--json", str(DATA))
    codes = [d["code"] for item in json.loads(result.stdout) for d in item["diagnostics"]]
    assert not [code for code in codes if code.startswith("WFS")]


def test_input_schema_is_the_fallback_and_a_wrong_name_is_a_usage_error(
    registry_path: Path, tmp_path: Path
) -> None:
    workflow = tmp_path / "plain.asl.json"
    workflow.write_text(
        json.dumps(
            {
                "StartAt": "A",
                "States": {"A": {"Type": "Pass", "InputPath": "$.detail.amout", "End": True}},
            }
        ),
        encoding="utf-8",
    )
    schema = "com.example.payments@PaymentSettled"
    args = ("asl", "validate", "--registry", "--input-schema")
    result = eventsmith(registry_path, *args, schema, str(workflow))
    assert result.returncode == 0, result.stderr
    assert "WFS001 'amout' is not a field of detail" in result.stdout
    assert "did you mean 'amount'?" in result.stdout
    wrong = eventsmith(registry_path, *args, "com.example.payments@PaymentSettle", str(workflow))
    assert wrong.returncode == 2
    assert "did you mean com.example.payments@PaymentSettled" in wrong.stderr
