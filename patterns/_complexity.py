"""How hard a field's wildcards are to match, the way event-ruler's MachineComplexityEvaluator
measures it, and the limit EventBridge applies.

A wildcard such as `*a*a*` is a small automaton over the bytes of the value; the complexity
of a field is the largest number of wildcard prefixes that one input could keep active at the
same time (event-ruler's own examples: `*` is 1, `*a*a*a*` is 7, `1*2345` is 2). EventBridge
refuses a rule above 10: `*:*:*:*:*:event-bus/*` reaches 11, `arn:aws:events:*:*:event-bus/*`
only 5.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_WILDCARD_COMPLEXITY = 10
TOO_COMPLEX = (
    "Rule is too complex - try using fewer wildcard characters or fewer repeating character"
    " sequences after a wildcard character"
)
_STAR = -1
_OTHER = 256  # stands for every byte no pattern names
_MAX_STATES = 20_000  # bounds the search on hostile input; real patterns need a few dozen
# Work bound for many wildcards on one field: past it, what was found so far is the answer, so
# eventsmith may miss a refusal there but never claims one it did not find.
_MAX_STEPS = 400_000

Tokens = tuple[int, ...]
Active = frozenset[int]


def wildcard_complexity(patterns: Sequence[str]) -> int:
    """The most wildcard prefixes one input value can keep active across `patterns`.

    The patterns' own maxima bound their joint one: their sum when it is within the limit, and
    the search over inputs runs only when it is not."""
    machines = [_tokens(text) for text in dict.fromkeys(patterns)]
    if not machines:
        return 0
    if len(machines) > 1:
        alone = [wildcard_complexity([text]) for text in dict.fromkeys(patterns)]
        if max(alone) > MAX_WILDCARD_COMPLEXITY or sum(alone) <= MAX_WILDCARD_COMPLEXITY:
            return max(alone) if max(alone) > MAX_WILDCARD_COMPLEXITY else sum(alone)
    alphabet = sorted({b for tokens in machines for b in tokens if b != _STAR} | {_OTHER})
    start = tuple(_closure(tokens, {0}) for tokens in machines)
    seen = {start}
    pending = [start]
    worst = 0
    budget = _MAX_STEPS
    while pending and budget > 0:
        current = pending.pop()
        budget -= len(alphabet) * len(machines)
        for byte in alphabet:
            following = tuple(
                _step(tokens, active, byte)
                for tokens, active in zip(machines, current, strict=True)
            )
            worst = max(worst, sum(len(active - {0}) for active in following))
            if worst > MAX_WILDCARD_COMPLEXITY:
                return worst
            if following not in seen and len(seen) < _MAX_STATES:
                seen.add(following)
                pending.append(following)
    return worst


def _tokens(text: str) -> Tokens:
    """UTF-8 bytes of the pattern, `*` as a star and `\\*`/`\\\\` as plain bytes."""
    data = text.encode("utf-8")
    found: list[int] = []
    index = 0
    while index < len(data):
        byte = data[index]
        if byte == 0x5C and index + 1 < len(data):  # backslash escape
            index += 1
            found.append(data[index])
        else:
            found.append(_STAR if byte == 0x2A else byte)
        index += 1
    return tuple(found)


def _closure(tokens: Tokens, positions: set[int]) -> Active:
    """Positions reachable without input: a star may match nothing."""
    reached = set(positions)
    stack = list(positions)
    while stack:
        position = stack.pop()
        if position < len(tokens) and tokens[position] == _STAR and position + 1 not in reached:
            reached.add(position + 1)
            stack.append(position + 1)
    return frozenset(reached)


def _step(tokens: Tokens, active: Active, byte: int) -> Active:
    following: set[int] = set()
    for position in active:
        if position < len(tokens) and tokens[position] == byte:
            following.add(position + 1)
        if position > 0 and tokens[position - 1] == _STAR:
            following.add(position)  # the star goes on matching
    return _closure(tokens, following)
