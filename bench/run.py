#!/usr/bin/env python3
"""Broadsheet HTTP benchmark: how fast do pages come back, how much do readers suffer
while readers post comments or contributors preview huge bodies, how long does the
newsroom take to send an alert, and does rendering a body take time linear in its size?

Python 3, standard library only. bench/run.sh installs the tools (wrk, nginx, python3)
with apt-get when they are missing and then runs this file; run this file directly when
they are installed. Every knob is an environment variable and a flag (the flag wins),
listed under "Knobs" below and by --help.

What it does, from any working directory:
  1. builds `cargo build --release -p broadsheet` and, for the render scenario,
     `cargo build --release -p broadsheet-core --example render_slope` (unless
     BENCH_BUILD=0);
  2. creates a demo paper with 10,000 articles in bench/out/paper (deleted and rebuilt
     each run unless BENCH_REUSE=1; neither the server nor the paper is needed when
     render is the only scenario);
  3. picks ONE article URL from the front page and load-tests it with
     `wrk -t2 -c64 -d${DURATION}s --latency` in three scenarios:
       a  broadsheet serve, page cache on and warm (one request before wrk)
       b  broadsheet serve with BROADSHEET_PAGE_CACHE=false (every request renders
          the page from the database)
       c  nginx serving the very same HTML bytes as a static file: the ceiling of
          what this machine can do for this page and this wrk (keep-alive, sendfile,
          open_file_cache, access_log off);
     then takes the first READ_ARTICLES article URLs of the front page and runs the
     same wrk over them in turn (bench/rotate.lua) twice, against one server with the
     page cache on (all pages warmed first):
       d  readers only, no writes;
       e  the same readers while bench/comment_poster.py posts guest comments on those
          same articles at COMMENT_RATE per second on a fixed schedule. Every comment
          is approved and shown, so each one invalidates the cached page of its
          article (and the front and list pages) while wrk reads it. The poster solves
          the proof of work (ALTCHA, GET /altcha/challenge) for every comment before
          the measured window; during it, it only POSTs /comments/ID. For d and e the
          server runs with BROADSHEET_COMMENTS_PER_CLIENT=1000000000 (all comments
          come from 127.0.0.1) and BROADSHEET_POW_MAX_NUMBER=1000 (the easiest
          allowed proof of work);
     and scenarios of their own:
       pages  BROADSHEET_PAGE_CACHE=false, the same wrk against four kinds of page in
              turn, each rendered from the database on every request: the front page
              /, the first /section/... page the front page links to, the first
              /topic/... page linked from the front page (or, if it links none, from
              its articles), and an article linked from the front page whose page has
              a "Related coverage" block and an embed (an image figure or a pull quote
              preferred; themes/default/templates/article.html and embeds.html);
       alert  how long the newsroom takes to answer an editor's "Email as a
              breaking-news alert" (POST /admin/articles/ID/alert) when the
              breaking-news list has ALERT_SUBSCRIBERS (100,000) confirmed
              subscribers. Works on a copy of the paper (bench/out/alert-paper, made
              afresh each run) so that the other scenarios never see the subscribers,
              the issue or its queued deliveries. `broadsheet user add` creates an
              administrator and an editor; the administrator signs in
              (/admin/login, with the CSRF cookie and form token) and imports the
              subscribers as a CSV file through the Subscribers screen (POST
              /admin/subscribers/import, multipart, at most 100,000 rows a file); the
              editor signs in, opens a published article in the newsroom and sends the
              alert; the time from sending that POST to its answer is measured. The
              server runs with --no-worker, no SMTP settings and mail_outbox in a
              temporary folder, so no mail leaves the machine (nor is any written:
              without a worker no delivery job runs);
       render  runs crates/core/examples/render_slope.rs (no server): the time to
              render and sanitise a realistic Markdown body at sizes from 32 KB doubling
              up to the 1 MB limit (best of several runs each), and the time to refuse
              the bodies that once froze the site (10,000 nested lists, 200 KB of ">",
              10,000 nested emphasis marks, a body one byte over the limit);
       preview  readers' p99 with and without two contributors previewing huge and
              pathological bodies: one server with the page cache on, the same wrk
              over the READ_ARTICLES articles as d (pages warmed first) twice:
              "preview-idle" alone, then "preview-load" while two contributors
              (created with `broadsheet user add --role contributor` in
              bench/out/paper, fresh random emails each run), each with its own
              signed-in session, POST /admin/preview (the editor's live preview, CSRF
              token in the form and the x-csrf-token header) back to back until wrk
              ends, cycling through: 1,048,576 bytes of ordinary paragraphs (renders
              in full), 1,048,577 bytes (too long), "- " x 10,000 + "x", 200,000 ">",
              and 10,000 "*" + "a" + 10,000 "*" (nested too deep; all answered 200
              with "No preview: ..." instead of the body);
  4. records the peak resident memory (VmHWM from /proc/PID/status, read just before
     each broadsheet serve process is stopped).

How to read the output (also written to bench/out/results.txt, and every figure with
its target and verdict to bench/out/results.json):
  scenario  req/s  p99 ms   wrk's "Requests/sec" and the 99th-percentile latency in
                            milliseconds.
  a/c        share of the static-file ceiling reached with the page cache on.
             Target: a/c >= 0.80.
  b/c        the same share without the page cache (informative); the target for b
             is absolute: b >= 2000 req/s.
  peak RSS   max VmHWM over the serve processes of a and b, in MB (MiB).
             Target: <= 150 MB.
  e/d p99    the readers' p99 with the comment load divided by their p99 without it
             (1.00 = the comments cost readers nothing at the 99th percentile).
             Target: <= 1.3.
  comments   for e: how many comments were posted, the HTTP statuses of the answers
             (200 = received; the page then says published or held for a moderator),
             4xx/5xx/errors (connection failures, timeouts), the achieved rate
             (answers per second over the posting time, which stretches if the server
             falls behind) against COMMENT_RATE, the poster's worst lag behind its
             schedule, the POST latency, and how many published comments were then
             found on the article pages. "pages" gives the mean size of the article
             pages before d and after e: they grow with every comment (with
             BENCH_REUSE=1 they also keep earlier runs' comments).
  pages      req/s of each of the four pages without the page cache.
             Target: each >= 2000 req/s.
  alert      seconds from the editor's POST to the newsroom's answer (a redirect back
             to the article), with the list's confirmed subscribers as the import
             reported them. Target: < 1 s. The import's own time is informative.
  render     the least-squares slope of render time against body size in ms/KB
             (informative), the time at the largest size, and the linearity: ms per KB
             at the largest size divided by ms per KB at 64 KB (or the second-smallest
             size). Linear time gives about 1, quadratic time about 16.
             Targets: linearity <= 1.5; each pathological body refused in < 50 ms.
  preview    the readers' p99 while two contributors preview divided by their p99
             without (preview-load / preview-idle). Target: <= 2. Also how many
             previews were sent, their HTTP statuses and outcomes (rendered, refused,
             or turned away as busy) by body, and their answer times (median and max:
             from sending the request to the answer's headers).
  Each target line ends in PASS or MISS. A "!" after a scenario means wrk saw
  non-2xx/3xx responses or socket errors; that run's numbers are suspect (details in
  bench/out/wrk-*.txt). Lines starting "WARNING" mean a scenario did not put the
  intended load on the server. wrk, the server, the poster and nginx share the same
  CPUs, so absolute numbers depend heavily on the machine; the ratios are what is
  comparable across machines. The exit status is 0 whenever the benchmark ran to the
  end, whether or not the targets were met; it is non-zero if it could not run.

Knobs (environment variable, or the flag shown by --help):
  DURATION=15       seconds per wrk run (and of comment posting in e)
  PORT=18080        broadsheet listens on PORT, nginx on PORT+1 (127.0.0.1)
  BENCH_REUSE=1     keep an existing bench/out/paper instead of rebuilding it
  BENCH_BUILD=0     do not run cargo; use the existing release binary
  SCENARIOS="a b c d e pages alert render preview search"  which scenarios to run
                    (any subset, e.g. "d e")
  READ_ARTICLES=20  article pages read in d, e and preview (the first ones linked
                    from the front page; fewer if the front page has fewer)
  COMMENT_RATE=20   comments per second posted in e (decimals allowed)
  ALERT_SUBSCRIBERS=100000  confirmed subscribers on the breaking-news list in alert
  SEARCH_SIZES="10000 100000"  SQLite papers the search scenario searches (add 1000000
                    for the 1M target; papers are built once in bench/out/search-N)
  SEARCH_PG_SIZES="100000"  PostgreSQL papers (empty: none); BENCH_POSTGRES is the
                    server (default postgres://postgres@127.0.0.1:5432)
  SEARCH_SAMPLES=200  searches per query and paper (sequential, one connection)

Files in bench/out: paper/ (data), server-{a,b,de,pages,alert,preview}.log,
wrk-{a,b,c,d,e,d-after}.txt, wrk-pages-{front,section,topic,article}.txt,
wrk-preview-{idle,load}.txt, static/article.html, nginx/ (config, logs, temp dirs),
articles.txt (the paths read in d, e and preview), poster-e.log and poster-e.summary
(the poster's report and its key=value figures), alert-paper/ (the alert scenario's
copy of the paper, with its database), alert-subscribers-N.csv (the imported files),
render-slope.txt (the render example's output), results.txt, results.json.
"""

import argparse
import html
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import datetime, timezone

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO_ROOT, "bench", "out")
NG = os.path.join(OUT, "nginx")
ALL_SCENARIOS = ["a", "b", "c", "d", "e", "pages", "alert", "render", "preview", "search"]
# The scenarios that load a server with wrk, and the one that needs no server at all.
WRK_SCENARIOS = ["a", "b", "c", "d", "e", "pages", "preview"]
SERVERLESS_SCENARIOS = ["render"]
# Scenarios that build papers of their own instead of reading the shared 10,000-article one.
OWN_PAPER_SCENARIOS = ["search"]
DEMO_ARTICLES = 10000
# The Subscribers screen's import takes at most this many rows per file
# (IMPORT_ROWS in crates/web/src/newsroom/subscribers.rs).
IMPORT_ROWS = 100_000
BREAKING_LIST = "breaking-news"
# How long the alert request may take before it is given up (the answer is then
# reported as "over ALERT_TIMEOUT s", a MISS).
ALERT_TIMEOUT = 1800.0

# Targets: (comparison, threshold).
TARGET_A_OVER_C = 0.80
TARGET_B_RPS = 2000.0
TARGET_RSS_MB = 150.0
TARGET_E_OVER_D_P99 = 1.3
TARGET_PAGES_RPS = 2000.0
TARGET_ALERT_S = 1.0
TARGET_RENDER_LINEARITY = 1.5
TARGET_REFUSED_MS = 50.0
TARGET_PREVIEW_P99_RATIO = 2.0
# Fewer previews than this during preview-load: the contributors put little load on
# the server (a WARNING).
PREVIEW_MIN_SENT = 10

# How long the render example may run before it is given up.
RENDER_TIMEOUT = 1800.0
# How long one preview request may take (the server's own budget is a few seconds).
PREVIEW_TIMEOUT = 60.0
# The body size limit (MAX_BODY_BYTES in crates/core/src/body.rs).
MAX_BODY_BYTES = 1024 * 1024
# Ordinary paragraphs for the largest preview: letters, spaces and full stops only, so
# that the form stays about as long as the body (axum's default 2 MB request limit
# applies to the preview handler; a "%XX" for every punctuation mark could pass it).
PREVIEW_PARAGRAPH = (
    "The council met on Tuesday to discuss the budget for the coming year and several "
    "members said the plan was not what residents had asked for. The vote is expected "
    "next month after a public hearing at the library on the east side of town.\n\n"
)


class BenchError(Exception):
    """The benchmark cannot go on."""


def log(message):
    print(f"\n==> {message}", file=sys.stderr, flush=True)


def note(message):
    print(message, file=sys.stderr, flush=True)


def warn(message):
    print(f"WARNING: {message}", file=sys.stderr, flush=True)


# --- options -------------------------------------------------------------------------


def env_default(name, default):
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {text!r}")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {text!r}")
    return value


def port_number(text):
    value = positive_int(text)
    if value > 65534:
        raise argparse.ArgumentTypeError(f"must be a port below 65535 (nginx uses PORT+1), got {text}")
    return value


def positive_float(text):
    if not re.fullmatch(r"[0-9]+([.][0-9]+)?", text.strip()) or float(text) <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
    return float(text)


def flag_value(text):
    """BENCH_REUSE / BENCH_BUILD style 0/1 values."""
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise argparse.ArgumentTypeError(f"must be 0 or 1, got {text!r}")


def scenario_list(text):
    names = [s for s in re.split(r"[\s,]+", text.strip()) if s]
    unknown = [s for s in names if s not in ALL_SCENARIOS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown scenario {unknown[0]!r}: choose among {' '.join(ALL_SCENARIOS)}"
        )
    if not names:
        raise argparse.ArgumentTypeError("names no scenario")
    return set(names)


def parse_options(argv):
    doc = __doc__
    description = doc.split("\n\n", 2)[0] + "\n\n" + doc.split("\n\n", 2)[1]
    epilog = doc[doc.index("What it does"):]
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    def env_or(name, default, kind):
        text = env_default(name, default)
        try:
            return kind(text)
        except argparse.ArgumentTypeError as err:
            parser.error(f"{name}: {err}")

    parser.add_argument(
        "--duration", type=positive_int, default=env_or("DURATION", "15", positive_int),
        help="seconds per wrk run and of comment posting in e (DURATION; default 15)",
    )
    parser.add_argument(
        "--port", type=port_number, default=env_or("PORT", "18080", port_number),
        help="broadsheet listens on 127.0.0.1:PORT, nginx on PORT+1 (PORT; default 18080)",
    )
    parser.add_argument(
        "--reuse", action=argparse.BooleanOptionalAction,
        default=env_or("BENCH_REUSE", "0", flag_value),
        help="keep an existing bench/out/paper instead of rebuilding it (BENCH_REUSE=1)",
    )
    parser.add_argument(
        "--build", action=argparse.BooleanOptionalAction,
        default=env_or("BENCH_BUILD", "1", flag_value),
        help="run `cargo build --release -p broadsheet` (and, for render, of the "
        "render_slope example) first; --no-build uses the existing binaries (BENCH_BUILD=0)",
    )
    parser.add_argument(
        "--scenarios", type=scenario_list,
        default=env_or("SCENARIOS", " ".join(ALL_SCENARIOS), scenario_list),
        help="scenarios to run, separated by spaces or commas: "
        f"{' '.join(ALL_SCENARIOS)} (SCENARIOS; default all)",
    )
    parser.add_argument(
        "--read-articles", type=positive_int,
        default=env_or("READ_ARTICLES", "20", positive_int),
        help="article pages read in turn in d, e and preview (READ_ARTICLES; default 20)",
    )
    parser.add_argument(
        "--comment-rate", type=positive_float,
        default=env_or("COMMENT_RATE", "20", positive_float),
        help="guest comments per second posted in e (COMMENT_RATE; default 20)",
    )
    parser.add_argument(
        "--alert-subscribers", type=positive_int,
        default=env_or("ALERT_SUBSCRIBERS", "100000", positive_int),
        help="confirmed breaking-news subscribers when the alert is sent "
        "(ALERT_SUBSCRIBERS; default 100000)",
    )
    return parser.parse_args(argv)


# --- processes -----------------------------------------------------------------------

RUNNING = []  # Popen objects to stop on exit


def stop_process(proc, what):
    """SIGTERM, wait up to 10 s, then SIGKILL; reap it."""
    if proc is None:
        return
    if proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            warn(f"{what} (pid {proc.pid}) ignored SIGTERM for 10 s; sending SIGKILL")
            proc.kill()
            proc.wait()
        except ProcessLookupError:
            pass
    if proc in RUNNING:
        RUNNING.remove(proc)


def stop_all():
    for proc in list(RUNNING):
        stop_process(proc, f"pid {proc.pid}")


def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def tail(path, lines=100):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def wait_http(port, path, proc, logfile, what):
    """Waits up to 60 s until GET path answers 2xx/3xx."""
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _, _ = http_request(port, "GET", path, timeout=2)
            if 200 <= status < 400:
                return
        except OSError:
            pass
        if proc.poll() is not None:
            raise BenchError(
                f"{what} exited before answering on 127.0.0.1:{port}{path}\n"
                f"--- {logfile} ---\n{tail(logfile)}"
            )
        if time.monotonic() >= deadline:
            raise BenchError(
                f"{what} did not answer on 127.0.0.1:{port}{path} within 60 s\n"
                f"--- {logfile} ---\n{tail(logfile)}"
            )
        time.sleep(0.2)


# --- HTTP ----------------------------------------------------------------------------


def http_request(port, method, path, body=None, headers=None, timeout=30.0):
    """One request on a new connection to 127.0.0.1:port (never through a proxy).
    Returns (status, headers, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.headers, data
    finally:
        conn.close()


def get_page(port, path):
    status, _, data = http_request(port, "GET", path)
    if status != 200:
        raise BenchError(f"GET http://127.0.0.1:{port}{path} answered HTTP {status}")
    if not data:
        raise BenchError(f"GET http://127.0.0.1:{port}{path} returned an empty body")
    return data


def links(page):
    """The local paths linked from an HTML page, in order, without repeats."""
    seen = []
    for href in re.findall(r'href="([^"]*)"', page.decode("utf-8", "replace")):
        href = html.unescape(href)
        href = re.sub(r"^https?://[^/]+", "", href)
        if href.startswith("/") and href not in seen:
            seen.append(href)
    return seen


ARTICLE_PATH = re.compile(r"^/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^?#]+$")


class Session:
    """A browser's view of the newsroom: cookies kept, redirects not followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None, timeout=60.0):
        """Returns (status, headers, body bytes, seconds to the answer's headers)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            self.conn.connect()
        self.conn.timeout = timeout
        if self.conn.sock is not None:
            self.conn.sock.settimeout(timeout)
        try:
            started = time.perf_counter()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            answered = time.perf_counter() - started
            data = response.read()
        except Exception:
            self.close()
            raise
        for value in response.headers.get_all("Set-Cookie") or []:
            pair = value.split(";", 1)[0]
            if "=" in pair:
                name, cookie = pair.split("=", 1)
                if "Max-Age=0" in value:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = cookie.strip()
        if response.will_close:
            self.close()
        return response.status, response.headers, data, answered

    def csrf(self):
        token = self.cookies.get("bs_csrf")
        if not token:
            raise BenchError("the newsroom set no bs_csrf cookie")
        return token

    def page(self, path):
        """GET path, which must answer 200; returns the body."""
        status, _, body, _ = self.request("GET", path)
        if status != 200:
            raise BenchError(f"GET {path} answered HTTP {status}")
        return body

    def sign_in(self, email, password):
        self.page("/admin/login")
        form = urllib.parse.urlencode(
            {"_csrf": self.csrf(), "next": "/admin", "email": email, "password": password}
        )
        status, headers, _, _ = self.request(
            "POST", "/admin/login", body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status not in (302, 303) or "bs_session" not in self.cookies:
            raise BenchError(f"signing in as {email} failed: HTTP {status}")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


# --- the benchmark -------------------------------------------------------------------


class Bench:
    def __init__(self, options):
        self.o = options
        self.port = options.port
        self.nginx_port = options.port + 1
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = None
        self.server_log = None
        self.bin = None
        self.nginx = None
        self.article_path = None
        self.article_bytes = None
        self.read_count = 0
        self.peak_rss_kb = 0
        self.results = []  # result records
        self.wrk = {}  # label -> {"rps", "p99", "flag", "errors"}
        self.meta = {}
        self.lines = []  # extra report lines (after the verdicts)

    def want(self, scenario):
        return scenario in self.o.scenarios

    # --- records ---

    def record(self, scenario, metric, value, unit, target=None, passed=None):
        self.results.append(
            {
                "scenario": scenario,
                "metric": metric,
                "value": value,
                "unit": unit,
                "target": target,
                "pass": passed,
            }
        )

    # --- tools and build ---

    def needs_paper(self):
        """Whether any wanted scenario reads the shared demo paper."""
        return any(
            self.want(s) for s in ALL_SCENARIOS
            if s not in SERVERLESS_SCENARIOS and s not in OWN_PAPER_SCENARIOS
        )

    def needs_server(self):
        """Whether any wanted scenario needs the server (and so the paper)."""
        return any(self.want(s) for s in ALL_SCENARIOS if s not in SERVERLESS_SCENARIOS)

    @staticmethod
    def target_dir():
        """Cargo's target directory: CARGO_TARGET_DIR, or target/ in the repository."""
        target = os.environ.get("CARGO_TARGET_DIR") or "target"
        if not os.path.isabs(target):
            target = os.path.join(REPO_ROOT, target)
        return target

    def find_tools(self):
        if any(self.want(s) for s in WRK_SCENARIOS) and not shutil.which("wrk"):
            raise BenchError("wrk not found; bench/run.sh installs it with apt-get")
        if self.want("c"):
            self.nginx = shutil.which("nginx") or (
                "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
            )
            if not self.nginx:
                raise BenchError("nginx not found; bench/run.sh installs it with apt-get")
        self.bin = os.path.join(self.target_dir(), "release", "broadsheet")
        if self.o.build:
            if not shutil.which("cargo"):
                raise BenchError("cargo not found; install Rust (https://rustup.rs) first")
            log("cargo build --release -p broadsheet")
            if subprocess.call(["cargo", "build", "--release", "-p", "broadsheet"], cwd=REPO_ROOT) != 0:
                raise BenchError("cargo build --release -p broadsheet failed")
        else:
            log(f"BENCH_BUILD=0: using the existing {self.bin} without building")
        if not os.access(self.bin, os.X_OK):
            raise BenchError(f"binary not found at {self.bin}")

    def find_render_example(self):
        """Builds (unless BENCH_BUILD=0) and finds the render_slope example."""
        self.render_bin = os.path.join(self.target_dir(), "release", "examples", "render_slope")
        command = ["cargo", "build", "--release", "-p", "broadsheet-core", "--example", "render_slope"]
        if self.o.build:
            if not shutil.which("cargo"):
                raise BenchError("cargo not found; install Rust (https://rustup.rs) first")
            log(" ".join(command))
            if subprocess.call(command, cwd=REPO_ROOT) != 0:
                raise BenchError(f"{' '.join(command)} failed")
        else:
            log(f"BENCH_BUILD=0: using the existing {self.render_bin} without building")
        if not os.access(self.render_bin, os.X_OK):
            raise BenchError(f"the render example not found at {self.render_bin}")

    def make_paper(self):
        os.makedirs(OUT, exist_ok=True)
        paper = os.path.join(OUT, "paper")
        if not self.o.reuse:
            shutil.rmtree(paper, ignore_errors=True)
        log(f"creating the demo paper with {DEMO_ARTICLES:,} articles in {paper}")
        started = time.monotonic()
        rc = subprocess.call(
            [self.bin, "demo", "--dir", paper, "--articles", str(DEMO_ARTICLES), "--seed-only"],
            stdin=subprocess.DEVNULL,
        )
        if rc != 0:
            raise BenchError(f"broadsheet demo failed (exit {rc})")
        note(f"demo data ready in {time.monotonic() - started:.0f} s")
        if not os.path.isfile(os.path.join(paper, "broadsheet.toml")):
            raise BenchError(f"{paper}/broadsheet.toml was not created by the demo command")

    # --- servers ---

    def start_server(self, label, env=None, config=None, extra_args=(), drop_env=()):
        logfile = os.path.join(OUT, f"server-{label}.log")
        if port_in_use(self.port):
            raise BenchError(f"something is already listening on 127.0.0.1:{self.port} (set PORT=...)")
        settings = ", ".join(f"{k}={v}" for k, v in (env or {}).items())
        log(f"starting broadsheet serve ({label}{', ' + settings if settings else ''}), log: {logfile}")
        environment = {
            k: v for k, v in os.environ.items()
            if k != "BROADSHEET_PAGE_CACHE" and not any(k.startswith(p) for p in drop_env)
        }
        environment.update(env or {})
        config = config or os.path.join(OUT, "paper", "broadsheet.toml")
        with open(logfile, "wb") as out:
            self.server = subprocess.Popen(
                [self.bin, "serve", "--config", config, "--listen", f"127.0.0.1:{self.port}", *extra_args],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment,
            )
        RUNNING.append(self.server)
        self.server_log = logfile
        wait_http(self.port, "/", self.server, logfile, "broadsheet serve")
        note(f"ready (pid {self.server.pid})")

    def stop_server(self):
        """Stops the server; returns its peak RSS (VmHWM) in kB, 0 if unknown."""
        hwm = 0
        try:
            with open(f"/proc/{self.server.pid}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
        except (OSError, ValueError):
            pass
        if hwm:
            note(f"broadsheet serve pid {self.server.pid} peak RSS (VmHWM): {hwm} kB")
        else:
            warn(f"could not read VmHWM of pid {self.server.pid} (did it exit?)")
        stop_process(self.server, "broadsheet serve")
        self.server = None
        return hwm

    # --- wrk ---

    def run_wrk(self, label, url, paths_file=None):
        """One wrk run, shown and saved to bench/out/wrk-LABEL.txt."""
        cmd = ["wrk", "-t2", "-c64", f"-d{self.o.duration}s", "--latency"]
        if paths_file:
            cmd += ["-s", os.path.join(REPO_ROOT, "bench", "rotate.lua"), url, "--", paths_file]
        else:
            cmd.append(url)
        log(" ".join(cmd))
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = proc.stdout
        sys.stderr.write(output)
        sys.stderr.flush()
        path = os.path.join(OUT, f"wrk-{label}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(output)
        if proc.returncode != 0:
            raise BenchError(f"wrk failed (scenario {label}, exit {proc.returncode}); see {path}")
        parsed = parse_wrk(output)
        if parsed is None:
            raise BenchError(f"could not find Requests/sec and the 99% latency in {path}")
        parsed["flag"] = "!" if parsed["errors"] else ""
        if parsed["errors"]:
            warn(f"wrk reported errors in scenario {label}:")
            for line in output.splitlines():
                if "Non-2xx or 3xx responses" in line or "Socket errors" in line:
                    note(line)
        self.wrk[label] = parsed
        return parsed

    # --- articles ---

    def discover_articles(self):
        """From the running server's front page, the article paths in the order they
        are linked; sets article_path (the first, for a to c) and writes the first
        READ_ARTICLES of them to bench/out/articles.txt (for d and e). Runs once."""
        if self.article_path:
            return
        front = get_page(self.port, "/")
        self.front_links = links(front)
        articles = [p for p in self.front_links if ARTICLE_PATH.match(p)]
        if not articles:
            raise BenchError(f"no article link (/YYYY/MM/DD/slug) found on the front page {self.base}/")
        self.front_articles = articles
        self.article_path = articles[0]
        log(f"article: {self.base}{self.article_path}")
        read = articles[: self.o.read_articles]
        with open(os.path.join(OUT, "articles.txt"), "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in read))
        self.read_count = len(read)
        if self.read_count < self.o.read_articles:
            warn(
                f"the front page links only {self.read_count} articles; d and e read those "
                f"({self.o.read_articles} asked)"
            )

    def save_article_html(self):
        """GETs the article into bench/out/static/article.html (for c); in a, this is
        the warm-up request."""
        body = get_page(self.port, self.article_path)
        os.makedirs(os.path.join(OUT, "static"), exist_ok=True)
        with open(os.path.join(OUT, "static", "article.html"), "wb") as f:
            f.write(body)
        self.article_bytes = len(body)
        note(f"article HTML: {self.article_bytes} bytes")

    def get_read_pages(self):
        """GETs every path of articles.txt once (warms the cache); their mean size."""
        with open(os.path.join(OUT, "articles.txt"), encoding="utf-8") as f:
            paths = [line.strip() for line in f if line.strip()]
        sizes = [len(get_page(self.port, p)) for p in paths]
        return sum(sizes) // len(sizes)

    def warm_read_articles(self):
        """On the running server: picks the READ_ARTICLES article paths (written to
        bench/out/articles.txt, for wrk with bench/rotate.lua) and warms their pages.
        Returns (the path of articles.txt, the pages' mean size in bytes)."""
        self.discover_articles()
        mean_bytes = self.get_read_pages()
        self.meta["read_articles"] = self.read_count
        note(f"{self.read_count} article pages warmed, mean size {mean_bytes} bytes")
        return os.path.join(OUT, "articles.txt"), mean_bytes

    # --- scenarios ---

    def scenario_a(self):
        self.start_server("a")
        self.discover_articles()
        # The warm-up request; its body is also the static file for scenario c.
        self.save_article_html()
        self.run_wrk("a", self.base + self.article_path)
        self.peak_rss_kb = max(self.peak_rss_kb, self.stop_server())

    def scenario_b(self):
        self.start_server("b", {"BROADSHEET_PAGE_CACHE": "false"})
        self.discover_articles()
        get_page(self.port, self.article_path)
        self.run_wrk("b", self.base + self.article_path)
        self.peak_rss_kb = max(self.peak_rss_kb, self.stop_server())

    def scenario_c(self):
        if not self.article_bytes:
            # Without a, a short-lived server provides the page nginx serves.
            self.start_server("c-source")
            self.discover_articles()
            self.save_article_html()
            self.stop_server()
        nginx = self.start_nginx()
        try:
            url_path = self.article_path
            served = get_page(self.nginx_port, url_path)
            with open(os.path.join(OUT, "static", "article.html"), "rb") as f:
                if served != f.read():
                    raise BenchError("nginx does not serve the same bytes as bench/out/static/article.html")
            self.run_wrk("c", f"http://127.0.0.1:{self.nginx_port}{url_path}")
        finally:
            stop_process(nginx, "nginx")

    def write_nginx_conf(self):
        user_line = ""
        # A root master would run its workers as "nobody", which may not be able to read
        # bench/out; run them as the invoking user instead.
        if os.geteuid() == 0:
            import grp
            import pwd

            user_line = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
        shutil.rmtree(NG, ignore_errors=True)
        os.makedirs(os.path.join(NG, "tmp"))
        static = os.path.join(OUT, "static")
        conf = f"""# Written by bench/run.py: serves {static}/article.html for every path.
{user_line}
worker_processes auto;
daemon off;
master_process on;
pid "{NG}/nginx.pid";
error_log "{NG}/error.log" warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log off;
    client_body_temp_path "{NG}/tmp/client_body";
    proxy_temp_path "{NG}/tmp/proxy";
    fastcgi_temp_path "{NG}/tmp/fastcgi";
    uwsgi_temp_path "{NG}/tmp/uwsgi";
    scgi_temp_path "{NG}/tmp/scgi";

    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;

    server {{
        listen 127.0.0.1:{self.nginx_port};
        root "{static}";
        location / {{
            default_type "text/html; charset=utf-8";
            try_files /article.html =404;
        }}
    }}
}}
"""
        with open(os.path.join(NG, "nginx.conf"), "w", encoding="utf-8") as f:
            f.write(conf)

    def start_nginx(self):
        args = ["-p", NG + "/", "-c", os.path.join(NG, "nginx.conf")]
        # -e (nginx >= 1.19.5) keeps nginx away from the system error log even before
        # the config is read.
        help_text = subprocess.run([self.nginx, "-h"], capture_output=True, text=True)
        if "-e filename" in help_text.stdout + help_text.stderr:
            args = ["-e", os.path.join(NG, "error.log"), *args]
        if port_in_use(self.nginx_port):
            raise BenchError(f"something is already listening on 127.0.0.1:{self.nginx_port} (set PORT=...)")
        self.write_nginx_conf()
        log(f"starting nginx on 127.0.0.1:{self.nginx_port}, config: {NG}/nginx.conf")
        stderr_log = os.path.join(NG, "stderr.log")
        with open(stderr_log, "wb") as out:
            check = subprocess.run([self.nginx, "-t", "-q", *args], stdout=out, stderr=subprocess.STDOUT)
        if check.returncode != 0:
            raise BenchError(
                f"nginx rejected {NG}/nginx.conf\n{tail(stderr_log)}{tail(os.path.join(NG, 'error.log'))}"
            )
        with open(stderr_log, "wb") as out:
            proc = subprocess.Popen(
                [self.nginx, *args], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        RUNNING.append(proc)
        wait_http(self.nginx_port, self.article_path, proc, os.path.join(NG, "error.log"), "nginx")
        note(f"ready (pid {proc.pid})")
        return proc

    def scenarios_d_e(self):
        self.start_server(
            "de", {"BROADSHEET_COMMENTS_PER_CLIENT": "1000000000", "BROADSHEET_POW_MAX_NUMBER": "1000"}
        )
        articles_txt, pages_before = self.warm_read_articles()
        if self.want("d"):
            self.run_wrk("d", self.base, articles_txt)
        if self.want("e"):
            self.run_e(articles_txt, pages_before)
            # The comments posted in e make the pages bigger (see "pages: mean ... bytes");
            # reading the grown pages again without writes tells the two effects apart.
            self.run_wrk("d-after", self.base, articles_txt)
        self.de_rss_kb = self.stop_server()
        self.record("d,e", "server_peak_rss", round(self.de_rss_kb / 1024, 1), "MB")
        self.lines.append(f"d/e server peak RSS = {self.de_rss_kb / 1024:.1f} MB (informative)")

    def run_e(self, articles_txt, pages_before):
        ready = os.path.join(OUT, "poster-e.ready")
        go = os.path.join(OUT, "poster-e.go")
        summary = os.path.join(OUT, "poster-e.summary")
        poster_log = os.path.join(OUT, "poster-e.log")
        for path in (ready, go, summary):
            if os.path.exists(path):
                os.remove(path)
        rate = f"{self.o.comment_rate:g}"
        log(
            f"bench/comment_poster.py: {rate} comments/s for {self.o.duration}s on the same "
            f"articles, log: {poster_log}"
        )
        # A process of its own: its threads do not compete with this driver's for the GIL.
        with open(poster_log, "wb") as out:
            poster = subprocess.Popen(
                [
                    sys.executable, os.path.join(REPO_ROOT, "bench", "comment_poster.py"),
                    "--base", self.base, "--paths", articles_txt, "--rate", rate,
                    "--duration", str(self.o.duration), "--ready", ready, "--go", go,
                    "--summary", summary,
                ],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
        RUNNING.append(poster)
        deadline = time.monotonic() + 300
        while not os.path.exists(ready):
            if poster.poll() is not None or time.monotonic() >= deadline:
                raise BenchError(
                    f"the comment poster did not get ready (log: {poster_log})\n{tail(poster_log)}"
                )
            time.sleep(0.1)
        sys.stderr.write(tail(poster_log))
        # The poster starts its schedule when this file appears; wrk starts at once.
        open(go, "w").close()
        self.run_wrk("e", self.base, articles_txt)
        try:
            rc = poster.wait(timeout=600)
        except subprocess.TimeoutExpired:
            stop_process(poster, "comment poster")
            raise BenchError(f"the comment poster did not finish (log: {poster_log})")
        RUNNING.remove(poster)
        with open(poster_log, encoding="utf-8", errors="replace") as f:
            sys.stderr.write("".join(f.readlines()[1:]))
        for path in (ready, go):
            if os.path.exists(path):
                os.remove(path)
        if rc != 0 or not os.path.exists(summary):
            raise BenchError(f"the comment poster failed (exit {rc}; log: {poster_log})")
        values = {}
        with open(summary, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    key, value = line.rstrip("\n").split("=", 1)
                    values[key] = value
        pages_after = self.get_read_pages()
        self.poster = values
        self.pages_before, self.pages_after = pages_before, pages_after
        v = lambda key: values.get(key, "?")  # noqa: E731
        self.meta["comments"] = {
            **{key: number(value) for key, value in values.items()},
            "pages_mean_bytes_before": pages_before,
            "pages_mean_bytes_after": pages_after,
        }
        for key, metric, unit in (
            ("published", "comments_published", "comments"),
            ("achieved_rate", "comments_per_s", "comments/s"),
            ("post_p99_ms", "comment_post_p99", "ms"),
        ):
            if isinstance(number(values.get(key, "")), (int, float)):
                self.record("e", metric, number(values[key]), unit)
        self.lines += [
            f"comments (e): posted {v('posted')} of {v('planned')}, HTTP {v('statuses')}: "
            f"{v('published')} published, {v('held')} held, {v('http_4xx')} 4xx, "
            f"{v('http_5xx')} 5xx, {v('errors')} errors",
            f"              achieved {v('achieved_rate')}/s of {rate}/s over {v('span_s')} s; "
            f"schedule lag max {v('lag_max_ms')} ms; POST p50 {v('post_p50_ms')} ms, "
            f"p99 {v('post_p99_ms')} ms, max {v('post_max_ms')} ms",
            f"              {v('shown')} of {v('published')} published comments shown on the "
            f"pages afterwards; pages: mean {pages_before} bytes before d, {pages_after} after e",
        ]
        if v("published") != v("planned"):
            self.lines.append(
                f"WARNING: not every planned comment was published; see {poster_log} and "
                f"{OUT}/server-de.log (held ones: the newsroom's Settings pre-moderate new "
                "commenters or a suspect word matched)"
            )
        if v("shown") != v("published"):
            self.lines.append(
                "WARNING: some published comments were not on the article pages afterwards "
                "(stale page cache?)"
            )

    def scenario_pages(self):
        self.start_server("pages", {"BROADSHEET_PAGE_CACHE": "false"})
        front = get_page(self.port, "/")
        front_links = links(front)
        section = next((p for p in front_links if p.startswith("/section/")), None)
        if not section:
            raise BenchError(f"the front page {self.base}/ links to no /section/... page")
        topic = next((p for p in front_links if p.startswith("/topic/")), None)
        candidates = [p for p in front_links if ARTICLE_PATH.match(p)]
        if not candidates:
            raise BenchError(f"no article link (/YYYY/MM/DD/slug) found on the front page {self.base}/")
        article, fallback, topic_source = None, None, "the front page"
        for path in candidates:
            page = get_page(self.port, path).decode("utf-8", "replace")
            related = 'class="related"' in page
            figure = re.search(r'class="embed embed-(image|pullquote)"', page)
            embed = figure or 'class="embed embed-' in page
            if topic is None:
                topic = next((p for p in links(page.encode()) if p.startswith("/topic/")), None)
                topic_source = path
            if related and figure:
                article = path
                break
            if related and embed and fallback is None:
                fallback = path
        if article is None:
            article = fallback
            if article is None:
                article = candidates[0]
                warn(
                    f"none of the {len(candidates)} articles linked from the front page has both a "
                    f"related-coverage block and an embed; measuring {article}"
                )
                self.lines.append(f"WARNING: pages: {article} has no related coverage and embed")
            else:
                warn(f"no article with related coverage and an image or pull quote; {article} has another embed")
        if topic is None:
            raise BenchError("no /topic/... link on the front page nor on the articles it links")
        if topic_source != "the front page":
            note(f"the front page links no topic; {topic} is linked from {topic_source}")
        pages = [("front", "/"), ("section", section), ("topic", topic), ("article", article)]
        self.meta["pages"] = {name: path for name, path in pages}
        for name, path in pages:
            get_page(self.port, path)
        for name, path in pages:
            result = self.run_wrk(f"pages-{name}", self.base + path)
            self.record(
                f"pages {name}", "req_per_s", result["rps"], "req/s",
                f">= {TARGET_PAGES_RPS:.0f}", result["rps"] >= TARGET_PAGES_RPS,
            )
            self.record(f"pages {name}", "p99_latency", result["p99"], "ms")
        rss = self.stop_server()
        self.record("pages", "server_peak_rss", round(rss / 1024, 1), "MB")
        self.lines.append(f"pages server peak RSS = {rss / 1024:.1f} MB (informative)")

    def scenario_alert(self):
        paper = os.path.join(OUT, "paper")
        copy = os.path.join(OUT, "alert-paper")
        log(f"copying the paper to {copy} for the alert scenario")
        shutil.rmtree(copy, ignore_errors=True)
        for name in os.listdir(OUT):
            if re.fullmatch(r"alert-subscribers-\d+\.csv", name):
                os.remove(os.path.join(OUT, name))
        # The media are not needed (emails link to the site); everything else is copied.
        media = os.path.join(paper, "data", "media")
        shutil.copytree(
            paper, copy,
            ignore=lambda folder, names: [n for n in names if os.path.join(folder, n) == media or n == "outbox"],
        )
        config = os.path.join(copy, "broadsheet.toml")
        admin = ("bench-admin@example.org", "Bench Administrator", "administrator")
        editor = ("bench-editor@example.org", "Bench Editor", "editor")
        passwords = self.add_users(config, (admin, editor))
        outbox = tempfile.mkdtemp(prefix="broadsheet-bench-outbox-")
        try:
            self.start_server(
                "alert", {"BROADSHEET_MAIL_OUTBOX": outbox}, config=config,
                extra_args=["--no-worker"], drop_env=("BROADSHEET_SMTP_", "BROADSHEET_MAIL_"),
            )
            self.import_subscribers(admin[0], passwords[admin[0]])
            self.send_alert(editor[0], passwords[editor[0]])
            rss = self.stop_server()
            self.record("alert", "server_peak_rss", round(rss / 1024, 1), "MB")
            self.lines.append(f"alert server peak RSS = {rss / 1024:.1f} MB (informative)")
            mails = sum(len(files) for _, _, files in os.walk(outbox))
            if mails:
                self.lines.append(f"WARNING: alert: {mails} emails were written to the outbox without a worker")
        finally:
            shutil.rmtree(outbox, ignore_errors=True)

    def add_users(self, config, users):
        """Creates newsroom accounts with `broadsheet user add` (the server need not
        run) from (email, name, role) triples, each with a random password. Returns
        {email: password}."""
        passwords = {}
        for email, name, role in users:
            password = secrets.token_urlsafe(18)
            proc = subprocess.run(
                [self.bin, "user", "--config", config, "add", "--email", email, "--name", name,
                 "--role", role, "--password-stdin"],
                input=password, text=True, capture_output=True,
            )
            if proc.returncode != 0:
                raise BenchError(f"broadsheet user add --role {role} failed:\n{proc.stdout}{proc.stderr}")
            note(proc.stdout.strip())
            passwords[email] = password
        return passwords

    def import_subscribers(self, email, password):
        """Loads ALERT_SUBSCRIBERS confirmed breaking-news subscribers the way an
        administrator does: CSV files through the Subscribers screen."""
        wanted = self.o.alert_subscribers
        admin = Session(self.port)
        admin.sign_in(email, password)
        page = admin.page("/admin/subscribers")
        # The import form's box to tick for the breaking-news list (for rows without a
        # lists column): shorter files than a lists column, well within the 5 MB limit.
        box = re.search(
            rf'name="lists" value="(\d+)">[^<]*\(<code>{BREAKING_LIST}</code>\)',
            page.decode("utf-8", "replace"),
        )
        if not box:
            raise BenchError(f"the Subscribers screen's import form offers no {BREAKING_LIST} list")
        list_id = box.group(1)
        files = (wanted + IMPORT_ROWS - 1) // IMPORT_ROWS
        started = time.monotonic()
        on_list = 0
        page = b""
        for part in range(files):
            first, last = part * IMPORT_ROWS, min(wanted, (part + 1) * IMPORT_ROWS)
            lines = ["email"] + [f"reader-{n:06d}@bench.example.org" for n in range(first, last)]
            csv_text = "\n".join(lines) + "\n"
            csv_path = os.path.join(OUT, f"alert-subscribers-{part + 1}.csv")
            with open(csv_path, "w", encoding="utf-8") as f:
                f.write(csv_text)
            boundary = "----broadsheet-bench-" + secrets.token_hex(12)
            body = (
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="file"; filename="subscribers.csv"\r\n'
                "Content-Type: text/csv\r\n\r\n"
                f"{csv_text}\r\n"
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="lists"\r\n\r\n'
                f"{list_id}\r\n"
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="consent"\r\n\r\n'
                "1\r\n"
                f"--{boundary}--\r\n"
            ).encode("utf-8")
            log(
                f"importing {last - first:,} subscribers ({len(body) / 1e6:.1f} MB, {csv_path}) "
                "through POST /admin/subscribers/import"
            )
            t0 = time.monotonic()
            status, _, page, _ = admin.request(
                "POST", "/admin/subscribers/import?_csrf=" + urllib.parse.quote(admin.csrf()),
                body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
                timeout=ALERT_TIMEOUT,
            )
            text = page.decode("utf-8", "replace")
            report = re.search(r"(\d+) added, (\d+) confirmed .*?, (\d+) already subscribed .*?, (\d+) not imported", text)
            if status != 200 or not report:
                problem = re.search(r'<p class="flash error"[^>]*>(.*?)</p>', text, re.S)
                raise BenchError(
                    f"the subscriber import answered HTTP {status}"
                    + (f": {html.unescape(problem.group(1))}" if problem else "")
                )
            # Added, or confirmed now (was pending): on the list. Already subscribed ones
            # keep their own choice of lists, and rejected ones are not there at all.
            on_list += int(report.group(1)) + int(report.group(2))
            note(f"import answered in {time.monotonic() - t0:.1f} s: {html.unescape(report.group(0))}")
        import_s = time.monotonic() - started
        counts = re.search(r'<p class="muted">(.*?)</p>', page.decode("utf-8", "replace"), re.S)
        confirmed = re.search(r"(\d+) confirmed", counts.group(1)) if counts else None
        confirmed = int(confirmed.group(1)) if confirmed else 0
        admin.close()
        note(f"{on_list:,} confirmed subscribers put on {BREAKING_LIST}; {confirmed:,} confirmed in the paper")
        if on_list < wanted:
            raise BenchError(
                f"the import put only {on_list} confirmed subscribers on {BREAKING_LIST} ({wanted} wanted)"
            )
        self.meta["alert"] = {"confirmed_subscribers_on_list": on_list, "confirmed_subscribers_in_paper": confirmed}
        self.record("alert", "confirmed_subscribers", on_list, "subscribers")
        self.record("alert", "import_time", round(import_s, 2), "s")
        self.alert_import_s = import_s
        self.alert_confirmed = on_list
        self.lines.append(
            f"alert: {on_list:,} confirmed subscribers loaded through the Subscribers screen's "
            f"CSV import in {import_s:.1f} s (informative)"
        )

    def send_alert(self, email, password):
        editor = Session(self.port)
        editor.sign_in(email, password)
        page = editor.page("/admin/articles?status=published")
        ids = re.findall(
            r'<a href="/admin/articles/(\d+)">[^<]*</a></td><td><span class="status status-published">',
            page.decode("utf-8", "replace"),
        )
        if not ids:
            raise BenchError("the newsroom's article list shows no published article")
        article_id = ids[0]
        status, _, page, _ = editor.request("GET", f"/admin/articles/{article_id}")
        action = f'action="/admin/articles/{article_id}/alert"'
        if status != 200 or action.encode() not in page:
            raise BenchError(f"the editor's page of article {article_id} has no breaking-news alert form (HTTP {status})")
        form = urllib.parse.urlencode({"_csrf": editor.csrf()})
        log(f"the editor sends article {article_id} as a breaking-news alert to {self.alert_confirmed:,} subscribers")
        try:
            status, headers, _, answered = editor.request(
                "POST", f"/admin/articles/{article_id}/alert", body=form,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                timeout=ALERT_TIMEOUT,
            )
        except (socket.timeout, TimeoutError):
            editor.close()
            warn(f"no answer to the alert request within {ALERT_TIMEOUT:.0f} s")
            self.record("alert", "answer_time", None, "s", f"< {TARGET_ALERT_S:g}", False)
            self.lines.append(f"WARNING: alert: no answer within {ALERT_TIMEOUT:.0f} s (gave up)")
            self.alert_answer = None
            return
        editor.close()
        location = headers.get("Location", "")
        note(f"answered in {answered:.3f} s: HTTP {status} {location}")
        if status not in (302, 303) or not location.endswith("saved=alert"):
            raise BenchError(
                f"the alert request answered HTTP {status} {location} instead of a redirect to "
                f"/admin/articles/{article_id}?saved=alert"
            )
        self.meta["alert"]["article_id"] = int(article_id)
        self.record("alert", "answer_time", round(answered, 3), "s", f"< {TARGET_ALERT_S:g}", answered < TARGET_ALERT_S)
        self.alert_answer = answered

    def scenario_render(self):
        """Runs the render_slope example: render time against body size, and the time
        to refuse the bodies that once froze the site. Needs no server."""
        output_path = os.path.join(OUT, "render-slope.txt")
        log(f"{self.render_bin} (render time against body size), output: {output_path}")
        error = None
        try:
            proc = subprocess.run(
                [self.render_bin], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL, timeout=RENDER_TIMEOUT,
            )
            stdout, stderr = proc.stdout, proc.stderr
            if proc.returncode != 0:
                error = f"exited {proc.returncode}"
        except subprocess.TimeoutExpired as err:
            stdout, stderr = err.stdout or b"", err.stderr or b""
            error = f"did not finish within {RENDER_TIMEOUT:.0f} s"
        stdout = stdout.decode("utf-8", "replace")
        stderr = stderr.decode("utf-8", "replace")
        sys.stderr.write(stdout + stderr)
        sys.stderr.flush()
        with open(output_path, "w", encoding="utf-8") as f:
            f.write(stdout + stderr)
        articles, refused = [], []  # (bytes, ms); (case, bytes, ms, error)
        for line in stdout.splitlines():
            try:
                item = json.loads(line)
                if item.get("kind") == "article":
                    articles.append((int(item["bytes"]), float(item["ms"])))
                elif item.get("kind") == "refused":
                    refused.append((str(item["case"]), int(item["bytes"]), float(item["ms"]), item.get("error", "")))
            except (ValueError, KeyError, TypeError, AttributeError):
                note(f"render: ignoring an unexpected line: {line[:200]}")
        articles.sort()
        for size, ms in articles:
            self.record("render", f"ms_at_{size // 1024}KB", ms, "ms")
        slope = None
        if len(articles) >= 2:
            # Least squares of ms against KB.
            xs = [size / 1024 for size, _ in articles]
            ys = [ms for _, ms in articles]
            mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
            spread = sum((x - mean_x) ** 2 for x in xs)
            slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread
            self.record("render", "slope", round(slope, 5), "ms/KB")
        # ms per KB at the largest size over ms per KB at 64 KB (else the second-smallest).
        linearity, base = None, None
        if len(articles) >= 2:
            base = next((a for a in articles if a[0] == 64 * 1024), articles[1])
            largest = articles[-1]
            if base != largest and base[1] > 0:
                linearity = (largest[1] / largest[0]) / (base[1] / base[0])
        passed = linearity is not None and linearity <= TARGET_RENDER_LINEARITY
        self.record(
            "render", "linearity", round(linearity, 3) if linearity is not None else None, "ratio",
            f"<= {TARGET_RENDER_LINEARITY:g}", passed,
        )
        for case, _, ms, _ in refused:
            self.record("render", f"refused_{case}_ms", ms, "ms", f"< {TARGET_REFUSED_MS:g}", ms < TARGET_REFUSED_MS)
        if error:
            self.record("render", "example_finished", False, "bool", "true", False)
        self.meta["render"] = {
            "article_ms": {str(size): ms for size, ms in articles},
            "refused": {case: {"bytes": size, "ms": ms, "error": message} for case, size, ms, message in refused},
        }
        self.render_result = {"linearity": linearity, "refused": refused, "error": error}
        if articles:
            size, ms = articles[-1]
            self.lines.append(
                f"render: {fmt(slope, 3)} ms/KB ({size // 1024} KB in {ms:.1f} ms), linearity "
                f"{fmt(linearity)}"
                + (f" (ms/KB at {size // 1024} KB over ms/KB at {base[0] // 1024} KB)" if linearity is not None else "")
            )
            self.lines.append(
                "        " + ", ".join(f"{size // 1024} KB {ms:.1f} ms" for size, ms in articles)
            )
        if refused:
            self.lines.append(
                "render refused: " + ", ".join(f"{case} {ms:.3f} ms" for case, _, ms, _ in refused)
            )
        if error:
            last = stderr.strip().splitlines()[-1:] or ["no message"]
            self.lines.append(f"WARNING: render: the example {error}: {last[0]} (see {output_path})")
        elif not articles:
            self.lines.append(f"WARNING: render: the example printed no article timings (see {output_path})")

    def scenario_preview(self):
        """Readers' p99 without, then with, two contributors previewing huge and
        pathological bodies back to back."""
        config = os.path.join(OUT, "paper", "broadsheet.toml")
        # Fresh emails each run: the accounts stay in bench/out/paper.
        contributors = [
            (f"bench-contributor-{secrets.token_hex(6)}@example.org", f"Bench Contributor {n}", "contributor")
            for n in (1, 2)
        ]
        passwords = self.add_users(config, contributors)
        self.start_server("preview")
        articles_txt, _ = self.warm_read_articles()
        idle = self.run_wrk("preview-idle", self.base, articles_txt)

        sessions = []
        for email, _, _ in contributors:
            session = Session(self.port)
            session.sign_in(email, passwords[email])
            sessions.append(session)
        bodies = [
            (kind, len(source), b"body=" + urllib.parse.quote_plus(source).encode("ascii"))
            for kind, source in preview_bodies()
        ]
        stats = {kind: {"sent": 0, "statuses": {}, "outcomes": {}, "ms": []} for kind, _, _ in bodies}
        lock = threading.Lock()
        stop = threading.Event()

        def contributor(session, turn):
            csrf = session.csrf()
            head = urllib.parse.urlencode({"_csrf": csrf, "body_format": "markdown"}).encode("ascii")
            headers = {"Content-Type": "application/x-www-form-urlencoded", "x-csrf-token": csrf}
            while not stop.is_set():
                kind, _, encoded = bodies[turn % len(bodies)]
                turn += 1
                try:
                    status, _, page, answered = session.request(
                        "POST", "/admin/preview", body=head + b"&" + encoded, headers=headers,
                        timeout=PREVIEW_TIMEOUT,
                    )
                    outcome = preview_outcome(status, page)
                except (OSError, http.client.HTTPException) as err:
                    status, answered, outcome = type(err).__name__, None, "error"
                with lock:
                    figures = stats[kind]
                    figures["sent"] += 1
                    figures["statuses"][str(status)] = figures["statuses"].get(str(status), 0) + 1
                    figures["outcomes"][outcome] = figures["outcomes"].get(outcome, 0) + 1
                    if answered is not None:
                        figures["ms"].append(answered * 1000)

        log(
            f"two contributors POST /admin/preview back to back during preview-load: "
            f"{', '.join(kind for kind, _, _ in bodies)}"
        )
        # The second contributor starts halfway through the bodies.
        threads = [
            threading.Thread(target=contributor, args=(session, n * (len(bodies) // 2)), daemon=True)
            for n, session in enumerate(sessions)
        ]
        started = time.monotonic()
        try:
            for thread in threads:
                thread.start()
            load = self.run_wrk("preview-load", self.base, articles_txt)
        finally:
            stop.set()
        for thread in threads:
            thread.join(timeout=PREVIEW_TIMEOUT + 10)
        span = time.monotonic() - started
        if any(thread.is_alive() for thread in threads):
            warn(f"a contributor's preview did not end within {PREVIEW_TIMEOUT + 10:.0f} s after wrk")
        else:
            for session in sessions:
                session.close()
        rss = self.stop_server()

        self.record("preview idle", "req_per_s", idle["rps"], "req/s")
        self.record("preview idle", "p99_latency", idle["p99"], "ms")
        self.record("preview load", "req_per_s", load["rps"], "req/s")
        self.record("preview load", "p99_latency", load["p99"], "ms")
        ratio = load["p99"] / idle["p99"] if idle["p99"] else None
        rps_ratio = load["rps"] / idle["rps"] if idle["rps"] else None
        passed = ratio is not None and ratio <= TARGET_PREVIEW_P99_RATIO
        self.record(
            "preview", "p99_ratio", round(ratio, 3) if ratio is not None else None, "ratio",
            f"<= {TARGET_PREVIEW_P99_RATIO:g}", passed,
        )
        if rps_ratio is not None:
            self.record("preview", "req_per_s_ratio", round(rps_ratio, 3), "ratio")
        self.preview_ratio = ratio

        sent = sum(figures["sent"] for figures in stats.values())
        times = sorted(ms for figures in stats.values() for ms in figures["ms"])
        statuses = {}
        for figures in stats.values():
            for status, count in figures["statuses"].items():
                statuses[status] = statuses.get(status, 0) + count
        median = statistics.median(times) if times else None
        longest = times[-1] if times else None
        self.record("preview", "previews_sent", sent, "previews")
        self.record("preview", "preview_answer_median", round(median, 3) if median is not None else None, "ms")
        self.record("preview", "preview_answer_max", round(longest, 3) if longest is not None else None, "ms")
        self.record("preview", "server_peak_rss", round(rss / 1024, 1), "MB")
        self.meta["previews"] = {
            "contributors": [email for email, _, _ in contributors],
            "sent": sent,
            "statuses": statuses,
            "answer_median_ms": round(median, 3) if median is not None else None,
            "answer_max_ms": round(longest, 3) if longest is not None else None,
            "by_body": {
                kind: {
                    "bytes": size,
                    "sent": stats[kind]["sent"],
                    "statuses": stats[kind]["statuses"],
                    "outcomes": stats[kind]["outcomes"],
                    "answer_max_ms": round(max(stats[kind]["ms"]), 3) if stats[kind]["ms"] else None,
                }
                for kind, size, _ in bodies
            },
        }

        ms = lambda value: "n/a" if value is None else f"{value:.1f}"  # noqa: E731
        self.lines.append(
            f"preview p99: readers' p99 {load['p99']:.3f} ms with two contributors previewing, "
            f"{idle['p99']:.3f} ms without; load/idle req/s = {fmt(rps_ratio)}"
        )
        self.lines.append(
            f"previews: {sent} sent by 2 contributors in {span:.1f} s, HTTP "
            f"{', '.join(f'{s} x{n}' for s, n in sorted(statuses.items())) or 'none'}; "
            f"answer median {ms(median)} ms, max {ms(longest)} ms"
        )
        for kind, size, _ in bodies:
            figures = stats[kind]
            outcomes = ", ".join(f"{n} {o}" for o, n in sorted(figures["outcomes"].items())) or "none"
            self.lines.append(
                f"          {kind} ({size:,} bytes): {figures['sent']} sent, {outcomes}; "
                f"max {ms(max(figures['ms']) if figures['ms'] else None)} ms"
            )
        self.lines.append(f"preview server peak RSS = {rss / 1024:.1f} MB (informative)")
        other = sum(n for status, n in statuses.items() if status != "200")
        if other:
            self.lines.append(
                f"WARNING: preview: {other} previews answered other than HTTP 200; see "
                f"{OUT}/server-preview.log"
            )
        if sent < PREVIEW_MIN_SENT:
            self.lines.append(
                f"WARNING: preview: only {sent} previews sent during preview-load (fewer than "
                f"{PREVIEW_MIN_SENT}): the contributors put little load on the server"
            )
        for kind, _, _ in bodies:
            expected = "rendered" if kind == "article" else "refused"
            outcomes = stats[kind]["outcomes"]
            unexpected = sum(n for outcome, n in outcomes.items() if outcome != expected)
            if unexpected:
                self.lines.append(
                    f"WARNING: preview: the {kind} body was not {expected} {unexpected} times ("
                    + ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()) if o != expected)
                    + ")"
                )

    # --- run ---

    def run(self):
        os.makedirs(OUT, exist_ok=True)
        if self.needs_server():
            self.find_tools()
        if self.want("render"):
            self.find_render_example()
        if self.needs_paper():
            self.make_paper()
        self.de_rss_kb = 0
        if self.want("a"):
            self.scenario_a()
        if self.want("b"):
            self.scenario_b()
        if self.want("c"):
            self.scenario_c()
        if self.want("d") or self.want("e"):
            self.scenarios_d_e()
        if self.want("pages"):
            self.scenario_pages()
        if self.want("alert"):
            self.scenario_alert()
        if self.want("render"):
            self.scenario_render()
        if self.want("preview"):
            self.scenario_preview()
        self.search_verdicts = []
        if self.want("search"):
            from discovery import Discovery

            self.search_verdicts = Discovery(self, None, OUT, log, note, warn, BenchError).scenario()
        self.report()

    # --- summary ---

    def report(self):
        w = self.wrk
        ratio = lambda x, y: x / y if y else None  # noqa: E731
        for label in ("a", "b", "c", "d", "e"):
            if label in w:
                target, passed = None, None
                if label == "b":
                    target, passed = f">= {TARGET_B_RPS:.0f}", w["b"]["rps"] >= TARGET_B_RPS
                self.record(label, "req_per_s", w[label]["rps"], "req/s", target, passed)
                self.record(label, "p99_latency", w[label]["p99"], "ms")
        verdicts = []  # (text, target text, pass)
        if "a" in w and "c" in w:
            value = ratio(w["a"]["rps"], w["c"]["rps"])
            passed = value is not None and value >= TARGET_A_OVER_C
            self.record("a/c", "share_of_ceiling", round(value, 3) if value else None, "ratio", f">= {TARGET_A_OVER_C:.2f}", passed)
            verdicts.append((f"a/c = {fmt(value)}", f"target a/c >= {TARGET_A_OVER_C:.2f}", passed))
        if "b" in w:
            value = ratio(w["b"]["rps"], w["c"]["rps"]) if "c" in w else None
            if value is not None:
                self.record("b/c", "share_of_ceiling", round(value, 3), "ratio")
            verdicts.append(
                (f"b/c = {fmt(value)} (b = {w['b']['rps']:.2f} req/s)", f"target b >= {TARGET_B_RPS:.0f} req/s",
                 w["b"]["rps"] >= TARGET_B_RPS)
            )
        if "a" in w or "b" in w:
            mb = self.peak_rss_kb / 1024
            passed = 0 < mb <= TARGET_RSS_MB
            self.record("a,b", "peak_rss", round(mb, 1), "MB", f"<= {TARGET_RSS_MB:.0f}", passed)
            verdicts.append((f"peak RSS = {mb:.1f} MB", f"target <= {TARGET_RSS_MB:.0f} MB", passed))
        if "d" in w and "e" in w:
            p99 = ratio(w["e"]["p99"], w["d"]["p99"])
            rps = ratio(w["e"]["rps"], w["d"]["rps"])
            passed = p99 is not None and p99 <= TARGET_E_OVER_D_P99
            self.record("e/d", "p99_ratio", round(p99, 3) if p99 else None, "ratio", f"<= {TARGET_E_OVER_D_P99:g}", passed)
            if rps is not None:
                self.record("e/d", "req_per_s_ratio", round(rps, 3), "ratio")
            verdicts.append(
                (f"e/d p99 = {fmt(p99)}", f"target e/d p99 <= {TARGET_E_OVER_D_P99:g}", passed)
            )
            self.lines.insert(
                0,
                f"e/d p99: readers' p99 {w['e']['p99']:.3f} ms with comments, {w['d']['p99']:.3f} ms "
                f"without; e/d req/s = {fmt(rps)}",
            )
            if "d-after" in w:
                after = ratio(w["e"]["p99"], w["d-after"]["p99"])
                self.record("e/d-after", "p99_ratio", round(after, 3) if after else None, "ratio")
                self.lines.insert(
                    1,
                    f"e/d-after p99 = {fmt(after)} (informative): the same pages read again after e, "
                    f"grown by its comments, without writes: p99 {w['d-after']['p99']:.3f} ms, "
                    f"{w['d-after']['rps']:.0f} req/s",
                )
        for name in ("front", "section", "topic", "article"):
            label = f"pages-{name}"
            if label in w:
                verdicts.append(
                    (f"pages {name} = {w[label]['rps']:.2f} req/s", f"target >= {TARGET_PAGES_RPS:.0f} req/s",
                     w[label]["rps"] >= TARGET_PAGES_RPS)
                )
        if self.want("alert") and hasattr(self, "alert_answer"):
            answer = self.alert_answer
            verdicts.append(
                (
                    f"alert answer = {answer:.3f} s" if answer is not None else f"alert answer > {ALERT_TIMEOUT:.0f} s",
                    f"target < {TARGET_ALERT_S:g} s",
                    answer is not None and answer < TARGET_ALERT_S,
                )
            )
        if hasattr(self, "render_result"):
            render = self.render_result
            linearity = render["linearity"]
            verdicts.append(
                (f"render linearity = {fmt(linearity)}", f"target <= {TARGET_RENDER_LINEARITY:g}",
                 linearity is not None and linearity <= TARGET_RENDER_LINEARITY)
            )
            for case, _, ms, _ in render["refused"]:
                verdicts.append(
                    (f"render {case} = {ms:.2f} ms", f"target refused in < {TARGET_REFUSED_MS:g} ms",
                     ms < TARGET_REFUSED_MS)
                )
            if render["error"]:
                verdicts.append((f"render example {render['error']}", "target: runs to the end", False))
        if "preview-idle" in w and "preview-load" in w:
            ratio = self.preview_ratio
            verdicts.append(
                (f"preview load/idle p99 = {fmt(ratio)}", f"target <= {TARGET_PREVIEW_P99_RATIO:g}",
                 ratio is not None and ratio <= TARGET_PREVIEW_P99_RATIO)
            )

        commit = git("rev-parse", "--short", "HEAD") or "none"
        dirty = bool(git("status", "--porcelain"))
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        cores = os.cpu_count()
        rate = f"{self.o.comment_rate:g}"
        out = []
        out.append(f"Broadsheet benchmark, {now}")
        out.append(f"commit:  {commit}{' (uncommitted changes)' if dirty else ''}")
        out.append(f"machine: {cores} CPUs, {platform.system()} {platform.release()}")
        if self.article_bytes:
            out.append(f"article: {self.article_path} ({self.article_bytes} bytes), 10,000-article demo paper")
        readers = [s for s in ("d", "e", "preview") if self.want(s)]
        if readers:
            out.append(
                f"{', '.join(readers) + ':':<8} the first {self.read_count} articles linked from the front "
                "page, read in turn (bench/out/articles.txt)"
            )
        if "pages" in self.meta:
            out.append("pages:   " + ", ".join(f"{k} {v}" for k, v in self.meta["pages"].items()))
        if w:
            out.append(f"load:    wrk -t2 -c64 -d{self.o.duration}s --latency (wrk and the servers share the CPUs)")
        out.append("")
        row = lambda name, rps, p99: f"{name:<46} {rps:>12} {p99:>10}"  # noqa: E731
        if w or (self.want("alert") and hasattr(self, "alert_answer")):
            out.append(row("scenario", "req/s", "p99 ms"))
        titles = [
            ("a", "a  broadsheet, page cache warm"),
            ("b", "b  broadsheet, BROADSHEET_PAGE_CACHE=false"),
            ("c", "c  nginx static file (ceiling)"),
            ("d", f"d  {self.read_count} articles, page cache on, no writes"),
            ("e", f"e  as d + {rate} guest comments/s"),
            ("d-after", "d-after  as d, on the pages as e left them (informative)"),
            ("pages-front", "pages  front page, cache off"),
            ("pages-section", "pages  section page, cache off"),
            ("pages-topic", "pages  topic page, cache off"),
            ("pages-article", "pages  article (embeds, related), cache off"),
            ("preview-idle", f"preview  {self.read_count} articles, no previews"),
            ("preview-load", "preview  as idle + 2 contributors previewing"),
        ]
        for label, title in titles:
            if label in w:
                out.append(row(title + w[label]["flag"], f"{w[label]['rps']:.2f}", f"{w[label]['p99']:.3f}"))
        if self.want("alert") and hasattr(self, "alert_answer"):
            answer = self.alert_answer
            seconds = f"{answer:.3f} s" if answer is not None else f"> {ALERT_TIMEOUT:.0f} s"
            out.append(f"{'alert  answer to the editor, ' + format(self.alert_confirmed, ',') + ' subscribers':<46} {seconds:>23}")
        if out[-1] != "":
            out.append("")
        verdicts += self.search_verdicts
        for text, target, passed in verdicts:
            out.append(f"{text:<40} {target:<30} {'PASS' if passed else 'MISS'}")
        out += self.lines
        if any(v["flag"] for v in w.values()):
            out.append("")
            out.append(f"! = wrk reported non-2xx/3xx responses or socket errors; see {OUT}/wrk-*.txt")
        text = "\n".join(out) + "\n"
        print()
        print(text, end="")
        with open(os.path.join(OUT, "results.txt.tmp"), "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(os.path.join(OUT, "results.txt.tmp"), os.path.join(OUT, "results.txt"))

        order = {name: i for i, name in enumerate(
            ["a", "b", "c", "a/c", "b/c", "a,b", "d", "e", "e/d", "e/d-after", "d,e",
             "pages front", "pages section", "pages topic", "pages article", "pages",
             "alert", "render", "preview idle", "preview load", "preview", "search", "documents"]
        )}
        results = sorted(self.results, key=lambda r: order.get(r["scenario"], len(order)))
        document = {
            "metadata": {
                "commit": commit,
                "uncommitted_changes": dirty,
                "date": now,
                "duration_s": self.o.duration,
                "machine_cores": cores,
                "kernel": f"{platform.system()} {platform.release()}",
                "scenarios": [s for s in ALL_SCENARIOS if self.want(s)],
                "wrk": f"wrk -t2 -c64 -d{self.o.duration}s --latency",
                "demo_articles": DEMO_ARTICLES if self.needs_server() else None,
                "article": self.article_path,
                "article_bytes": self.article_bytes,
                "read_articles": self.read_count if readers else None,
                "comment_rate": self.o.comment_rate if self.want("e") else None,
                "alert_subscribers": self.o.alert_subscribers if self.want("alert") else None,
                "wrk_errors": {k: v["errors"] for k, v in w.items() if v["errors"]},
                **{k: v for k, v in self.meta.items() if k not in ("read_articles",)},
            },
            "results": results,
        }
        with open(os.path.join(OUT, "results.json.tmp"), "w", encoding="utf-8") as f:
            json.dump(document, f, indent=2)
            f.write("\n")
        os.replace(os.path.join(OUT, "results.json.tmp"), os.path.join(OUT, "results.json"))
        print(f"\n(saved to {OUT}/results.txt and results.json)")


def number(text):
    """A key=value figure of the poster's summary as a number when it is one."""
    for kind in (int, float):
        try:
            value = kind(text)
        except ValueError:
            continue
        return value if value == value and abs(value) != float("inf") else text  # no NaN in JSON
    return text


def fmt(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def preview_bodies():
    """The bodies the contributors preview in turn, as (name, Markdown source): the
    largest accepted body of ordinary paragraphs, one byte more, and the pathological
    ones of crates/core/examples/render_slope.rs."""
    text = PREVIEW_PARAGRAPH * (MAX_BODY_BYTES // len(PREVIEW_PARAGRAPH) + 2)
    return [
        ("article", text[:MAX_BODY_BYTES]),
        ("one-byte-over", text[: MAX_BODY_BYTES + 1]),
        ("nested-lists", "- " * 10_000 + "x"),
        ("nested-quotes", ">" * 200_000),
        ("nested-emphasis", "*" * 10_000 + "a" + "*" * 10_000),
    ]


def preview_outcome(status, page):
    """What a live preview answered: rendered, refused (too long or nested too deep),
    over-budget (took longer than the render budget), busy (no turn to render within
    the budget), or "HTTP N"."""
    if status != 200:
        return f"HTTP {status}"
    if b"No preview:" not in page:
        return "rendered"
    if b"newsroom is busy" in page:
        return "busy"
    if b"took longer than" in page:
        return "over-budget"
    return "refused"


def git(*args):
    try:
        proc = subprocess.run(["git", "-C", REPO_ROOT, *args], capture_output=True, text=True)
    except OSError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def to_ms(text):
    """wrk latencies: 512.00us, 1.23ms, 2.01s, 1.50m, 1.00h."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not match:
        return None
    factor = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "h": 3600000}[match.group(2)]
    return float(match.group(1)) * factor


def parse_wrk(output):
    """{"rps", "p99" (ms), "errors"} from `wrk --latency` output, or None."""
    rps = re.search(r"^Requests/sec:\s+([0-9.]+)", output, re.M)
    dist = output.split("Latency Distribution", 1)
    p99 = re.search(r"^\s*99%\s+(\S+)", dist[1], re.M) if len(dist) == 2 else None
    p99 = to_ms(p99.group(1)) if p99 else None
    if not rps or p99 is None:
        return None
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    socket_errors = re.search(r"Socket errors:(.*)", output)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return {"rps": round(float(rps.group(1)), 2), "p99": round(p99, 3), "errors": errors}


def main(argv=None):
    options = parse_options(sys.argv[1:] if argv is None else argv)

    def terminate(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    os.chdir(REPO_ROOT)
    try:
        Bench(options).run()
    except BenchError as err:
        print(f"\nERROR: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
