"""Caching, in one place, at two scopes.

* :mod:`proglint.cache.results` — the results of linting each document,
  per project (``.proglint_cache/`` beside the configuration), so an
  unchanged document is not linted again (ruff's cache).
* :mod:`proglint.cache.user` — per user (``~/.cache/proglint``), things
  that are slow to work out and never change for the same inputs: the
  generated schema validators, the parsed vocabulary, the list of rule
  plugins.

Both are optimisations only: anything unreadable, corrupt or foreign is
worked out again, never an error, and both write atomically.  Nothing is
imported here, so each user pays only for the scope it needs.
"""
