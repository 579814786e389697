"""The real server over stdio on workflow documents: every feature, with exact results.

State names are non-ASCII (an umlaut and an emoji outside the BMP, two UTF-16 units), so
every position and edit also checks the UTF-16 conversion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import (
    apply_edits,
    as_dict,
    change_document,
    open_document,
    position_of,
    published,
    utf16,
    wait_for_diagnostics,
    wait_for_graph_change,
)

pytestmark = pytest.mark.asyncio
URI = "file:///work/flow.asl.json"
START = "Prüfen 🚀"
TEXT = (
    "{\n"
    '  "StartAt": "Prüfen 🚀",\n'
    '  "States": {\n'
    '    "Prüfen 🚀": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", '
    '"Next": "Fertig"},\n'
    '    "Fertig": {"Type": "Parallel", "End": true, "Branches": [\n'
    '      {"StartAt": "Innen", "States": {"Innen": {"Type": "Succeed"}}}\n'
    "    ]}\n"
    "  }\n"
    "}\n"
)


def document(uri: str = URI) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri)


async def test_mistyped_next_is_reported_at_its_utf16_range_with_a_quick_fix(
    client: LanguageClient,
) -> None:
    text = TEXT.replace('"Next": "Fertig"', '"Next": "Fertg"')
    open_document(client, URI, text)
    diagnostics = await wait_for_diagnostics(client, URI, 1)
    (found,) = [d for d in diagnostics if d.code == "ASL103"]
    start = position_of(text, '"Fertg"')
    assert found.range == lsp.Range(start, lsp.Position(start.line, start.character + 7))
    assert found.severity == lsp.DiagnosticSeverity.Error
    # The emoji before it counts two UTF-16 units: the column is not the code-point column.
    line = text.split("\n")[start.line]
    assert start.character == line.index('"Fertg"') + 1

    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(document(), found.range, lsp.CodeActionContext([found]))
    )
    assert actions is not None
    (action,) = actions
    assert isinstance(action, lsp.CodeAction) and action.edit and action.edit.changes
    assert action.title == "Change to 'Fertig'"
    assert apply_edits(text, list(action.edit.changes[URI])) == TEXT


async def test_graph_request_matches_the_cli_and_follows_each_version(
    client: LanguageClient, tmp_path: Path
) -> None:
    open_document(client, URI, TEXT)
    await wait_for_diagnostics(client, URI, 1)
    await wait_for_graph_change(client, URI, 1)
    response = as_dict(
        await client.protocol.send_request_async("eventsmith/graph", {"textDocument": {"uri": URI}})
    )
    path = tmp_path / "flow.asl.json"
    path.write_text(TEXT, encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", "graph", "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert response["uri"] == URI and response["version"] == 1
    assert response["graph"] == json.loads(cli.stdout)
    assert response["svg"].startswith("<svg") and START in response["svg"]

    change_document(client, URI, TEXT.replace('"End": true', '"Next": "Nirgends"'), 2)
    await wait_for_graph_change(client, URI, 2)
    second = as_dict(
        await client.protocol.send_request_async("eventsmith/graph", {"textDocument": {"uri": URI}})
    )
    assert second["version"] == 2
    assert any(node["type"] == "Missing" for node in second["graph"]["nodes"])


async def test_only_the_latest_version_gets_diagnostics(client: LanguageClient) -> None:
    open_document(client, URI, TEXT)
    await wait_for_diagnostics(client, URI, 1)
    for version in range(2, 6):
        change_document(client, URI, TEXT + " " * version, version)
    diagnostics = await wait_for_diagnostics(client, URI, 5)
    assert {p.version for p in published(client) if p.uri == URI} == {1, 5}
    assert diagnostics == []


async def test_completion_of_next_offers_the_scope_states_with_utf16_edits(
    client: LanguageClient,
) -> None:
    open_document(client, URI, TEXT)
    inside = position_of(TEXT, '"Fertig"}')
    where = lsp.Position(inside.line, inside.character + 1)
    result = await client.text_document_completion_async(lsp.CompletionParams(document(), where))
    assert isinstance(result, lsp.CompletionList)
    assert [item.label for item in result.items] == [START, "Fertig"]
    token = lsp.Range(inside, lsp.Position(inside.line, inside.character + 8))
    edit = result.items[0].text_edit
    assert isinstance(edit, lsp.TextEdit)
    assert edit.range == token and edit.new_text == '"Prüfen 🚀"'


async def test_completion_of_fields_for_a_yaml_wait_state(client: LanguageClient) -> None:
    text = "StartAt: Pause\nStates:\n  Pause:\n    Type: Wait\n    Se\n"
    uri = "file:///work/pause.asl.yaml"
    open_document(client, uri, text, "yaml")
    result = await client.text_document_completion_async(
        lsp.CompletionParams(document(uri), lsp.Position(4, 6))
    )
    assert isinstance(result, lsp.CompletionList)
    # Wait's fields under JSONPath (the spec's table), without the Type already there.
    assert [item.label for item in result.items] == [
        "Comment",
        "QueryLanguage",
        "Next",
        "End",
        "InputPath",
        "OutputPath",
        "Seconds",
        "SecondsPath",
        "Timestamp",
        "TimestampPath",
        "Assign",
    ]
    edit = result.items[6].text_edit
    assert isinstance(edit, lsp.TextEdit)
    assert edit.new_text == "Seconds: "
    assert edit.range == lsp.Range(lsp.Position(4, 4), lsp.Position(4, 6))


async def test_hover_definition_references_and_highlights(client: LanguageClient) -> None:
    open_document(client, URI, TEXT)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(document(), position_of(TEXT, "Next"))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "Name of the state to run after this one." in hover.contents.value

    on_next = position_of(TEXT, 'Fertig"}')
    definition = await client.text_document_definition_async(
        lsp.DefinitionParams(document(), on_next)
    )
    declared = position_of(TEXT, 'Fertig": {"Type": "Parallel"')
    assert definition is not None
    assert list(definition) == [
        lsp.Location(URI, lsp.Range(declared, lsp.Position(declared.line, declared.character + 6)))
    ]

    on_start = position_of(TEXT, "Prüfen")
    references = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=document(),
            position=on_start,
            context=lsp.ReferenceContext(include_declaration=True),
        )
    )
    width = utf16(START)
    assert references is not None
    assert list(references) == [
        lsp.Location(URI, lsp.Range(on_start, lsp.Position(1, on_start.character + width))),
        lsp.Location(
            URI,
            lsp.Range(
                position_of(TEXT, "Prüfen", 40),
                lsp.Position(3, position_of(TEXT, "Prüfen", 40).character + width),
            ),
        ),
    ]
    highlights = await client.text_document_document_highlight_async(
        lsp.DocumentHighlightParams(document(), on_start)
    )
    assert highlights is not None
    assert [h.range for h in highlights] == [loc.range for loc in references]
    assert [h.kind for h in highlights] == [
        lsp.DocumentHighlightKind.Read,
        lsp.DocumentHighlightKind.Write,
    ]


async def test_rename_updates_every_reference_in_the_scope_only(client: LanguageClient) -> None:
    open_document(client, URI, TEXT)
    on_next = position_of(TEXT, 'Fertig"}')
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(document(), on_next)
    )
    assert prepared == lsp.Range(on_next, lsp.Position(on_next.line, on_next.character + 6))
    edit = await client.text_document_rename_async(
        lsp.RenameParams(document(), on_next, "Erledigt ✓")
    )
    assert edit is not None and edit.changes is not None
    renamed = json.loads(apply_edits(TEXT, list(edit.changes[URI])))
    states = renamed["States"]
    assert list(states) == [START, "Erledigt ✓"]
    assert states[START]["Next"] == "Erledigt ✓"
    assert states["Erledigt ✓"]["Branches"][0] == {
        "StartAt": "Innen",
        "States": {"Innen": {"Type": "Succeed"}},
    }
    with pytest.raises(Exception, match="already has a state named 'Innen'"):
        await client.text_document_rename_async(lsp.RenameParams(document(), on_next, "Innen"))


async def test_nested_outline_and_folding(client: LanguageClient) -> None:
    open_document(client, URI, TEXT)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(document()))
    assert symbols is not None

    def tree(items: object) -> list[object]:
        return [
            (s.name, s.detail, tree(s.children or []))
            for s in items  # type: ignore[attr-defined]
        ]

    assert tree(symbols) == [
        (START, "Task", []),
        ("Fertig", "Parallel", [("Branch 1", None, [("Innen", "Succeed", [])])]),
    ]
    folds = await client.text_document_folding_range_async(lsp.FoldingRangeParams(document()))
    assert folds is not None
    assert [(f.start_line, f.end_line) for f in folds] == [(0, 7), (2, 6), (4, 6)]


async def test_settings_select_ignore_and_severity(client: LanguageClient) -> None:
    text = TEXT.replace('"Next": "Fertig"', '"Next": "Fertg"')
    open_document(client, URI, text)
    codes = {d.code for d in await wait_for_diagnostics(client, URI, 1)}
    assert "ASL103" in codes and "ASL106" in codes
    seen = len(published(client))
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(
            {"eventsmith": {"asl": {"ignore": ["ASL106"], "severity": {"ASL103": "warning"}}}}
        )
    )
    while len(published(client)) == seen:
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    latest = published(client)[-1].diagnostics
    assert [(d.code, d.severity) for d in latest] == [("ASL103", lsp.DiagnosticSeverity.Warning)]


async def test_huge_candidate_lists_are_narrowed_to_what_is_typed(client: LanguageClient) -> None:
    names = [f"Step {index}" for index in range(300)]
    states = {name: {"Type": "Pass", "Next": names[2]} for name in names}
    text = json.dumps({"StartAt": names[0], "States": states}, indent=1)
    uri = "file:///work/huge.asl.json"
    open_document(client, uri, text)
    small = await client.text_document_completion_async(
        lsp.CompletionParams(document(uri), position_of(text, '"Step 2"', text.index("Next")))
    )
    value = position_of(text, '"Step 2"', text.index("Next"))
    where = lsp.Position(value.line, value.character + len('"Step 2'))
    result = await client.text_document_completion_async(lsp.CompletionParams(document(uri), where))
    assert isinstance(result, lsp.CompletionList) and result.is_incomplete
    # "Step 2" typed: the names holding s, t, e, p, space, 2 in that order.
    assert [item.label for item in result.items] == [name for name in names if "2" in name]
    assert small is not None  # on the opening quote nothing is typed: capped at 200
    assert isinstance(small, lsp.CompletionList) and len(small.items) == 200


async def test_project_settings_from_pyproject_apply_under_the_client_settings(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.eventsmith.asl]\nignore = ["ASL106"]\nseverity = {ASL103 = "hint"}\n'
    )
    uri = (tmp_path / "flows" / "flow.asl.json").as_uri()
    text = TEXT.replace('"Next": "Fertig"', '"Next": "Fertg"')
    open_document(client, uri, text)
    found = await wait_for_diagnostics(client, uri, 1)
    assert [(d.code, d.severity) for d in found] == [("ASL103", lsp.DiagnosticSeverity.Hint)]
    seen = len(published(client))
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams({"eventsmith": {"asl": {"severity": {"ASL103": "error"}}}})
    )
    while len(published(client)) == seen:
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    latest = [p for p in published(client) if p.uri == uri][-1].diagnostics
    assert [(d.code, d.severity) for d in latest] == [("ASL103", lsp.DiagnosticSeverity.Error)]


async def test_unusable_settings_are_shown_once(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.eventsmith.asl]\nignore = ["E501"]\n')
    uri = (tmp_path / "flow.asl.json").as_uri()
    open_document(client, uri, TEXT)
    await wait_for_diagnostics(client, uri, 1)
    change_document(client, uri, TEXT + "\n", 2)
    await wait_for_diagnostics(client, uri, 2)
    shown = [m.message for m in client.messages if "eventsmith settings" in m.message]
    assert len(shown) == 1
    assert "'E501' is not a code or code prefix" in shown[0]


async def test_settings_are_pulled_when_the_client_pushes_none(client: LanguageClient) -> None:
    text = TEXT.replace('"Next": "Fertig"', '"Next": "Fertg"')
    open_document(client, URI, text)
    codes = {d.code for d in await wait_for_diagnostics(client, URI, 1)}
    assert "ASL106" in codes
    client.set_configuration({"asl": {"ignore": ["ASL106"]}}, section="eventsmith")
    seen = len(published(client))
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    while len(published(client)) == seen:
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in published(client)[-1].diagnostics] == ["ASL103"]
