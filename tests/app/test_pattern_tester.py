"""The pattern tester with a real registry file, real event files and real widgets offscreen."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pytestqt.qtbot import QtBot

from eventsmith.app.pattern_tester import PatternTester
from eventsmith.registry import Registry, run_discovery

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
EVENTS = SAMPLES / "events"
TICKET_CREATED = "aws.partner/example.com/123@TicketCreated"


@pytest.fixture
def registry_path(tmp_path: Path) -> Path:
    path = tmp_path / "registry.db"
    with Registry(path) as registry:
        run_discovery(registry, [EVENTS])
    return path


@pytest.fixture
def tester(qtbot: QtBot, registry_path: Path) -> PatternTester:
    widget = PatternTester(registry_path)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def rows(tester: PatternTester) -> list[tuple[str, str, list[str]]]:
    """(verdict, origin, explanation lines) per event, as the result list shows them."""
    found = []
    for index in range(tester.results.topLevelItemCount()):
        item = tester.results.topLevelItem(index)
        reasons = [item.child(i).text(0) for i in range(item.childCount())]
        found.append((item.text(0), item.text(2), reasons))
    return found


def test_marks_matched_and_unmatched_events_and_explains_the_misses(
    tester: PatternTester, tmp_path: Path
) -> None:
    tester.open_pattern(SAMPLES / "patterns" / "billing-or-fulfillment.json")
    tester.schema_chooser.setCurrentText(TICKET_CREATED)
    tester.add_schema_samples()
    files = sorted(EVENTS.glob("*.json"))
    tester.add_event_files(files)
    # What should match, decided from the events themselves: a billing or fulfillment ticket.
    expected = {}
    for path in files:
        event = json.loads(path.read_text())
        expected[f"{path.name}:1"] = event["detail"].get("department") in ("billing", "fulfillment")
    shown = rows(tester)
    assert shown[0][:2] == ("Matched", f"{TICKET_CREATED} sample 1")
    by_origin = {origin: (verdict, reasons) for verdict, origin, reasons in shown[1:]}
    assert set(by_origin) == set(expected)
    for origin, should_match in expected.items():
        verdict, reasons = by_origin[origin]
        assert verdict == ("Matched" if should_match else "No match"), origin
        assert bool(reasons) == (not should_match)
    verdict, reasons = by_origin["checkout-complete.json:1"]
    assert any("detail.department" in line and "missing" in line for line in reasons)
    matched = sum(expected.values()) + 1
    assert tester.summary.text() == f"{matched} of {len(expected) + 1} events match."


def test_the_pattern_is_checked_as_you_type_with_positions(
    qtbot: QtBot, tester: PatternTester
) -> None:
    tester.editor.clear()
    text = '{"detail": {"department": [{"prefix": 5}]}}'
    with qtbot.waitSignal(tester.checked, timeout=3_000):
        qtbot.keyClicks(tester.editor, text)
    assert len(tester.diagnostics) == 1
    (selection,) = tester.editor.extraSelections()
    cursor = selection.cursor
    assert cursor.selectedText() == "5"  # the invalid value itself is underlined
    assert cursor.selectionStart() == text.index("5")
    assert "Line 1, column " + str(text.index("5") + 1) in tester.problems.text()
    assert "prefix" in tester.problems.text()
    with qtbot.waitSignal(tester.checked, timeout=3_000):
        tester.editor.setPlainText('{"detail": {"department": [{"prefix": "bill"}]}}')
    assert tester.diagnostics == () and tester.editor.extraSelections() == []


def test_typing_is_debounced(qtbot: QtBot, tester: PatternTester) -> None:
    checks: list[None] = []
    tester.checked.connect(lambda: checks.append(None))
    tester.editor.clear()
    qtbot.keyClicks(tester.editor, '{"source": ["a"]}')
    qtbot.waitUntil(lambda: len(checks) >= 1, timeout=3_000)
    qtbot.wait(400)
    assert len(checks) == 1  # one check after the pause, not one per keystroke


def test_a_chosen_schema_flags_fields_its_events_never_have(
    qtbot: QtBot, tester: PatternTester
) -> None:
    tester.schema_chooser.setCurrentText(TICKET_CREATED)
    with qtbot.waitSignal(tester.checked, timeout=3_000):
        tester.editor.setPlainText('{"detail": {"departmnet": ["billing"]}}')
    assert [d.severity for d in tester.diagnostics] == ["warning"]
    assert "departmnet" in tester.problems.text()


def test_an_invalid_pattern_lists_the_events_as_not_tried(
    qtbot: QtBot, tester: PatternTester
) -> None:
    tester.add_event_files([EVENTS / "ticket-created.json"])
    with qtbot.waitSignal(tester.checked, timeout=3_000):
        tester.editor.setPlainText('{"detail": ')
    assert [row[0] for row in rows(tester)] == ["Not tried"]
    assert tester.diagnostics and "not valid" in tester.summary.text()


def test_selecting_a_result_shows_its_event(qtbot: QtBot, tester: PatternTester) -> None:
    tester.add_event_files([EVENTS / "ticket-resolved.json"])
    item = tester.results.topLevelItem(0)
    tester.results.setCurrentItem(item.child(0) if item.childCount() else item)
    shown = tester.event_view.toPlainText()
    expected = json.loads((EVENTS / "ticket-resolved.json").read_text())
    assert shown.startswith("// ticket-resolved.json:1")
    assert json.loads(shown.split("\n", 1)[1]) == expected
