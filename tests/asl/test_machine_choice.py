"""Picking one state machine of a file by name: `select_state_machine` (what `--machine` and
the language server's `stateMachine` use) and `EditorDocument.chosen_findings`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eventsmith.asl import (
    EditorDocument,
    StateMachineSource,
    UnknownStateMachine,
    parse_document,
    select_state_machine,
    state_machine_names,
)

TEMPLATE = Path(__file__).parents[1] / "data" / "asl" / "templates" / "two-machines.template.yaml"
PLAIN = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}'


def test_a_template_lists_its_machines_in_document_order_and_picks_by_logical_id() -> None:
    parsed = parse_document(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))
    machines = parsed.state_machines
    assert state_machine_names(machines) == ("OrderFlow", "RefundFlow")
    first = select_state_machine(machines, None)
    second = select_state_machine(machines, "RefundFlow")
    assert isinstance(first, StateMachineSource) and first.definition["StartAt"] == "Charge"
    assert isinstance(second, StateMachineSource) and second.definition["StartAt"] == "Wait a day"


def test_an_unknown_name_says_which_names_there_are() -> None:
    parsed = parse_document(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))
    found = select_state_machine(parsed.state_machines, "OrdersTable")  # a table, no machine
    assert found == UnknownStateMachine("OrdersTable", ("OrderFlow", "RefundFlow"))
    assert isinstance(found, UnknownStateMachine)
    assert found.message == "no state machine named 'OrdersTable' (found: OrderFlow, RefundFlow)"


def test_a_plain_document_has_one_unnamed_machine_and_no_names() -> None:
    machines = parse_document(PLAIN, "flow.asl.json").state_machines
    assert state_machine_names(machines) == ()
    assert select_state_machine(machines, None) is machines[0]
    unknown = select_state_machine(machines, "flow")
    assert isinstance(unknown, UnknownStateMachine)
    assert "no named state machine" in unknown.message


def test_a_file_without_machines_gives_none_whatever_the_name() -> None:
    machines = parse_document("Resources: {}\n", "template.yaml").state_machines
    assert select_state_machine(machines, None) is None
    assert select_state_machine(machines, "OrderFlow") is None


@given(st.lists(st.from_regex(r"[A-Z][A-Za-z0-9]{0,8}", fullmatch=True), max_size=6, unique=True))
def test_every_listed_name_selects_its_own_machine(names: list[str]) -> None:
    machines = [StateMachineSource(name, {"StartAt": name, "States": {}}) for name in names]
    assert state_machine_names(machines) == tuple(names)
    for name in names:
        chosen = select_state_machine(machines, name)
        assert isinstance(chosen, StateMachineSource) and chosen.definition["StartAt"] == name
    expected = UnknownStateMachine("lower-case-never-generated", tuple(names)) if names else None
    assert select_state_machine(machines, "lower-case-never-generated") == expected


def test_the_editor_document_pairs_the_chosen_machine_with_its_findings() -> None:
    document = EditorDocument(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))
    assert document.machine_names == ("OrderFlow", "RefundFlow")
    chosen = document.chosen_findings("RefundFlow")
    assert isinstance(chosen, tuple)
    source, diagnostics = chosen
    assert source.name == "RefundFlow"
    assert [d.code for d in diagnostics] == ["ASL103"]  # the mistyped `Next: Doen`
    assert any(source is found for found, _ in document.findings)  # no second validation
    assert document.chosen_findings("Nope") == UnknownStateMachine(
        "Nope", ("OrderFlow", "RefundFlow")
    )


def test_a_machine_defined_in_another_file_can_be_chosen_too(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "linked.asl.json").write_text(
        '{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}', encoding="utf-8"
    )
    template = tmp_path / "template.yaml"
    text = (
        "Resources:\n  Linked:\n    Type: AWS::Serverless::StateMachine\n"
        "    Properties:\n      DefinitionUri: flows/linked.asl.json\n"
        f"  Inline:\n    Type: AWS::Serverless::StateMachine\n"
        f"    Properties:\n      Definition: {PLAIN}\n"
    )
    document = EditorDocument(text, str(template))
    assert document.machine_names == ("Linked", "Inline")
    # The editor's findings cover this file only; the linked machine is validated on demand,
    # so the first machine is the same one `eventsmith asl graph` draws by default.
    assert [source.name for source, _ in document.findings] == ["Inline"]
    chosen = document.chosen_findings()
    assert isinstance(chosen, tuple)
    source, diagnostics = chosen
    assert source.name == "Linked" and [d.code for d in diagnostics] == ["ASL104"]


def test_a_plain_editor_document_read_by_the_editor_has_no_names() -> None:
    document = EditorDocument(PLAIN, "flow.asl.json")
    document.tree  # noqa: B018  (read as the editor does: the machine comes from the tree)
    assert document.machine_names == ()
    chosen = document.chosen_findings()
    assert isinstance(chosen, tuple) and chosen[0] is document.standalone
