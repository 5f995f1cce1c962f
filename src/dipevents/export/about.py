"""What every download says about itself: title, version, licences, citation, how dates work.

Read from datapackage.json and CITATION.cff, so the workbook's README sheet, the zip's README
and Datasette's metadata say the same thing.
"""

from __future__ import annotations

from ..package import Package

CITATION_FILE = "CITATION.cff"
SOURCES_RIGHTS = ("each remains its publisher's (named in data/sources.csv), not covered by the data's licence: "
                  "kept so that every quote can be checked, to be reused only as its publisher allows "
                  "(for example as a quotation).")
DATES = ("Date fields (`date`, `*_date`) hold ISO 8601 dates with the precision the source supports: "
         "`YYYY` (a year), `YYYY-MM` (a month), `YYYY-MM-DD` (a day) or `YYYY-MM-DD/YYYY-MM-DD` "
         "(a run of days, such as \"last week\"). Beside each, the CSV, JSON, Parquet, SQLite and "
         "Excel downloads add `<field>_start` and `<field>_end` (the first and last day it may stand "
         "for) and `<field>_precision` (year, month, span or day). Keep the date itself as text: "
         "`2024` is a year, not the number 2024 or the day 2024-01-01.")


def citation_meta(package: Package) -> dict:
    """CITATION.cff as a dict ({} when the package has none)."""
    import yaml

    path = package.root / CITATION_FILE
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def licence_lines(package: Package) -> list[str]:
    out = [f"Data: {lic.get('title') or lic.get('name')} ({lic.get('path', '')})".replace(" ()", "")
           for lic in package.descriptor.get("licenses", [])]
    return out + [f"Archived source texts (sources/*.txt): {SOURCES_RIGHTS}"]


def citation(package: Package) -> str:
    """One line to cite this version, APA-like, from CITATION.cff (else the descriptor)."""
    meta = citation_meta(package)
    authors = "; ".join(a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
                        for a in meta.get("authors", [])) or "; ".join(
        c.get("title", "") for c in package.descriptor.get("contributors", []))
    year = str(meta.get("date-released", package.descriptor.get("created", "")))[:4]
    title = meta.get("title") or package.descriptor.get("title", package.name)
    url = meta.get("doi") and f"https://doi.org/{meta['doi']}" or meta.get("repository-code") or meta.get("url", "")
    return f"{authors} ({year}). {title} (version {package.version}) [Data set]. {url}".strip()


def repository(package: Package) -> str:
    meta = citation_meta(package)
    return meta.get("repository-code") or meta.get("url") or ""
