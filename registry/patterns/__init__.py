"""EventBridge rule patterns: parse and validate, match, match many at once, explain, check.

pattern = parse_pattern(text)            # Pattern, or PatternError (never raises)
compile_matcher(pattern)(event)          # bool
RuleSet({"name": pattern}).matching(event)
explain(pattern, event)                  # Reasons, empty when it matches
check_against_schema(pattern, schema)    # SchemaWarnings
"""

from .explain import Explainer, Reason, explain
from .match import compile_matcher, matches
from .model import PatternError
from .parse import Pattern, parse_pattern
from .ruleset import RuleSet
from .schema_check import SchemaWarning, check_against_schema

__all__ = [
    "Explainer",
    "Pattern",
    "PatternError",
    "Reason",
    "RuleSet",
    "SchemaWarning",
    "check_against_schema",
    "compile_matcher",
    "explain",
    "matches",
    "parse_pattern",
]
