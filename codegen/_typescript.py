"""TypeScript bindings: interfaces, string-literal enums, and runtime guards with JSON paths.

For every class `X` the file exports `interface X`, `isX(value): value is X` and
`parseX(json)`, which throws an `EventParseError` naming the JSON path of the first mismatch.
The guards check exactly what the interfaces promise (required keys, types, enum members,
RFC 3339 text for `date-time`), so a value that passes is safe to use as the interface type.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from eventsmith.codegen._model import (
    AliasDef,
    ArrayOf,
    ClassDef,
    EnumDef,
    MapOf,
    Named,
    Nullable,
    Primitive,
    TypeExpr,
    TypeModel,
    UnionOf,
)

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

# The schema-independent helpers every module ends with, kept as real TypeScript.
_RUNTIME = (Path(__file__).with_name("runtime.ts")).read_text(encoding="utf-8").split("\n", 2)[2]


def literal(text: str) -> str:
    """A TypeScript string literal; ASCII-escaped so no character can end it or a comment."""
    return json.dumps(text, ensure_ascii=True)


def property_name(key: str) -> str:
    return key if _IDENTIFIER.match(key) else literal(key)


def doc_comment(lines: list[str], indent: str = "") -> str:
    """A `/** */` block; `*/` inside the text is broken up so it cannot close the comment."""
    text = [line.replace("*/", "*\\/").rstrip() for line in lines if line is not None]
    text = [line for chunk in text for line in chunk.splitlines()]
    if not text:
        return ""
    if len(text) == 1:
        return f"{indent}/** {text[0]} */\n"
    body = "".join(f"{indent} *{' ' + line if line else ''}\n" for line in text)
    return f"{indent}/**\n{body}{indent} */\n"


def type_text(expr: TypeExpr) -> str:
    if isinstance(expr, Primitive):
        return {"any": "unknown", "integer": "number"}.get(expr.kind, expr.kind)
    if isinstance(expr, ArrayOf):
        return f"Array<{type_text(expr.items)}>"
    if isinstance(expr, MapOf):
        return f"Record<string, {type_text(expr.values)}>"
    if isinstance(expr, Named):
        return expr.name
    if isinstance(expr, UnionOf):
        return " | ".join(type_text(option) for option in expr.options)
    return f"{type_text(expr.inner)} | null"


def describe(expr: TypeExpr) -> str:
    """What a mismatch message says was expected."""
    if isinstance(expr, Primitive):
        return "an RFC 3339 date-time string" if expr.format == "date-time" else expr.kind
    if isinstance(expr, ArrayOf):
        return "an array"
    if isinstance(expr, MapOf):
        return "an object"
    if isinstance(expr, Named):
        return expr.name
    if isinstance(expr, UnionOf):
        return " or ".join(describe(option) for option in expr.options)
    return f"{describe(expr.inner)} or null"


def check_call(expr: TypeExpr, value: str, path: str) -> str:
    """A TypeScript expression that evaluates to the first Mismatch of `value`, or null."""
    if isinstance(expr, Primitive):
        if expr.kind == "any":
            return "null"
        kind = "date-time" if expr.format == "date-time" else expr.kind
        return f"_primitive({value}, {path}, {literal(kind)})"
    if isinstance(expr, Named):
        return f"check{expr.name}({value}, {path})"
    if isinstance(expr, ArrayOf):
        return f"_array({value}, {path}, (v, p) => {check_call(expr.items, 'v', 'p')})"
    if isinstance(expr, MapOf):
        return f"_map({value}, {path}, (v, p) => {check_call(expr.values, 'v', 'p')})"
    options = expr.options if isinstance(expr, UnionOf) else (expr.inner, Primitive("null"))
    checks = ", ".join(f"(v, p) => {check_call(option, 'v', 'p')}" for option in options)
    return f"_anyOf({value}, {path}, {literal(describe(expr))}, [{checks}])"


def _interface(definition: ClassDef) -> str:
    out = [doc_comment([definition.description] if definition.description else [])]
    out.append(f"export interface {definition.name} {{\n")
    for field in definition.fields:
        notes = [field.description] if field.description else []
        fmt = _format_of(field.type)
        if fmt:
            notes.append(f"@format {fmt}")
        out.append(doc_comment([n for n in notes if n], "  "))
        optional = "" if field.required else "?"
        out.append(f"  {property_name(field.key)}{optional}: {type_text(field.type)};\n")
    out.append("}\n")
    return "".join(out)


def _format_of(expr: TypeExpr) -> str | None:
    if isinstance(expr, Nullable):
        return _format_of(expr.inner)
    if isinstance(expr, Primitive):
        return expr.format
    return None


def _class_checker(definition: ClassDef) -> str:
    name = definition.name
    expected = literal(f"an object ({name})")
    lines = [
        f"function check{name}(value: unknown, path: string): Mismatch {{\n",
        f"  if (!_isObject(value)) return {{ path, expected: {expected} }};\n",
        "  let problem: Mismatch = null;\n",
    ]
    for field in definition.fields:
        key = literal(field.key)
        at = f"_member(path, {key})"
        check = check_call(field.type, f"value[{key}]", at)
        if field.required:
            lines.append(
                f"  if (!_hasKey(value, {key})) return {{ path: {at}, expected: "
                f"{literal('a value (required)')} }};\n"
            )
            lines.append(f"  problem = {check};\n")
        else:
            lines.append(f"  problem = _hasKey(value, {key}) ? {check} : null;\n")
        lines.append("  if (problem !== null) return problem;\n")
    lines.append("  return null;\n}\n")
    return "".join(lines)


def _enum(definition: EnumDef) -> str:
    members = " | ".join(literal(value) for value in definition.values) or "never"
    values = ", ".join(literal(value) for value in definition.values)
    doc = doc_comment([definition.description] if definition.description else [])
    name = definition.name
    return (
        f"{doc}export type {name} = {members};\n\n"
        f"const {name}Values: ReadonlyArray<string> = [{values}];\n\n"
        f"function check{name}(value: unknown, path: string): Mismatch {{\n"
        f'  return typeof value === "string" && {name}Values.indexOf(value) !== -1\n'
        f"    ? null\n"
        f"    : {{ path, expected: {literal('one of ' + name)} }};\n"
        f"}}\n"
    )


def _alias(definition: AliasDef) -> str:
    """The root type of a schema whose documents are not objects, and its checker."""
    doc = doc_comment([definition.description] if definition.description else [])
    name = definition.name
    return (
        f"{doc}export type {name} = {type_text(definition.type)};\n\n"
        f"function check{name}(value: unknown, path: string): Mismatch {{\n"
        f"  return {check_call(definition.type, 'value', 'path')};\n"
        f"}}\n"
    )


def _guards(name: str, parse: bool) -> str:
    text = (
        f"/** True when `value` has the shape of {name}. */\n"
        f"export function is{name}(value: unknown): value is {name} {{\n"
        f'  return check{name}(value, "$") === null;\n'
        f"}}\n"
    )
    if parse:
        text += (
            f"\n/** Parse JSON text as {name}; throws EventParseError at the first mismatch. */\n"
            f"export function parse{name}(json: string): {name} {{\n"
            f"  return _parseWith<{name}>(json, check{name});\n"
            f"}}\n"
        )
    return text


def generate_typescript(model: TypeModel, header: str) -> str:
    """The whole `.ts` module for one schema."""
    parts = ["".join(f"// {line}".rstrip() + "\n" for line in header.splitlines())]
    parts.append("/* eslint-disable */\n")
    for definition in model.definitions:
        if isinstance(definition, EnumDef):
            parts.append(_enum(definition))
            parts.append(_guards(definition.name, parse=False))
        elif isinstance(definition, AliasDef):
            parts.append(_alias(definition))
            parts.append(_guards(definition.name, parse=True))
        else:
            parts.append(_interface(definition))
            parts.append(_class_checker(definition))
            parts.append(_guards(definition.name, parse=True))
    parts.append(_RUNTIME)
    return "\n".join(part.rstrip("\n") + "\n" for part in parts if part)
