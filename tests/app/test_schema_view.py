"""The schema panel over a real registry: fields, texts, version diff, samples, event checks."""

from __future__ import annotations

import json
from pathlib import Path

from eventsmith.app.registry_tree import TreeKey
from eventsmith.registry import DEFAULT_REGISTRY, Registry

from .conftest import SAMPLES, TICKET_RESOLVED, seed

V1 = {
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {
            "type": "object",
            "required": ["orderId", "total"],
            "properties": {"orderId": {"type": "string"}, "total": {"type": "integer"}},
        }
    },
}
V2 = json.loads(json.dumps(V1))
V2["properties"]["detail"]["properties"]["total"] = {"type": "string"}
V2["properties"]["detail"]["properties"]["coupon"] = {"type": "string"}


def _two_versions(path: Path) -> None:
    with Registry(path) as registry:
        registry.put_version("shop@OrderPlaced", V1)
        registry.put_version("shop@OrderPlaced", V2)


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_a_version_diff_shows_the_changed_field_and_the_verdict(
    qtbot, window, registry_path
) -> None:  # type: ignore[no-untyped-def]
    _two_versions(registry_path)
    window.refresh()
    assert window.browser.select(TreeKey(DEFAULT_REGISTRY, "shop@OrderPlaced"))
    diff = window.schema.diff
    assert diff.old_box.currentText() == "version 1"
    assert diff.new_box.currentText() == "version 2"
    rows = {row[0]: row for row in _rows(diff.changes)}
    assert rows["detail.total"][1:4] == ["type", "integer", "string"]
    assert rows["detail.total"][4] == "Breaking"
    assert rows["detail.coupon"][1] == "added"
    assert "Breaking" in diff.verdict.text()
    # The side-by-side texts differ exactly where "total" changed type.
    assert '"integer"' in diff.old_text.toPlainText()
    assert '"integer"' not in diff.new_text.toPlainText()
    assert diff.new_text.extraSelections()  # changed lines are marked


def test_comparing_a_version_with_itself_says_so(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    _two_versions(registry_path)
    window.refresh()
    window.browser.select(TreeKey(DEFAULT_REGISTRY, "shop@OrderPlaced", 1))
    diff = window.schema.diff
    assert diff.new_box.currentText() == "version 1"
    assert diff.old_box.currentText() == "version 1"
    assert diff.changes.rowCount() == 0
    assert "different versions" in diff.verdict.text()


def test_fields_texts_and_samples_of_a_discovered_schema(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    seed(registry_path)
    window.refresh()
    assert window.browser.select(TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED))
    panel = window.schema
    time_row = panel.fields.item_for_path("time")
    assert time_row is not None
    assert [time_row.text(c) for c in range(4)] == [
        "time",
        "string (date-time)",
        "date-time",
        "yes",
    ]
    assert panel.fields.item_for_path("detail").isExpanded()
    openapi = json.loads(panel.openapi_text.toPlainText())
    assert openapi["openapi"].startswith("3.0")
    assert "AWSEvent" in openapi["components"]["schemas"]
    assert json.loads(panel.json_text.toPlainText())["type"] == "object"
    assert panel.samples.list.count() == 1
    assert json.loads(panel.samples.text.toPlainText())["detail-type"] == "Ticket Resolved"
    assert "Ticket Resolved" in panel.title.text()


def test_a_pasted_event_is_checked_against_the_version(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    seed(registry_path)
    window.refresh()
    window.browser.select(TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED))
    check = window.schema.check
    check.use_sample.click()
    assert check.check().valid
    assert "Valid" in check.verdict.text()
    event = json.loads(check.editor.toPlainText())
    event["time"] = "yesterday"
    del event["id"]
    check.editor.setPlainText(json.dumps(event))
    result = check.check()
    assert not result.valid
    shown = [check.errors.item(row).text() for row in range(check.errors.count())]
    assert any(text.startswith("/time:") for text in shown)
    assert any("'id' is a required property" in text for text in shown)
    check.editor.setPlainText("{not json")
    assert check.check().parse_error.startswith("Not valid JSON (line 1, column 2)")


def test_filtering_the_tree_keeps_the_selection(qtbot, window, registry_path) -> None:  # type: ignore[no-untyped-def]
    seed(registry_path)
    window.refresh()
    key = TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED)
    window.browser.select(key)
    qtbot.keyClicks(window.browser.filter, "ticket RESOLVED")
    assert window.browser.model.schema_count() == 1
    assert window.browser.current_key() == key
    assert window.browser.count.text() == "1 of 3 schemas"
    window.browser.filter.clear()
    assert window.browser.model.schema_count() == 3
    assert window.browser.current_key() == key


def test_an_event_file_dropped_on_the_editor_is_checked(
    qtbot, window, registry_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QUrl

    seed(registry_path)
    window.refresh()
    window.browser.select(TreeKey(DEFAULT_REGISTRY, TICKET_RESOLVED))
    event = json.loads((SAMPLES / "events" / "ticket-resolved.json").read_text())
    event["detail"]["resolution"]["code"] = "not a number"
    dropped = tmp_path / "dropped.json"
    dropped.write_text(json.dumps(event))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    check = window.schema.check
    check.editor.insertFromMimeData(data)
    assert json.loads(check.editor.toPlainText()) == event  # the file's text, not its path
    result = check.check()
    assert [pointer for pointer, _ in result.errors] == ["/detail/resolution/code"]
