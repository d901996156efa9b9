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
    url = urlparse(base_url)
    async with websockets.connect(
        f"ws://{url.netloc}/_stcore/stream", subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=TIMEOUT_S
    ) as socket:
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
                # a run that ends early for a rerun (st.rerun, a page switch) is followed by the real one
                if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return (time.perf_counter() - started) * 1000
