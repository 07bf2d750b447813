#!/usr/bin/env bash
# Builds printd and the load generator, starts `printd serve` on a free
# loopback port, runs the generator against it and stops the server.
# Arguments go to the generator (see `go run ./bench/load -h`); without
# any, it runs once with the PDF cache hitting and once with -unique.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/serve.sh
start_printd load "${PRINTD_BENCH_FLAGS:-}"
if [ $# -gt 0 ]; then
  "$tmp/load" -url "http://$addr" "$@"
else
  "$tmp/load" -url "http://$addr"
  echo
  "$tmp/load" -url "http://$addr" -unique
fi

stop_printd
