"""`${Name}` DefinitionSubstitutions: the values a caller supplies, read one way for everyone.

A substitutions file is a JSON/YAML mapping of names to values, either bare or the way a SAM
template writes it (`{"DefinitionSubstitutions": {...}}`). Values become the text CloudFormation
would put in the definition: booleans as `true`/`false`, numbers as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class SubstitutionsError:
    """Why a substitutions text could not be used."""

    message: str

    def __str__(self) -> str:
        return self.message


def substitution_text(value: object) -> str:
    """The text a literal value stands for in the definition."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_substitutions(text: str) -> dict[str, str] | SubstitutionsError:
    """Names and values from a JSON/YAML substitutions text; never raises."""
    try:
        data: object = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return SubstitutionsError(f"not a JSON/YAML mapping: {error}")
    if isinstance(data, Mapping) and isinstance(data.get("DefinitionSubstitutions"), Mapping):
        data = data["DefinitionSubstitutions"]
    if not isinstance(data, Mapping):
        return SubstitutionsError("substitutions must be a mapping of names to values")
    return {str(name): substitution_text(value) for name, value in data.items()}
