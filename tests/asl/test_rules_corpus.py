"""Every rule fires on its small bad workflow, on exactly the offending text.

The corpus (tests/data/asl/rules.yaml) gives each workflow and the text its diagnostic must
cover; the expected position is found in the document independently of the parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventsmith.asl import Diagnostic, Position, check_text

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "asl" / "rules.yaml").read_text(encoding="utf-8")
)


def _offset(text: str, position: Position) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(line) for line in lines[: position.line]) + position.character


def _covered(text: str, diagnostic: Diagnostic) -> str:
    return text[_offset(text, diagnostic.range.start) : _offset(text, diagnostic.range.end)]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{index:02d}-{case['code']}" for index, case in enumerate(CASES)]
)
def test_rule_reports_the_offending_text(case: dict[str, Any]) -> None:
    doc = case["doc"]
    filename = "case.asl.json" if doc.lstrip().startswith("{") else "case.asl.yaml"
    found = [d for d in check_text(doc, filename) if d.code == case["code"]]
    assert found, f"{case['code']} not reported; got {[d.code for d in check_text(doc, filename)]}"
    covered = [_covered(doc, d) for d in found]
    assert case["at"] in covered, f"ranges cover {covered!r}, expected {case['at']!r}"
    hit = found[covered.index(case["at"])]
    if "occurrence" in case:  # the text appears more than once: pin down which one
        offset = -1
        for _ in range(case["occurrence"]):
            offset = doc.index(case["at"], offset + 1)
        starts = [_offset(doc, d.range.start) for d in found]
        assert offset in starts, f"expected occurrence {case['occurrence']} at offset {offset}"
    assert hit.severity == case.get("severity", "error")
    assert hit.message


def test_every_code_in_the_docs_table_has_a_case() -> None:
    table = (Path(__file__).parents[2] / "docs" / "asl.md").read_text(encoding="utf-8")
    documented = {word.strip("`") for word in table.split() if word.strip("`|").startswith("ASL")}
    documented = {code.strip("|`") for code in documented if len(code.strip("|`")) == 6}
    # ASL003 (1 MB), ASL004 and ASL005 (templates) are tested in test_parse*.py.
    covered = {case["code"] for case in CASES} | {"ASL003", "ASL004", "ASL005"}
    assert documented - covered == set()
    sources = (Path(__file__).parents[2] / "asl").rglob("*.py")
    used = {code for path in sources for code in re.findall(r'"(ASL\d{3})"', path.read_text())}
    assert used - documented == set(), "every code the validator emits is in docs/asl.md"
