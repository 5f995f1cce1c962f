"""The table library the list pages use, served from the site itself (no CDN, nothing committed).

DataTables comes inside the pinned ``itables`` wheel (pyproject.toml, requirements.lock) as one
ES module and one stylesheet; the build copies both into assets/vendor/ (docs/assets/tables.js
imports them)."""

from __future__ import annotations

from importlib import resources

VENDOR = "assets/vendor"
FILES = {"dt_bundle.js": "datatables.js", "dt_bundle.css": "datatables.css"}


def table_library() -> dict[str, bytes]:
    from mkdocs.exceptions import PluginError

    try:
        folder = resources.files("itables") / "html"
        return {f"{VENDOR}/{target}": (folder / source).read_bytes() for source, target in FILES.items()}
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise PluginError(f"the list pages need DataTables from the itables package ({exc}); "
                          "install the pinned dependencies: pip install -c requirements.lock -e .") from None
