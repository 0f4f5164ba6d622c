"""sources: see docs-dev/architecture.md."""
