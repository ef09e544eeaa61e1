"""Speed and many viewers: the benchmark and the load test.

With the national-scale extract set (``tests/national.py``, also test data), three
commands (see docs/prestaties.md)::

    python -m tests.national          # a synthetic, fictitious national extract set
    python -m tests.perf.benchmark    # page times in real Chromium against a reference floor
    python -m tests.perf.loadtest     # many viewers at once over Streamlit's websocket
"""
