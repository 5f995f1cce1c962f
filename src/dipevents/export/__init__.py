"""Downloads: the package as a zip, its tables as CSV, Parquet and JSON, an Excel workbook, one SQLite
database with its Datasette metadata, and SHA256SUMS (``build.build_dist``)."""
