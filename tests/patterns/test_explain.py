"""Explanations, asserted word for word: each names the field, what was wanted and what was had."""

from __future__ import annotations

from typing import Any

from eventsmith.patterns import Pattern, explain, parse_pattern


def _lines(source: Any, event: dict[str, Any]) -> list[str]:
    pattern = parse_pattern(source)
    assert isinstance(pattern, Pattern)
    return [line for reason in explain(pattern, event) for line in reason.lines()]


def test_every_failed_condition_is_listed_not_just_the_first() -> None:
    pattern = {
        "source": ["aws.ec2"],
        "detail": {
            "state": [{"anything-but": "initializing"}],
            "c-count": [{"numeric": [">", 0, "<=", 5]}],
            "d-count": [{"numeric": ["<", 10]}],
        },
    }
    event = {"source": "aws.s3", "detail": {"state": "initializing", "c-count": 9, "d-count": 1}}
    assert _lines(pattern, event) == [
        'source: expected ["aws.ec2"], got "aws.s3"',
        'detail.state: expected [{"anything-but":"initializing"}], got "initializing"',
        'detail.c-count: expected [{"numeric":[">",0,"<=",5]}], got 9',
    ]


def test_missing_field_and_missing_parent() -> None:
    pattern = {"detail-type": ["Ticket Resolved"], "detail": {"resolution": {"code": [3]}}}
    assert _lines(pattern, {"detail": {}}) == [
        'detail-type: expected ["Ticket Resolved"], but the field is missing',
        "detail.resolution.code: expected [3], but the field is missing",
    ]


def test_null_is_not_the_empty_string() -> None:
    assert _lines({"detail": {"eventVersion": [""]}}, {"detail": {"eventVersion": None}}) == [
        'detail.eventVersion: expected [""], got null'
    ]


def test_exists_on_an_object_and_an_empty_array() -> None:
    pattern = {"detail": {"c-count": [{"exists": True}], "tags": [{"exists": True}]}}
    event = {"detail": {"c-count": {"c1": 100}, "tags": []}}
    assert _lines(pattern, event) == [
        'detail.c-count: expected [{"exists":true}], got {"c1":100}',
        'detail.tags: expected [{"exists":true}], got []',
    ]


def test_failed_or_lists_each_branch() -> None:
    pattern = {
        "source": ["aws.cloudwatch"],
        "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}],
    }
    event = {"source": "aws.cloudwatch", "metricName": "ReadLatency"}
    assert _lines(pattern, event) == [
        "$or: none of the 2 $or branches matched",
        "  branch 1:",
        '    metricName: expected ["CPUUtilization"], got "ReadLatency"',
        "  branch 2:",
        '    namespace: expected ["AWS/EC2","AWS/ES"], but the field is missing',
    ]


def test_array_of_objects_points_at_the_closest_element() -> None:
    pattern = {"employees": {"firstName": ["Anna"], "lastName": ["Jones"]}}
    event = {
        "employees": [
            {"firstName": "John", "lastName": "Doe"},
            {"firstName": "Anna", "lastName": "Smith"},
        ]
    }
    assert _lines(pattern, event) == [
        'employees[1].lastName: expected ["Jones"], got "Smith"',
    ]


def test_long_values_are_shortened() -> None:
    lines = _lines({"note": ["x"]}, {"note": "y" * 500})
    assert len(lines) == 1
    assert lines[0].endswith("…")
    assert len(lines[0]) < 200
