"""Command-line tools behind the Makefile: build, check, bench."""
