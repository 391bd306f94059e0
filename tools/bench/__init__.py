"""`make bench`: every scenario of the speed goals (P1-P10, issue 10) and the older hot-path
measures, each timed beside a baseline in the same run, on generated data.

Run ``python -m tools.bench --help``. The data generator (``tools.bench.data``) is
deterministic and reusable by other tools.
"""
