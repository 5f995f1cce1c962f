"""Downloads: the package as a zip, and its tables as CSV, Parquet, JSON and SQLite."""
