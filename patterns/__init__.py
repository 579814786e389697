"""EventBridge rule patterns: parse and validate, match, match many at once, explain, check.

pattern = parse_pattern(text)            # Pattern, or PatternError (never raises)
compile_matcher(pattern)(event)          # bool
RuleSet({"name": pattern}).matching(event)
explain(pattern, event)                  # Reasons, empty when it matches
check_against_schema(pattern, schema)    # SchemaWarnings
pattern_diagnostics(text, schema=None)   # PatternDiagnostics with text ranges, for editors
schema_fields(schema)                    # SchemaFields: paths, types, enum values, examples
"""

from eventsmith.patterns._compile import compile_matcher, matches
from eventsmith.patterns._diagnostics import PatternDiagnostic, pattern_diagnostics
from eventsmith.patterns._explain import Explainer, Reason, explain
from eventsmith.patterns._model import PatternError
from eventsmith.patterns._parse import OPERATORS, Pattern, parse_pattern
from eventsmith.patterns._ruleset import RuleSet
from eventsmith.patterns._schema_check import SchemaWarning, check_against_schema
from eventsmith.patterns._schema_fields import SchemaField, schema_fields

__all__ = [
    "OPERATORS",
    "Explainer",
    "Pattern",
    "PatternDiagnostic",
    "PatternError",
    "Reason",
    "RuleSet",
    "SchemaField",
    "SchemaWarning",
    "check_against_schema",
    "compile_matcher",
    "explain",
    "matches",
    "parse_pattern",
    "pattern_diagnostics",
    "schema_fields",
]
