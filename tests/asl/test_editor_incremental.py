"""Moving the previous version's spans after an edit gives exactly what a fresh read gives."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import EditorDocument, Position, check_text, read_tree, workflow_completions
from eventsmith.asl.editor._incremental import changed_region, edited_tree

BASE = json.dumps(
    {
        "StartAt": "Prüfen 🚀",
        "States": {
            "Prüfen 🚀": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                          "Next": "Done", "Retry": [{"ErrorEquals": ["States.ALL"]}]},
            "Done": {"Type": "Succeed", "Comment": "all good"},
        },
    },
    ensure_ascii=False,
    indent=2,
)  # fmt: skip


@st.composite
def edits(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(BASE)))
    end = draw(st.integers(start, min(len(BASE), start + 4)))
    inserted = draw(st.text(alphabet='ab ü🚀."{}:,\\\n', max_size=3))
    return BASE[:start] + inserted + BASE[end:]


@st.composite
def string_edits(draw: st.DrawFn) -> str:
    """Edits inside string values, where the spans are moved rather than read."""
    tree = read_tree(BASE)
    inside = sorted(
        span for path, span in tree.values.items() if isinstance(tree.value_at(path), str)
    )
    span = draw(st.sampled_from(inside))
    start = draw(st.integers(span[0] + 1, span[1] - 1))
    end = draw(st.integers(start, span[1] - 1))
    inserted = draw(st.text(alphabet="ab ü🚀.$", max_size=3))
    return BASE[:start] + inserted + BASE[end:]


@settings(max_examples=300, deadline=None)
@given(new=st.one_of(edits(), string_edits()))
def test_a_moved_tree_equals_a_fresh_read(new: str) -> None:
    old = read_tree(BASE)
    moved = edited_tree(old, new)
    if moved is None:
        assert not _inside_one_string(new)
        return
    fresh = read_tree(new)
    assert moved.value == fresh.value
    assert dict(moved.values) == dict(fresh.values)
    assert dict(moved.keys) == dict(fresh.keys)
    assert moved.containers == fresh.containers
    assert moved.key_order == fresh.key_order
    assert moved.value_order[0] == fresh.value_order[0]


def _inside_one_string(new: str) -> bool:
    """Whether `new` differs from BASE only inside one unescaped string value, by letters."""
    start, old_end, new_end = changed_region(BASE, new)
    tree = read_tree(BASE)
    changed = BASE[start:old_end] + new[start:new_end]
    return any(
        span[0] < start and old_end < span[1] and isinstance(tree.value_at(path), str)
        for path, span in tree.values.items()
    ) and not set(changed) & set('"\\\n')


def test_typing_in_a_state_name_reuses_the_spans() -> None:
    new = BASE.replace('"Next": "Done"', '"Next": "Don"')
    moved = edited_tree(read_tree(BASE), new)
    assert moved is not None
    assert moved.value["States"]["Prüfen 🚀"]["Next"] == "Don"
    assert edited_tree(read_tree(BASE), BASE.replace('"Done"', '"Done', 1)) is None  # a quote


def test_changed_region() -> None:
    assert changed_region("abcdef", "abXdef") == (2, 3, 3)
    assert changed_region("aaaa", "aaaaa") == (4, 4, 5)
    assert changed_region("same", "same") == (4, 4, 4)


def test_a_document_edited_from_a_read_one_completes_alike() -> None:
    first = EditorDocument(BASE, "f.asl.json")
    first.tree  # noqa: B018
    text = BASE.replace('"Next": "Done"', '"Next": "Do"')
    second = EditorDocument(text, "f.asl.json", previous=first)
    line = next(i for i, row in enumerate(text.split("\n")) if '"Next": "Do"' in row)
    where = Position(line, text.split("\n")[line].index('"Do"') + 2)
    reused = workflow_completions(second, where)
    fresh = workflow_completions(EditorDocument(text, "f.asl.json"), where)
    assert [c.label for c in reused] == ["Prüfen 🚀", "Done"]
    assert reused == fresh


@settings(max_examples=200, deadline=None)
@given(new=st.one_of(edits(), string_edits()))
def test_diagnostics_of_an_edited_document_equal_check_text(new: str) -> None:
    first = EditorDocument(BASE, "f.asl.json")
    first.tree  # noqa: B018
    edited = EditorDocument(new, "f.asl.json", previous=first)
    assert edited.diagnostics() == check_text(new, "f.asl.json")
    assert EditorDocument(new, "f.asl.json").diagnostics() == check_text(new, "f.asl.json")
