"""Type names shared by every target language: PascalCase, singular items, no clashes.

Names are ASCII identifiers that are valid in Python and TypeScript alike, so one type model
serves both emitters and a class is called the same in both bindings.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

# Capitalised names that either language, or the code we emit around the types, already uses.
RESERVED_TYPE_NAMES = frozenset(
    {
        # Python: capitalised keywords and names the generated module imports or defines
        *(word for word in keyword.kwlist if word[0].isupper()),
        "Any",
        "AwareDatetime",
        "BaseModel",
        "ConfigDict",
        "Enum",
        "EventTime",
        "Field",
        "Literal",
        "RootModel",
        "StrEnum",
        # TypeScript / JavaScript globals and utility types a generated file may touch
        "Array",
        "BigInt",
        "Boolean",
        "Date",
        "Error",
        "Exclude",
        "Extract",
        "Function",
        "Infinity",
        "JSON",
        "Map",
        "Math",
        "NaN",
        "NonNullable",
        "Number",
        "Object",
        "Omit",
        "Partial",
        "Pick",
        "Promise",
        "Readonly",
        "ReadonlyArray",
        "Record",
        "RegExp",
        "Required",
        "Set",
        "String",
        "Symbol",
        "TypeError",
        "EventParseError",
        "Mismatch",
    }
)

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_INVARIANT_PLURALS = frozenset({"data", "news", "series", "species", "metadata", "media"})


def words(text: str) -> list[str]:
    """Split on punctuation and camelCase boundaries: `EC2InstanceState` -> EC2, Instance, State."""
    # Accents fold to their base letter (größe -> grosse); other scripts become separators.
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    kept = (c for c in decomposed if not unicodedata.combining(c))
    ascii_only = "".join(c if c.isascii() and c.isalnum() else " " for c in kept)
    return _WORD.findall(ascii_only)


def type_name(text: str, fallback: str = "Value") -> str:
    """A class or type name: PascalCase split on camelCase too, accents folded, acronyms kept
    upper case, a leading digit prefixed, `fallback` when nothing is left.

    Stricter than EventBridge's `pascal_case` (`eventsmith.registry`), which names schemas and
    keeps the rest of each word as written; this one must give a valid identifier in Python
    and TypeScript from any property key.
    """
    joined = "".join(word[0].upper() + word[1:] for word in words(text))
    if not joined:
        return fallback
    if joined[0].isdigit():
        return f"N{joined}"
    return joined


def singular(name: str) -> str:
    """The PascalCase name of one element of an array property (`Items` -> `Item`).

    Only the last word changes. When no plural form is recognised, `Item` is appended, so the
    element type never takes the same name as a class named after the array itself.
    """
    parts = words(name) or [name]
    last = parts[-1]
    lower = last.lower()
    head = name[: len(name) - len(last)] if name.endswith(last) else name
    if lower in _INVARIANT_PLURALS or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return f"{name}Item"
    if lower.endswith("ies") and len(lower) > 4:
        one = last[:-3] + "y"
    elif lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        one = last[:-2]
    else:
        one = last[:-1]
    return head + one


def is_reserved(name: str) -> bool:
    return name in RESERVED_TYPE_NAMES


class NameTable:
    """Hands out unique type names within one schema, preferring parent-prefixed ones to numbers."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __contains__(self, name: str) -> bool:
        return name in self._taken

    def claim(self, candidate: str, parent: str = "") -> str:
        options = [candidate, f"{parent}{candidate}"] if parent else [candidate]
        for option in options:
            if option not in self._taken and not is_reserved(option):
                self._taken.add(option)
                return option
        base = options[-1]
        if is_reserved(base):
            base = f"{base}Type"
        name, number = base, 2
        while name in self._taken or is_reserved(name):
            name, number = f"{base}{number}", number + 1
        self._taken.add(name)
        return name
