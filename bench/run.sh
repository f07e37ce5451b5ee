#!/usr/bin/env bash
# Broadsheet HTTP benchmark: how fast does one article page come back, and how
# much do readers suffer while readers post comments?
#
# What it does, from any working directory, on a fresh Debian machine:
#   1. installs wrk and nginx (and python3 for scenario e) with apt-get if they
#      are missing (uses sudo when not root), builds
#      `cargo build --release -p broadsheet`;
#   2. creates a demo paper with 10,000 articles in bench/out/paper
#      (deleted and rebuilt each run unless BENCH_REUSE=1);
#   3. picks ONE article URL from the front page and load-tests it with
#      `wrk -t2 -c64 -d${DURATION}s --latency` in three scenarios:
#        a  broadsheet serve, page cache on and warm (one request before wrk)
#        b  broadsheet serve with BROADSHEET_PAGE_CACHE=false (every request
#           renders the page from the database)
#        c  nginx serving the very same HTML bytes as a static file: the
#           ceiling of what this machine can do for this page and this wrk
#           (keep-alive, sendfile, open_file_cache, access_log off);
#      then takes the first READ_ARTICLES article URLs of the front page and
#      runs the same wrk over them in turn (bench/rotate.lua) twice, against
#      one server with the page cache on (all pages warmed first):
#        d  readers only, no writes;
#        e  the same readers while bench/comment_poster.py posts guest
#           comments on those same articles at COMMENT_RATE per second on a
#           fixed schedule. Every comment is approved and shown, so each one
#           invalidates the cached page of its article (and the front and list
#           pages) while wrk reads it. The poster solves the proof of work
#           (ALTCHA, GET /altcha/challenge) for every comment before the
#           measured window; during it, it only POSTs /comments/ID. For d and
#           e the server runs with BROADSHEET_COMMENTS_PER_CLIENT=1000000000
#           (all comments come from 127.0.0.1) and
#           BROADSHEET_POW_MAX_NUMBER=1000 (the easiest allowed proof of work);
#   4. records the peak resident memory (VmHWM from /proc/PID/status, read
#      just before each broadsheet serve process is stopped).
#
# How to read the output (also written to bench/out/results.txt):
#   scenario  req/s  p99 ms   wrk's "Requests/sec" and the 99th-percentile
#                             latency in milliseconds.
#   a/c        share of the static-file ceiling reached with the page cache
#              on. Target: a/c >= 0.80.
#   b/c        the same share without the page cache (informative); the
#              target for b is absolute: b >= 2000 req/s.
#   peak RSS   max VmHWM over the serve processes of a and b, in MB (MiB).
#              Target: <= 150 MB.
#   e/d p99    the readers' p99 with the comment load divided by their p99
#              without it (informative; 1.00 = the comments cost readers
#              nothing at the 99th percentile).
#   comments   for e: how many comments were posted, the HTTP statuses of the
#              answers (200 = received; the page then says published or held
#              for a moderator), 4xx/5xx/errors (connection failures,
#              timeouts), the achieved rate (answers per second over the
#              posting time, which stretches if the server falls behind) against
#              COMMENT_RATE, the poster's worst lag behind its schedule, the
#              POST latency, and how many published comments were then found
#              on the article pages. "pages" gives the mean size of the article
#              pages before d and after e: they grow with every comment (with
#              BENCH_REUSE=1 they also keep earlier runs' comments).
#   Each target line ends in PASS or MISS. A "!" after a scenario means wrk
#   saw non-2xx/3xx responses or socket errors; that run's numbers are suspect
#   (details in bench/out/wrk-*.txt). Lines starting "WARNING" under the
#   comments line mean e did not put the intended write load on the server.
#   wrk, the server, the poster and nginx share the same CPUs, so absolute
#   numbers depend heavily on the machine; the ratios are what is comparable
#   across machines. The exit status is 0 whenever the benchmark ran to the
#   end, whether or not the targets were met; it is non-zero if it could not
#   run.
#
# Environment knobs:
#   DURATION=15       seconds per wrk run (and of comment posting in e)
#   PORT=18080        broadsheet listens on PORT, nginx on PORT+1 (127.0.0.1)
#   BENCH_REUSE=1     keep an existing bench/out/paper instead of rebuilding it
#   BENCH_BUILD=0     do not run cargo; use the existing release binary
#   SCENARIOS="a b c d e"  which scenarios to run (any subset, e.g. "d e")
#   READ_ARTICLES=20  article pages read in d and e (the first ones linked
#                     from the front page; fewer if the front page has fewer)
#   COMMENT_RATE=20   comments per second posted in e (decimals allowed)
#
# Files in bench/out: paper/ (data), server-{a,b,de}.log, wrk-{a,b,c,d,e}.txt,
# static/article.html, nginx/ (config, logs, temp dirs), articles.txt (the
# paths read in d and e), poster-e.log and poster-e.summary (the poster's
# report and its key=value figures), results.txt.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

OUT="$REPO_ROOT/bench/out"
PORT="${PORT:-18080}"
NGINX_PORT=$((PORT + 1))
DURATION="${DURATION:-15}"
BENCH_REUSE="${BENCH_REUSE:-0}"
BENCH_BUILD="${BENCH_BUILD:-1}"
SCENARIOS="${SCENARIOS:-a b c d e}"
READ_ARTICLES="${READ_ARTICLES:-20}"
COMMENT_RATE="${COMMENT_RATE:-20}"
BASE="http://127.0.0.1:$PORT"
NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
NG="$OUT/nginx"

SERVER_PID=""
NGINX_PID=""
POSTER_PID=""
PEAK_RSS_KB=0
LAST_RSS_KB=0

log() { printf '\n==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -gt 0 ]] || die "DURATION must be a positive number of seconds, got '$DURATION'"
[[ "$READ_ARTICLES" =~ ^[0-9]+$ && "$READ_ARTICLES" -gt 0 ]] || die "READ_ARTICLES must be a positive number, got '$READ_ARTICLES'"
if ! [[ "$COMMENT_RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v r="$COMMENT_RATE" 'BEGIN { exit !(r > 0) }'; then
    die "COMMENT_RATE must be a positive number of comments per second, got '$COMMENT_RATE'"
fi
SCENARIOS=" ${SCENARIOS//,/ } "
for scenario in $SCENARIOS; do
    [[ "$scenario" =~ ^[a-e]$ ]] || die "SCENARIOS takes letters a to e separated by spaces, got '$scenario'"
done
[[ "$SCENARIOS" =~ [a-e] ]] || die "SCENARIOS names no scenario"

# want X: true if scenario X is to run.
want() { [[ "$SCENARIOS" == *" $1 "* ]]; }

# --- process handling -------------------------------------------------------

# stop_pid PID: SIGTERM, wait up to 10 s, then SIGKILL; reap it.
stop_pid() {
    local pid=$1 i
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            warn "process $pid ignored SIGTERM for 10 s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    if [[ -n "$POSTER_PID" ]]; then
        stop_pid "$POSTER_PID"
        POSTER_PID=""
    fi
    if [[ -n "$SERVER_PID" ]]; then
        stop_pid "$SERVER_PID"
        SERVER_PID=""
    fi
    if [[ -n "$NGINX_PID" ]]; then
        stop_pid "$NGINX_PID"
        NGINX_PID=""
    fi
}
on_exit() {
    local rc=$?
    trap - EXIT
    cleanup
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# port_in_use PORT: true if something accepts TCP connections on it.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_http URL PID LOG WHAT: wait up to 60 s until URL answers 2xx/3xx.
wait_http() {
    local url=$1 pid=$2 logfile=$3 what=$4
    local deadline=$((SECONDS + 60))
    while ! curl -sf -o /dev/null --max-time 2 "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            printf '\n--- %s ---\n' "$logfile" >&2
            tail -n 100 "$logfile" >&2 || true
            die "$what exited before answering on $url (log above: $logfile)"
        fi
        if ((SECONDS >= deadline)); then
            printf '\n--- %s ---\n' "$logfile" >&2
            tail -n 100 "$logfile" >&2 || true
            die "$what did not answer on $url within 60 s (log above: $logfile)"
        fi
        sleep 0.2
    done
}

# start_server LABEL [VAR=value ...]: start broadsheet serve in the background.
start_server() {
    local label=$1
    shift
    local logfile="$OUT/server-$label.log"
    port_in_use "$PORT" && die "something is already listening on 127.0.0.1:$PORT (set PORT=...)"
    log "starting broadsheet serve ($label${*:+, $*}), log: $logfile"
    env -u BROADSHEET_PAGE_CACHE "$@" "$BIN" serve \
        --config "$OUT/paper/broadsheet.toml" --listen "127.0.0.1:$PORT" \
        >"$logfile" 2>&1 </dev/null &
    SERVER_PID=$!
    wait_http "$BASE/" "$SERVER_PID" "$logfile" "broadsheet serve"
    echo "ready (pid $SERVER_PID)" >&2
}

# stop_server: record the peak RSS (VmHWM) of the running server in
# LAST_RSS_KB, stop it.
stop_server() {
    local hwm
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || true)
    LAST_RSS_KB=0
    if [[ -n "$hwm" ]]; then
        echo "broadsheet serve pid $SERVER_PID peak RSS (VmHWM): $hwm kB" >&2
        LAST_RSS_KB=$hwm
    else
        warn "could not read VmHWM of pid $SERVER_PID (did it exit?)"
    fi
    stop_pid "$SERVER_PID"
    SERVER_PID=""
}

# --- wrk --------------------------------------------------------------------

# parse_wrk FILE: print "REQS_PER_SEC P99_MS" from `wrk --latency` output.
# wrk prints latencies as e.g. 512.00us, 1.23ms, 2.01s, 1.50m, 1.00h.
parse_wrk() {
    awk '
        function to_ms(v,   n, u) {
            if (!match(v, /^[0-9.]+/)) return ""
            n = substr(v, 1, RLENGTH) + 0
            u = substr(v, RLENGTH + 1)
            if (u == "us") return n / 1000
            if (u == "ms") return n
            if (u == "s")  return n * 1000
            if (u == "m")  return n * 60000
            if (u == "h")  return n * 3600000
            return ""
        }
        /^Requests\/sec:/ { rps = $2 }
        /Latency Distribution/ { in_dist = 1; next }
        in_dist && $1 == "99%" { p99 = to_ms($2); in_dist = 0 }
        END {
            if (rps == "" || p99 == "") exit 1
            printf "%.2f %.3f\n", rps, p99
        }
    ' "$1"
}

# run_wrk LABEL URL [PATHS_FILE]: one wrk run, output to the terminal and
# $OUT/wrk-LABEL.txt; with PATHS_FILE, wrk GETs those paths of URL in turn
# (bench/rotate.lua). Sets WRK_RPS, WRK_P99, WRK_FLAG.
run_wrk() {
    local label=$1 url=$2 file="$OUT/wrk-$1.txt" parsed
    local -a cmd=(wrk -t2 -c64 -d"${DURATION}s" --latency)
    if [[ $# -ge 3 ]]; then
        cmd+=(-s "$REPO_ROOT/bench/rotate.lua" "$url" -- "$3")
    else
        cmd+=("$url")
    fi
    log "${cmd[*]}"
    "${cmd[@]}" | tee "$file" || die "wrk failed (scenario $label)"
    parsed=$(parse_wrk "$file") || die "could not find Requests/sec and the 99% latency in $file"
    read -r WRK_RPS WRK_P99 <<<"$parsed"
    WRK_FLAG=""
    if grep -Eq 'Non-2xx or 3xx responses|Socket errors' "$file"; then
        WRK_FLAG="!"
        warn "wrk reported errors in scenario $label:"
        grep -E 'Non-2xx or 3xx responses|Socket errors' "$file" >&2
    fi
}

# --- nginx ------------------------------------------------------------------

write_nginx_conf() {
    local user_line=""
    # A root master would run its workers as "nobody", which may not be able
    # to read $OUT; run them as the invoking user instead.
    if [[ "$(id -u)" -eq 0 ]]; then
        user_line="user $(id -un) $(id -gn);"
    fi
    rm -rf "$NG"
    mkdir -p "$NG/tmp"
    cat >"$NG/nginx.conf" <<EOF
# Written by bench/run.sh: serves $OUT/static/article.html for every path.
$user_line
worker_processes auto;
daemon off;
master_process on;
pid "$NG/nginx.pid";
error_log "$NG/error.log" warn;

events {
    worker_connections 1024;
}

http {
    access_log off;
    client_body_temp_path "$NG/tmp/client_body";
    proxy_temp_path "$NG/tmp/proxy";
    fastcgi_temp_path "$NG/tmp/fastcgi";
    uwsgi_temp_path "$NG/tmp/uwsgi";
    scgi_temp_path "$NG/tmp/scgi";

    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;

    server {
        listen 127.0.0.1:$NGINX_PORT;
        root "$OUT/static";
        location / {
            default_type "text/html; charset=utf-8";
            try_files /article.html =404;
        }
    }
}
EOF
}

start_nginx() {
    local -a args=(-p "$NG/" -c "$NG/nginx.conf")
    # -e (nginx >= 1.19.5) keeps nginx away from the system error log even
    # before the config is read.
    local help
    help=$("$NGINX" -h 2>&1 || true)
    if [[ "$help" == *"-e filename"* ]]; then
        args=(-e "$NG/error.log" "${args[@]}")
    fi
    port_in_use "$NGINX_PORT" && die "something is already listening on 127.0.0.1:$NGINX_PORT (set PORT=...)"
    write_nginx_conf
    log "starting nginx on 127.0.0.1:$NGINX_PORT, config: $NG/nginx.conf"
    "$NGINX" -t -q "${args[@]}" >"$NG/stderr.log" 2>&1 || {
        cat "$NG/stderr.log" "$NG/error.log" >&2 2>/dev/null || true
        die "nginx rejected $NG/nginx.conf"
    }
    "$NGINX" "${args[@]}" >"$NG/stderr.log" 2>&1 </dev/null &
    NGINX_PID=$!
    wait_http "$NGINX_BASE$ARTICLE_PATH" "$NGINX_PID" "$NG/error.log" "nginx"
    echo "ready (pid $NGINX_PID)" >&2
}

# --- articles ---------------------------------------------------------------

# discover_articles: from the running server's front page, the article paths
# (/YYYY/MM/DD/slug) in the order they are linked, without repeats. Sets
# ARTICLE_PATH and ARTICLE_URL (the first, for a to c) and writes the first
# READ_ARTICLES of them to $OUT/articles.txt (for d and e). Runs once.
discover_articles() {
    [[ -z "${ARTICLE_PATH:-}" ]] || return 0
    local front
    front=$(curl -sf --max-time 30 "$BASE/") || die "GET $BASE/ failed"
    printf '%s\n' "$front" |
        grep -oE 'href="[^"]*"' |
        sed -E 's/^href="//; s/"$//; s#^https?://[^/]+##; s/&amp;/\&/g' |
        grep -E '^/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"]+' |
        awk '!seen[$0]++' >"$OUT/front-articles.txt" || true
    ARTICLE_PATH=$(awk 'NR == 1' "$OUT/front-articles.txt")
    [[ -n "$ARTICLE_PATH" ]] || die "no article link (/YYYY/MM/DD/slug) found on the front page $BASE/"
    ARTICLE_URL="$BASE$ARTICLE_PATH"
    log "article: $ARTICLE_URL"
    awk -v n="$READ_ARTICLES" 'NR <= n' "$OUT/front-articles.txt" >"$OUT/articles.txt"
    rm -f "$OUT/front-articles.txt"
    READ_COUNT=$(wc -l <"$OUT/articles.txt" | tr -d ' ')
    if ((READ_COUNT < READ_ARTICLES)); then
        warn "the front page links only $READ_COUNT articles; d and e read those ($READ_ARTICLES asked)"
    fi
}

# save_article_html: GET ARTICLE_URL from the running server into
# $OUT/static/article.html (for c); in a, this is the warm-up request.
save_article_html() {
    mkdir -p "$OUT/static"
    curl -sf --max-time 30 -o "$OUT/static/article.html" "$ARTICLE_URL" || die "GET $ARTICLE_URL failed"
    ARTICLE_BYTES=$(wc -c <"$OUT/static/article.html" | tr -d ' ')
    [[ "$ARTICLE_BYTES" -gt 0 ]] || die "GET $ARTICLE_URL returned an empty body"
    echo "article HTML: $ARTICLE_BYTES bytes" >&2
}

# get_read_pages: GET every path of $OUT/articles.txt once (warms the page
# cache); prints their mean size in bytes.
get_read_pages() {
    local path size total=0 n=0
    while IFS= read -r path; do
        size=$(curl -sf --max-time 30 -o /dev/null -w '%{size_download}' "$BASE$path") ||
            die "GET $BASE$path failed"
        total=$((total + size))
        n=$((n + 1))
    done <"$OUT/articles.txt"
    echo $((total / n))
}

# poster_value KEY: the value of KEY in the poster's summary file.
poster_value() {
    awk -v k="$1" 'index($0, k "=") == 1 { print substr($0, length(k) + 2); found = 1 }
        END { if (!found) print "?" }' "$OUT/poster-e.summary"
}

# --- 1. tools and build -----------------------------------------------------

NGINX="$(command -v nginx || true)"
[[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx # not on a normal user's PATH

missing=()
command -v wrk >/dev/null || missing+=(wrk)
if want c; then
    [[ -n "$NGINX" ]] || missing+=(nginx)
fi
command -v curl >/dev/null || missing+=(curl)
if want e; then
    command -v python3 >/dev/null || missing+=(python3)
fi
if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    SUDO=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
        SUDO=(sudo)
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
fi
if want c; then
    [[ -x "$NGINX" ]] || die "nginx not found after installation"
fi

BIN="${CARGO_TARGET_DIR:-target}/release/broadsheet"
[[ "$BIN" == /* ]] || BIN="$REPO_ROOT/$BIN"
if [[ "$BENCH_BUILD" != 0 ]]; then
    command -v cargo >/dev/null || die "cargo not found; install Rust (https://rustup.rs) first"
    log "cargo build --release -p broadsheet"
    cargo build --release -p broadsheet
else
    log "BENCH_BUILD=0: using the existing $BIN without building"
fi
[[ -x "$BIN" ]] || die "binary not found at $BIN"

# --- 2. data ----------------------------------------------------------------

mkdir -p "$OUT"
if [[ "$BENCH_REUSE" != 1 ]]; then
    rm -rf "$OUT/paper"
fi
log "creating the demo paper with 10,000 articles in $OUT/paper"
start=$SECONDS
"$BIN" demo --dir "$OUT/paper" --articles 10000 --seed-only </dev/null
echo "demo data ready in $((SECONDS - start)) s" >&2
[[ -f "$OUT/paper/broadsheet.toml" ]] || die "$OUT/paper/broadsheet.toml was not created by the demo command"

ARTICLE_PATH=""
ARTICLE_BYTES=""
HAVE_STATIC=0
A_RPS="" B_RPS="" C_RPS="" D_RPS="" E_RPS=""
A_P99="" B_P99="" C_P99="" D_P99="" E_P99=""
A_FLAG="" B_FLAG="" C_FLAG="" D_FLAG="" E_FLAG=""

# --- 3a. warm page cache ----------------------------------------------------

if want a; then
    start_server a
    discover_articles
    # The warm-up request; its body is also the static file for scenario c.
    save_article_html
    HAVE_STATIC=1
    run_wrk a "$ARTICLE_URL"
    A_RPS=$WRK_RPS A_P99=$WRK_P99 A_FLAG=$WRK_FLAG
    stop_server
    if ((LAST_RSS_KB > PEAK_RSS_KB)); then PEAK_RSS_KB=$LAST_RSS_KB; fi
fi

# --- 3b. page cache disabled ------------------------------------------------

if want b; then
    start_server b BROADSHEET_PAGE_CACHE=false
    discover_articles
    curl -sf --max-time 30 -o /dev/null "$ARTICLE_URL" || die "GET $ARTICLE_URL failed with the page cache disabled"
    run_wrk b "$ARTICLE_URL"
    B_RPS=$WRK_RPS B_P99=$WRK_P99 B_FLAG=$WRK_FLAG
    stop_server
    if ((LAST_RSS_KB > PEAK_RSS_KB)); then PEAK_RSS_KB=$LAST_RSS_KB; fi
fi

# --- 3c. nginx static ceiling -----------------------------------------------

if want c; then
    if [[ "$HAVE_STATIC" != 1 ]]; then
        # Without a, a short-lived server provides the page nginx serves.
        start_server c-source
        discover_articles
        save_article_html
        HAVE_STATIC=1
        stop_server
    fi
    start_nginx
    curl -sf --max-time 10 "$NGINX_BASE$ARTICLE_PATH" | cmp -s - "$OUT/static/article.html" ||
        die "nginx does not serve the same bytes as $OUT/static/article.html"
    run_wrk c "$NGINX_BASE$ARTICLE_PATH"
    C_RPS=$WRK_RPS C_P99=$WRK_P99 C_FLAG=$WRK_FLAG
    stop_pid "$NGINX_PID"
    NGINX_PID=""
fi

# --- 3d/3e. many articles, without and with comments being posted -------------

DE_RSS_KB=0
if want d || want e; then
    start_server de BROADSHEET_COMMENTS_PER_CLIENT=1000000000 BROADSHEET_POW_MAX_NUMBER=1000
    discover_articles
    PAGES_BEFORE=$(get_read_pages)
    echo "$READ_COUNT article pages warmed, mean size $PAGES_BEFORE bytes" >&2

    if want d; then
        run_wrk d "$BASE" "$OUT/articles.txt"
        D_RPS=$WRK_RPS D_P99=$WRK_P99 D_FLAG=$WRK_FLAG
    fi

    if want e; then
        rm -f "$OUT/poster-e.ready" "$OUT/poster-e.go" "$OUT/poster-e.summary"
        log "bench/comment_poster.py: $COMMENT_RATE comments/s for ${DURATION}s on the same articles, log: $OUT/poster-e.log"
        python3 "$REPO_ROOT/bench/comment_poster.py" --base "$BASE" --paths "$OUT/articles.txt" \
            --rate "$COMMENT_RATE" --duration "$DURATION" --ready "$OUT/poster-e.ready" \
            --go "$OUT/poster-e.go" --summary "$OUT/poster-e.summary" \
            >"$OUT/poster-e.log" 2>&1 </dev/null &
        POSTER_PID=$!
        deadline=$((SECONDS + 300))
        while [[ ! -f "$OUT/poster-e.ready" ]]; do
            if ! kill -0 "$POSTER_PID" 2>/dev/null || ((SECONDS >= deadline)); then
                cat "$OUT/poster-e.log" >&2 || true
                die "the comment poster did not get ready (log above: $OUT/poster-e.log)"
            fi
            sleep 0.1
        done
        cat "$OUT/poster-e.log" >&2
        # The poster starts its schedule when this file appears; wrk starts at once.
        : >"$OUT/poster-e.go"
        run_wrk e "$BASE" "$OUT/articles.txt"
        E_RPS=$WRK_RPS E_P99=$WRK_P99 E_FLAG=$WRK_FLAG
        poster_rc=0
        wait "$POSTER_PID" || poster_rc=$?
        POSTER_PID=""
        tail -n +2 "$OUT/poster-e.log" >&2
        rm -f "$OUT/poster-e.ready" "$OUT/poster-e.go"
        [[ "$poster_rc" == 0 && -f "$OUT/poster-e.summary" ]] ||
            die "the comment poster failed (exit $poster_rc; log: $OUT/poster-e.log)"
        PAGES_AFTER=$(get_read_pages)
    fi
    stop_server
    DE_RSS_KB=$LAST_RSS_KB
fi

# --- 4. summary -------------------------------------------------------------

# verdict OK: PASS if OK is 1.
verdict() { if [[ "$1" == 1 ]]; then echo PASS; else echo MISS; fi; }

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (x != "" && y > 0) printf "%.2f", x / y; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo "none")
DIRTY=$(git -C "$REPO_ROOT" status --porcelain 2>/dev/null | head -n 1 || true)

{
    echo "Broadsheet benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit:  $COMMIT${DIRTY:+ (uncommitted changes)}"
    echo "machine: $(nproc) CPUs, $(uname -sr)"
    if [[ -n "$ARTICLE_BYTES" ]]; then
        echo "article: $ARTICLE_PATH ($ARTICLE_BYTES bytes), 10,000-article demo paper"
    fi
    if want d || want e; then
        echo "d, e:    the first $READ_COUNT articles linked from the front page, read in turn (bench/out/articles.txt)"
    fi
    echo "load:    wrk -t2 -c64 -d${DURATION}s --latency (wrk and the servers share the CPUs)"
    echo
    printf '%-46s %12s %10s\n' "scenario" "req/s" "p99 ms"
    if want a; then printf '%-46s %12s %10s\n' "a  broadsheet, page cache warm$A_FLAG" "$A_RPS" "$A_P99"; fi
    if want b; then printf '%-46s %12s %10s\n' "b  broadsheet, BROADSHEET_PAGE_CACHE=false$B_FLAG" "$B_RPS" "$B_P99"; fi
    if want c; then printf '%-46s %12s %10s\n' "c  nginx static file (ceiling)$C_FLAG" "$C_RPS" "$C_P99"; fi
    if want d; then printf '%-46s %12s %10s\n' "d  $READ_COUNT articles, page cache on, no writes$D_FLAG" "$D_RPS" "$D_P99"; fi
    if want e; then printf '%-46s %12s %10s\n' "e  as d + $COMMENT_RATE guest comments/s$E_FLAG" "$E_RPS" "$E_P99"; fi
    echo
    if want a && want c; then
        AC_OK=$(awk -v x="$A_RPS" -v y="$C_RPS" 'BEGIN { print (y > 0 && x / y >= 0.8) ? 1 : 0 }')
        printf '%-34s %-30s %s\n' "a/c = $(ratio "$A_RPS" "$C_RPS")" "target a/c >= 0.80" "$(verdict "$AC_OK")"
    fi
    if want b; then
        B_OK=$(awk -v x="$B_RPS" 'BEGIN { print (x >= 2000) ? 1 : 0 }')
        printf '%-34s %-30s %s\n' "b/c = $(ratio "$B_RPS" "$C_RPS") (b = $B_RPS req/s)" "target b >= 2000 req/s" "$(verdict "$B_OK")"
    fi
    if want a || want b; then
        RSS_OK=$(awk -v k="$PEAK_RSS_KB" 'BEGIN { print (k > 0 && k / 1024 <= 150) ? 1 : 0 }')
        printf '%-34s %-30s %s\n' "peak RSS = $(mb "$PEAK_RSS_KB") MB" "target <= 150 MB" "$(verdict "$RSS_OK")"
    fi
    if want d && want e; then
        echo "e/d p99 = $(ratio "$E_P99" "$D_P99") (readers' p99 $E_P99 ms with comments, $D_P99 ms without);" \
            "e/d req/s = $(ratio "$E_RPS" "$D_RPS")"
    fi
    if want e; then
        echo "comments (e): posted $(poster_value posted) of $(poster_value planned)," \
            "HTTP $(poster_value statuses): $(poster_value published) published, $(poster_value held) held," \
            "$(poster_value http_4xx) 4xx, $(poster_value http_5xx) 5xx, $(poster_value errors) errors"
        echo "              achieved $(poster_value achieved_rate)/s of $COMMENT_RATE/s over $(poster_value span_s) s;" \
            "schedule lag max $(poster_value lag_max_ms) ms; POST p50 $(poster_value post_p50_ms) ms," \
            "p99 $(poster_value post_p99_ms) ms, max $(poster_value post_max_ms) ms"
        echo "              $(poster_value shown) of $(poster_value published) published comments shown on the pages afterwards;" \
            "pages: mean $PAGES_BEFORE bytes before d, $PAGES_AFTER after e"
        if [[ "$(poster_value published)" != "$(poster_value planned)" ]]; then
            echo "WARNING: not every planned comment was published; see $OUT/poster-e.log and $OUT/server-de.log" \
                "(held ones: the newsroom's Settings pre-moderate new commenters or a suspect word matched)"
        fi
        if [[ "$(poster_value shown)" != "$(poster_value published)" ]]; then
            echo "WARNING: some published comments were not on the article pages afterwards (stale page cache?)"
        fi
    fi
    if want d || want e; then
        echo "d/e server peak RSS = $(mb "$DE_RSS_KB") MB (informative)"
    fi
    if [[ -n "$A_FLAG$B_FLAG$C_FLAG$D_FLAG$E_FLAG" ]]; then
        echo
        echo "! = wrk reported non-2xx/3xx responses or socket errors; see $OUT/wrk-*.txt"
    fi
} | tee "$OUT/results.txt.tmp"
mv "$OUT/results.txt.tmp" "$OUT/results.txt"
printf '\n(saved to %s)\n' "$OUT/results.txt"
