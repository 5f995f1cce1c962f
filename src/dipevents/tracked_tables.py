"""The package's tables as one validation sees them: each read on first use (``tables.read_table``),
and a record of which files each step of the validation used, for the cache (``cache.py``): a step
opens a set with ``track()`` and every table it reaches, through any access, is added to it; and
each file's status while it was read (``read_log``, shared with the archived texts).
"""

from __future__ import annotations

from collections.abc import Mapping

from .package import Package
from .paths import CHANGED, status_of
from .report import Error
from .tables import Table, read_table


class Tables(Mapping):
    """The package's tables by name (see the module's docstring)."""

    def __init__(self, package: Package):
        self._package = package
        self._read: dict[str, Table] = {}
        self.read_errors: dict[str, list[Error]] = {}
        self._trackers: list[set[str]] = []
        self.generation = 0  # changes whenever the set of trackers does
        # absolute path -> the file's status while it was read (CHANGED if it changed during the
        # read): the cache stores a result only under the content that was actually read
        self.read_log: dict[str, str | None] = {}

    def __getitem__(self, name: str) -> Table:
        resource = self._package.resources[name]
        for used in self._trackers:
            used.add(resource.path)
        if name not in self._read:
            before = status_of(resource.file)
            self._read[name], self.read_errors[name] = read_table(resource)
            after = status_of(resource.file)
            self.read_log[str(resource.file)] = before if before == after else CHANGED
        return self._read[name]

    def __contains__(self, name: object) -> bool:
        return name in self._package.resources

    def __iter__(self):
        return iter(self._package.resources)

    def __len__(self) -> int:
        return len(self._package.resources)

    @property
    def package(self) -> Package:
        return self._package

    def use(self, rel: str) -> None:
        """Record that the current steps read the file REL (say, an archived text)."""
        for used in self._trackers:
            used.add(rel)

    def is_read(self, name: str) -> bool:
        return name in self._read

    def track(self) -> set[str]:
        """A new set of the table files used from now on, until ``untrack``."""
        used: set[str] = set()
        self._trackers.append(used)
        self.generation += 1
        return used

    def untrack(self, used: set[str]) -> None:
        self._trackers.remove(used)
        self.generation += 1
