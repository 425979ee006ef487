"""Open `debate report` pages in a real headless browser: screenshots, console errors, network.

    PYTHONPATH=$PWD python benchmarks/report_browser.py [--out DIR] [--chromium PATH]

Builds four reports in a temporary folder: the demo league (`debate run`), a two-tournament
league (a second tournament on another pack, a new version of one debater, one debater gone,
a judge changed), a league of hostile model output and an interrupted one (both written as
events by debate.testing.report_samples). Opens each over file:// in Chromium (Debian's
`chromium`; `apt-get install -y chromium`) through the DevTools protocol, with a tiny client on
aiohttp (already installed with litellm), and checks:

- no console message of level warning or error, no uncaught exception, no log entry (a blocked
  load or a Content-Security-Policy violation shows there), no dialog;
- no network request: every request the page makes must be its own file:// URL;
- the hostile page: one script element (ours), no element with an event-handler attribute, no
  img, iframe, link, base or refresh, no javascript: link, and none of the hostile payloads ran.

Saves screenshots of each section at a laptop's 1440x900 and a PDF of the demo's print layout;
prints one line per page and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--remote-debugging-port=0", "--hide-scrollbars"]
WIDTH, HEIGHT = 1440, 900


class CDP:
    """One DevTools websocket: commands by id, events kept per session."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.next_id, self.waiting, self.events = ws, 0, {}, []
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self.waiting:
                self.waiting.pop(data["id"]).set_result(data)
            elif "method" in data:
                self.events.append(data)

    async def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = fut
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        await self.ws.send_str(json.dumps(msg))
        data = await asyncio.wait_for(fut, 60)
        if "error" in data:
            raise RuntimeError(f"{method}: {data['error']}")
        return data["result"]

    async def wait_for(self, method: str, session: str, after: int, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for ev in self.events[after:]:
                if ev["method"] == method and ev.get("sessionId") == session:
                    return ev
            await asyncio.sleep(0.05)
        raise TimeoutError(method)


class Page:
    def __init__(self, cdp: CDP, session: str, start: int) -> None:
        self.cdp, self.session, self.start = cdp, session, start

    async def send(self, method: str, params: dict | None = None) -> dict:
        return await self.cdp.send(method, params, self.session)

    async def js(self, expr: str):
        res = await self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                                   "awaitPromise": True})
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expr}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.cdp.events[self.start:]
                if e["method"] == method and e.get("sessionId") == self.session]

    async def shot(self, path: Path, selector: str | None = None, max_height: int = 2600) -> Path:
        """The viewport, or the element `selector` (its top `max_height` pixels)."""
        clip = None
        if selector:
            rect = await self.js(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                                 ".getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + "
                                 "scrollY, w: r.width, h: r.height}; })()")
            clip = {"x": 0, "y": max(0, rect["y"] - 8), "width": WIDTH,
                    "height": min(rect["h"] + 16, max_height), "scale": 1}
        res = await self.send("Page.captureScreenshot", {"format": "png", **(
            {"clip": clip, "captureBeyondViewport": True} if clip else {})})
        path.write_bytes(base64.b64decode(res["data"]))
        return path


async def open_page(cdp: CDP, url: str) -> Page:
    target = await cdp.send("Target.createTarget", {"url": "about:blank"})
    session = (await cdp.send("Target.attachToTarget", {"targetId": target["targetId"],
                                                        "flatten": True}))["sessionId"]
    page = Page(cdp, session, len(cdp.events))
    for domain in ("Page", "Runtime", "Log", "Network"):
        await page.send(f"{domain}.enable")
    await page.send("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": HEIGHT,
                                                          "deviceScaleFactor": 1, "mobile": False})
    mark = len(cdp.events)
    await page.send("Page.navigate", {"url": url})
    await cdp.wait_for("Page.loadEventFired", session, mark)
    await asyncio.sleep(0.3)
    return page


def problems(page: Page, url: str) -> list[str]:
    out = []
    for c in page.events("Runtime.consoleAPICalled"):
        if c["type"] in ("error", "warning", "assert"):
            out.append(f"console {c['type']}: " + " ".join(str(a.get("value", a.get("description")))
                                                          for a in c["args"]))
    out += [f"exception: {e['exceptionDetails'].get('text')}" for e in page.events("Runtime.exceptionThrown")]
    out += [f"log {e['entry']['level']}: {e['entry']['text']}" for e in page.events("Log.entryAdded")
            if e["entry"]["level"] in ("error", "warning")]
    out += [f"dialog: {e['message']}" for e in page.events("Page.javascriptDialogOpening")]
    out += [f"network request: {r['request']['url']}" for r in page.events("Network.requestWillBeSent")
            if r["request"]["url"] != url]
    return out


HOSTILE_CHECK = """(() => ({
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  loaders: document.querySelectorAll('img, iframe, link, base, object, embed, meta[http-equiv=refresh], textarea').length,
  jslinks: document.querySelectorAll('a[href^="javascript:"]').length,
  pwned: window.__pwned === undefined ? null : window.__pwned,
  shown: [...document.querySelectorAll('.model-text')].some(e => e.textContent.includes('<script>window.__pwned')),
  visible: document.body.offsetHeight > 1000,
}))()"""


async def check_all(chromium: str, reports: dict[str, Path], out: Path) -> int:
    profile = Path(tempfile.mkdtemp(prefix="report-browser-"))
    proc = subprocess.Popen([chromium, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failed = 0
    try:
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as ws:
                cdp = CDP(ws)
                for name, html in reports.items():
                    url = html.resolve().as_uri()
                    page = await open_page(cdp, url)
                    shots = await screenshots(page, name, out)
                    if name == "hostile":
                        got = await page.js(HOSTILE_CHECK)
                        bad = [f"{k}={v}" for k, v in got.items() if v != {"scripts": 1, "handlers": 0,
                               "loaders": 0, "jslinks": 0, "pwned": None, "shown": True,
                               "visible": True}[k]]
                    else:
                        bad = []
                    if name == "demo":
                        pdf = await page.send("Page.printToPDF", {"printBackground": True})
                        (out / "demo-print.pdf").write_bytes(base64.b64decode(pdf["data"]))
                        shots.append(out / "demo-print.pdf")
                    bad += problems(page, url)
                    failed += bool(bad)
                    n = await page.js("document.querySelectorAll('details.debate').length")
                    verdict = "OK" if not bad else "FAILED: " + "; ".join(bad)
                    print(f"{name}: {html.stat().st_size:,} bytes, {n} debates, {verdict}")
                    for s in shots:
                        print(f"  {s}")
                cdp.reader.cancel()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
    return failed


async def screenshots(page: Page, name: str, out: Path) -> list[Path]:
    shots = [await page.shot(out / f"{name}-top.png")]
    for key in await page.js("[...document.querySelectorAll('main > section[id]')].map(s => s.id)"):
        if key == "debates":
            continue
        shots.append(await page.shot(out / f"{name}-{key}.png", f"#{key}"))
    # the debates: filtered by the search box, the first match opened
    term = {"demo": "champion-a", "two-tournaments": "expert-a2", "hostile": "script",
            "interrupted": "pending"}.get(name, "")
    await page.js(f"(() => {{ const q = document.getElementById('q'); if (!q) return; q.value = {json.dumps(term)};"
                  " q.dispatchEvent(new Event('input')); const d = document.querySelector("
                  "'details.debate:not([hidden])'); if (d) d.open = true; })()")
    await asyncio.sleep(0.2)
    shots.append(await page.shot(out / f"{name}-debates.png", "#debates", max_height=1800))
    return shots


def run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "debate", *args], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def build(work: Path) -> dict[str, Path]:
    from debate.testing.report_samples import write_league

    if not (work / "demo.db").exists():  # a kept folder is reused: only the reports are rebuilt
        run(["run", "--db", "demo.db", "-q"], work)
    demo = yaml.safe_load((ROOT / "debate" / "league" / "demo_league.yaml").read_text())
    june = {**demo, "name": "monthly", "rounds": 3}
    july = {**june, "seed": 11, "motions": ["tech-ethics-en"],
            "debaters": [d for d in demo["debaters"] if d["name"] != "novice-b"]
            + [{"name": "expert-a2", "model": "house/expert", "params": {"seed": 9},
                "supersedes": "expert-a"}],
            "judges": demo["judges"][:2] + [{"name": "judge-4", "model": "house/judge", "params": {"seed": 4}}]}
    july["debaters"] = [d for d in july["debaters"] if d["name"] != "expert-a"]
    if not (work / "two.db").exists():
        for name, data in (("june", june), ("july", july)):
            (work / f"{name}.yaml").write_text(yaml.safe_dump(data))
            run(["run", f"{name}.yaml", "--db", "two.db", "-q"], work)
    for name, kwargs in (("hostile", {"debaters": 4, "rounds": 2, "hostile": True}),
                         ("interrupted", {"debaters": 8, "rounds": 4, "stop_in_round": 3})):
        (work / f"{name}.db").unlink(missing_ok=True)
        write_league(work / f"{name}.db", **kwargs)
    reports = {}
    for name, db in (("demo", "demo.db"), ("two-tournaments", "two.db"), ("hostile", "hostile.db"),
                     ("interrupted", "interrupted.db")):
        run(["report", db, "-o", f"{name}.html"], work)
        reports[name] = work / f"{name}.html"
    return reports


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("report-shots"), help="where screenshots go")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    ap.add_argument("--keep", type=Path, help="keep the databases and reports in this folder (and "
                    "reuse the leagues already run there)")
    ap.add_argument("--html", type=Path, nargs="+", help="check these reports instead of building four")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    if a.html:
        failed = asyncio.run(check_all(a.chromium, {p.stem: p for p in a.html}, a.out))
        print("all pages clean" if not failed else f"{failed} page(s) failed")
        return 1 if failed else 0
    work = a.keep or Path(tempfile.mkdtemp(prefix="report-build-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        reports = build(work)
        failed = asyncio.run(check_all(a.chromium, reports, a.out))
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print("all pages clean" if not failed else f"{failed} page(s) failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
