"""The documentation site: pages generated from the data package at build time."""
