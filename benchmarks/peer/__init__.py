"""`make bench-peer`: our module page against a wagtail-lms lesson (see __main__.py)."""
