"""Streamlit sessions without a browser: a websocket client that speaks the app's own protocol (BackMsg/ForwardMsg
protobufs, as the frontend does), so that many sessions run a page's script on the server at once while a single
browser, the probe, is timed drawing the same page. Twenty headless Chromiums on the server's two cores would measure
the client machine instead: the bare floor alone slows down 27x that way."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

TIMEOUT_S = 120


async def run_page(base_url: str, path: str, query: str = "") -> float:
    """Open a session, run `path` (a page's URL path; "" for the entry page) and return the milliseconds from the
    request to the script's successful end. The session closes afterwards."""
    return (await run_session(base_url, path, [query]))[0]


async def run_session(base_url: str, path: str, queries: list[str], cookie: str | None = None) -> list[float]:
    """Open a session and run `path` once for each query string in turn, in that one session (as a link or Back does,
    the later runs rerun the page with other values); the milliseconds of each run from request to successful end.
    `cookie` is sent with the websocket's request, as a browser sends its cookies (a proxy's affinity cookie, say).
    A page the server lacks, or an exception the page shows, raises. The session closes afterwards."""
    url = urlparse(base_url)
    async with websockets.connect(
        f"ws://{url.netloc}/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        additional_headers={"Cookie": cookie} if cookie else None,
        proxy=None,  # loopback: never through a proxy named in the environment
        max_size=None,
        open_timeout=TIMEOUT_S,
    ) as socket:
        times = []
        for query in queries:
            request = BackMsg()
            request.rerun_script.query_string = query
            request.rerun_script.page_name = path
            started = time.perf_counter()
            await socket.send(request.SerializeToString())
            async with asyncio.timeout(TIMEOUT_S):
                while True:
                    message = ForwardMsg()
                    message.ParseFromString(await socket.recv())
                    kind = message.WhichOneof("type")
                    if kind == "page_not_found":
                        raise RuntimeError(f"the server has no page {path!r}")
                    if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                        raise RuntimeError(f"/{path}?{query} shows an exception: {message.delta.new_element.exception.message}")
                    # a run that ends early for a rerun (st.rerun, a page switch) is followed by the real one
                    if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        times.append((time.perf_counter() - started) * 1000)
                        break
        return times
