"""Benchmark, synthetic-site and demo-photo tools: run by `make bench`, not part of the plugins.

Run from the project folder: `.venv/bin/python -m bench.bench`, `-m bench.bench_images`,
`-m bench.demo_photos`.
"""
