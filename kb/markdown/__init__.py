"""markdown: see docs-dev/architecture.md."""
