"""`eventsmith asl run` and `eventsmith asl test`, run as real subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SAMPLES = Path(__file__).parents[2] / "resources" / "samples" / "workflows"
MOCKS = Path(__file__).parents[2] / "resources" / "samples" / "mocks" / "checkout.mocks.json"
HELLO = str(SAMPLES / "hello-world.asl.json")


def eventsmith(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventsmith.cli.main", "asl", *args],
        capture_output=True, text=True, check=False, cwd=cwd,
    )  # fmt: skip


def test_run_prints_steps_and_output() -> None:
    result = eventsmith("run", HELLO, "--input", '{"array": [{"IsHelloWorldExample": true}]}')
    assert result.returncode == 0, result.stderr
    assert "Wait 3 sec" in result.stdout and "SUCCEEDED in 3.000 s" in result.stderr
    output = result.stdout[result.stdout.index("\n[") + 1 :]
    assert json.loads(output) == [[{"IsHelloWorldExample": True}, {"IsHelloWorldExample": True}]]


def test_run_json_failure_has_status_error_cause_and_events(tmp_path: Path) -> None:
    (tmp_path / "input.json").write_text('{"array": [{"IsHelloWorldExample": false}]}')
    result = eventsmith("run", HELLO, "--input", f"@{tmp_path / 'input.json'}", "--json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert (document["status"], document["error"], document["cause"]) == (
        "FAILED",
        None,  # the Fail state has a Cause but no Error
        "Not Hello World",
    )
    assert document["events"][0]["type"] == "ExecutionStarted"
    assert document["events"][-1]["executionFailedEventDetails"] == {"cause": "Not Hello World"}
    assert document["path"] == ["Pass", "MapState"]


def test_run_with_a_test_case_takes_its_input_from_the_expectation() -> None:
    args = (
        "run",
        str(SAMPLES / "checkout.asl.json"),
        "--mocks",
        str(MOCKS),
    )
    happy = eventsmith(*args, "--test-case", "HappyPath", "--json")
    assert happy.returncode == 0, happy.stderr
    assert json.loads(happy.stdout)["output"]["MessageId"] == "5f3e5a2b-0d1c-4c55-9a5e-1b2c3d4e5f60"
    invalid = eventsmith(*args, "--test-case", "InvalidOrder")
    assert invalid.returncode == 1
    assert "error: CheckoutFailed" in invalid.stdout
    unknown = eventsmith(*args, "--test-case", "Nope")
    assert unknown.returncode == 2 and "Nope" in unknown.stderr
    several = eventsmith(*args)
    assert several.returncode == 2 and "HappyPath" in several.stderr  # lists the test cases


def test_invalid_definition_is_refused_with_diagnostics(tmp_path: Path) -> None:
    broken = tmp_path / "broken.asl.json"
    broken.write_text('{"StartAt": "Missing", "States": {"A": {"Type": "Pass", "End": true}}}')
    result = eventsmith("run", str(broken))
    assert result.returncode == 2
    assert "broken.asl.json:1:" in result.stderr and "error ASL" in result.stderr


def test_bad_input_is_a_usage_error() -> None:
    result = eventsmith("run", HELLO, "--input", "{nope")
    assert result.returncode == 2 and "not JSON" in result.stderr


def test_unmocked_task_fails_with_a_clear_message() -> None:
    event = {"detail": {"event": {"data": {"order_number": "T1", "customer_id": "c1"}}}}
    result = eventsmith(
        "run", str(SAMPLES / "checkout.asl.json"), "--input", json.dumps(event), "--json"
    )
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["error"] == "States.Runtime"
    assert "'Validate order' has no mocked response" in document["cause"]


def test_trace_file_is_chrome_trace_json(tmp_path: Path) -> None:
    trace = tmp_path / "run.trace.json"
    result = eventsmith("run", HELLO, "--input", '{"array": [1, 2]}', "--trace", str(trace))
    assert result.returncode == 1  # items without IsHelloWorldExample fail the Choice
    events = json.loads(trace.read_text())["traceEvents"]
    assert {e["ph"] for e in events} == {"M", "X"}
    assert any(e["name"] == "Hello World example?" for e in events)


def test_handlers_module_runs_local_lambda_code(tmp_path: Path) -> None:
    (tmp_path / "shop_handlers.py").write_text(
        "def validate_order(event, context):\n"
        "    return {'valid': event['orderNumber'].startswith('T'), 'total': 10}\n"
        "HANDLERS = {'validate-order': validate_order}\n"
    )
    machine = json.loads((SAMPLES / "checkout.asl.json").read_text())
    states = machine["States"]
    states["Validate order"]["Next"] = "Is valid?"
    states["Fulfil"] = {"Type": "Succeed"}
    states["Notify failure"] = {"Type": "Fail", "Error": "Invalid"}
    for name in ("Publish order completed", "Queue shipping", "Failed"):
        del states[name]
    (tmp_path / "flow.asl.json").write_text(json.dumps(machine))
    event = {"detail": {"event": {"data": {"order_number": "T1", "customer_id": "c"}}}}
    result = eventsmith(
        "run",
        "flow.asl.json",
        "--handlers",
        "shop_handlers",
        "--input",
        json.dumps(event),
        "--json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["output"]["validation"] == {"valid": True, "total": 10}


def test_asl_test_passes_the_sample_and_writes_junit(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    result = eventsmith("test", str(MOCKS), "--junit", str(junit))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASS") == 4 and "4 of 4 test case(s) passed" in result.stderr
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and (
        suite.get("tests"),
        suite.get("failures"),
        suite.get("errors"),
    ) == ("4", "0", "0")


def test_asl_test_reports_mismatches_and_missing_definitions(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "checkout.asl.json", tmp_path / "checkout.asl.json")
    mocks = json.loads(MOCKS.read_text())
    machine = mocks["StateMachines"]["checkout"]
    del machine["Definition"]  # found beside the mock file by its name instead
    machine["Expect"]["InvalidOrder"]["Path"] = ["Validate order", "Fulfil"]
    mocks["StateMachines"]["orphan"] = {"TestCases": {"Lonely": {}}}
    (tmp_path / "MockConfigFile.json").write_text(json.dumps(mocks))
    junit = tmp_path / "junit.xml"
    result = eventsmith("test", "--junit", str(junit), cwd=tmp_path)  # finds MockConfigFile.json
    assert result.returncode == 1
    assert "FAIL  checkout / InvalidOrder" in result.stdout
    assert "path: expected ['Validate order', 'Fulfil']" in result.stdout
    assert (
        "ERROR orphan / Lonely" in result.stdout
        and "no definition for state machine 'orphan'" in result.stdout
    )
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and (suite.get("failures"), suite.get("errors")) == ("1", "1")


def test_asl_test_json_and_sibling_expectations(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "checkout.asl.json", tmp_path / "checkout.asl.json")
    mocks = json.loads(MOCKS.read_text())
    del mocks["StateMachines"]["checkout"]["Definition"]  # found beside the mock file by name
    expect = mocks["StateMachines"]["checkout"].pop("Expect")
    (tmp_path / "checkout.mocks.json").write_text(json.dumps(mocks))
    (tmp_path / "checkout.expect.json").write_text(json.dumps({"checkout": expect}))
    result = eventsmith("test", "checkout.mocks.json", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    cases = {case["testCase"]: case for case in json.loads(result.stdout)}
    assert (
        cases["PaymentDeclined"]["error"] == "PaymentDeclined"
        and cases["PaymentDeclined"]["passed"]
    )


def test_malformed_mock_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mocks.json"
    bad.write_text('{"MockedResponses": {"M": {"first": {"Return": 1}}}}')
    result = eventsmith("test", str(bad))
    assert result.returncode == 2 and "'first' is not an invocation number" in result.stderr


TEMPLATES = Path(__file__).parents[1] / "data" / "asl" / "templates"
# Two machines, one inline and one a DefinitionString; shared with the other asl CLI tests.
TEMPLATE = (TEMPLATES / "order-and-cleanup.template.yaml").read_text(encoding="utf-8")


def test_run_one_machine_of_a_template_with_substitutions(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    (tmp_path / "values.yaml").write_text(
        "ChargeArn: arn:aws:lambda:eu-west-1:123456789012:function:charge\n"
    )
    (tmp_path / "pay.py").write_text(
        "def charge(event, context):\n    return {'paid': event['amount']}\n"
    )
    args = ("run", "template.yaml", "--input", '{"amount": 5}', "--json")
    ordered = eventsmith(
        *args,
        "--machine",
        "OrderFlow",
        "--substitutions",
        "values.yaml",
        "--handlers",
        "pay",
        cwd=tmp_path,
    )
    assert ordered.returncode == 0, ordered.stdout + ordered.stderr
    document = json.loads(ordered.stdout)
    assert document["output"] == {"paid": 5}
    assert document["events"][2]["type"] == "LambdaFunctionScheduled"
    cleanup = eventsmith(*args, "--machine", "Cleanup", cwd=tmp_path)
    assert cleanup.returncode == 0 and json.loads(cleanup.stdout)["path"] == ["Pause", "Done"]
    unknown = eventsmith(*args, "--machine", "Nope", cwd=tmp_path)
    assert unknown.returncode == 2 and "OrderFlow, Cleanup" in unknown.stderr


def test_asl_test_reports_an_invalid_definition_as_an_error(tmp_path: Path) -> None:
    (tmp_path / "flow.asl.json").write_text(
        '{"StartAt": "Nowhere", "States": {"A": {"Type": "Pass", "End": true}}}'
    )
    (tmp_path / "flow.mocks.json").write_text(
        '{"StateMachines": {"flow": {"TestCases": {"Only": {}}}}}'
    )
    result = eventsmith("test", "flow.mocks.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "ERROR flow / Only" in result.stdout and "is not a valid workflow" in result.stdout
