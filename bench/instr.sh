#!/usr/bin/env bash
# Counts the machine instructions one iteration of a benchmark executes,
# with valgrind's callgrind: the benchmark is run for 10 and for 40
# iterations and the difference is divided by 30, so set-up work (fonts,
# the photo's first preparation) drops out. Unlike ns/op the count does not
# move with the machine's load or a virtual machine's neighbours (repeat runs
# agree to about 0.1 %), which makes it the figure to compare two commits
# by on a shared or busy machine. It is not time: cache misses and memory
# stalls are not in it, so confirm a large change with ns/op on a quiet
# machine (benchstat).
#
#   bash bench/instr.sh engine 'PrintSeed/seed-article.json/web$'
#   bash bench/instr.sh layout 'LayoutSeed/seed-article.json$'
#
# A benchmark pattern that matches several sub-benchmarks sums them.
# Needs valgrind (Debian: apt-get install valgrind). Takes a minute or more.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: bash bench/instr.sh PACKAGE BENCHMARK-PATTERN" >&2
  exit 2
fi
pkg=${1#./}
pattern=$2
command -v valgrind >/dev/null || { echo "bench/instr.sh: valgrind is not installed" >&2; exit 1; }
bin=$(mktemp "${TMPDIR:-/tmp}/printd-instr.XXXXXX")
trap 'rm -f "$bin"' EXIT
GOMAXPROCS=1 go test -c -o "$bin" "./$pkg"
count() { # iterations → instructions of the whole run
  # Asynchronous preemption signals upset callgrind; one CPU keeps the
  # count free of scheduling.
  (cd "$pkg" && GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" -test.run '^$' -test.bench "$pattern" \
    -test.benchtime "${1}x" 2>&1) | awk '/Collected :/ { print $4 }'
}
a=$(count 10)
b=$(count 40)
if [ -z "$a" ] || [ -z "$b" ]; then
  echo "bench/instr.sh: valgrind gave no count" >&2
  exit 1
fi
awk -v a="$a" -v b="$b" -v p="$pattern" 'BEGIN { printf "%s: %.2f M instructions/op\n", p, (b - a) / 30 / 1e6 }'
