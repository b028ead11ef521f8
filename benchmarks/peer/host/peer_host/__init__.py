"""A Wagtail project of our own that hosts wagtail-lms for `make bench-peer`.

It runs in benchmarks/peer/.venv, where wagtail-lms is installed from PyPI; nothing of
wagtail-lms is in this repository. The settings are those of `wagtail start`'s project
template, with wagtail-lms added as its README says.
"""
