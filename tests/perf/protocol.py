"""A viewer at the protocol level: Streamlit's own websocket, without a browser.

A browser tab talks to the server over one websocket (``/_stcore/stream``, subprotocol
``streamlit``, an ``Origin`` that matches the host). It asks for a script run with a
``BackMsg.rerun_script`` (the page, the query string) and the server answers with
``ForwardMsg``s: the new session, the navigation, one delta per element, and finally
``script_finished``. This client does the same, so the time from sending the request to
``script_finished`` is the server's time for that page run (script, caches, protobuf
serialisation and loopback transfer; no browser rendering). Forty of these load the
server like forty viewers at a fraction of the client CPU real browsers need.

A click on a tab (``st.tabs(on_change="rerun")``) is a rerun of the same page with the
tab container's widget state set to the tab's label, as the browser sends it; the page
then builds that tab (:meth:`Viewer.choose_tab`).

Through a load balancer (``Viewer(base, balancer=True)``) the viewer behaves as a browser
does there: it first loads the page over HTTP, keeps the cookies the balancer sets (its
replica cookie) and sends them with the websocket upgrade and every later request; it
notes which replica served each response (the balancer's ``X-Replica`` header, in
:attr:`Viewer.served`). When its websocket drops (the replica died), it asks the health
endpoint again (the balancer sends it to another replica and sets a new cookie), opens a
new websocket, a new session there, and runs the page again; a run that was under way
when the socket dropped is kept in :attr:`Viewer.lost`.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED_OK = ForwardMsg.FINISHED_SUCCESSFULLY
#: A run that never finished: its websocket dropped first.
LOST = -1
#: How long a viewer behind a balancer keeps trying to reconnect, and the pause between tries.
RECONNECT_S = 30.0
RECONNECT_PAUSE_S = 0.5


@dataclass
class PageRun:
    """One script run as the server delivered it."""

    path: str
    seconds: float
    elements: int
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    status: int = FINISHED_OK
    reconnected: bool = False
    """Run on a new session after the websocket dropped (through a balancer)."""

    @property
    def ok(self) -> bool:
        """Finished normally and showed no traceback."""
        return self.status == FINISHED_OK and not self.exceptions


@dataclass(frozen=True)
class Served:
    """One response through a balancer: what it answered and which replica gave it."""

    kind: str  # "http" or "websocket" (the upgrade)
    replica: str | None  # the X-Replica header (None: the balancer sent none)
    at: float  # time.monotonic()


class Viewer:
    """One session over one websocket. Use ``async with Viewer(base) as viewer``.

    ``balancer``: the server is a load balancer (see the module's description).
    """

    def __init__(self, base: str, timeout: float = 120, balancer: bool = False) -> None:
        self.base = base
        self.timeout = timeout
        self.balancer = balancer
        self.pages: dict[str, str] = {}  # url path → page script hash (from the navigation)
        self.tab_labels: list[str] = []  # the tabs of the last page run, in order
        self.cookies: dict[str, str] = {}  # what the balancer set, sent back as a browser does
        self.served: list[Served] = []
        self.lost: list[PageRun] = []  # runs under way when the websocket dropped
        self.reconnects = 0
        self._tab_widget = ""  # the widget id of those tabs
        self._socket = None
        self._sent = False  # the last run's request went out

    async def __aenter__(self) -> Viewer:
        if self.balancer:
            await self._http("/")  # the page itself, as a browser loads it: the cookie
        await self._connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._socket.close()

    async def _connect(self) -> None:
        host = self.base.split("://", 1)[1]
        self._socket = await websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base,
            max_size=None,
            open_timeout=self.timeout,
            # Browsers send no websocket pings; the library's default (a ping every 20 s,
            # closing when the pong is late) would drop viewers of a busy server that a
            # browser keeps.
            ping_interval=None,
            additional_headers=self._cookie_header(),
        )
        if self.balancer:
            self._keep("websocket", self._socket.response.headers)

    def _cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def _keep(self, kind: str, headers) -> None:
        """Keep the cookies a response sets and the replica that gave it."""
        for line in headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: m.value for name, m in SimpleCookie(line).items()})
        self.served.append(Served(kind, headers.get("X-Replica"), time.monotonic()))

    async def _http(self, path: str) -> int:
        """GET ``path`` with the cookies, as a browser's request; its status."""
        request = urllib.request.Request(self.base + path, headers=self._cookie_header())

        def get():
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
                return response.status, response.headers

        status, headers = await asyncio.to_thread(get)
        self._keep("http", headers)
        return status

    async def _reconnect(self) -> None:
        """As the browser after a dropped websocket: ask the health endpoint until it
        answers (the balancer picks a live replica and sets its cookie), then open a new
        websocket: a new session on that replica."""
        deadline = time.monotonic() + RECONNECT_S
        while True:
            try:
                await self._http("/_stcore/health")
                await self._connect()
                self.reconnects += 1
                return
            except (OSError, websockets.InvalidHandshake, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(RECONNECT_PAUSE_S)

    async def open(self, path: str = "", query: str = "") -> PageRun:
        """Like loading the page's address: the page is named by its url path."""
        return await self._run(path, query, page_name=path)

    async def visit(self, path: str, query: str = "") -> PageRun:
        """Like clicking the page in the navigation: the page is named by its script hash."""
        if path not in self.pages:
            known = ", ".join(f"/{p}" for p in self.pages) or "geen (heeft de app gedraaid?)"
            raise LookupError(f"/{path} staat niet in de navigatie van de app; wel: {known}")
        return await self._run(path, query, page_hash=self.pages[path])

    async def choose_tab(self, path: str, query: str, label: str) -> PageRun:
        """Like clicking the tab ``label`` of the page ``path`` that the last run showed."""
        if label not in self.tab_labels:
            raise LookupError(f"/{path} heeft geen tabblad {label!r}; wel: {self.tab_labels}")
        run = await self._run(
            path, query, page_hash=self.pages[path], tab=(self._tab_widget, label)
        )
        run.path = f"{path} › {label}"
        return run

    async def _run(
        self,
        path: str,
        query: str,
        page_name: str = "",
        page_hash: str = "",
        tab: tuple[str, str] | None = None,
    ) -> PageRun:
        """One page run; through a balancer, on a new session if the websocket dropped."""
        if not self.balancer:
            return await self._run_once(path, query, page_name, page_hash, tab)
        reconnected = False
        for _ in range(3):  # the first try, and two more if a new replica dies too
            started = time.perf_counter()
            try:
                run = await self._run_once(path, query, page_name, page_hash, tab)
                run.reconnected = reconnected
                return run
            except websockets.ConnectionClosed:
                if self._sent:  # under way when it dropped: this run is lost
                    self.lost.append(PageRun(path, time.perf_counter() - started, 0, status=LOST))
                await self._reconnect()
                reconnected = True
        raise ConnectionError(f"/{path}: de websocket viel drie keer weg")

    async def _run_once(
        self,
        path: str,
        query: str,
        page_name: str = "",
        page_hash: str = "",
        tab: tuple[str, str] | None = None,
    ) -> PageRun:
        self._sent = False
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page_name
        message.rerun_script.page_script_hash = page_hash
        if tab is not None:
            state = message.rerun_script.widget_states.widgets.add()
            state.id, state.string_value = tab
        self.tab_labels = []
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        self._sent = True
        run = PageRun(path, 0.0, 0)
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"/{path}: geen script_finished binnen {self.timeout} s")
            reply = ForwardMsg()
            try:
                reply.ParseFromString(await _receive(self._socket, remaining))
            except TimeoutError as error:
                raise TimeoutError(
                    f"/{path}: geen script_finished binnen {self.timeout} s"
                ) from error
            kind = reply.WhichOneof("type")
            if kind == "navigation":
                self.pages = {
                    p.url_pathname: p.page_script_hash for p in reply.navigation.app_pages
                }
            elif kind == "delta":
                self._note(reply, run)
                self._note_tabs(reply)
            elif kind == "script_finished":
                run.status = reply.script_finished
                run.seconds = time.perf_counter() - started
                if run.status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return run

    def _note_tabs(self, reply: ForwardMsg) -> None:
        """Keep the widget id and labels of the page's tabs (only the open one is built)."""
        if reply.delta.WhichOneof("type") != "add_block":
            return
        block = reply.delta.add_block
        if block.WhichOneof("type") == "tab_container":
            self._tab_widget, self.tab_labels = block.tab_container.id, []
        elif block.WhichOneof("type") == "tab":
            self.tab_labels.append(block.tab.label)

    @staticmethod
    def _note(reply: ForwardMsg, run: PageRun) -> None:
        """Count elements; keep tracebacks and error messages the page shows."""
        if reply.delta.WhichOneof("type") != "new_element":
            return
        element = reply.delta.new_element
        run.elements += 1
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            run.errors.append(element.alert.body)


async def _receive(socket, timeout: float) -> bytes:
    return await asyncio.wait_for(socket.recv(), timeout)
