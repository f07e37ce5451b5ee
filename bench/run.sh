#!/usr/bin/env bash
# Broadsheet HTTP benchmark: installs its tools, then runs the driver, bench/run.py.
#
# wrk, nginx and python3 are installed with apt-get when missing (with sudo when not
# root); then `python3 bench/run.py "$@"` runs. Arguments and the environment knobs
# (DURATION, PORT, BENCH_REUSE, BENCH_BUILD, SCENARIOS, READ_ARTICLES, COMMENT_RATE,
# ALERT_SUBSCRIBERS) go to run.py unchanged: what each scenario measures and how to
# read the output are documented at the top of bench/run.py and by
# `bench/run.sh --help`.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
# nginx lives in /usr/sbin, which is not on a normal user's PATH.
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
    printf '\n==> installing %s with apt-get\n' "${missing[*]}" >&2
    SUDO=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null || {
            printf '\nERROR: need root or sudo to install: %s\n' "${missing[*]}" >&2
            exit 1
        }
        SUDO=(sudo)
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

exec python3 "$REPO_ROOT/bench/run.py" "$@"
