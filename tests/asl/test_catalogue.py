"""The catalogue of diagnostic codes agrees with docs/asl.md and with what the rules do."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from eventsmith.asl import CATALOGUE, Severity, check_text

DOCS = Path(__file__).parents[2] / "docs" / "asl.md"
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "asl" / "rules.yaml").read_text(encoding="utf-8")
)
_ROW = re.compile(r"^\| `(ASL\d{3})` \| (?:\*(warning|information|hint)\*: )?(.*) \|$", re.M)


def _docs_rows() -> list[tuple[str, str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    return [(code, severity or "error", title) for code, severity, title in _ROW.findall(text)]


def test_the_catalogue_is_the_docs_table_row_for_row() -> None:
    rows = _docs_rows()
    assert len(rows) > 70
    assert [(info.code, str(info.severity), info.title) for info in CATALOGUE.values()] == rows


def test_every_anchor_names_a_section_of_its_page() -> None:
    headings = re.findall(r"^#+ (.+)$", DOCS.read_text(encoding="utf-8"), re.M)
    slugs = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-") for heading in headings}
    for info in CATALOGUE.values():
        page, _, section = info.anchor.partition("#")
        assert page == "docs/asl.md"
        assert section in slugs


def _corpus_findings() -> list[Any]:
    found = []
    for case in CASES:
        doc = case["doc"]
        filename = "case.asl.json" if doc.lstrip().startswith("{") else "case.asl.yaml"
        found.extend(check_text(doc, filename))
    return found


def test_rules_report_the_catalogued_severity_and_offer_fixes_exactly_for_fixable_codes() -> None:
    findings = _corpus_findings()
    for finding in findings:
        assert finding.code in CATALOGUE, finding
        assert finding.severity == CATALOGUE[finding.code].severity, finding
    fixed = {finding.code for finding in findings if finding.fix is not None}
    assert fixed == {code for code, info in CATALOGUE.items() if info.fixable}


def test_severities_are_the_four_lsp_levels() -> None:
    assert {info.severity for info in CATALOGUE.values()} <= set(Severity)
    assert CATALOGUE["ASL107"].severity is Severity.WARNING
    assert CATALOGUE["ASL104"].fixable
