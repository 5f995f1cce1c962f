"""Rules that no Table Schema can state, one small named function each.

Every rule takes a Context and yields Errors, and declares its codes with ``@check`` (see
``registry.py``). Importing this package registers them all; ``ALL`` is the order they run in.
"""

from __future__ import annotations

from ..registry import CHECKS
from . import consistency, dates, duplicates, evidence, keys, references, retired, text, words  # noqa: F401 - registers the rules

ALL = list(CHECKS)
