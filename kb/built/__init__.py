"""built: see docs-dev/architecture.md."""
