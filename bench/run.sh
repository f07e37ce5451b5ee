#!/usr/bin/env bash
# Broadsheet HTTP benchmark: how fast does one article page come back?
#
# What it does, from any working directory, on a fresh Debian machine:
#   1. installs wrk and nginx with apt-get if they are missing (uses sudo when
#      not root), builds `cargo build --release -p broadsheet`;
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
#   peak RSS   max VmHWM over the serve processes, in MB (MiB).
#              Target: <= 150 MB.
#   Each target line ends in PASS or MISS. A "!" after a scenario means wrk
#   saw non-2xx/3xx responses or socket errors; that run's numbers are suspect
#   (details in bench/out/wrk-*.txt).
#   wrk, the server and nginx share the same CPUs, so absolute numbers depend
#   heavily on the machine; the ratios are what is comparable across
#   machines. The exit status is 0 whenever the benchmark ran to the end,
#   whether or not the targets were met; it is non-zero if it could not run.
#
# Environment knobs:
#   DURATION=15     seconds per wrk run
#   PORT=18080      broadsheet listens on PORT, nginx on PORT+1 (127.0.0.1)
#   BENCH_REUSE=1   keep an existing bench/out/paper instead of rebuilding it
#
# Files in bench/out: paper/ (data), server-a.log, server-b.log,
# wrk-{a,b,c}.txt, static/article.html, nginx/ (config, logs, temp dirs),
# results.txt.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

OUT="$REPO_ROOT/bench/out"
PORT="${PORT:-18080}"
NGINX_PORT=$((PORT + 1))
DURATION="${DURATION:-15}"
BENCH_REUSE="${BENCH_REUSE:-0}"
BASE="http://127.0.0.1:$PORT"
NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
NG="$OUT/nginx"

SERVER_PID=""
NGINX_PID=""
PEAK_RSS_KB=0

log() { printf '\n==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -gt 0 ]] || die "DURATION must be a positive number of seconds, got '$DURATION'"

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

# stop_server: record the peak RSS (VmHWM) of the running server, stop it.
stop_server() {
    local hwm
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || true)
    if [[ -n "$hwm" ]]; then
        echo "broadsheet serve pid $SERVER_PID peak RSS (VmHWM): $hwm kB" >&2
        if ((hwm > PEAK_RSS_KB)); then PEAK_RSS_KB=$hwm; fi
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

# run_wrk LABEL URL: one wrk run, output to the terminal and $OUT/wrk-LABEL.txt;
# sets WRK_RPS, WRK_P99, WRK_FLAG.
run_wrk() {
    local label=$1 url=$2 file="$OUT/wrk-$1.txt" parsed
    log "wrk -t2 -c64 -d${DURATION}s --latency $url"
    wrk -t2 -c64 -d"${DURATION}s" --latency "$url" | tee "$file" || die "wrk failed (scenario $label)"
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

# --- 1. tools and build -----------------------------------------------------

NGINX="$(command -v nginx || true)"
[[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx # not on a normal user's PATH

missing=()
command -v wrk >/dev/null || missing+=(wrk)
[[ -n "$NGINX" ]] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
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
[[ -x "$NGINX" ]] || die "nginx not found after installation"

command -v cargo >/dev/null || die "cargo not found; install Rust (https://rustup.rs) first"
log "cargo build --release -p broadsheet"
cargo build --release -p broadsheet
BIN="${CARGO_TARGET_DIR:-target}/release/broadsheet"
[[ "$BIN" == /* ]] || BIN="$REPO_ROOT/$BIN"
[[ -x "$BIN" ]] || die "binary not found at $BIN after the build"

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

# --- 3a. warm page cache ----------------------------------------------------

start_server a

front=$(curl -sf --max-time 30 "$BASE/") || die "GET $BASE/ failed"
ARTICLE_PATH=$(printf '%s\n' "$front" |
    grep -oE 'href="[^"]*"' |
    sed -E 's/^href="//; s/"$//; s#^https?://[^/]+##; s/&amp;/\&/g' |
    grep -E '^/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"]+' |
    awk 'NR == 1') || true
[[ -n "$ARTICLE_PATH" ]] || die "no article link (/YYYY/MM/DD/slug) found on the front page $BASE/"
ARTICLE_URL="$BASE$ARTICLE_PATH"
log "article: $ARTICLE_URL"

mkdir -p "$OUT/static"
# The warm-up request; its body is also the static file for scenario c.
curl -sf --max-time 30 -o "$OUT/static/article.html" "$ARTICLE_URL" || die "GET $ARTICLE_URL failed"
ARTICLE_BYTES=$(wc -c <"$OUT/static/article.html" | tr -d ' ')
[[ "$ARTICLE_BYTES" -gt 0 ]] || die "GET $ARTICLE_URL returned an empty body"
echo "article HTML: $ARTICLE_BYTES bytes" >&2

run_wrk a "$ARTICLE_URL"
A_RPS=$WRK_RPS A_P99=$WRK_P99 A_FLAG=$WRK_FLAG
stop_server

# --- 3b. page cache disabled ------------------------------------------------

start_server b BROADSHEET_PAGE_CACHE=false
curl -sf --max-time 30 -o /dev/null "$ARTICLE_URL" || die "GET $ARTICLE_URL failed with the page cache disabled"
run_wrk b "$ARTICLE_URL"
B_RPS=$WRK_RPS B_P99=$WRK_P99 B_FLAG=$WRK_FLAG
stop_server

# --- 3c. nginx static ceiling -----------------------------------------------

start_nginx
curl -sf --max-time 10 "$NGINX_BASE$ARTICLE_PATH" | cmp -s - "$OUT/static/article.html" ||
    die "nginx does not serve the same bytes as $OUT/static/article.html"
run_wrk c "$NGINX_BASE$ARTICLE_PATH"
C_RPS=$WRK_RPS C_P99=$WRK_P99 C_FLAG=$WRK_FLAG
stop_pid "$NGINX_PID"
NGINX_PID=""

# --- 4. summary -------------------------------------------------------------

# verdict OK: PASS if OK is 1.
verdict() { if [[ "$1" == 1 ]]; then echo PASS; else echo MISS; fi; }

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "n/a" }'; }
AC=$(ratio "$A_RPS" "$C_RPS")
BC=$(ratio "$B_RPS" "$C_RPS")
AC_OK=$(awk -v x="$A_RPS" -v y="$C_RPS" 'BEGIN { print (y > 0 && x / y >= 0.8) ? 1 : 0 }')
B_OK=$(awk -v x="$B_RPS" 'BEGIN { print (x >= 2000) ? 1 : 0 }')
RSS_MB=$(awk -v k="$PEAK_RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
RSS_OK=$(awk -v k="$PEAK_RSS_KB" 'BEGIN { print (k > 0 && k / 1024 <= 150) ? 1 : 0 }')
COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo "none")
DIRTY=$(git -C "$REPO_ROOT" status --porcelain 2>/dev/null | head -n 1 || true)

{
    echo "Broadsheet benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit:  $COMMIT${DIRTY:+ (uncommitted changes)}"
    echo "machine: $(nproc) CPUs, $(uname -sr)"
    echo "article: $ARTICLE_PATH ($ARTICLE_BYTES bytes), 10,000-article demo paper"
    echo "load:    wrk -t2 -c64 -d${DURATION}s --latency (wrk and the servers share the CPUs)"
    echo
    printf '%-46s %12s %10s\n' "scenario" "req/s" "p99 ms"
    printf '%-46s %12s %10s\n' "a  broadsheet, page cache warm$A_FLAG" "$A_RPS" "$A_P99"
    printf '%-46s %12s %10s\n' "b  broadsheet, BROADSHEET_PAGE_CACHE=false$B_FLAG" "$B_RPS" "$B_P99"
    printf '%-46s %12s %10s\n' "c  nginx static file (ceiling)$C_FLAG" "$C_RPS" "$C_P99"
    echo
    printf '%-34s %-30s %s\n' "a/c = $AC" "target a/c >= 0.80" "$(verdict "$AC_OK")"
    printf '%-34s %-30s %s\n' "b/c = $BC (b = $B_RPS req/s)" "target b >= 2000 req/s" "$(verdict "$B_OK")"
    printf '%-34s %-30s %s\n' "peak RSS = $RSS_MB MB" "target <= 150 MB" "$(verdict "$RSS_OK")"
    if [[ -n "$A_FLAG$B_FLAG$C_FLAG" ]]; then
        echo
        echo "! = wrk reported non-2xx/3xx responses or socket errors; see $OUT/wrk-*.txt"
    fi
} | tee "$OUT/results.txt.tmp"
mv "$OUT/results.txt.tmp" "$OUT/results.txt"
printf '\n(saved to %s)\n' "$OUT/results.txt"
