"""`eventsmith match`: test EventBridge patterns against events, offline.

`--pattern FILE` gives a verdict (and with `--explain` the reasons) per event; `--rules DIR`
counts matches per rule over a whole stream. Events are read by the shared streaming reader
(`eventsmith.events`): objects, arrays, JSON Lines, gzip, folders and `-` for stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    byte_progress,
    emit_json,
    print_problems,
    stderr,
    stdout,
    table,
)
from eventsmith.events import EventReader
from eventsmith.patterns import (
    Explainer,
    Pattern,
    PatternError,
    RuleSet,
    check_against_schema,
    compile_matcher,
    parse_pattern,
)


def _load_pattern(path: Path) -> Pattern | PatternError:
    try:
        data = path.read_bytes()
    except OSError as error:
        return PatternError((), f"cannot read {path}: {error.strerror or error}")
    return parse_pattern(data)


_KINDS = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def _batches(lister: EventReader, progress: Any) -> Iterator[tuple[str, int, list[Any]]]:
    """`(file, index of the first document in the file, documents)`; problems to stderr.

    `lister` has already expanded the inputs (for the progress total); each file is then read
    on its own so every batch knows its file. Documents that are not JSON objects are
    reported and replaced by None.
    """
    files = lister.files()
    print_problems(lister.problems, lister.problem_count, "warning: ")
    for file in files:
        reader = EventReader(["-" if file is None else str(file)], on_bytes=progress)
        display = "<stdin>" if file is None else str(file)
        start = 0
        for _stem, batch in reader.batches():
            for position, document in enumerate(batch):
                if document.__class__ is not dict:
                    # `#N` numbers events the way the match lines do (`file#N`).
                    kind = _KINDS.get(type(document), "a value")
                    message = f"#{start + position} is {kind}, not a JSON object: skipped"
                    reader.report_at(position, message)
                    batch[position] = None
            yield display, start, batch
            start += len(batch)
        print_problems(reader.problems, reader.problem_count, "warning: ")


def _events(lister: EventReader, progress: Any) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """`(file, index in file, event)` for every JSON object in the inputs."""
    for display, start, batch in _batches(lister, progress):
        for offset, document in enumerate(batch):
            if document is not None:
                yield display, start + offset, document


def _fail_pattern(name: str, error: PatternError) -> None:
    stderr.print(f"error: {name}: {error}", markup=False, highlight=False)


@click.command()
@click.option(
    "--pattern",
    "pattern_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An event pattern (JSON) to test each event against.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of pattern files (*.json): count the matches of each over all events.",
)
@click.option(
    "--schema",
    "schema_ref",
    metavar="NAME[@VERSION]",
    help="Also check the pattern(s) against this registry schema and warn about fields it "
    "lacks and operators that cannot apply (warnings only).",
)
@click.option("--explain", is_flag=True, help="Say why each event that does not match fails.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.argument("events", nargs=-1, required=True)
@pass_app
def match(
    app: AppContext,
    pattern_file: Path | None,
    rules_dir: Path | None,
    schema_ref: str | None,
    explain: bool,
    as_json: bool,
    events: tuple[str, ...],
) -> None:
    """Match EVENTS (files, folders or - for stdin) against a pattern or a folder of rules.

    Exit status: 0 every event matched (always 0 with --rules), 1 some did not,
    2 an invalid pattern or no events at all.
    """
    if (pattern_file is None) == (rules_dir is None):
        raise click.UsageError("give exactly one of --pattern FILE or --rules DIR")
    schema = app.registry.resolve(schema_ref).content if schema_ref else None
    if rules_dir is not None:
        raise SystemExit(_match_rules(rules_dir, events, as_json, schema))
    assert pattern_file is not None
    raise SystemExit(_match_one(pattern_file, events, schema, explain=explain, as_json=as_json))


def _schema_warnings(name: str, pattern: Pattern, schema: dict[str, Any] | None) -> None:
    if schema is None:
        return
    for warning in check_against_schema(pattern, schema):
        stderr.print(f"warning: {name}: {warning}", markup=False, highlight=False)


def _match_one(
    pattern_file: Path,
    events: tuple[str, ...],
    schema: dict[str, Any] | None,
    *,
    explain: bool,
    as_json: bool,
) -> int:
    pattern = _load_pattern(pattern_file)
    if isinstance(pattern, PatternError):
        _fail_pattern(str(pattern_file), pattern)
        return EXIT_ERROR
    _schema_warnings(str(pattern_file), pattern, schema)
    test = compile_matcher(pattern)
    explainer = Explainer(pattern) if explain or as_json else None
    results: list[dict[str, Any]] = []
    total = matched = 0
    colour = stdout.is_terminal
    marks = {
        True: click.style("match   ", fg="green") if colour else "match   ",
        False: click.style("no match", fg="red") if colour else "no match",
    }
    lister = EventReader(events)
    with byte_progress(lister.total_bytes(), "Matching") as progress:
        # Plain writes: a rich print per event costs more than matching it. Looked up inside
        # the progress bar, which on a terminal redirects stdout to print above itself.
        write = sys.stdout.write
        for file, index, event in _events(lister, progress):
            ok = test(event)
            total += 1
            matched += ok
            reasons = [] if ok or explainer is None else _reason_lines(explainer, event)
            if as_json:
                results.append({"file": file, "index": index, "matched": ok, "reasons": reasons})
                continue
            write(f"{marks[ok]}  {file}#{index}\n")
            for line in reasons:
                write(f"    {line}\n")
    if as_json:
        emit_json(results)
    else:
        sys.stdout.flush()
        stderr.print(f"{matched} of {total} events matched", markup=False)
    if total == 0:
        stderr.print("error: no events read", markup=False)
        return EXIT_ERROR
    return EXIT_OK if matched == total else EXIT_FINDINGS


def _reason_lines(explainer: Explainer, event: dict[str, Any]) -> list[str]:
    return [line for reason in explainer(event) for line in reason.lines()]


def _load_rules(rules_dir: Path) -> tuple[list[tuple[str, Pattern]], list[str]]:
    rules: list[tuple[str, Pattern]] = []
    errors: list[str] = []
    for path in sorted(rules_dir.rglob("*.json")):
        name = path.relative_to(rules_dir).with_suffix("").as_posix()
        pattern = _load_pattern(path)
        if isinstance(pattern, PatternError):
            errors.append(f"{path}: {pattern}")
        else:
            rules.append((name, pattern))
    return rules, errors


def _match_rules(
    rules_dir: Path, events: tuple[str, ...], as_json: bool, schema: dict[str, Any] | None
) -> int:
    rules, errors = _load_rules(rules_dir)
    for error in errors:
        stderr.print(f"error: {error}", markup=False, highlight=False)
    if errors:
        return EXIT_ERROR
    if not rules:
        stderr.print(f"error: no pattern files (*.json) in {rules_dir}", markup=False)
        return EXIT_ERROR
    for name, pattern in rules:
        _schema_warnings(name, pattern, schema)
    ruleset = RuleSet(rules)
    counts = [0] * len(rules)
    total = 0
    matching = ruleset.matching_indices
    lister = EventReader(events)
    with byte_progress(lister.total_bytes(), "Matching") as progress:
        for _file, _start, batch in _batches(lister, progress):
            for event in batch:
                if event is not None:
                    total += 1
                    for rule in matching(event):
                        counts[rule] += 1
    if total == 0:
        stderr.print("error: no events read", markup=False)
        return EXIT_ERROR
    if as_json:
        emit_json(
            {
                "events": total,
                "rules": [
                    {"rule": name, "matched": count}
                    for (name, _), count in zip(rules, counts, strict=True)
                ],
            }
        )
    else:
        rows = [(name, count) for (name, _), count in zip(rules, counts, strict=True)]
        table(["Rule", "Matched"], rows, title=f"{total} events, {len(rules)} rules")
    return EXIT_OK
