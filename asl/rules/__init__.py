"""ASL validation: one module per rule family, and the catalogue of diagnostic codes."""
