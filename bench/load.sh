#!/usr/bin/env bash
# Builds printd and the load generator, starts `printd serve` on a free
# loopback port, runs the generator against it and stops the server.
# Arguments go to the generator (see `go run ./bench/load -h`); without
# any, it runs once with the PDF cache hitting and once with -unique.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/printd" ./cmd/printd
go build -o "$tmp/load" ./bench/load

# Port 0: the kernel picks a free port, which the server logs.
"$tmp/printd" serve --addr 127.0.0.1:0 --log-level info --photo-dir testdata ${PRINTD_BENCH_FLAGS:-} >"$tmp/server.log" 2>&1 &
pid=$!
addr=""
for _ in $(seq 100); do
  addr=$(sed -n 's/.*"msg":"listening","addr":"\([^"]*\)".*/\1/p' "$tmp/server.log" | head -n 1)
  [ -n "$addr" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$addr" ] || { echo "printd did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }
"$tmp/printd" healthcheck --addr "http://$addr" >/dev/null

echo "printd $("$tmp/printd" version | cut -d' ' -f2-) on $addr, $(nproc) CPUs"
if [ $# -gt 0 ]; then
  "$tmp/load" -url "http://$addr" "$@"
else
  "$tmp/load" -url "http://$addr"
  echo
  "$tmp/load" -url "http://$addr" -unique
fi

kill -TERM "$pid"
wait "$pid" || { echo "printd exited with $?" >&2; exit 1; }
pid=""
