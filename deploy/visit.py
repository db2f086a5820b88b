"""One page view of a running Streamlit server without a browser: GET the page (behind nginx this sets the sticky
route cookie), open the app's websocket, ask for a script run and wait until it has finished.

    python deploy/visit.py PORT [PORT ...]     # open the first page once on each of these local servers

deploy/start.sh runs this on every replica before it reports the instance healthy, so the first resident does not
pay for the replica's first session (importing every page's modules, opening the warehouse: about 2 s).
benchmarks/loadtest.py and benchmarks/view_cpu.py measure with the same viewer.
"""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.request

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def fetch_page(url: str) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"User-Agent": "loadtest"})
    with urllib.request.urlopen(req, timeout=30) as r:
        cookie = r.headers.get("Set-Cookie", "")
        r.read()
        return r.status, cookie.split(";", 1)[0]


def connect(base: str, cookie: str, timeout: float):
    """The app's websocket, with the route cookie nginx set on the page's GET."""
    return websockets.connect(
        base.replace("http://", "ws://") + "_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={"Cookie": cookie, "Origin": base.rstrip("/")},
        max_size=2**26,
        open_timeout=timeout,
    )


async def until_finished(ws, timeout: float) -> tuple[bool, int]:
    """Wait for the end of the script run (after a rerun the page asked for, the one after it): whether it finished
    without an exception on the page, and how many exceptions it drew."""
    exceptions = 0
    while True:
        fm = ForwardMsg()
        fm.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=timeout))
        kind = fm.WhichOneof("type")
        if kind == "delta" and fm.delta.WhichOneof("type") == "new_element" and fm.delta.new_element.WhichOneof("type") == "exception":
            exceptions += 1
        if kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY and exceptions == 0, exceptions


async def viewer(base: str, page: str, timeout: float) -> dict:
    """One page view in a new session, timed from the GET to the end of its script run."""
    t0 = time.perf_counter()
    try:
        status, cookie = await asyncio.to_thread(fetch_page, f"{base}{page}")
        if status != 200:
            return {"page": page, "ok": False, "error": f"http {status}"}
        async with connect(base, cookie, timeout) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            msg.rerun_script.page_name = page
            await ws.send(msg.SerializeToString())
            ok, exceptions = await until_finished(ws, timeout)
            return {"page": page, "ok": ok, "seconds": time.perf_counter() - t0, "exceptions": exceptions}
    except Exception as exc:  # every failure counts as an error of that viewer
        return {"page": page, "ok": False, "error": f"{type(exc).__name__}: {exc}"[:200], "seconds": time.perf_counter() - t0}


def main(argv: list[str]) -> int:
    failed = 0
    for port in argv:
        result = asyncio.run(viewer(f"http://127.0.0.1:{int(port)}/", "", 300))
        print(f"replica :{port}: first session {result['seconds']:.1f} s" + ("" if result["ok"] else f", failed: {result}"))
        failed += not result["ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
