"""Checking and publishing core of the co-production knowledge base.

Nothing in this package imports MkDocs: the hooks in ``hooks/`` turn MkDocs objects into plain
data and call in here, so a later move away from MkDocs touches only ``hooks/``.
"""
