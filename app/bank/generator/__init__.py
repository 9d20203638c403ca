"""Pure: generate a draft question bank from any two plain-text sources."""
