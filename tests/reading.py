"""Text as the reader sees it, for tests that read what the dashboard writes."""

from __future__ import annotations

import re


def shown(markdown: str) -> str:
    """Streamlit Markdown as the reader sees its characters: text from the sources is
    escaped (a backslash before '*', '(', ':' …), which the page does not show; a no-break
    space reads as a space."""
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace("\u00a0", " ")
