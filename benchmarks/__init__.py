"""Benchmarks for CAPISCE Academy: `make bench`, or `python -m benchmarks [name ...]`.

Speed is only ever reported as a ratio against a baseline measured in the same run,
never as an absolute time to pass or fail. Each benchmark is a module here with a
`run(repeat, warmup)` function; `benchmarks/__main__.py` lists them.
"""
