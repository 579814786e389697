"""ASL syntax: JSON/YAML/SAM/CloudFormation parsing with source ranges, and the state model."""
