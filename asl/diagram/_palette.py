"""The colours of a workflow picture, shared by the SVG, DOT and Mermaid renderers (and by any
front end that draws a `Layout` itself), close to the Step Functions console's palette."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

INK = "#232f3e"  # text, and the Start/End pills
PAPER = "#ffffff"
EDGE = "#687078"
EDGE_LABEL = "#414d5c"
CATCH = "#c7372f"
ERROR = "#d91515"
MUTED = "#5f6b7a"  # subtitles, container borders

# (fill, stroke) per node kind.
NODE_COLOURS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "Task": ("#f0f6fd", "#0972d3"),
        "Pass": ("#f4f4f4", "#7d8998"),
        "Wait": ("#fff7e6", "#b7740f"),
        "Choice": ("#f6f0fd", "#7d3ec8"),
        "Succeed": ("#eaf7ec", "#037f0c"),
        "Fail": ("#fdeeed", ERROR),
        "Parallel": ("#fbfbfc", MUTED),
        "Map": ("#fbfbfc", MUTED),
        "Unknown": (PAPER, "#8c8c94"),
        "Missing": (PAPER, ERROR),
        "Start": (INK, INK),
        "End": (INK, INK),
    }
)

# The same colours by role, for front ends that draw a `Layout` themselves.
COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "ink": INK,
        "paper": PAPER,
        "edge": EDGE,
        "edgeLabel": EDGE_LABEL,
        "catch": CATCH,
        "error": ERROR,
        "muted": MUTED,
    }
)
