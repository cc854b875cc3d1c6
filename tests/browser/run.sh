#!/usr/bin/env bash
# Runs the browser suite against the REAL release server: Debian's Chromium, a fresh data folder and
# SQLite database, the demo data loaded, the first administrator created through the setup link.
#
#   bash tests/browser/run.sh                 build the release binary, then test
#   CHORUS_BIN=path/to/chorus bash tests/browser/run.sh    test that binary instead
#   bash tests/browser/run.sh tests/browser/axe.test.mjs   run only some test files
#   CHORUS_BROWSER_ONLY='poster|live' bash tests/browser/run.sh   only tests whose name matches
#
# Exits non-zero if anything fails. Screenshots go to tests/browser/screenshots/ (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

say() { printf 'browser tests: %s\n' "$*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

command -v node >/dev/null || fail "node is not installed (Node 20 or later is needed)"
command -v npm >/dev/null || fail "npm is not installed"

# 1. Debian's Chromium (Playwright never downloads a browser of its own here).
if [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || fail "apt-get update failed (run as root, or install chromium)"
  apt-get install -y -q --no-install-recommends chromium >/dev/null ||
    fail "apt-get install chromium failed"
  [[ -x /usr/bin/chromium ]] || fail "chromium was installed but /usr/bin/chromium is missing"
fi

# 2. playwright-core and axe-core, exactly as package-lock.json pins them.
lock_hash="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
stamp="$HERE/node_modules/.chorus-lock-sha256"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  say "npm ci"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"
  echo "$lock_hash" >"$stamp"
fi
for package in playwright-core axe-core; do
  [[ -d "$HERE/node_modules/$package" ]] || fail "node_modules/$package is missing after npm ci"
done

# 3. The release binary.
if [[ -z "${CHORUS_BIN:-}" ]]; then
  say "cargo build --release"
  cargo build --release --quiet
  CHORUS_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/chorus"
fi
[[ -x "$CHORUS_BIN" ]] || fail "no binary at $CHORUS_BIN"

# 4. A fresh data folder and database, the demo data, then the server on a free port.
WORK="$(mktemp -d -t chorus-browser-XXXXXX)"
SERVER_PID=""
cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$WORK/server.log" ]]; then
    say "last lines of the server log:"
    tail -n 30 "$WORK/server.log" >&2 || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

# Settings come only from here, never from the caller's environment.
unset DATABASE_URL CHORUS_BASE_URL CHORUS_SECRET_KEY CHORUS_SESSION_IDLE_MINUTES \
  CHORUS_SESSION_LIFETIME_HOURS
export CHORUS_DATA_DIR="$WORK/data"
export CHORUS_ADDR="127.0.0.1:0"
# The whole suite comes from one address; per-address limits on public forms would trip on it.
export CHORUS_RATE_LIMIT="off"

"$CHORUS_BIN" demo >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; exit 1; }

"$CHORUS_BIN" serve >"$WORK/stdout.log" 2>"$WORK/server.log" &
SERVER_PID=$!

BASE_URL=""
SETUP_LINK=""
for _ in $(seq 1 300); do
  BASE_URL="$(sed -n 's#^Chorus is running at \(http://[^ ]*\)$#\1#p' "$WORK/stdout.log")"
  SETUP_LINK="$(sed -n 's#^ *\(http://[^ ]*/setup/[^ ]*\)$#\1#p' "$WORK/stdout.log")"
  [[ -n "$BASE_URL" && -n "$SETUP_LINK" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { say "the server stopped on start"; cat "$WORK/stdout.log" >&2; exit 1; }
  sleep 0.1
done
if [[ -z "$BASE_URL" || -z "$SETUP_LINK" ]]; then
  say "the server did not print its address and setup link within 30 s"
  cat "$WORK/stdout.log" >&2
  exit 1
fi
say "server at $BASE_URL"

# 5. The suite: node's own test runner, one file at a time (2 cores; each file has its own Chromium).
mkdir -p "$WORK/state"
export BASE_URL SETUP_LINK
export CHORUS_BROWSER_STATE="$WORK/state"
export NODE_PATH="$HERE/node_modules"
if [[ $# -gt 0 ]]; then files=("$@"); else files=("$HERE"/*.test.mjs); fi
only=()
if [[ -n "${CHORUS_BROWSER_ONLY:-}" ]]; then only=(--test-name-pattern="$CHORUS_BROWSER_ONLY"); fi
node --test --test-concurrency=1 --test-timeout=1800000 --test-reporter=spec "${only[@]}" "${files[@]}"
