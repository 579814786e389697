"""Search served from an in-memory index that follows the registry's revision.

A search box searches on every keystroke, so nothing per keystroke may touch SQLite or walk a
schema. The index keeps every distinct searchable value once (a field name, a source, a
description) with the schemas that hold it; a search tests each value once and scores its
schemas in bulk, and only the hits it returns get their full list of what matched.
`refresh()` costs one small query when nothing changed, and re-reads only the schemas
`changes_since` names when something did.

`refresh` builds new tables and swaps them in whole, so a search running on another thread
sees either the old state or the new one.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from itertools import chain

from eventsmith.registry._model import DEFAULT_REGISTRY, SchemaInfo, SchemaVersion
from eventsmith.registry._search import (
    DESCRIPTION,
    FIELD_CONTAINS,
    FIELD_EXACT,
    NAME_CONTAINS,
    NAME_EXACT,
    ORIGIN_CONTAINS,
    ORIGIN_EXACT,
    Document,
    Match,
    SearchHit,
    document_of,
    score_of,
)
from eventsmith.registry._store import Registry

_JOIN = "\x00"  # stripped from queries, so a term never matches across two joined values


@dataclass(frozen=True)
class _Entry:
    """One schema: its document (for the list of matches) and its searchable values, lowered."""

    document: Document
    name: str
    origins: tuple[str, ...]
    descriptions: tuple[str, ...]
    fields: frozenset[str]
    origin_text: str
    description_text: str
    field_text: str

    def best(self, term: str) -> int:
        """What `_Tables.scores` gives this schema, for scoring a few candidates one by one:
        categories are tried best first, so the first that matches is the maximum."""
        if self.name == term:
            return NAME_EXACT
        if term in self.name:
            return NAME_CONTAINS
        if term in self.origins:
            return ORIGIN_EXACT
        if term in self.origin_text:
            return ORIGIN_CONTAINS
        if term in self.description_text:
            return DESCRIPTION
        if term in self.fields:
            return FIELD_EXACT
        return FIELD_CONTAINS if term in self.field_text else 0


def _entry(info: SchemaInfo, version: SchemaVersion) -> _Entry:
    document = document_of(info, version.content)
    origins = tuple(value.lower() for value in (info.source, info.detail_type) if value)
    descriptions = [text.lower() for _path, text in document.descriptions]
    if info.description:
        descriptions.append(info.description.lower())
    fields = frozenset(key.lower() for _path, key in document.fields)
    return _Entry(
        document=document,
        name=info.name.lower(),
        origins=origins,
        descriptions=tuple(descriptions),
        fields=fields,
        origin_text=_JOIN.join(origins),
        description_text=_JOIN.join(descriptions),
        field_text=_JOIN.join(sorted(fields)),
    )


# What each table holds of a schema: its name, source and detail-type, descriptions, fields.
_KINDS: tuple[Callable[[_Entry], Iterable[str]], ...] = (
    lambda entry: (entry.name,),
    lambda entry: entry.origins,
    lambda entry: entry.descriptions,
    lambda entry: entry.fields,
)


class _Tables:
    """Each kind of searchable value once, with the schemas that hold it.

    Thousands of schemas share a few hundred field names and sources, so a search tests each
    distinct value once and hands its schemas their score in bulk (`dict.fromkeys`), instead
    of testing every field of every schema.
    """

    def __init__(self, entries: dict[str, _Entry]) -> None:
        self.size = len(entries)
        self.names, self.origins, self.descriptions, self.fields = (
            self._vocabulary((name, values(entry)) for name, entry in entries.items())
            for values in _KINDS
        )

    @staticmethod
    def _vocabulary(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
        holders: dict[str, list[str]] = {}
        for name, values in pairs:
            for value in values:
                holders.setdefault(value, []).append(name)
        return holders

    def changed(
        self, before: dict[str, _Entry], after: dict[str, _Entry], names: Iterable[str]
    ) -> _Tables:
        """New tables for `after`, which differs from `before` in `names` only.

        Copy on write: the tables a search may be reading on another thread are not touched;
        only the values the changed schemas hold are rebuilt, so one new schema costs a
        dictionary copy instead of a pass over every schema.
        """
        tables = object.__new__(_Tables)
        tables.size = len(after)
        vocabularies = []
        for vocabulary, values in zip(
            (self.names, self.origins, self.descriptions, self.fields), _KINDS, strict=True
        ):
            fresh = dict(vocabulary)
            for name in names:
                if name in before:
                    for value in values(before[name]):
                        holders = [holder for holder in fresh[value] if holder != name]
                        if holders:
                            fresh[value] = holders
                        else:
                            del fresh[value]
                if name in after:
                    for value in values(after[name]):
                        fresh[value] = [*fresh.get(value, ()), name]
            vocabularies.append(fresh)
        tables.names, tables.origins, tables.descriptions, tables.fields = vocabularies
        return tables

    def scores(self, term: str) -> dict[str, int]:
        """Schema name -> the best score `term` gets in it (as `score_of` would say).

        Categories go best first, each merged under the ones before it (`lower.update(scores)`,
        so a better score stays), and the walk stops once every schema has a score: a one-letter
        query that is in every name is done after the names. The per-schema work all happens
        inside `dict.fromkeys` and `update`, in C.
        """
        scores: dict[str, int] = {}
        for vocabulary, exact, contains in (
            (self.names, NAME_EXACT, NAME_CONTAINS),
            (self.origins, ORIGIN_EXACT, ORIGIN_CONTAINS),
            (self.descriptions, None, DESCRIPTION),
            (self.fields, FIELD_EXACT, FIELD_CONTAINS),
        ):
            if exact is not None and term in vocabulary:
                lower = dict.fromkeys(vocabulary[term], exact)
                lower.update(scores)
                scores = lower
            holders = [names for value, names in vocabulary.items() if term in value]
            if holders:
                lower = dict.fromkeys(chain.from_iterable(holders), contains)
                lower.update(scores)
                scores = lower
            if len(scores) == self.size:
                break
        return scores


class SchemaIndex:
    """Search over one registry (by name) of a registry file, kept current by `refresh()`."""

    def __init__(self, registry: Registry, registry_name: str = DEFAULT_REGISTRY) -> None:
        self.registry_name = registry_name
        self.revision = -1
        self._state: tuple[dict[str, _Entry], _Tables] = ({}, _Tables({}))
        self._last: tuple[object, str, frozenset[str]] = (None, "", frozenset())
        self.refresh(registry)

    def __len__(self) -> int:
        return len(self._state[0])

    def refresh(self, registry: Registry) -> bool:
        """Catch up with the registry file; True when the index changed.

        Reads only the schemas changed since the index's revision (all of them when the file
        cannot say, e.g. the first time). Pass a `Registry` opened on the calling thread.
        """
        changes = registry.changes_since(self.revision)
        if changes.revision == self.revision and changes.complete:
            return False
        if not changes.complete:
            entries = {
                info.name: _entry(info, version)
                for info, version in registry.latest_versions(self.registry_name)
            }
        else:
            mine = {item.name for item in changes.changed if item.registry == self.registry_name}
            if not mine:  # only other registries of the file changed
                self.revision = changes.revision
                return False
            before, tables = self._state
            entries = dict(before)
            for name in mine:
                entries.pop(name, None)
                info = registry.find_schema(name, self.registry_name)
                if info is not None and info.latest_version is not None:
                    entries[name] = _entry(info, registry.get_version(name, None, info.registry))
            self._state = (entries, tables.changed(before, entries, mine))
            self.revision = changes.revision
            return True
        self._state = (entries, _Tables(entries))
        self.revision = changes.revision
        return True

    def search(self, text: str, limit: int | None = None) -> list[SearchHit]:
        """Schemas matching `text`, best first (ties by name); the first `limit` when given.

        Several words match a schema when each matches somewhere in it, if the whole text
        does not; the score is then the sum of the words' scores. Case never matters.
        """
        query = " ".join(text.replace(_JOIN, " ").lower().split())
        if not query:
            return []
        state = self._state
        entries = state[0]
        terms = query.split(" ")
        # Typing only narrows: every schema matching "orde" matched "ord" (whole text or word
        # by word), so a query that extends the last one need only look at the last one's hits.
        last = self._last
        within = last[2] if last[0] is state and query.startswith(last[1]) else None
        scores = self._scores(query, within)
        by_term: set[str] = set()
        if len(terms) > 1:
            candidates: Set[str] | None = within
            per_term: dict[str, dict[str, int]] = {}
            for term in sorted(set(terms), key=len, reverse=True):  # longest: fewest hits
                per_term[term] = self._scores(term, candidates)
                candidates = per_term[term].keys()
            by_term = set(candidates or ()).difference(scores)
            for name in by_term:
                scores[name] = sum(per_term[term][name] for term in terms)
        self._last = (state, query, frozenset(scores))
        return [
            _hit(score, entries[name], terms if name in by_term else [query])
            for score, name in _best(scores, limit)
        ]

    def _scores(self, term: str, within: Set[str] | None) -> dict[str, int]:
        """Schema name -> best score of `term`, among `within` when given."""
        entries, tables = self._state
        if within is None or len(within) == len(entries):  # nothing narrowed yet
            return tables.scores(term)
        if len(within) * 4 < len(entries):
            return {name: score for name in within if (score := entries[name].best(term))}
        return {name: score for name, score in tables.scores(term).items() if name in within}


def _best(scores: dict[str, int], limit: int | None) -> list[tuple[int, str]]:
    """`(score, name)` best first, ties by name, the first `limit`.

    Goes score by score so no tuple is made per hit: allocating ten thousand objects that live
    until the sort is done wakes the cyclic garbage collector, which then walks the whole index
    (a one-letter keystroke went from 2 ms to 10 ms).
    """
    best: list[tuple[int, str]] = []
    for value in sorted(set(scores.values()), reverse=True):
        names = [name for name, score in scores.items() if score == value]
        room = len(names) if limit is None else limit - len(best)
        chosen = sorted(names) if room >= len(names) else heapq.nsmallest(room, names)
        best.extend((value, name) for name in chosen)
        if limit is not None and len(best) >= limit:
            break
    return best


def _hit(score: int, entry: _Entry, terms: list[str]) -> SearchHit:
    matches: list[Match] = []
    for term in terms:
        matches.extend(score_of(entry.document, term)[1])
    info = entry.document.info
    return SearchHit(
        info.name,
        score,
        tuple(dict.fromkeys(matches)),
        info.source,
        info.detail_type,
        info.latest_version,
    )


def search(registry: Registry, text: str, registry_name: str = DEFAULT_REGISTRY) -> list[SearchHit]:
    """Schemas matching `text`, best first (ties by name), from an index built for this search.

    A front end that searches on every keystroke keeps a `SchemaIndex` and refreshes it instead.
    """
    return SchemaIndex(registry, registry_name).search(text)
