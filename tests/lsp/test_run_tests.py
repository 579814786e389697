"""`eventsmith.runTests` and the "Run tests" code lens, over stdio with a real server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import (
    change_document,
    open_document,
    position_of,
    published,
    wait_for_diagnostics,
)

pytestmark = pytest.mark.asyncio
SAMPLES = Path(__file__).parents[2] / "resources" / "samples"


def project(tmp_path: Path) -> tuple[str, str]:
    """The checkout workflow and its mock file, laid out as in the samples."""
    (tmp_path / "workflows").mkdir()
    (tmp_path / "mocks").mkdir()
    workflow = tmp_path / "workflows" / "checkout.asl.json"
    shutil.copy(SAMPLES / "workflows" / "checkout.asl.json", workflow)
    shutil.copy(SAMPLES / "mocks" / "checkout.mocks.json", tmp_path / "mocks")
    return workflow.as_uri(), workflow.read_text(encoding="utf-8")


async def run(client: LanguageClient, uri: str) -> dict:
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="eventsmith.runTests", arguments=[uri])
    )
    assert isinstance(result, dict)
    return result


async def test_every_case_of_the_sample_passes(client: LanguageClient, tmp_path: Path) -> None:
    uri, text = project(tmp_path)
    open_document(client, uri, text)
    await wait_for_diagnostics(client, uri, 1)
    summary = await run(client, uri)
    cases = json.loads((SAMPLES / "mocks" / "checkout.mocks.json").read_text())
    expected = list(cases["StateMachines"]["checkout"]["TestCases"])
    assert [case["testCase"] for case in summary["cases"]] == expected
    assert (summary["total"], summary["passed"], summary["failed"]) == (4, 4, 0)
    last = published(client)[-1]
    assert last.uri == uri
    assert [d for d in last.diagnostics if d.source == "eventsmith-test"] == []


async def test_a_failure_is_shown_on_the_state_where_the_run_left_the_expected_path(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri, saved = project(tmp_path)
    # An unsaved edit: an invalid order now goes on to publish, which InvalidOrder does not mock.
    text = saved.replace('"Default": "Notify failure"', '"Default": "Publish order completed"')
    assert text != saved
    open_document(client, uri, text)
    await wait_for_diagnostics(client, uri, 1)
    summary = await run(client, uri)
    assert (summary["passed"], summary["failed"]) == (3, 1)
    (failed,) = [case for case in summary["cases"] if not case["passed"]]
    assert failed["testCase"] == "InvalidOrder"
    last = published(client)[-1]
    (finding,) = [d for d in last.diagnostics if d.source == "eventsmith-test"]
    start = position_of(text, '"Publish order completed": {')
    name_end = lsp.Position(start.line, start.character + len('"Publish order completed"'))
    assert finding.range == lsp.Range(start, name_end)
    assert finding.severity == lsp.DiagnosticSeverity.Error
    assert finding.message.startswith("test case InvalidOrder failed at 'Publish order completed'")
    assert 'expected "CheckoutFailed"' in finding.message

    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri))
    )
    assert lenses is not None
    (lens,) = lenses
    assert lens.command is not None
    assert lens.command.command == "eventsmith.runTests"
    assert list(lens.command.arguments or ()) == [uri]
    assert lens.command.title == "Run tests (4 test cases)"

    # The next edit republishes the validator's findings alone: the failure was of the old text.
    change_document(client, uri, saved, 2)
    assert [d.source for d in await wait_for_diagnostics(client, uri, 2)] == []


async def test_a_workflow_without_mock_files_has_no_tests(
    client: LanguageClient, tmp_path: Path
) -> None:
    workflow = tmp_path / "hello.asl.json"
    shutil.copy(SAMPLES / "workflows" / "hello-world.asl.json", workflow)
    uri = workflow.as_uri()
    open_document(client, uri, workflow.read_text(encoding="utf-8"))
    await wait_for_diagnostics(client, uri, 1)
    summary = await run(client, uri)
    assert summary["total"] == 0
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri))
    )
    assert not lenses
