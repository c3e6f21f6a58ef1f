#!/usr/bin/env bash
# The test command: installs what the tests need that a fresh machine lacks, then runs every test of the
# solution and prints a one-line summary ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond the .NET SDK: Debian's Chromium (and a CJK font for readable screenshots) for the
# browser test, Node.js and playwright-core from npm to drive it, a real Redis for the shared-state tests, and
# strace to see that state files are synced to disk.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/strace ] || missing+=(strace)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed ${missing[*]}"
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

# A Redis on a free loopback port for the tests (NANSHANBOT_TEST_REDIS), stopped however the tests end. Tests
# that kill and restart Redis start private ones from the same redis-server.
redis_port=6390
while (echo >"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do redis_port=$((redis_port + 1)); done
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
trap 'redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 100); do
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] || { echo "redis-server did not start on port $redis_port" >&2; exit 1; }
export NANSHANBOT_TEST_REDIS="127.0.0.1:$redis_port"
echo "redis-server on $NANSHANBOT_TEST_REDIS"

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
status=0
# A test that hangs for 10 minutes is named and the run stopped, instead of being waited out.
dotnet test NanshanBot.sln --logger "trx;LogFileName=tests.trx" --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@" || status=$?

# The temporary folders of test runs that have ended (a test that failed half-way leaves its own).
for run in "${TMPDIR:-/tmp}"/nanshanbot-tests-*; do
  if [ -d "$run" ] && ! kill -0 "${run##*-}" 2>/dev/null; then rm -rf "$run"; fi
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
done
echo "${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
