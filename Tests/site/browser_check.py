#!/usr/bin/env python3
"""Load every page of a static HTML site in headless chromium and fail on anything a reader would hit.

Usage: browser_check.py DIR [--screenshots OUT] [--marker NAME] [--page-timeout S] [--total-timeout S]

Every `*.html` under DIR (recursively, sorted) is opened from its file:// URL in a fresh tab of
Debian's `chromium`, driven over the Chrome DevTools Protocol with the `websocket-client`
package. A page fails when, while it loads and just after:

- the console gets an error or a warning from the page (console.error/warn/assert) or from the
  browser (a failed load, a blocked resource, a security error);
- a script throws an uncaught exception;
- a resource fails to load (a broken relative link to a stylesheet, script or image);
- anything is requested that is not file:, data:, blob: or about: (the site must carry all its
  assets; outside requests are also blocked so that nothing leaves the machine);
- a JavaScript dialog opens (alert, confirm, prompt: dismissed and recorded), a window opens,
  or the page navigates away or to a javascript: URL;
- `window.<marker>` (default `__uapi_pwned`) is defined in any frame after load: the hostile
  test's payloads set it when they run;
- the DOM holds something that would run on a click or hover: an inline event handler attribute
  (onerror=, onclick=, ...), a javascript: URL in href/src/action/formaction, an iframe srcdoc;
- a link (a, area, link) points to a missing file, a folder, a file outside DIR, or a fragment
  that names no id or anchor in its target page.

With --screenshots OUT, a full-page PNG of each page is written at 1280 CSS pixels wide, once with
prefers-color-scheme light and once dark: DIR/a/b.html gives OUT/a/b.light.png and OUT/a/b.dark.png.

Prints `ok PATH` or `FAIL PATH: reason` (further reasons indented below) per page and a summary.
Exit status: 0 all pages passed, 1 a page failed (or the overall timeout cut the run short),
2 usage error or the browser could not be started or went away.
"""

import argparse
import atexit
import base64
import html.parser
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

try:
    import websocket  # the websocket-client package
except ImportError:
    print("browser_check: the Python package websocket-client is missing (make site-deps installs it)", file=sys.stderr)
    sys.exit(2)

WIDTH = 1280
HEIGHT = 800
# Chromium cannot capture a taller surface in one piece; longer pages are cut there.
MAX_SHOT_HEIGHT = 16384
# Schemes that never leave the machine. Anything else a page requests is an outside asset.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# After the load event, how long the page must stay quiet before it counts as settled: catches
# payloads that run from a timer or an error handler just after load.
SETTLE_SECONDS = 0.3
REASON_LIMIT = 300


class UsageError(Exception):
    """Bad arguments, no pages, no browser: exit 2."""


class BrowserGone(Exception):
    """The DevTools connection closed or the browser process died mid-run: exit 2."""


# ---------------------------------------------------------------------------------------------
# The browser process

class Browser:
    """A headless chromium with a temporary profile, killed with its whole process group."""

    def __init__(self):
        self.proc = None
        self.profile = None
        self.port = None
        self.stderr_path = None

    def start(self, timeout):
        exe = find_chromium()
        self.profile = tempfile.mkdtemp(prefix="browser-check-profile.")
        self.stderr_path = os.path.join(self.profile, "stderr.log")
        args = [
            exe,
            "--headless=new",
            "--no-sandbox",  # running as root in a container: the sandbox cannot start there
            "--disable-gpu",
            "--remote-debugging-port=0",  # the browser picks a free port and writes it to DevToolsActivePort
            "--remote-allow-origins=*",
            f"--user-data-dir={self.profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            "--hide-scrollbars",  # screenshots the same width with or without a scroll bar
            "--mute-audio",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-dev-shm-usage",  # /dev/shm is small in containers; Debian's wrapper check misfires here
            "--disable-extensions",
            "--disable-component-extensions-with-background-pages",
            "--disable-default-apps",
            # Nothing but the pages' own file:// loads: no updates, sync, metrics or lookups, and
            # every host name fails to resolve, so a stray outside URL never reaches the network.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--no-pings",
            "--metrics-recording-only",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            "about:blank",
        ]
        with open(self.stderr_path, "wb") as err:
            # Its own session, so that killing the group takes the renderer and helper processes too.
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                         start_new_session=True)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise UsageError(f"chromium exited with status {self.proc.returncode} at start:\n{self.stderr_tail()}")
            try:
                lines = port_file.read_text().splitlines()
                if len(lines) >= 2 and lines[0].isdigit():
                    self.port = int(lines[0])
                    return f"ws://127.0.0.1:{self.port}{lines[1]}"
            except FileNotFoundError:
                pass
            time.sleep(0.05)
        raise UsageError(f"chromium did not open its DevTools port within {timeout:.0f} s:\n{self.stderr_tail()}")

    def stderr_tail(self):
        try:
            text = Path(self.stderr_path).read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-15:])

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, devtools=None):
        if self.proc is not None:
            # Asked to close, chromium ends its helpers and reaps them itself; killed, it leaves
            # them to init as zombies for a while. The kill below is for when asking did not work.
            if devtools is not None and self.proc.poll() is None:
                try:
                    devtools.call("Browser.close", deadline=time.monotonic() + 3)
                except BrowserGone:
                    pass  # the answer may never come: the socket closes as the browser goes
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
            # Helpers (zygote, renderers) may outlive the main process for a moment.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc = None
            reap_orphans()
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


def become_subreaper():
    """Chromium's helpers (zygotes, crashpad) are forked away from the main process; when it ends
    they would be handed to init and linger as zombies. As a subreaper, we get them and reap them."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass  # not Linux, or no prctl: the zombies are init's to reap then


def reap_orphans():
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no children left
        if pid == 0:
            time.sleep(0.05)


def find_chromium():
    """Debian's real binary, not its /usr/bin wrapper: the wrapper sources /etc/chromium.d, which
    adds API keys and extension flags and runs a shell test that prints errors in containers."""
    explicit = os.environ.get("CHROMIUM")
    candidates = [explicit] if explicit else ["/usr/lib/chromium/chromium", shutil.which("chromium"),
                                               shutil.which("chromium-browser")]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    raise UsageError("chromium not found: install Debian's chromium (make site-deps) or set CHROMIUM=/path")


# ---------------------------------------------------------------------------------------------
# The DevTools connection

class DevTools:
    """One WebSocket to the browser; tabs are reached through flat sessions (sessionId on each
    message), so a page's events and our commands share the socket and arrive in order."""

    def __init__(self, ws_url, timeout):
        try:
            # suppress_origin: chromium refuses WebSocket handshakes that carry an Origin header it
            # was not told to allow; a command-line client has no origin to send.
            self.ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True,
                                                  enable_multithread=False)
        except Exception as e:  # noqa: BLE001 (any failure to connect is the same usage error)
            raise UsageError(f"cannot connect to chromium's DevTools at {ws_url}: {e}") from e
        self.next_id = 0
        self.handlers = []  # callables (method, params, session_id) -> None, for events

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        try:
            self.ws.send(json.dumps(msg))
        except (websocket.WebSocketException, OSError) as e:
            raise BrowserGone(f"DevTools connection lost sending {method}: {e}") from e
        return self.next_id

    def call(self, method, params=None, session=None, deadline=None):
        """Send a command and wait for its answer, dispatching events meanwhile. Returns (result,
        error message or None); None, "timeout" when the deadline passes first."""
        wanted = self.send(method, params, session)
        while True:
            msg = self.receive(deadline)
            if msg is None:
                return None, "timeout"
            if msg.get("id") == wanted:
                if "error" in msg:
                    return None, msg["error"].get("message", str(msg["error"]))
                return msg.get("result", {}), None

    def receive(self, deadline):
        """Read one message (dispatching it when it is an event); None when the deadline passed."""
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return None
        self.ws.settimeout(remaining if remaining is not None else 30)
        try:
            raw = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return None
        except (websocket.WebSocketException, OSError) as e:
            raise BrowserGone(f"DevTools connection lost: {e}") from e
        if not raw:
            raise BrowserGone("DevTools connection closed by the browser")
        msg = json.loads(raw)
        if "method" in msg:
            for h in list(self.handlers):
                h(msg["method"], msg.get("params", {}), msg.get("sessionId"))
        return msg

    def close(self):
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 (closing a dead socket is fine)
            pass


# ---------------------------------------------------------------------------------------------
# One page

# Runs in every frame after load. Returns what would execute on a click or hover, and the links
# to check on disk. Written defensively: it must not itself throw on a strange DOM.
DOM_SCAN = r"""
(() => {
  const bad = [];
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping"];
  const isJs = (v) => /^javascript:/i.test(String(v).replace(/[\u0000-\u0020\u007f]/g, ""));
  const describe = (el) => "<" + el.localName + (el.id ? "#" + el.id : "") + ">";
  for (const el of document.querySelectorAll("*")) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push("inline event handler " + name + "= on " + describe(el));
      else if (name === "srcdoc") bad.push("iframe srcdoc on " + describe(el));
      else if (urlAttrs.includes(name) && isJs(attr.value))
        bad.push("javascript: URL in " + name + "= of " + describe(el));
    }
  }
  const links = [];
  for (const el of document.querySelectorAll("a[href], area[href], link[href]"))
    links.push({href: el.href, raw: el.getAttribute("href"), tag: el.localName});
  return {bad: bad, links: links};
})()
"""


class PageCheck:
    """Everything recorded about one page while it loads; `failures` is what gets reported."""

    def __init__(self, dt, rel, url, marker, root):
        self.dt = dt
        self.rel = rel
        self.url = url
        self.marker = marker
        self.root = root
        self.session = None
        self.target = None
        self.failures = []
        self.loaded = False
        self.requests = {}  # requestId -> url, for naming failed loads
        self.inflight = set()
        self.contexts = {}  # executionContextId -> frame description
        self.top_context = None  # the top frame's page world, whose links are checked
        self.navigations = 0
        self.last_event = time.monotonic()
        self.seen = set()  # de-duplicates reasons (a failed load shows up in Network and Log)

    def fail(self, reason):
        reason = " ".join(str(reason).split())
        if len(reason) > REASON_LIMIT:
            reason = reason[:REASON_LIMIT - 1] + "…"
        if reason not in self.seen:
            self.seen.add(reason)
            self.failures.append(reason)

    # Events for this page's session (and the browser-level target events that name it).
    def on_event(self, method, p, session):
        if method == "Target.targetCreated":
            info = p.get("targetInfo", {})
            if self.target and info.get("openerId") == self.target:
                self.fail(f"opened a new window: {info.get('url') or '(blank)'}")
                self.dt.send("Target.closeTarget", {"targetId": info.get("targetId")})
            return
        if method == "Target.targetCrashed" and p.get("targetId") == self.target:
            self.fail("the page's renderer crashed")
            return
        if session != self.session or self.session is None:
            return
        self.last_event = time.monotonic()
        if method == "Page.javascriptDialogOpening":
            # Dismiss at once: an open dialog blocks the page's scripts and its load event.
            self.dt.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)
            self.fail(f"JavaScript {p.get('type', 'dialog')} opened: {p.get('message', '')!r}")
        elif method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Runtime.consoleAPICalled":
            kind = p.get("type")
            if kind in ("error", "warning", "assert"):
                text = " ".join(console_arg(a) for a in p.get("args", []))
                self.fail(f"console.{'warn' if kind == 'warning' else kind}: {text}{stack_place(p.get('stackTrace'))}")
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            exc = d.get("exception", {})
            text = exc.get("description") or d.get("text", "exception")
            text = text.splitlines()[0] if text else "exception"
            where = short_url(d.get("url", ""), self.root)
            self.fail(f"uncaught exception: {text} at {where}:{d.get('lineNumber', 0) + 1}:{d.get('columnNumber', 0) + 1}")
        elif method == "Log.entryAdded":
            e = p.get("entry", {})
            if e.get("level") in ("error", "warning"):
                # Failed loads are reported from Network with their URL; this line repeats them.
                if e.get("source") == "network" and e.get("url"):
                    why = e.get("text", "").removeprefix("Failed to load resource: ")
                    self.fail(f"failed to load {short_url(e['url'], self.root)}: {why}")
                else:
                    where = f" ({short_url(e['url'], self.root)})" if e.get("url") else ""
                    self.fail(f"browser {e.get('level')} [{e.get('source')}]: {e.get('text', '')}{where}")
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            self.requests[p.get("requestId")] = url
            self.inflight.add(p.get("requestId"))
            if not url.startswith(LOCAL_SCHEMES):
                self.fail(f"outside request (the site must carry its own assets): {url}")
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            rid = p.get("requestId")
            self.inflight.discard(rid)
            if method == "Network.loadingFailed" and not p.get("canceled"):
                url = self.requests.get(rid, "?")
                why = p.get("blockedReason") or p.get("errorText", "")
                if url.startswith(LOCAL_SCHEMES):
                    self.fail(f"failed to load {short_url(url, self.root)}: {why}")
        elif method in ("Page.frameRequestedNavigation", "Page.frameScheduledNavigation"):
            # A javascript: URL never becomes a real navigation (it runs in the page instead), so
            # it is caught where it is asked for: chromium reports `location = "javascript:..."`
            # as a scheduled navigation. Other navigations are judged by Page.frameNavigated once
            # they happen: a page that only changes its #fragment requests one too, and is fine.
            url = p.get("url", "")
            if url.lower().startswith("javascript:"):
                self.fail(f"navigation to a javascript: URL ({p.get('reason', '')}): {url}")
        elif method == "Page.frameNavigated":
            frame = p.get("frame", {})
            url = frame.get("url", "")
            if not frame.get("parentId"):
                self.navigations += 1
                if self.navigations > 1:
                    self.fail(f"the page navigated away to {short_url(url, self.root)}")
            if not url.startswith(LOCAL_SCHEMES):
                self.fail(f"a frame navigated outside the site: {url}")
        elif method == "Runtime.executionContextCreated":
            c = p.get("context", {})
            aux = c.get("auxData", {})
            # Only the pages' own worlds: the isolated worlds DevTools and extensions add are not the page.
            if aux.get("type", "default") == "default":
                self.contexts[c["id"]] = c.get("origin") or c.get("name") or "frame"
                # A page target's main frame has the target's id.
                if aux.get("frameId") == self.target:
                    self.top_context = c["id"]
        elif method == "Runtime.executionContextDestroyed":
            self.contexts.pop(p.get("executionContextId"), None)
        elif method == "Runtime.executionContextsCleared":
            self.contexts.clear()
        elif method == "Inspector.targetCrashed":
            self.fail("the page's renderer crashed")


def console_arg(a):
    if "value" in a:
        return str(a["value"])
    return a.get("description") or a.get("type", "?")


def stack_place(stack):
    frames = (stack or {}).get("callFrames") or []
    if not frames:
        return ""
    f = frames[0]
    return f" at {short_url(f.get('url', ''), None)}:{f.get('lineNumber', 0) + 1}:{f.get('columnNumber', 0) + 1}"


def short_url(url, root):
    """A file:// URL inside the site as its relative path; anything else as it is."""
    if url.startswith("file://"):
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
        if root is not None:
            try:
                return os.path.relpath(path, root)
            except ValueError:
                return path
        return os.path.basename(path)
    return url


class IdCollector(html.parser.HTMLParser):
    """The fragment targets of a page: every id, and name= on <a> (the old anchor form)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v is not None and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


_ids_cache = {}


def ids_of(path):
    if path not in _ids_cache:
        p = IdCollector()
        try:
            p.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
            p.close()
        except OSError:
            pass
        _ids_cache[path] = p.ids
    return _ids_cache[path]


def check_links(page, links, root):
    """Relative links must land on a file inside the site, and a fragment on an id there. Links to
    other sites (http, https, mailto) are allowed: they are not assets the page loads."""
    for link in links:
        href = link.get("href") or ""
        raw = link.get("raw") or ""
        if not href.startswith("file:"):
            continue
        parts = urllib.parse.urlsplit(href)
        path = Path(urllib.parse.unquote(parts.path))
        label = f"<{link.get('tag')} href={raw!r}>"
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path
        try:
            resolved.relative_to(root)
        except ValueError:
            page.fail(f"link leaves the site folder: {label}")
            continue
        if not path.exists():
            page.fail(f"broken link: {label} (no {os.path.relpath(path, root)})")
            continue
        if path.is_dir():
            page.fail(f"link to a folder, which file:// shows as a listing: {label}")
            continue
        fragment = urllib.parse.unquote(parts.fragment)
        if fragment and fragment != "top" and path.suffix in (".html", ".htm"):
            if fragment not in ids_of(path):
                page.fail(f"link to a missing anchor: {label} (no id {fragment!r} in {os.path.relpath(path, root)})")


def check_page(dt, html_path, root, marker, shots, page_timeout):
    rel = str(html_path.relative_to(root))
    url = html_path.as_uri()
    page = PageCheck(dt, rel, url, marker, root)
    deadline = time.monotonic() + page_timeout
    dt.handlers.append(page.on_event)
    try:
        res, err = dt.call("Target.createTarget", {"url": "about:blank"}, deadline=deadline)
        if err:
            page.fail(f"could not open a tab: {err}")
            return page
        page.target = res["targetId"]
        res, err = dt.call("Target.attachToTarget", {"targetId": page.target, "flatten": True}, deadline=deadline)
        if err:
            page.fail(f"could not attach to the tab: {err}")
            return page
        page.session = res["sessionId"]
        s = page.session
        setup = [
            ("Page.enable", {}),
            ("Runtime.enable", {}),
            ("Log.enable", {}),
            ("Network.enable", {}),
            # Blocked here as well as by the host resolver rules: the request is still reported
            # (and fails the page), it just never goes out.
            ("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]}),
            ("Network.setCacheDisabled", {"cacheDisabled": True}),
            ("Emulation.setDeviceMetricsOverride",
             {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}),
            ("Emulation.setEmulatedMedia", {"media": "screen",
                                            "features": [{"name": "prefers-color-scheme", "value": "light"}]}),
        ]
        for method, params in setup:
            _, err = dt.call(method, params, s, deadline)
            if err:
                page.fail(f"{method} failed: {err}")
                return page
        res, err = dt.call("Page.navigate", {"url": url}, s, deadline)
        if err or (res and res.get("errorText")):
            page.fail(f"could not open the page: {err or res.get('errorText')}")
            return page
        # Wait for load, then for a short quiet spell with no request in flight.
        while not page.loaded:
            if dt.receive(deadline) is None and time.monotonic() >= deadline:
                page.fail(f"no load event within {page_timeout:.0f} s")
                return page
        settle(dt, page, deadline)
        inspect_frames(dt, page, deadline)
        if shots is not None:
            out = shots / Path(rel).with_suffix("")
            screenshot(dt, page, out.parent / (out.name + ".light.png"), deadline)
        # The dark pass is run with or without screenshots: a script that reacts to the colour
        # scheme changing gets its chance to fail too.
        _, err = dt.call("Emulation.setEmulatedMedia",
                         {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": "dark"}]}, s, deadline)
        if err:
            page.fail(f"could not switch to the dark colour scheme: {err}")
        settle(dt, page, deadline)
        if shots is not None:
            out = shots / Path(rel).with_suffix("")
            screenshot(dt, page, out.parent / (out.name + ".dark.png"), deadline)
        inspect_frames(dt, page, deadline, scan_dom=False)
        if time.monotonic() >= deadline:
            page.fail(f"not finished within {page_timeout:.0f} s")
        return page
    finally:
        if page.target:
            # Closing answers quickly; a page that never lets go must not stall the run.
            dt.call("Target.closeTarget", {"targetId": page.target}, deadline=time.monotonic() + 2)
        dt.handlers.remove(page.on_event)


def settle(dt, page, deadline):
    """Pump events until nothing is in flight and nothing happened for SETTLE_SECONDS."""
    page.last_event = time.monotonic()
    while time.monotonic() < deadline:
        quiet_until = page.last_event + SETTLE_SECONDS
        now = time.monotonic()
        if now >= quiet_until and not page.inflight:
            return
        dt.receive(min(deadline, max(quiet_until, now + 0.05)))


def inspect_frames(dt, page, deadline, scan_dom=True):
    """The marker in every frame's page world (a srcdoc iframe's payload sets it on its own
    window), then the DOM scan for what would run later, and the links."""
    for ctx, origin in list(page.contexts.items()):
        expr = f"typeof window[{json.dumps(page.marker)}] !== 'undefined'"
        res, err = dt.call("Runtime.evaluate", {"expression": expr, "contextId": ctx, "returnByValue": True},
                           page.session, deadline)
        if res and res.get("result", {}).get("value") is True:
            page.fail(f"marker window.{page.marker} was set (a payload ran) in frame {origin}")
    if not scan_dom:
        return
    for ctx in list(page.contexts):
        res, err = dt.call("Runtime.evaluate", {"expression": DOM_SCAN, "contextId": ctx, "returnByValue": True},
                           page.session, deadline)
        value = (res or {}).get("result", {}).get("value")
        if not isinstance(value, dict):
            continue
        for b in value.get("bad", []):
            page.fail(f"executable markup: {b}")
        # Links are checked from the top frame's document only, unless the page went elsewhere:
        # then they are another page's links.
        if ctx == page.top_context and page.navigations <= 1:
            check_links(page, value.get("links", []), page.root)


def screenshot(dt, page, out, deadline):
    res, err = dt.call("Page.getLayoutMetrics", {}, page.session, deadline)
    if err or not res:
        page.fail(f"no layout metrics for the screenshot: {err}")
        return
    size = res.get("cssContentSize") or res.get("contentSize") or {}
    height = max(1, min(MAX_SHOT_HEIGHT, int(size.get("height", HEIGHT) + 0.999)))
    params = {"format": "png", "captureBeyondViewport": True,
              "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}}
    res, err = dt.call("Page.captureScreenshot", params, page.session, deadline)
    if err or not res:
        page.fail(f"screenshot failed: {err}")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(res["data"]))


# ---------------------------------------------------------------------------------------------

def main(argv):
    ap = argparse.ArgumentParser(description="Check every page of a static HTML site in headless chromium.")
    ap.add_argument("dir", help="folder of .html files (searched recursively)")
    ap.add_argument("--screenshots", metavar="OUT", help="write OUT/<page>.light.png and .dark.png")
    ap.add_argument("--marker", default="__uapi_pwned", help="window property a payload sets (default %(default)s)")
    ap.add_argument("--page-timeout", type=float, default=10.0, help="seconds per page (default %(default)s)")
    ap.add_argument("--total-timeout", type=float, default=600.0, help="seconds for the whole run (default %(default)s)")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    root = Path(args.dir)
    if not root.is_dir():
        raise UsageError(f"{args.dir}: not a folder")
    root = root.resolve()
    pages = sorted(p for p in root.rglob("*.html") if p.is_file())
    if not pages:
        raise UsageError(f"{args.dir}: no .html files")
    if not args.marker.isidentifier():
        raise UsageError(f"--marker {args.marker!r}: not a JavaScript identifier")
    shots = Path(args.screenshots).resolve() if args.screenshots else None

    started = time.monotonic()
    total_deadline = started + args.total_timeout
    become_subreaper()
    browser = Browser()
    atexit.register(browser.stop)
    # The last resort against a hang the deadlines above do not cover (a stuck connect, a wedged
    # browser): SIGALRM ends the run through on_signal, and atexit kills chromium.
    signal.alarm(int(args.total_timeout) + 60)
    ws_url = browser.start(timeout=20)
    dt = DevTools(ws_url, timeout=10)
    # Windows a page opens are reported here and closed; see PageCheck.on_event.
    dt.call("Target.setDiscoverTargets", {"discover": True}, deadline=time.monotonic() + 10)

    passed = failed = 0
    for i, html_path in enumerate(pages):
        rel = str(html_path.relative_to(root))
        if time.monotonic() >= total_deadline:
            print(f"FAIL {rel}: not checked, the overall timeout of {args.total_timeout:.0f} s ran out")
            failed += 1
            continue
        page_timeout = min(args.page_timeout, total_deadline - time.monotonic())
        page = check_page(dt, html_path, root, args.marker, shots, page_timeout)
        if not browser.alive():
            raise BrowserGone(f"chromium died while checking {rel}:\n{browser.stderr_tail()}")
        if page.failures:
            failed += 1
            print(f"FAIL {rel}: {page.failures[0]}")
            for reason in page.failures[1:]:
                print(f"    {reason}")
        else:
            passed += 1
            print(f"ok {rel}")
        sys.stdout.flush()
    browser.stop(dt)
    dt.close()
    took = time.monotonic() - started
    print(f"{len(pages)} pages in {took:.1f} s ({took / len(pages):.2f} s a page)"
          + (f", screenshots in {shots}" if shots else ""))
    print(f"browser_check: {passed} passed, {failed} failed")
    return 1 if failed else 0


def on_signal(signum, _frame):
    # atexit runs on SystemExit, so the browser is killed on Ctrl-C and on a kill from make too.
    if signum == signal.SIGALRM:
        print("browser_check: the run overran its overall timeout; chromium killed", file=sys.stderr)
        raise SystemExit(2)
    print(f"browser_check: stopped by {signal.Signals(signum).name}; chromium killed", file=sys.stderr)
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGALRM):
        signal.signal(sig, on_signal)
    try:
        sys.exit(main(sys.argv[1:]))
    except UsageError as e:
        print(f"browser_check: {e}", file=sys.stderr)
        sys.exit(2)
    except BrowserGone as e:
        print(f"browser_check: {e}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:
        # Output piped into head: stop quietly (atexit still ends chromium).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
