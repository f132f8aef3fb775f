"""Take screenshots of a running Odoo with headless Chromium over the DevTools protocol.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8069 docs/screenshots \
        name=/odoo/action-complaint_management.complaint_complaint_action ...

Logs in as admin/admin (the demo database; SHOT_LOGIN / SHOT_PASSWORD log in as another
user), opens each path, waits for the web client to settle and writes <name>.png. Only
loopback addresses are used (Chromium's DevTools port: CHROME_DEBUG_PORT, default 9333).
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

CHROME = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
LOGIN = os.environ.get("SHOT_LOGIN", "admin")
PASSWORD = os.environ.get("SHOT_PASSWORD", "admin")


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True)
        return result.get("result", {}).get("value")

    def goto(self, url, settle=3.0):
        self.call("Page.navigate", url=url)
        deadline = time.time() + 30
        while time.time() < deadline:
            time.sleep(0.5)
            if self.evaluate("document.readyState") == "complete":
                break
        time.sleep(settle)


def main(base, outdir, shots):
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="chrome-")
    port = int(os.environ.get("CHROME_DEBUG_PORT", "9333"))
    chrome = subprocess.Popen(
        [
            CHROME,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "--remote-debugging-address=127.0.0.1",
            "--window-size=1440,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as resp:
                    targets = json.load(resp)
                ws_url = next(t for t in targets if t["type"] == "page")[
                    "webSocketDebuggerUrl"
                ]
                break
            except OSError:  # Chromium is still starting
                time.sleep(0.2)
        page = Page(ws_url)
        page.call("Page.enable")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.goto(f"{base}/web/login", settle=1)
        page.evaluate(
            f"document.querySelector('#login').value={json.dumps(LOGIN)};"
            f"document.querySelector('#password').value={json.dumps(PASSWORD)};"
            "document.querySelector('form.oe_login_form').submit();"
        )
        time.sleep(4)
        for shot in shots:
            name, path = shot.split("=", 1)
            page.goto(base + path, settle=float(os.environ.get("SETTLE", "6")))
            data = page.call("Page.captureScreenshot", format="png")["data"]
            target = os.path.join(outdir, f"{name}.png")
            with open(target, "wb") as out:
                out.write(base64.b64decode(data))
            print(target)
    finally:
        chrome.terminate()
        chrome.wait(10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
