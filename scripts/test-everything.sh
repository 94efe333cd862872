#!/usr/bin/env bash
# `make test` without ARGS: the checks, then the server's tests (in their own Qt-free environment, see
# test-server-venv.sh) and every other test at the same time.
#
# Why at the same time: most of each half is waiting (servers on loopback, subprocesses killed and restarted,
# long-polls, timers), not computing. Run one after the other on 2 cores they took 12 + 10 minutes; side by side
# the whole run takes about as long as the longer half. The halves share nothing but PostgreSQL, where every
# test has a schema of its own, and every server binds a free loopback port.
#
# The rest streams to the terminal; the server half goes to a log that is printed when it ends. The run ends with
# the two halves' pytest summary lines, a failing half's last, so the final line tells whether anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
py=${PY:-.venv/bin/python}

"$py" scripts/check.py || exit 1

server_pid=
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Ctrl+C stops both halves: the server half is a job of its own, so it would not get the terminal's SIGINT.
trap '[ -n "$server_pid" ] && kill -INT -- -"$server_pid" 2>/dev/null; wait; exit 130' INT TERM

set -m  # the server half in its own process group, so one signal reaches pytest and everything it started
scripts/test-server-venv.sh -q < /dev/null > "$logs/server.log" 2>&1 &
server_pid=$!
set +m

"$py" -m pytest --ignore=tests/server 2>&1 | tee "$logs/rest.log"
rest_status=${PIPESTATUS[0]}
wait "$server_pid"
server_status=$?

echo
echo "================ tests/server, in .venv-server (no Qt), run alongside the above ================"
cat "$logs/server.log"
echo
server_line=$(tail -n 1 "$logs/server.log")
rest_line=$(tail -n 1 "$logs/rest.log")
if [ "$rest_status" -ne 0 ] && [ "$server_status" -eq 0 ]; then
  printf 'Summary of tests/server:\n%s\nSummary of everything else:\n%s\n' "$server_line" "$rest_line"
else
  printf 'Summary of everything else:\n%s\nSummary of tests/server:\n%s\n' "$rest_line" "$server_line"
fi
[ "$rest_status" -eq 0 ] && [ "$server_status" -eq 0 ]
