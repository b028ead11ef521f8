"""A small HTTP load generator for `make bench-peer` and `make bench-load`: threads, http.client.

No Django here: the servers under load are other processes. Every request goes to an
address on this machine (a `Browser` refuses any other host), each loop is bounded in
count and in time, and every request is recorded with its status and latency.

- `Browser`: one person's browser: cookies, the CSRF token, forms posted url-encoded or
  as multipart, redirects followed on request; optionally from a loopback address of its
  own (127.x.y.z), so that a server's per-client limits count each person apart.
- `Recorder`: every request's label, status and seconds, safe across threads.
- `hammer`: one request function called `total` times by `concurrency` threads.
- `percentiles`, `summary`: p50/p95/p99 and requests per second.
"""

import http.client
import http.cookies
import ipaddress
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit


class Response(NamedTuple):
    status: int
    headers: dict  # lower-cased names; Set-Cookie is read by the Browser
    body: bytes
    url: str
    seconds: float

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Recorder:
    """Every request's (label, status, seconds); status 0 is a request that got no answer."""

    def __init__(self):
        self._lock = threading.Lock()
        self.requests = []

    def add(self, label, status, seconds):
        with self._lock:
            self.requests.append((label, status, seconds))

    def statuses(self):
        counts = {}
        for _label, status, _seconds in self.requests:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def server_errors(self):
        """Requests answered 5xx, or not answered at all."""
        return [r for r in self.requests if r[1] == 0 or r[1] >= 500]


def is_local(host):
    """True for the loopback range (127.0.0.0/8, ::1) and localhost only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _address(url):
    parts = urlsplit(url)
    if parts.scheme != "http" or not is_local(parts.hostname):
        raise ValueError(f"Load goes to this machine only, not to {url}")
    return parts.hostname, parts.port or 80


class Browser:
    """One person's browser on one site (`base`, on this machine).

    With `servers` (addresses of several app servers of the same site), each request goes
    to the next one in turn, as a proxy in front of them would send it, with the site's
    Host: so nothing but the database and the cache can carry a learner from one request
    to the next.
    """

    def __init__(self, base, *, recorder=None, source=None, timeout=60, servers=None):
        self.base = base.rstrip("/")
        self.host, self.port = _address(base)
        self.servers = [_address(server) for server in servers or [base]]
        self._turn = 0
        self.source = source
        self.timeout = timeout
        self.recorder = recorder
        self.cookies = {}
        self._cookie_lock = threading.Lock()  # a double submit shares the browser

    # Requests -------------------------------------------------------------------------

    def request(self, method, url, *, body=None, headers=None, label=None):
        """One request, no redirect followed; recorded under `label` (the path by default)."""
        path = self._path(url)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        with self._cookie_lock:
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "Referer" not in sent and method == "POST":
            sent["Referer"] = self.base + path  # Django's CSRF check wants one on HTTPS only
        host, port = self.servers[self._turn % len(self.servers)]
        self._turn += 1
        start = time.perf_counter()
        connection = http.client.HTTPConnection(
            host,
            port,
            timeout=self.timeout,
            source_address=(self.source, 0) if self.source else None,
        )
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            data = answer.read()
            status = answer.status
            cookies = answer.msg.get_all("Set-Cookie") or []
            headers_ = {name.lower(): value for name, value in answer.getheaders()}
        except (OSError, http.client.HTTPException):
            if self.recorder is not None:
                self.recorder.add(label or _label(method, path), 0, time.perf_counter() - start)
            raise
        finally:
            connection.close()
        seconds = time.perf_counter() - start
        if self.recorder is not None:
            self.recorder.add(label or _label(method, path), status, seconds)
        for cookie in cookies:
            self._keep(cookie)
        return Response(status, headers_, data, self.base + path, seconds)

    def get(self, url, *, follow=False, label=None, headers=None):
        response = self.request("GET", url, label=label, headers=headers)
        return self._follow(response, label) if follow else response

    def post(self, url, fields=(), *, files=None, follow=False, label=None, headers=None):
        """POST `fields` (a dict or pairs) url-encoded, or as multipart when `files` is given
        ({name: (filename, bytes, content type)})."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if files:
            body, content_type = multipart(pairs, files)
        else:
            body, content_type = urlencode(pairs).encode(), "application/x-www-form-urlencoded"
        response = self.request(
            "POST",
            url,
            body=body,
            headers={"Content-Type": content_type, **(headers or {})},
            label=label,
        )
        return self._follow(response, label) if follow else response

    def _follow(self, response, label, hops=5):
        while response.status in (301, 302, 303) and hops:
            response = self.request("GET", response.location, label=label and f"{label} →")
            hops -= 1
        return response

    # Cookies and tokens -------------------------------------------------------------------

    def _keep(self, header):
        jar = http.cookies.SimpleCookie()
        jar.load(header)
        with self._cookie_lock:
            for name, morsel in jar.items():
                expired = morsel["max-age"] == "0" or "1970" in morsel["expires"]
                if expired or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    @property
    def csrf(self):
        return self.cookies.get("csrftoken", "")

    def _path(self, url):
        parts = urlsplit(urljoin(self.base + "/", url))
        if parts.hostname and (parts.hostname, parts.port or 80) != (self.host, self.port):
            raise ValueError(f"{url} is not on {self.base}")
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _label(method, path):
    """A request's label: its method and path with numbers and tokens as `*`."""
    path = path.split("?")[0]
    path = re.sub(r"/[0-9a-f]{8}-[0-9a-f-]{27}/", "/*/", path)
    path = re.sub(r"/\d+/", "/*/", path)
    path = re.sub(r"/[A-Za-z0-9_:-]{24,}/", "/*/", path)  # confirmation keys and the like
    return f"{method} {path}"


def multipart(pairs, files):
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in pairs:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        chunks.append(f"{head}{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        chunks.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


# Forms --------------------------------------------------------------------------------


class Form(NamedTuple):
    action: str
    method: str
    fields: list  # (name, value) of hidden and text inputs, in order
    options: dict  # radio and checkbox name: [(value, label text)]
    attrs: dict


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._labels = {}  # input id: label text
        self._label_for = None
        self._label_text = []
        self._pending = []  # (form index, name, value, id) of choice inputs

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(attrs.get("action", ""), attrs.get("method", "get"), [], {}, attrs)
            self.forms.append(self._form)
        elif tag == "label":
            self._label_for, self._label_text = attrs.get("for"), []
        elif tag in ("input", "textarea", "select") and self._form is not None:
            kind = attrs.get("type", "text")
            name = attrs.get("name")
            if not name:
                return
            if kind in ("radio", "checkbox"):
                self._form.options.setdefault(name, [])
                self._pending.append((self._form, name, attrs.get("value", "on"), attrs.get("id")))
            elif kind not in ("submit", "button", "file"):
                self._form.fields.append((name, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "label" and self._label_for:
            self._labels[self._label_for] = " ".join("".join(self._label_text).split())
            self._label_for = None

    def handle_data(self, data):
        if self._label_for:
            self._label_text.append(data)

    def close(self):
        super().close()
        for form, name, value, input_id in self._pending:
            form.options[name].append((value, self._labels.get(input_id, "")))


def forms(html):
    """The page's forms: action, method, plain fields and the choices of each radio group."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html, action_part):
    """The first form whose action contains `action_part`, or None."""
    return next((form for form in forms(html) if action_part in form.action), None)


def hidden(html, name):
    """The value of the first input named `name`, or ''."""
    for form in forms(html):
        for field, value in form.fields:
            if field == name:
                return value
    return ""


# Load ---------------------------------------------------------------------------------


def hammer(call, *, total, concurrency, time_limit):
    """Call `call(thread number)` `total` times from `concurrency` threads, stopping at
    `time_limit` s.

    Returns (calls made, seconds taken). An exception in `call` counts as a call; it is
    the recorder's business to have noted the failed request.
    """
    lock = threading.Lock()
    made = [0]
    deadline = time.perf_counter() + time_limit

    def worker(number):
        while time.perf_counter() < deadline:
            with lock:
                if made[0] >= total:
                    return
                made[0] += 1
            try:
                call(number)
            except (OSError, http.client.HTTPException):
                pass

    threads = [
        threading.Thread(target=worker, args=(number,), daemon=True)
        for number in range(concurrency)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return made[0], time.perf_counter() - start


def percentiles(seconds):
    """(p50, p95, p99) of `seconds`, in milliseconds; Nones when there are too few."""
    if len(seconds) < 2:
        value = 1000 * seconds[0] if seconds else None
        return value, value, value
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return 1000 * cuts[49], 1000 * cuts[94], 1000 * cuts[98]


def wait_until_up(url, *, seconds=60):
    """Poll `url` (on this machine) until it answers anything below 500; raise if it never does."""
    browser = Browser(url)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if browser.get(url).status < 500:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


# Servers ------------------------------------------------------------------------------


def free_port():
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A process this run starts (gunicorn, a task worker), its output in a log file.

    Stopped by its own process id (SIGTERM, then SIGKILL after 30 s), never by name.
    """

    def __init__(self, name, command, *, cwd, env, log, ready=None):
        self.name = name
        self.log = Path(log)
        self.ready = ready
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    @classmethod
    def gunicorn(cls, name, executable, app, *, cwd, env, folder, workers=2, ready="/"):
        """gunicorn with `workers` sync workers on a free port; its access log beside it."""
        port = free_port()
        folder = Path(folder)
        server = cls(
            name,
            [
                str(executable),
                app,
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--access-logfile",
                str(folder / f"{name}-access.log"),
            ],
            cwd=cwd,
            env=env,
            log=folder / f"{name}.log",
            ready=f"http://127.0.0.1:{port}{ready}",
        )
        server.base = f"http://127.0.0.1:{port}"
        server.access_log = folder / f"{name}-access.log"
        return server

    def wait(self):
        if self.ready is None:
            return
        try:
            wait_until_up(self.ready)
        except RuntimeError:
            print(self.log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""
