#!/usr/bin/env python
"""The peer host's manage.py: run it with benchmarks/peer/.venv/bin/python, from this folder."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_host.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
