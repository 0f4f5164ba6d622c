"""publish: see docs-dev/architecture.md."""
