"""`eventsmith asl render` and `eventsmith asl graph`: draw a workflow or print its graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import yaml

from eventsmith.asl.diagram._graph import Graph, build_graph
from eventsmith.asl.syntax._parse import StateMachineSource, parse_document
from eventsmith.cli.asl import asl
from eventsmith.cli.output import EXIT_ERROR, emit_json, fail, warn

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _machine_options(command: Any) -> Any:
    command = click.option(
        "--machine",
        metavar="NAME",
        help="State machine to use from a SAM/CloudFormation template (logical id). "
        "Default: the first one.",
    )(command)
    return click.option(
        "--substitutions",
        type=_FILE,
        help="JSON/YAML mapping that fills ${Name} DefinitionSubstitutions.",
    )(command)


@asl.command("render")
@click.argument("file", type=_FILE)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "dot", "mermaid"]),
    default="svg",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@_machine_options
def render(
    file: Path,
    output_format: str,
    output: Path | None,
    machine: str | None,
    substitutions: Path | None,
) -> None:
    """Draw a workflow as SVG (states with errors marked in red), Graphviz DOT or Mermaid."""
    # Imported here: layout pulls in grandalf (and numpy), which every other command can skip.
    from eventsmith.asl.diagram._dot import render_dot
    from eventsmith.asl.diagram._layout import layout_graph
    from eventsmith.asl.diagram._mermaid import render_mermaid
    from eventsmith.asl.diagram._svg import render_svg

    source = _load(file, machine, substitutions)
    graph = build_graph(source.definition)
    if output_format == "svg":
        title = source.name or file.name
        text = render_svg(layout_graph(graph), _errors(graph, source), title)
    elif output_format == "dot":
        text = render_dot(graph, source.name or file.stem)
    else:
        text = render_mermaid(graph)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@asl.command("graph")
@click.argument("file", type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="Nodes, edges, containers, coordinates.")
@_machine_options
def graph_command(
    file: Path, as_json: bool, machine: str | None, substitutions: Path | None
) -> None:
    """Print a workflow's graph: an outline, or with --json the full laid-out graph."""
    from eventsmith.asl.diagram._export import graph_document
    from eventsmith.asl.diagram._layout import layout_graph

    source = _load(file, machine, substitutions)
    graph = build_graph(source.definition)
    if as_json:
        emit_json(graph_document(layout_graph(graph), _errors(graph, source)))
        return
    for node in graph.nodes:
        depth = node.id.count("/States/") if node.id.startswith("/") else 0
        click.echo(f"{'  ' * depth}{node.name} [{node.detail or node.kind}]")
        for edge in graph.edges:
            if edge.source == node.id:
                target = graph.node(edge.target)
                label = f" ({edge.label})" if edge.label else ""
                name = target.name if target else edge.target
                click.echo(f"{'  ' * depth}  --{edge.kind}--> {name}{label}")


def _load(file: Path, machine: str | None, substitutions: Path | None) -> StateMachineSource:
    values = _substitutions(substitutions) if substitutions else None
    text = file.read_text(encoding="utf-8", errors="replace")
    parsed = parse_document(text, str(file), values)
    machines = parsed.state_machines
    syntax = [d for d in parsed.diagnostics if d.severity == "error"]
    if syntax:
        first = syntax[0]
        where = f"{first.range.start.line + 1}:{first.range.start.character + 1}"
        warn(f"{file}:{where}: {first.message} (drawing what could be read)")
    if not machines:
        fail(f"{file}: no state machine found", EXIT_ERROR)
    if machine is None:
        return machines[0]
    for candidate in machines:
        if candidate.name == machine:
            return candidate
    names = ", ".join(str(candidate.name) for candidate in machines)
    fail(f"{file}: no state machine named {machine!r} (found: {names})", EXIT_ERROR)


def _substitutions(path: Path) -> dict[str, str]:
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        fail(f"{path}: not a JSON/YAML mapping: {error}", EXIT_ERROR)
    if not isinstance(values, dict):
        fail(f"{path}: substitutions must be a mapping of names to values", EXIT_ERROR)
    return {str(key): str(value) for key, value in values.items()}


def _errors(graph: Graph, source: StateMachineSource) -> dict[str, list[str]]:
    """Error diagnostics grouped by the node they are in."""
    from eventsmith.asl.diagram._export import messages_by_node
    from eventsmith.asl.rules._validate import validate

    diagnostics = [d for d in validate(source) if d.severity == "error"]
    if diagnostics:
        warn(f"{len(diagnostics)} error(s) in the definition; run `eventsmith asl validate`")
    return messages_by_node(graph, ((d.path, f"{d.code}: {d.message}") for d in diagnostics))
