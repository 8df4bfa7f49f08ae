#!/usr/bin/env python3
"""opis-serve in a real headless Chromium (issue 18), driven over WebDriver
(chromedriver's HTTP JSON protocol, Python's standard library only).

Indexes corpus/ (and ../shared/corpus/records when present) plus a few
hostile records, starts opis-serve on a free loopback port, and in the
browser: searches, adds and removes a facet filter, pages, opens a record,
follows a person link, downloads RIS, filters a register as you type; then
opens the hostile records' pages, hovers and clicks over everything they
show, and checks through the DevTools protocol that no injected handler
fired (a watch installed before any page script records every handler that
ran, and every one the Content-Security-Policy blocked; a control handler
the test inserts itself is seen), no injected element exists and the
markup shows as text. Screenshots of the search, record and register pages
go to OUT (and to docs/img/ with --update-docs).

Usage: serve_browser_test.py --index BIN --serve BIN --source DIR --out DIR
Exit status: 0 passed, 1 failed, 77 skipped (no chromium or chromedriver).
"""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

HOSTILE = [
    {
        "id": "hostile-1",
        "title": "Hostile <script>window.__pwned='title'</script> <img src=x onerror=\"window.__pwned='img'\">",
        "date": "1958",
        "summary": "Quarantine report \" onmouseover=\"window.__pwned='attr'\" data-x=\"",
        "body": "Quarantine text \" onmouseover=\"window.__pwned='body'\" x=\" and <b id=injected "
                "onmouseover=window.__pwned='b'>bold</b> and ' onfocus='window.__pwned=1' autofocus='\n\n"
                "[Handwritten: <script>window.__pwned='hw'</script>]",
        "url": "javascript:window.__pwned='url'",
        "contributors": ["\" onmouseover=\"window.__pwned='contributor'"],
    },
    {
        "id": "hostile-2\"><script>window.__pwned='id'</script>",
        "title": "Quarantine second <svg onload=\"window.__pwned='svg'\">",
        "date": "1959",
        "body": "Quarantine body <iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
        "url": " JaVaScRiPt:window.__pwned='url2'",
        "cites": ["data:text/html,<script>window.__pwned='data'</script>", "vbscript:msgbox(1)"],
    },
]


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    """The few WebDriver commands the test needs."""

    def __init__(self, port, download_dir):
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": shutil.which("chromium"),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1100,900", "--lang=en-GB", "--no-first-run"],
                "prefs": {"download.default_directory": download_dir, "download.prompt_for_download": False},
            }}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]
        self.cmd("POST", "/goog/cdp/execute",
                 {"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": download_dir}})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read())["value"] if path != "/session" else json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            raise Fail(f"webdriver {method} {path}: {e.read().decode(errors='replace')[:500]}")

    def cmd(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def url(self):
        return self.cmd("GET", "/url")

    def find(self, css):
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        return [e[ELEMENT] for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def click(self, el):
        self.cmd("POST", f"/element/{el}/click", {})

    def text(self, el):
        return self.cmd("GET", f"/element/{el}/text")

    def type(self, el, text):
        self.cmd("POST", f"/element/{el}/value", {"text": text})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def hover(self, el):
        self.cmd("POST", "/actions", {"actions": [{"type": "pointer", "id": "mouse", "parameters": {
            "pointerType": "mouse"}, "actions": [{"type": "pointerMove", "duration": 0, "origin": {ELEMENT: el},
                                                  "x": 0, "y": 0}]}]})

    def cdp(self, method, params=None):
        """A DevTools protocol command, through chromedriver."""
        return self.cmd("POST", "/goog/cdp/execute", {"cmd": method, "params": params or {}})

    def cdp_eval(self, expression):
        return self.cdp("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"].get("value")

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))

    def resize(self, w, h):
        self.cmd("POST", "/window/rect", {"width": w, "height": h})

    def quit(self):
        try:
            self.cmd("DELETE", "")
        except Exception:
            pass


def wait_for(what, cond, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.1)
    raise Fail("timed out waiting for " + what)


def run_steps(d, site, out, downloads):
    # Search, with highlighted snippets and facets.
    d.go(site + "/search?q=Soviet&n=10")
    check("records" in d.text(d.find("#results-h")), "the search names its count")
    check(len(d.find_all("ol.hits > li")) == 10, "ten hits on a page of ten")
    check(d.find_all(".snippet mark"), "snippets highlight the matches")
    d.screenshot(os.path.join(out, "serve-search.png"))

    # Add a facet filter, then remove it.
    before = d.text(d.find("#results-h"))
    d.click(d.find(".facets section:first-of-type li a"))
    check("f=person" in d.url(), "a person facet adds f=person: " + d.url())
    check(len(d.find_all("ul.filters a.filter")) == 1, "the filter is shown, removable")
    check(d.text(d.find("#results-h")) != before, "the filter narrows the results")
    d.click(d.find("ul.filters a.filter"))
    check("f=" not in d.url(), "removing the filter drops it: " + d.url())
    check(d.text(d.find("#results-h")) == before, "and the results come back")

    # Page.
    d.click(d.find("a[rel=next]"))
    check("page=2" in d.url(), "Next goes to page 2")
    check(d.js("return document.querySelector('ol.hits').start") == 11, "page 2 starts at rank 11")

    # Open a record, with the query's matches marked.
    d.go(site + "/search?q=Baghdad")
    d.click(d.find("ol.hits > li:first-child h3 a"))
    check("/record?id=" in d.url(), "a hit opens its record")
    check(d.find_all(".body mark"), "the record's text marks the matches")
    check(d.js("return !document.querySelector('button.copy').hidden"), "the script shows the copy button")
    d.screenshot(os.path.join(out, "serve-record.png"))

    # Download RIS.
    d.click(d.find(".downloads a[href*='format=ris']"))
    ris = wait_for("the RIS download", lambda: [f for f in os.listdir(downloads) if f.endswith(".ris")])
    with open(os.path.join(downloads, ris[0]), encoding="utf-8") as f:
        text = f.read()
    check(text.startswith("TY  - ") and "ER  - " in text, "the download is RIS")

    # Follow a person link.
    name = d.text(d.find("a.person"))
    d.click(d.find("a.person"))
    check("f=person" in d.url(), "a person link searches that person")
    check(name in d.text(d.find("ul.filters")), "the person is the filter")
    check(d.find_all("ol.hits > li"), "and finds records")

    # A register, filtered as you type.
    d.go(site + "/places")
    check(len(d.find_all(".map circle")) > 3, "the place register draws places on the map")
    d.screenshot(os.path.join(out, "serve-register.png"))
    d.go(site + "/persons")
    total = len(d.find_all("#register li"))
    check(total > 3, "the person register lists persons")
    d.type(d.find("#filter"), "khrush")
    shown = d.js("return [...document.querySelectorAll('#register li')].filter(li => !li.hidden).length")
    check(0 < shown < total, f"typing filters the register ({shown} of {total})")

    # A phone-sized screen: one column, nothing wider than the screen.
    d.resize(400, 800)
    d.go(site + "/search?q=Soviet")
    check(d.js("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "fits a phone's width")
    d.resize(1100, 900)


# Installed through the DevTools protocol before any page script runs: every
# attempt of an injected handler is recorded, whether it ran (it sets
# window.__pwned, trapped here) or the Content-Security-Policy stopped it
# (a securitypolicyviolation event). Read back through the protocol.
WATCH = """
window.__opisFired = [];
document.addEventListener('securitypolicyviolation',
    e => window.__opisFired.push('blocked by the CSP: ' + e.violatedDirective + ' ' + (e.sample || '')));
(() => { let v; Object.defineProperty(window, '__pwned', {configurable: false,
    get() { return v; }, set(x) { v = x; window.__opisFired.push('handler ran: ' + x); }}); })();
"""


def fired(d):
    return d.cdp_eval("JSON.stringify(window.__opisFired === undefined ? ['watch not installed'] : "
                      "window.__opisFired)")


def hostile_steps(d, site):
    d.cdp("Page.enable")
    d.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    pages = [site + "/search?q=Quarantine", site + "/record?id=hostile-1&q=Quarantine",
             site + "/record?id=" + urllib.request.quote(HOSTILE[1]["id"], safe="") + "&q=Quarantine"]
    for page in pages:
        d.go(page)
        check(d.js("return document.title").find("Server error") < 0, "the page renders: " + page)
        # Hover over and click everything a record's text fills.
        for el in d.find_all("main *")[:200]:
            try:
                d.hover(el)
            except Fail:
                pass  # not displayed
        for el in d.find_all("main dd, main h1, main .snippet, main .body"):
            try:
                d.click(el)
            except Fail:
                pass
        check(fired(d) == "[]", "an injected handler fired (DevTools) on " + page + ": " + str(fired(d)))
        d.go(page) if d.url() != page else None
        check(fired(d) == "[]", "an injected handler fired (DevTools) on " + page + ": " + str(fired(d)))
        check(d.js("return window.__pwned === undefined"), "an injected handler ran on " + page)
        check(d.js("return document.querySelectorAll('#injected, main img, main iframe, main script, main b, "
                   "a[href^=\"javascript:\" i], a[href^=\" javascript:\" i], a[href^=\"data:\" i], "
                   "a[href^=\"vbscript:\" i]').length") == 0, "injected markup became elements on " + page)
        check(d.js("return [...document.querySelectorAll('main svg')].filter(s => !s.closest('.histogram')).length")
              == 0, "an injected svg on " + page)
    # The watch sees what it must: markup that did become a handler (put in
    # by the test itself, through the protocol) is reported.
    d.cdp_eval("document.body.insertAdjacentHTML('beforeend', "
               "'<img id=control src=data:, onerror=\"window.__pwned=1\">')")
    wait_for("the control handler to be reported", lambda: fired(d) != "[]", 5)
    d.go(pages[1])
    check("<script>" in d.text(d.find("h1")), "the hostile title shows as text")
    check("javascript:" in d.text(d.find("dl.fields")), "the javascript: URL shows as text, not as a link")
    d.go(pages[2])
    check("<script>" in d.text(d.find("dl.fields dd")), "the hostile id shows as text")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--serve", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--shared", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--update-docs", action="store_true")
    a = ap.parse_args()
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        print("SKIP: chromium or chromedriver missing (apt-get install chromium chromium-driver; scripts/setup "
              "installs both)")
        return 77
    os.makedirs(a.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="opis-browser-")
    procs = []
    d = None
    t0 = time.time()
    try:
        with open(os.path.join(tmp, "hostile.jsonl"), "w", encoding="utf-8") as f:
            for r in HOSTILE:
                f.write(json.dumps(r) + "\n")
        db = os.path.join(tmp, "db")
        sources = [os.path.join(a.source, "corpus"), os.path.join(tmp, "hostile.jsonl")]
        if a.shared and os.path.isdir(os.path.join(a.shared, "records")):
            sources.append(os.path.join(a.shared, "records"))
        r = subprocess.run([a.index, "--db", db, "--quiet"] + sources, capture_output=True, text=True)
        check(r.returncode == 0, "opis-index: " + r.stderr)
        serve = subprocess.Popen([a.serve, "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        procs.append(serve)
        first = serve.stdout.readline()
        check("http://127.0.0.1:" in first, "opis-serve says where: " + first + serve.stderr.read()
              if serve.poll() is not None else first)
        site = first.split("at ", 1)[1].strip().rstrip("/")
        port = free_port()
        driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        procs.append(driver)
        wait_for("chromedriver", lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0)
        downloads = os.path.join(tmp, "downloads")
        os.makedirs(downloads)
        d = Driver(port, downloads)
        run_steps(d, site, a.out, downloads)
        hostile_steps(d, site)
        if a.update_docs:
            for name in ("serve-search.png", "serve-record.png", "serve-register.png"):
                shutil.copy(os.path.join(a.out, name), os.path.join(a.source, "docs", "img", name))
        print(f"opis-serve in Chromium: all steps passed in {time.time() - t0:.1f} s; screenshots in {a.out}")
        return 0
    except Fail as e:
        print("FAIL: " + str(e))
        return 1
    finally:
        if d:
            d.quit()
        for p in procs:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
