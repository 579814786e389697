"""Per-code settings: [tool.eventsmith.asl] in pyproject.toml, the mapping the language server
passes, and inline `eventsmith: ignore` directives in a Comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventsmith.asl import (
    AslSettings,
    Severity,
    apply_settings,
    check_text,
    load_asl_settings,
    settings_from_mapping,
)

# ASL103 (Next names no state, error) and ASL904 (callback without a token, warning).
FLOW = {
    "StartAt": "Wait",
    "States": {
        "Wait": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q"},
            "Next": "Gone",
        },
        "Done": {"Type": "Succeed"},
    },
}


def _codes(diagnostics: list) -> dict[str, str]:
    return {d.code: str(d.severity) for d in diagnostics}


def _found(definition: dict | None = None) -> list:
    return check_text(json.dumps(definition or FLOW), "flow.asl.json")


def test_defaults_report_everything_unchanged() -> None:
    found = _found()
    assert apply_settings(found, AslSettings()) == found
    assert {"ASL103": "error", "ASL904": "warning"}.items() <= _codes(found).items()


@pytest.mark.parametrize(
    ("table", "kept"),
    [
        ({"ignore": ["ASL904"]}, {"ASL103", "ASL106"}),
        ({"ignore": ["ASL9"]}, {"ASL103", "ASL106"}),
        ({"select": ["ASL9"]}, {"ASL904"}),
        ({"select": ["ASL1"], "ignore": ["ASL10"]}, set()),
        # The longer prefix wins: ASL103 is selected although ASL1 is ignored.
        ({"select": ["ASL103"], "ignore": ["ASL1"]}, {"ASL103"}),
        ({"select": ["ASL"], "ignore": ["ASL"]}, set()),
        ({"ignore": "asl106, ASL904"}, {"ASL103"}),
    ],
)
def test_select_and_ignore_take_code_prefixes(table: dict, kept: set[str]) -> None:
    settings = settings_from_mapping(table)
    assert settings.problems == ()
    assert set(_codes(apply_settings(_found(), settings))) == kept


def test_severity_overrides_and_strict() -> None:
    found = _found()
    raised = apply_settings(found, settings_from_mapping({"severity": {"ASL904": "error"}}))
    assert _codes(raised)["ASL904"] == "error"
    lowered = apply_settings(found, settings_from_mapping({"severity": {"ASL103": "hint"}}))
    assert _codes(lowered)["ASL103"] == "hint"
    strict = apply_settings(found, settings_from_mapping({"strict": True}))
    assert all(d.severity is Severity.ERROR for d in strict)
    # An explicit severity beats strict.
    both = settings_from_mapping({"strict": True, "severity": {"ASL904": "information"}})
    assert _codes(apply_settings(found, both))["ASL904"] == "information"


def test_bad_settings_are_problems_not_exceptions() -> None:
    settings = settings_from_mapping(
        {
            "select": [1],
            "ignore": ["E501"],
            "severity": {"ASL1": "error", "ASL903": "loud"},
            "strict": "yes",
            "colour": 1,
        }
    )
    assert len(settings.problems) == 6
    assert settings.select == settings.ignore == settings.severity == ()
    assert settings_from_mapping(["ASL1"]).problems


def test_pyproject_is_found_from_the_checked_file_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.eventsmith.asl]\nignore = ["ASL106"]\nseverity = {ASL903 = "error"}\n'
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    # A pyproject.toml without the table in between does not stop the search.
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    settings = load_asl_settings(nested / "flow.asl.json")
    assert settings.ignore == ("ASL106",)
    assert settings.severity == (("ASL903", Severity.ERROR),)
    assert settings.source == str(tmp_path / "pyproject.toml")
    assert load_asl_settings(nested) == settings


def test_a_broken_pyproject_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.eventsmith.asl\n")
    settings = load_asl_settings(tmp_path / "flow.asl.json")
    assert settings.problems and settings.select == ()


def test_command_line_options_go_on_top() -> None:
    base = settings_from_mapping({"select": ["ASL1"], "ignore": ["ASL106"]})
    merged = base.merged(select=["ASL9,ASL103"], ignore=["ASL904"], strict=True)
    assert merged.select == ("ASL9", "ASL103")
    assert merged.ignore == ("ASL106", "ASL904")
    assert merged.strict
    assert base.merged().select == ("ASL1",)
    assert base.merged(select=["nope"]).problems


def test_a_comment_directive_silences_codes_on_its_state() -> None:
    definition = json.loads(json.dumps(FLOW))
    definition["States"]["Wait"]["Comment"] = "Token sent by S3. eventsmith: ignore ASL904"
    assert set(_codes(_found(definition))) == {"ASL103", "ASL106"}
    definition["States"]["Wait"]["Comment"] = "eventsmith: ignore"
    assert set(_codes(_found(definition))) == {"ASL106"}  # ASL106 belongs to "Done"


def test_a_top_level_directive_covers_the_whole_machine() -> None:
    definition = {**FLOW, "Comment": "eventsmith: ignore ASL1, ASL904"}
    assert _codes(_found(definition)) == {}
    plain = {**FLOW, "Comment": "Nothing to see: ignore ASL904"}
    assert "ASL904" in _codes(_found(plain))
