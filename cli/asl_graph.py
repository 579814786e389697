"""`eventsmith asl render` and `eventsmith asl graph`: draw a workflow or print its graph."""

from __future__ import annotations

from pathlib import Path

import click

from eventsmith.asl import (
    Graph,
    StateMachineSource,
    build_graph,
    graph_document,
    layout_graph,
    messages_by_node,
    render_dot,
    render_mermaid,
    render_svg,
    validate,
)
from eventsmith.cli.asl_inputs import (
    EXISTING_FILE,
    load_state_machine,
    load_substitutions,
    machine_options,
)
from eventsmith.cli.output import emit_json, warn


@click.command("render")
@click.argument("file", type=EXISTING_FILE)
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
@machine_options
def render(
    file: Path,
    output_format: str,
    output: Path | None,
    machine: str | None,
    substitutions_file: Path | None,
) -> None:
    """Draw a workflow as SVG (states with errors marked in red), Graphviz DOT or Mermaid."""
    source = load_state_machine(file, machine, load_substitutions(substitutions_file))
    graph = build_graph(source)
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


@click.command("graph")
@click.argument("file", type=EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Nodes, edges, containers, coordinates.")
@machine_options
def graph_command(
    file: Path, as_json: bool, machine: str | None, substitutions_file: Path | None
) -> None:
    """Print a workflow's graph: an outline, or with --json the full laid-out graph."""
    source = load_state_machine(file, machine, load_substitutions(substitutions_file))
    graph = build_graph(source)
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


def _errors(graph: Graph, source: StateMachineSource) -> dict[str, list[str]]:
    """Error diagnostics grouped by the node they are in."""
    diagnostics = [d for d in validate(source) if d.severity == "error"]
    if diagnostics:
        warn(f"{len(diagnostics)} error(s) in the definition; run `eventsmith asl validate`")
    return messages_by_node(graph, ((d.path, f"{d.code}: {d.message}") for d in diagnostics))
