"""Pattern and event checks, completion and hover answer on any text (no registry schema, and a
registry holding one), never raising."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.asl import Position, read_tree
from eventsmith.lsp.events import event_diagnostics
from eventsmith.lsp.patterns import pattern_completions, pattern_diagnostics, pattern_hover
from eventsmith.lsp.registry_link import RegistryLink
from eventsmith.registry import Registry, run_discovery

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "events" / "ticket-created.json"
PATTERN = json.dumps(
    {
        "source": ["aws.partner/example.com/123"],
        "detail-type": ["Ticket Created"],
        "detail": {"department": [{"prefix": "bill"}], "$or": [{"creator": ["x"]}]},
    }
)
EVENT = SAMPLE.read_text(encoding="utf-8")


def registry_with_schema(folder: Path) -> RegistryLink:
    path = folder / "registry.sqlite3"
    with Registry(path) as registry:
        run_discovery(registry, [SAMPLE])
    return RegistryLink(path)


@st.composite
def edited(draw: st.DrawFn, base: str) -> tuple[str, Position]:
    start = draw(st.integers(0, len(base)))
    end = draw(st.integers(start, min(len(base), start + 6)))
    text = base[:start] + draw(st.text(alphabet='{}[]":, \n$ab', max_size=3)) + base[end:]
    lines = text.split("\n")
    line = draw(st.integers(0, len(lines) - 1))
    return text, Position(line, draw(st.integers(0, len(lines[line]) + 1)))


@pytest.fixture(scope="module")
def links(tmp_path_factory: pytest.TempPathFactory) -> tuple[RegistryLink, RegistryLink]:
    """A registry holding the sample's schema, and one that does not exist."""
    folder = tmp_path_factory.mktemp("registry")
    return registry_with_schema(folder), RegistryLink(folder / "none.sqlite3")


@settings(max_examples=150, deadline=None)
@given(case=edited(PATTERN), with_schema=st.booleans())
def test_patterns_answer(
    links: tuple[RegistryLink, RegistryLink], case: tuple[str, Position], with_schema: bool
) -> None:
    registry = links[0] if with_schema else links[1]
    text, where = case
    tree = read_tree(text)
    pattern_diagnostics(tree, registry)
    pattern_completions(tree, where, registry)
    pattern_hover(tree, where, registry)


@settings(max_examples=100, deadline=None)
@given(case=edited(EVENT))
def test_events_answer(
    links: tuple[RegistryLink, RegistryLink], case: tuple[str, Position]
) -> None:
    text, _ = case
    event_diagnostics(text, False, links[0])
    event_diagnostics(text.replace("\n", " ") + "\n" + text, True, links[0])
