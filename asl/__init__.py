"""Amazon States Language workflows: parse, validate, graph, layout, render."""
