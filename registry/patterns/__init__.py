"""EventBridge rule patterns: parse, validate, match, explain."""
