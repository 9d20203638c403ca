"""The teacher's tools, one sub-package each, every one behind its blueprint's teachers-only guard.

- ``classes``: classes, join codes, the roster, co-teachers, progress and item analysis.
- ``questions``: the bank browser and editor, with ``imports`` and ``exports``.
- ``claims``: the claim map, where the pairs of contrasting passages are made and kept.
- ``sources``: a teacher's own texts, uploaded, read and turned into drafts.

Each sub-package uses the same module names: ``routes`` (the blueprint), ``forms``, ``queries`` (reads),
``services`` (writes); its templates sit under ``templates/teacher/<tool>/``.
"""
