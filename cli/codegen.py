"""`eventsmith codegen`: Python and TypeScript bindings for registry schemas or schema files."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path, PurePosixPath

import click
from platformdirs import user_cache_dir

from eventsmith.cli.context import AppContext, pass_app
from eventsmith.cli.output import EXIT_ERROR, EXIT_FINDINGS, emit_json, fail, stdout, warn
from eventsmith.codegen import (
    LANGUAGES,
    LAYOUTS,
    Bindings,
    Problem,
    SchemaInput,
    SourceCache,
    differing_files,
    generate_bindings,
    input_from_file,
    input_from_version,
    stale_files,
    write_bindings,
)


@click.command()
@click.argument("refs", nargs=-1, metavar="NAME[@VERSION]...")
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default="python",
    show_default=True,
    help="Language of the bindings.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write into.",
)
@click.option("--all", "all_schemas", is_flag=True, help="Every schema of the registry.")
@click.option(
    "--from",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A schema file (OpenAPI 3, JSON Schema draft-04 or 2020-12). Repeatable.",
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default="eventbridge",
    show_default=True,
    help="eventbridge: schema/<source>/<detail type>/ packages; flat: one file per schema.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if the folder differs from the output."
)
@click.option(
    "--no-cache", is_flag=True, help="Regenerate everything instead of reusing cached modules."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_app
def codegen(
    app: AppContext,
    refs: tuple[str, ...],
    language: str,
    out_dir: Path,
    all_schemas: bool,
    files: tuple[Path, ...],
    layout: str,
    check: bool,
    no_cache: bool,
    as_json: bool,
) -> None:
    """Generate typed bindings (pydantic v2 models or TypeScript interfaces with guards).

    With --check nothing is written: exit 1 lists the files that differ, are missing or (with
    --all) were generated for schemas no longer in the registry.
    """
    if not (refs or all_schemas or files):
        fail("Name at least one schema, or use --all or --from FILE.")
    schemas, problems = _inputs(app, refs, all_schemas, files)
    cache = None if no_cache else SourceCache(Path(user_cache_dir("eventsmith")) / "codegen")
    bindings = generate_bindings(schemas, language, layout, cache)
    problems += list(bindings.problems)
    for problem in problems:
        warn(f"{problem.schema}: {problem.message}")
    stale = stale_files(out_dir, bindings) if all_schemas else []
    for path in stale:
        warn(f"{out_dir / path} was generated for a schema that is no longer in the registry")
    if check:
        different = differing_files(out_dir, bindings) + stale
        _report(as_json, out_dir, bindings, different, "differs", problems, stale)
        if different or problems:
            raise SystemExit(EXIT_FINDINGS if different else EXIT_ERROR)
        return
    written = write_bindings(out_dir, bindings)
    _report(as_json, out_dir, bindings, written, "written", problems, stale)
    if problems:
        raise SystemExit(EXIT_ERROR)


def _inputs(
    app: AppContext, refs: tuple[str, ...], all_schemas: bool, files: tuple[Path, ...]
) -> tuple[list[SchemaInput], list[Problem]]:
    registry = app.registry if (refs or all_schemas) else None
    schemas: list[SchemaInput] = []
    problems: list[Problem] = []
    if registry is not None:
        names = [info.name for info in registry.list_schemas()] if all_schemas else []
        if all_schemas and not names:
            warn(f"No schemas in {app.registry_path}. Try: eventsmith discover FILES...")
        seen: set[tuple[str, int]] = set()
        for ref in [*names, *refs]:
            version = registry.resolve(ref)
            if (version.name, version.version) not in seen:
                seen.add((version.name, version.version))
                schemas.append(input_from_version(version, registry.get_schema(version.name)))
    for path in files:
        loaded = input_from_file(path)
        if isinstance(loaded, Problem):
            problems.append(loaded)
        else:
            schemas.append(loaded)
    return schemas, problems


def _report(
    as_json: bool,
    out_dir: Path,
    bindings: Bindings,
    touched: list[PurePosixPath],
    verb: str,
    problems: list[Problem],
    stale: list[PurePosixPath],
) -> None:
    """`verb` is "written" or "differs"; files not touched are "unchanged" or "same"."""
    if as_json:
        emit_json(
            {
                "out": str(out_dir),
                "language": bindings.language,
                "files": [
                    {
                        "path": str(file.path),
                        "schema": file.schema,
                        "status": _status(out_dir, file.path, touched, verb, stale),
                    }
                    for file in bindings.files
                ],
                "stale": [str(path) for path in stale],
                "problems": [asdict(problem) for problem in problems],
            }
        )
        return
    for path in touched:
        prefix = f"{_check_status(out_dir, path, stale)}: " if verb == "differs" else ""
        stdout.print(f"{prefix}{out_dir / path}", markup=False)
    if not touched:
        message = "Up to date" if verb == "differs" else "Nothing changed in"
        stdout.print(
            f"{message}: {out_dir}" if verb == "differs" else f"{message} {out_dir}", markup=False
        )


def _status(
    out_dir: Path,
    path: PurePosixPath,
    touched: list[PurePosixPath],
    verb: str,
    stale: list[PurePosixPath],
) -> str:
    if path not in touched:
        return "unchanged" if verb == "written" else "same"
    return _check_status(out_dir, path, stale) if verb == "differs" else verb


def _check_status(out_dir: Path, path: PurePosixPath, stale: list[PurePosixPath]) -> str:
    """What `--check` found: `missing` (not generated yet), `stale` (for a schema no longer in
    the registry) or `differs` (there, with other content)."""
    if path in stale:
        return "stale"
    return "differs" if (out_dir / path).is_file() else "missing"
