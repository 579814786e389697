"""Compile a pattern into the function that tests events: generated code, or closures.

Apart from `_match` (the closures, the reference semantics) and `_generate` (the generated
function, which builds on the closures) so that neither of those imports the other back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventsmith.patterns._generate import generate_matcher
from eventsmith.patterns._match import EventTest, expand_dotted, object_test
from eventsmith.patterns._model import ObjectPattern
from eventsmith.patterns._parse import Pattern


def compile_matcher(
    pattern: Pattern | ObjectPattern, *, generated: bool = True, dotted_events: bool = True
) -> EventTest:
    """A function `event -> bool` for one pattern; build it once, call it per event.

    By default the pattern becomes one generated Python function (`_generate`); with
    `generated=False` it is a tree of closures, the reference the generated code is tested
    against. `dotted_events=False` skips `expand_dotted` for callers that expand each event
    once themselves (RuleSet).
    """
    root = pattern.root if isinstance(pattern, Pattern) else pattern
    test = generate_matcher(root) if generated else object_test(root)
    if not dotted_events:
        return test
    return lambda event: test(expand_dotted(event))


def matches(pattern: Pattern, event: Mapping[str, Any]) -> bool:
    """One-off convenience; compile once with `compile_matcher` when matching many events."""
    return compile_matcher(pattern)(event)
