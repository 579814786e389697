"""No editor feature raises, whatever the text and the position (user content never raises
out of a core)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import (
    EditorDocument,
    Position,
    document_symbols,
    folding_ranges,
    name_at,
    rename_state,
    state_definition,
    state_references,
    workflow_completions,
    workflow_hover,
)

SAMPLES = [
    '{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", '
    '"IsPresent": true, "Next": "B"}], "Default": "B"}, "B": {"Type": "Map", "End": true, '
    '"ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}}}}}',
    "StartAt: A\nStates:\n  A:\n    Type: Parallel\n    End: true\n    Branches:\n"
    "      - StartAt: B\n        States:\n          B: {Type: Succeed}\n",
    "Resources:\n  F:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
    '      DefinitionString: !Sub |\n        {"StartAt": "A", "States": {}}\n',
    "",
]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str, Position]:
    base = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(base)))
    end = draw(st.integers(start, min(len(base), start + 10)))
    text = base[:start] + draw(st.text(alphabet='{}[]":,- \n$.%AB🚀', max_size=4)) + base[end:]
    lines = text.split("\n")
    line = draw(st.integers(0, len(lines)))
    character = draw(st.integers(0, len(lines[line]) + 2 if line < len(lines) else 3))
    name = "f.asl.json" if base.startswith("{") else "template.yaml"
    return text, name, Position(line, character)


@settings(max_examples=300, deadline=None)
@given(case=documents())
def test_every_feature_answers(case: tuple[str, str, Position]) -> None:
    text, name, where = case
    document = EditorDocument(text, name)
    workflow_completions(document, where)
    workflow_hover(document, where)
    name_at(document, where)
    state_definition(document, where)
    state_references(document, where)
    rename_state(document, where, "Renamed")
    document_symbols(document)
    folding_ranges(document.tree)
    document.diagnostics()
