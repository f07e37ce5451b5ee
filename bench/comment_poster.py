#!/usr/bin/env python3
"""Posts guest comments to Broadsheet at a steady rate (bench/run.py, scenario e).

Python 3 standard library only. What it does:

1. reads article paths (one per line) from --paths, GETs each page and takes the
   article id from its comment form (action="/comments/ID"); articles whose comments
   are closed (no form) are skipped;
2. fetches and solves one proof-of-work challenge (GET /altcha/challenge, ALTCHA's
   SHA-256 scheme: find n in 0..=maxnumber with sha256(salt + str(n)) == challenge)
   per planned comment, before the measured window, and writes --ready; a solution
   whose expiry (salt "...?expires=UNIX") is less than 10 s away when it is needed is
   replaced by a fresh one fetched then;
3. waits for the file --go to exist, then posts floor(rate * duration) comments on a
   fixed schedule (comment k is due at start + k / rate, whatever happened to the
   earlier ones; an open loop), spread round-robin over the articles, each with its
   own email address and text, from --workers threads so that a slow answer does not
   delay the next comment;
4. after the last answer, GETs every article page once and counts how many of this
   run's published comments are shown (proof that the page cache was invalidated);
5. writes key=value lines to --summary and a readable report to stderr.

Exit status: 0 when it ran (whatever the server answered), 1 if it could not start
(no article with a comment form, challenges not available, --go never appeared).
"""

import argparse
import base64
import hashlib
import http.client
import json
import math
import queue
import re
import secrets
import sys
import threading
import time
import urllib.parse

PUBLISHED = "Your comment is published."
HELD = "will appear once a moderator has read it"
FORM_ACTION = re.compile(r'action="/comments/(\d+)"')
TIMEOUT = 30.0


def log(message):
    print(f"poster: {message}", file=sys.stderr, flush=True)


class Client:
    """One HTTP/1.1 connection to the server, reopened after any failure."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body text)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                if response.will_close:
                    self.close()
                return response.status, text
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server had closed: retry once on a new one.
                self.close()
                if attempt == 2:
                    raise
            except Exception:
                self.close()
                raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def solve(challenge):
    """The form's `altcha` value for a challenge: base64 of the widget's JSON."""
    salt = challenge["salt"]
    target = challenge["challenge"]
    for number in range(int(challenge["maxnumber"]) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == target:
            payload = {
                "algorithm": challenge["algorithm"],
                "challenge": target,
                "number": number,
                "salt": salt,
                "signature": challenge["signature"],
            }
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError(f"challenge not solvable within maxnumber {challenge['maxnumber']}")


def expiry_of(challenge):
    query = challenge["salt"].split("?", 1)[1] if "?" in challenge["salt"] else ""
    expires = urllib.parse.parse_qs(query).get("expires", [""])[0]
    return int(expires) if expires.isdigit() else 0


def fetch_solution(client):
    """(altcha value, expires_at Unix seconds) for a fresh challenge."""
    status, text = client.request("GET", "/altcha/challenge")
    if status != 200:
        raise RuntimeError(f"GET /altcha/challenge answered HTTP {status}")
    challenge = json.loads(text)
    if challenge.get("algorithm") != "SHA-256":
        raise RuntimeError(f"unexpected challenge algorithm {challenge.get('algorithm')!r}")
    return solve(challenge), expiry_of(challenge)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[rank]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:18080")
    parser.add_argument("--paths", required=True, help="file with one article path a line")
    parser.add_argument("--rate", type=float, required=True, help="comments per second")
    parser.add_argument("--duration", type=float, required=True, help="seconds to post for")
    parser.add_argument("--workers", type=int, default=8, help="posting threads")
    parser.add_argument("--ready", required=True, help="file written when ready to post")
    parser.add_argument("--go", required=True, help="posting starts when this file exists")
    parser.add_argument("--summary", required=True, help="key=value results are written here")
    args = parser.parse_args()
    if args.rate <= 0 or args.duration <= 0 or args.workers < 1:
        parser.error("--rate, --duration and --workers must be positive")

    base = urllib.parse.urlsplit(args.base)
    host, port = base.hostname, base.port or 80
    setup = Client(host, port)

    # 1. article ids from the comment forms.
    with open(args.paths, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    articles = []  # (path, id)
    for path in paths:
        status, text = setup.request("GET", path)
        match = FORM_ACTION.search(text) if status == 200 else None
        if match:
            articles.append((path, int(match.group(1))))
        else:
            log(f"skipping {path}: HTTP {status}, no comment form (comments closed?)")
    if not articles:
        log("no article with a comment form; nothing to post to")
        return 1

    # 2. solutions, one per planned comment (each can be used once).
    total = int(math.floor(args.rate * args.duration + 1e-9))
    started = time.monotonic()
    solutions = queue.SimpleQueue()
    try:
        for _ in range(total):
            solutions.put(fetch_solution(setup))
    except Exception as err:  # noqa: BLE001 - reported, then the run is refused
        log(f"could not prepare the spam checks: {err}")
        return 1
    log(
        f"{len(articles)} articles, {total} comments planned at {args.rate:g}/s; "
        f"{total} challenges solved in {time.monotonic() - started:.2f} s"
    )
    setup.close()

    run = secrets.token_hex(4)
    results = []  # (k, lag s, latency s, status or None, kind, finished monotonic)
    results_lock = threading.Lock()
    jobs = queue.Queue()

    def worker():
        client = Client(host, port)
        while True:
            job = jobs.get()
            if job is None:
                client.close()
                return
            k, due = job
            sent = time.monotonic()
            path, article_id = articles[k % len(articles)]
            status, kind = None, "error"
            try:
                try:
                    altcha, expires_at = solutions.get_nowait()
                except queue.Empty:
                    altcha, expires_at = fetch_solution(client)
                if expires_at < time.time() + 10:
                    altcha, _ = fetch_solution(client)
                form = urllib.parse.urlencode(
                    {
                        "name": f"Bench reader {k}",
                        "email": f"bench-{run}-{k}@example.org",
                        "body": (
                            f"Comment bench-{run}-{k}: reader {k} of run {run} thinks "
                            f"article {article_id} deserves remark number {k * 7 + 3}."
                        ),
                        "altcha": altcha,
                        "website": "",
                    }
                )
                status, text = client.request(
                    "POST",
                    f"/comments/{article_id}",
                    body=form,
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
                if status == 200 and PUBLISHED in text:
                    kind = "published"
                elif status == 200 and HELD in text:
                    kind = "held"
                elif 200 <= status < 400:
                    kind = "other"
                elif 400 <= status < 500:
                    kind = "4xx"
                else:
                    kind = "5xx"
            except Exception as err:  # noqa: BLE001 - counted as an error
                log(f"comment {k} on {path}: {type(err).__name__}: {err}")
            done = time.monotonic()
            with results_lock:
                results.append((k, sent - due, done - sent, status, kind, done))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in threads:
        thread.start()

    # 3. wait for the go signal, then the fixed schedule.
    with open(args.ready, "w", encoding="utf-8") as f:
        f.write("ready\n")
    deadline = time.monotonic() + 120
    while True:
        try:
            open(args.go, encoding="utf-8").close()
            break
        except FileNotFoundError:
            if time.monotonic() > deadline:
                log(f"{args.go} did not appear within 120 s")
                return 1
            time.sleep(0.005)
    start = time.monotonic()
    for k in range(total):
        due = start + k / args.rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        jobs.put((k, due))
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    finished = max((r[5] for r in results), default=start)

    # 4. are the published comments on the pages?
    published = {r[0] for r in results if r[4] == "published"}
    marker = re.compile(rf"bench-{run}-(\d+)")
    shown = set()
    check = Client(host, port)
    for path, _ in articles:
        try:
            status, text = check.request("GET", path)
            shown.update(int(m) for m in marker.findall(text))
        except Exception as err:  # noqa: BLE001 - reported
            log(f"GET {path} after posting: {err}")
    check.close()

    # 5. report.
    statuses = {}
    kinds = {"published": 0, "held": 0, "other": 0, "4xx": 0, "5xx": 0, "error": 0}
    for r in results:
        key = str(r[3]) if r[3] is not None else "none"
        statuses[key] = statuses.get(key, 0) + 1
        kinds[r[4]] += 1
    lags = [r[1] for r in results]
    latencies = [r[2] for r in results if r[3] is not None]
    answered = len(latencies)
    span = max(args.duration, finished - start)
    summary = {
        "articles": len(articles),
        "planned": total,
        "posted": len(results),
        "answered": answered,
        "published": kinds["published"],
        "held": kinds["held"],
        "other_2xx_3xx": kinds["other"],
        "http_4xx": kinds["4xx"],
        "http_5xx": kinds["5xx"],
        "errors": kinds["error"],
        "statuses": ",".join(f"{s}:{n}" for s, n in sorted(statuses.items())) or "none",
        "target_rate": f"{args.rate:g}",
        "achieved_rate": f"{answered / span:.2f}",
        "span_s": f"{span:.2f}",
        "lag_max_ms": f"{max(lags, default=0) * 1000:.1f}",
        "post_p50_ms": f"{percentile(latencies, 50) * 1000:.1f}",
        "post_p99_ms": f"{percentile(latencies, 99) * 1000:.1f}",
        "post_max_ms": f"{max(latencies, default=float('nan')) * 1000:.1f}",
        "shown": len(published & shown),
        "run": run,
    }
    with open(args.summary, "w", encoding="utf-8") as f:
        for key, value in summary.items():
            f.write(f"{key}={value}\n")
    log(
        f"posted {summary['posted']} of {total} (HTTP {summary['statuses']}): "
        f"{summary['published']} published, {summary['held']} held, "
        f"{summary['http_4xx']} 4xx, {summary['http_5xx']} 5xx, {summary['errors']} errors; "
        f"{summary['achieved_rate']}/s answered over {summary['span_s']} s "
        f"(target {args.rate:g}/s), schedule lag max {summary['lag_max_ms']} ms, "
        f"POST p50 {summary['post_p50_ms']} ms p99 {summary['post_p99_ms']} ms; "
        f"{summary['shown']} of {summary['published']} published comments shown on the pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
