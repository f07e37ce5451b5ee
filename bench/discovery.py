"""Scenario "search" of bench/run.py: search latency, and how long sitemaps and feeds take
to draw, on papers of 10,000, 100,000 (and, when asked, 1,000,000) articles on SQLite and
of 100,000 on PostgreSQL (issue 10's targets).

Each paper is a demo paper (`broadsheet demo --articles N --seed-only`, the same code path
as the demo and real use), built once in bench/out/search-N (search-pg-N for PostgreSQL,
whose database is broadsheet_bench_N) and reused by later runs (migrated by `serve
--migrate` when the binary is newer); delete the folder to build it again. PostgreSQL
papers get `VACUUM ANALYZE` before they are measured, as after any bulk load.

Searches are sent one after another on one connection (a reader's wait, not throughput):
after 5 unmeasured ones, SEARCH_SAMPLES (default 200) per query, p50 and p99 of the
answer times as the client sees them. Sitemaps and feeds are measured with the page
cache off, so every answer is drawn anew (the worst case: with the cache on, all but the
first are served from memory).
"""

import glob
import http.client
import os
import shutil
import sqlite3
import subprocess
import time
import urllib.parse

SEARCH_P99_TARGETS_MS = {100_000: 20.0, 1_000_000: 100.0}
DOCUMENT_TARGET_MS = 50.0
DOCUMENT_SIZE = 100_000
DOCUMENT_SAMPLES = 30
# Demo sections and words (crates/broadsheet/src/demo/content): common enough to find many.
COMMON_WORD = "council"
SECOND_WORD = "city"
FILTER_SECTION = "new-york"


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Client:
    """One kept-alive HTTP/1.1 connection; `get` returns (status, ms, bytes)."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def get(self, path):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            started = time.perf_counter()
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if response.will_close:
                self.conn.close()
                self.conn = None
            return response.status, elapsed, body
        raise AssertionError("unreachable")


def timings(client, path, samples, warmup):
    for _ in range(warmup):
        client.get(path)
    times, statuses = [], set()
    for _ in range(samples):
        status, ms, _ = client.get(path)
        statuses.add(status)
        times.append(ms)
    return times, statuses


def sqlite_file(paper):
    found = glob.glob(os.path.join(paper, "**", "*.db"), recursive=True)
    return found[0] if found else None


def rare_word(db_path):
    """The headline word found in the fewest articles (at least one), read from the
    paper's own index: a search whose answer is short."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        words = [row[0] for row in db.execute(
            "SELECT word FROM search_words WHERE length(word) >= 5 ORDER BY word LIMIT 5000"
        )]
        best = None
        for word in words:
            try:
                (count,) = db.execute(
                    "SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?",
                    (f'"{word}"',),
                ).fetchone()
            except sqlite3.OperationalError:
                return None  # this Python's SQLite has no FTS5
            if count >= 1 and (best is None or count < best[1]):
                best = (word, count)
                if count == 1:
                    break
    return best[0] if best else None


class Discovery:
    def __init__(self, bench, run, out, log, note, warn, error):
        self.bench = bench
        self.run = run
        self.out = out
        self.log, self.note, self.warn, self.error = log, note, warn, error
        self.sizes = [int(s) for s in os.environ.get("SEARCH_SIZES", "10000 100000").split()]
        self.pg_sizes = [int(s) for s in os.environ.get("SEARCH_PG_SIZES", "100000").split()]
        self.pg_url = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        self.samples = int(os.environ.get("SEARCH_SAMPLES", "200"))
        self.rare = None
        self.verdicts = []

    # --- papers ---

    def paper(self, size, postgres):
        folder = os.path.join(self.out, f"search-pg-{size}" if postgres else f"search-{size}")
        marker = os.path.join(folder, ".seeded")
        env = dict(os.environ)
        database = f"broadsheet_bench_{size}"
        if postgres:
            env["BROADSHEET_DATABASE_URL"] = f"{self.pg_url}/{database}"
        if os.path.exists(marker):
            self.note(f"reusing {folder} ({size:,} articles)")
            return folder, env
        shutil.rmtree(folder, ignore_errors=True)
        if postgres:
            admin = f"{self.pg_url}/postgres"
            for sql in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}"):
                if subprocess.call(["psql", "-X", "-q", admin, "-c", sql]) != 0:
                    raise self.error(f"psql could not run `{sql}` on {admin}")
        self.log(f"creating a {size:,}-article demo paper in {folder}" + (" on PostgreSQL" if postgres else ""))
        started = time.monotonic()
        rc = subprocess.call(
            [self.bench.bin, "demo", "--dir", folder, "--articles", str(size), "--seed-only"],
            stdin=subprocess.DEVNULL, env=env,
        )
        if rc != 0:
            raise self.error(f"broadsheet demo --articles {size} failed (exit {rc})")
        seconds = time.monotonic() - started
        label = f"{'pg' if postgres else 'sqlite'}-{size}"
        self.bench.record("search", f"seed_{label}", round(size / seconds, 1), "articles/s")
        self.bench.lines.append(
            f"search: the {size:,}-article paper ({label}) was written in {seconds:.0f} s "
            f"({size / seconds:,.0f} articles/s, indexed as they were written)"
        )
        with open(marker, "w") as f:
            f.write(f"{size}\n")
        return folder, env

    # --- measuring ---

    def queries(self):
        rare = self.rare or "zyzzogeton"
        return [
            ("one word", f"/search?q={COMMON_WORD}"),
            ("two words", f"/search?q={SECOND_WORD}+{COMMON_WORD}"),
            ("phrase", "/search?q=" + urllib.parse.quote(f'"{SECOND_WORD} {COMMON_WORD}"')),
            ("rare word", f"/search?q={rare}"),
            ("filter", f"/search?q={COMMON_WORD}&section={FILTER_SECTION}"),
            ("newest first", f"/search?q={COMMON_WORD}&order=newest"),
        ]

    def measure_search(self, size, postgres):
        folder, env = self.paper(size, postgres)
        if not postgres and self.rare is None:
            db = sqlite_file(folder)
            self.rare = rare_word(db) if db else None
            if self.rare is None:
                self.warn("no rare word found in the index; using a word that finds nothing")
            else:
                self.note(f"rare word: {self.rare}")
        label = f"{'pg' if postgres else 'sqlite'}-{size}"
        config = os.path.join(folder, "broadsheet.toml")
        database = {k: v for k, v in env.items() if k.startswith("BROADSHEET_DATABASE_URL")}
        # A paper built by an older binary is migrated first (its search index too).
        self.bench.start_server(f"search-{label}", env=database, config=config, extra_args=["--migrate"])
        if postgres:
            # What an operator runs after a bulk load, and autovacuum does by itself a
            # little later: the planner needs row counts to read the index first.
            subprocess.call(["psql", "-X", "-q", database["BROADSHEET_DATABASE_URL"], "-c", "VACUUM ANALYZE"])
        try:
            client = Client(self.bench.port)
            worst = 0.0
            for name, path in self.queries():
                times, statuses = timings(client, path, self.samples, 5)
                p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
                worst = max(worst, p99)
                key = name.replace(" ", "_")
                self.bench.record("search", f"{label}_{key}_p50", round(p50, 2), "ms")
                self.bench.record("search", f"{label}_{key}_p99", round(p99, 2), "ms")
                bad = sorted(s for s in statuses if s != 200)
                self.bench.lines.append(
                    f"search {label:<12} {name:<13} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms"
                    + (f"  (HTTP {bad})" if bad else "")
                )
            target = SEARCH_P99_TARGETS_MS.get(size)
            if target is not None:
                passed = worst < target
                self.bench.record("search", f"{label}_worst_p99", round(worst, 2), "ms", f"< {target:g}", passed)
                self.verdicts.append((f"search {label} worst p99 = {worst:.2f} ms", f"target < {target:g} ms", passed))
            if size == DOCUMENT_SIZE:
                self.bench.stop_server()
                self.bench.start_server(
                    f"documents-{label}",
                    env={**database, "BROADSHEET_PAGE_CACHE": "false"},
                    config=config,
                )
                self.measure_documents(label)
        finally:
            self.bench.stop_server()

    def measure_documents(self, label):
        client = Client(self.bench.port)
        status, _, index = client.get("/sitemap.xml")
        months = [part.split("</loc>")[0].rsplit("/", 1)[-1]
                  for part in index.decode("utf-8", "replace").split("<loc>")[1:]
                  if "/articles-" in part.split("</loc>")[0]]
        # The month with the most articles: the largest monthly sitemap.
        biggest, most = None, -1
        for name in months:
            _, _, body = client.get(f"/sitemaps/{name}")
            count = body.count(b"<url>")
            if count > most:
                biggest, most = name, count
        paths = ["/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/sections.xml",
                 "/sitemaps/topics.xml", "/sitemaps/authors.xml", "/sitemaps/pages.xml",
                 "/feed", "/feed/atom", f"/section/{FILTER_SECTION}/feed"]
        if biggest:
            paths.insert(1, f"/sitemaps/{biggest}")
        worst = 0.0
        for path in paths:
            times, statuses = timings(client, path, DOCUMENT_SAMPLES, 2)
            p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
            worst = max(worst, p99)
            key = path.strip("/").replace("/", "_").replace(".xml", "") or "root"
            self.bench.record("documents", f"{label}_{key}_p50", round(p50, 2), "ms")
            self.bench.record("documents", f"{label}_{key}_p99", round(p99, 2), "ms")
            extra = f" ({most:,} addresses)" if biggest and path.endswith(biggest) else ""
            bad = sorted(s for s in statuses if s != 200)
            self.bench.lines.append(
                f"documents {label:<12} {path:<34} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms{extra}"
                + (f"  (HTTP {bad})" if bad else "")
            )
        passed = worst < DOCUMENT_TARGET_MS
        self.bench.record("documents", f"{label}_worst_p99", round(worst, 2), "ms", f"< {DOCUMENT_TARGET_MS:g}", passed)
        self.verdicts.append((f"sitemaps, feeds {label} worst p99 = {worst:.2f} ms",
                              f"target < {DOCUMENT_TARGET_MS:g} ms", passed))

    def scenario(self):
        for size in self.sizes:
            self.measure_search(size, postgres=False)
        for size in self.pg_sizes:
            if shutil.which("psql") is None:
                self.warn("psql not found: the PostgreSQL search figures are not measured")
                break
            self.measure_search(size, postgres=True)
        return self.verdicts
