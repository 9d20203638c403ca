"""The teacher's pages: first-run setup, classes, join codes, the roster and co-teachers."""
