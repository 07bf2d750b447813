#!/usr/bin/env bash
# Soak and overload run: builds printd and the soak driver, starts
# `printd serve --photo-dir testdata` on a free loopback port, finds the
# highest rate it sustains (closed-loop probe, every request a new
# article) unless one is given, then drives it open-loop at 70% of that
# rate for DURATION and at 200% for OVERLOAD_DURATION, prints both
# summaries and stops the server.
#
#   bash bench/soak.sh            # probe, then 10 minutes at 70%, 1 minute at 200%
#   DURATION=60s bash bench/soak.sh
#   bash bench/soak.sh 40         # take 40 req/s as the sustainable rate
#
# Environment: DURATION (10m), OVERLOAD_DURATION (1m), PROBE (15s),
# PROBE_CLIENTS (8), INTERVAL (10s), PRINTD_SOAK_FLAGS (more serve flags).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-10m}
overload=${OVERLOAD_DURATION:-1m}
probe=${PROBE:-15s}
clients=${PROBE_CLIENTS:-8}
interval=${INTERVAL:-10s}

. bench/serve.sh
start_printd soak "${PRINTD_SOAK_FLAGS:-}"

if [ $# -gt 0 ]; then
  max=$1
  echo "sustainable rate given: $max req/s"
else
  "$tmp/soak" -url "$url" -unique -probe "$probe" -clients "$clients" | tee "$tmp/probe.txt"
  max=$(awk '/^max_rate/ {print $2}' "$tmp/probe.txt")
  [ -n "$max" ] || { echo "probe gave no rate" >&2; exit 1; }
fi
steady=$(awk -v m="$max" 'BEGIN {printf "%.1f", m * 0.7}')
double=$(awk -v m="$max" 'BEGIN {printf "%.1f", m * 2}')

echo
"$tmp/soak" -url "$url" -unique -rate "$steady" -duration "$duration" -interval "$interval" \
  -label "70% of $max req/s" | tee "$tmp/steady.txt"
echo
"$tmp/soak" -url "$url" -unique -rate "$double" -duration "$overload" -interval "$interval" \
  -label "200% of $max req/s" | tee "$tmp/overload.txt"

echo
echo "== summaries"
for f in "$tmp/steady.txt" "$tmp/overload.txt"; do
  sed -n '/^summary/,$p' "$f"
done

stop_printd
if grep -q '"level":"ERROR"' "$tmp/server.log"; then
  echo "server logged errors:" >&2
  grep '"level":"ERROR"' "$tmp/server.log" | head -n 5 >&2
  exit 1
fi
