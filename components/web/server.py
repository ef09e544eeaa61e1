"""The server: the Streamlit app with the HTTP headers a public read-only dashboard sends.

    streamlit run components/web/server.py

Streamlit runs ``app.py`` as always; this wraps its server (``st.App``, Starlette) with one
middleware that adds security headers to every response.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

APP = Path(__file__).resolve().parents[2] / "app.py"

#: Sent with every response. The dashboard may only be framed by itself (Streamlit draws
#: some elements in its own iframes), never by another site (clickjacking); browsers do not
#: guess content types; a link to another site does not carry the dashboard's address.
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: :data:`HEADERS` on every HTTP response (not on the websocket)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                own = [(k.lower(), v) for k, v in message.get("headers", [])]
                names = {k for k, _ in own}
                extra = [
                    (name.lower().encode(), value.encode())
                    for name, value in HEADERS.items()
                    if name.lower().encode() not in names
                ]
                message = {**message, "headers": own + extra}
            await send(message)

        await self.app(scope, receive, with_headers)


app = st.App(APP, middleware=[Middleware(SecurityHeaders)])
