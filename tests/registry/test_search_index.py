"""The search index: same answers as scoring every schema afresh, kept current by revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsmith.registry import Registry, SchemaIndex, SearchHit
from eventsmith.registry._search import document_of, score_of

WORDS = ["order", "Order", "ship", "zip", "aws", "ec2", "state", "note", "Placed", "x"]


def content(fields: list[str], description: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {"detail": {"type": "object", "properties": {f: {} for f in fields}}},
    }
    if description:
        schema["properties"]["detail"]["description"] = description
    return schema


def fill(registry: Registry) -> None:
    with registry.transaction():
        _fill(registry)


def _fill(registry: Registry) -> None:
    for n in range(30):
        words = [WORDS[(n * k) % len(WORDS)] for k in (1, 3, 7)]
        registry.put_version(
            f"{words[0].lower()}.svc@{words[1]}{n}",
            content([words[2], f"{words[0]}_{n}"], f"{words[1]} things" if n % 4 == 0 else None),
            source=f"{words[0].lower()}.svc",
            detail_type=f"{words[1]} {words[2]}",
            description="the zip code one" if n == 7 else None,
        )


def scan(registry: Registry, text: str) -> list[SearchHit]:
    """Every schema scored from its stored content, nothing kept: the reference answer."""
    query = " ".join(text.lower().split())
    if not query:
        return []
    terms = query.split(" ")
    hits = []
    for info in registry.list_schemas():
        document = document_of(info, registry.get_version(info.name).content)
        score, matches = score_of(document, query)
        if not score and len(terms) > 1:
            per_term = [score_of(document, term) for term in terms]
            if all(found for found, _ in per_term):
                score = sum(found for found, _ in per_term)
                matches = [match for _, some in per_term for match in some]
        if score:
            unique = tuple(dict.fromkeys(matches))
            hits.append(
                SearchHit(
                    info.name, score, unique, info.source, info.detail_type, info.latest_version
                )
            )
    return sorted(hits, key=lambda hit: (-hit.score, hit.name))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    registry = Registry(tmp_path_factory.mktemp("index") / "r.sqlite3")
    fill(registry)
    return registry


@given(st.lists(st.sampled_from([*WORDS, "things", "svc", "zip code", "o", "ORDER "]), max_size=3))
@settings(max_examples=150, deadline=None)
def test_the_index_answers_like_a_fresh_scan(filled: Registry, words: list[str]) -> None:
    text = " ".join(words)
    index = SchemaIndex(filled)
    assert index.search(text) == scan(filled, text)
    assert index.search(text, limit=3) == scan(filled, text)[:3]


def test_refresh_follows_changes_and_reads_nothing_when_nothing_changed(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "r.sqlite3")
    fill(registry)
    index = SchemaIndex(registry)
    assert len(index) == 30 and index.revision == registry.revision()
    assert index.refresh(registry) is False

    widened, described, deleted = (info.name for info in registry.list_schemas()[:3])
    registry.put_version("brand@New", content(["quokka"]))
    registry.put_version(widened, content(["wombat"]))  # a new version
    registry.put_version(described, content([]), description="about wombat too")
    registry.delete_schema(deleted)
    registry.put_version("elsewhere", content(["quokka"]), registry="other")
    assert index.refresh(registry) is True
    assert [hit.name for hit in index.search("quokka")] == ["brand@New"]
    # the description (100) ranks above the field name (80)
    assert [hit.name for hit in index.search("wombat")] == [described, widened]
    assert deleted not in {hit.name for hit in index.search(deleted)}
    registry.put_version("elsewhere@Too", content(["quokka"]), registry="other")
    assert index.refresh(registry) is False  # another registry of the file: nothing to redo
    assert index.revision == registry.revision()
    for text in ("order", "zip", "aws state", "ship", "things", "o"):
        assert index.search(text) == scan(registry, text) == SchemaIndex(registry).search(text)


def test_an_index_on_one_thread_follows_writes_from_another_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "r.sqlite3"
    registry = Registry(path)
    index = SchemaIndex(registry)
    assert len(index) == 0
    writer = (
        "import sys; from eventsmith.registry import Registry; "
        "Registry(sys.argv[1]).put_version('far@Away', {'properties': {'platypus': {}}})"
    )
    subprocess.run([sys.executable, "-c", writer, str(path)], check=True, timeout=60)
    assert index.refresh(registry)
    [hit] = index.search("platypus")
    assert hit.name == "far@Away" and hit.matches[0].value == "platypus"


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["put", "put", "delete", "describe"]),
        st.integers(0, 5),
        st.lists(st.sampled_from(WORDS), max_size=3),
    ),
    min_size=1,
    max_size=8,
)


@given(st.lists(OPERATIONS, min_size=1, max_size=3))
@settings(max_examples=25, deadline=None)
def test_refreshing_after_any_changes_equals_building_afresh(
    tmp_path_factory: pytest.TempPathFactory, rounds: list[list[tuple[str, int, list[str]]]]
) -> None:
    registry = Registry(tmp_path_factory.mktemp("refresh") / "r.sqlite3")
    fill(registry)
    index = SchemaIndex(registry)
    for operations in rounds:
        for action, number, words in operations:
            name = f"n{number}@Thing"  # the same few names, so puts change and delete them
            if action == "put":
                registry.put_version(name, content(words), source=" ".join(words) or None)
            elif action == "describe" and registry.find_schema(name):
                registry.put_version(name, content(words), description=f"about {number}")
            elif action == "delete" and registry.find_schema(name):
                registry.delete_schema(name)
        index.refresh(registry)
        fresh = SchemaIndex(registry)
        assert len(index) == len(fresh)
        for text in (*WORDS, "n1", "about", "svc o", "x order"):
            assert index.search(text) == fresh.search(text), text
    registry.close()
