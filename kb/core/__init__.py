"""core: see docs-dev/architecture.md."""
