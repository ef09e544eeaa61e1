"""Speed, scale and many viewers: the benchmark, the national-scale extracts, the load test.

Three commands (see docs/prestaties.md)::

    python -m tests.perf.national     # a synthetic, fictitious national extract set
    python -m tests.perf.benchmark    # page times in real Chromium against a reference floor
    python -m tests.perf.loadtest     # many viewers at once over Streamlit's websocket
"""
