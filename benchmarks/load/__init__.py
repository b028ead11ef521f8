"""`make bench-load`: 100 learners through a course at once (see __main__.py)."""
