"""ASL diagrams: the graph of a workflow, its layout, and SVG/DOT/Mermaid renderers."""
