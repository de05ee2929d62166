"""Benchmarks: each module measures one thing and prints a table of figures (medians)."""
