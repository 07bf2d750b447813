#!/usr/bin/env bash
# Runs every stage benchmark of the engine (one CPU, as the per-document
# targets are stated), then the batch and HTTP throughput runs on all
# CPUs, and prints one table.
#
#   bash bench/run.sh            # stages, batch and HTTP (≈4 minutes)
#   bash bench/run.sh stages     # stages only
#   COUNT=10 bash bench/run.sh stages > new.txt   # raw results for benchstat
#
# Raw `go test -bench` output is kept in $OUT (default: a temporary file) so
# that two runs can be compared with
#   go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da old.txt new.txt
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
count=${COUNT:-5}
out=${OUT:-$(mktemp)}

stages=(
  "./article|^BenchmarkDecode$|decode article JSON"
  "./adapt|^BenchmarkConvert$|CMS adapter"
  "./layout/hyphen|^BenchmarkPoints$|hyphenate"
  "./layout/hyphen|^BenchmarkPointsLang$|hyphenate, per language (ns/word)"
  "./layout/segment|^BenchmarkBreaks$|segment th/lo/km/my/ja (ns/word)"
  "./layout/linebreak|^BenchmarkBreak2000$|Knuth–Plass, 2,000 words"
  "./layout|^BenchmarkLayoutSeed$|typeset and compose"
  "./layout|^BenchmarkLayoutLength$|layout, body ×N"
  "./render|^BenchmarkRenderSeed$|draw with fpdf + post-pass"
  "./photo|^BenchmarkPrepareSeed$|prepare the 2400×1600 photo"
  "./photo|^BenchmarkInspect$|read a photo header"
  "./engine|^BenchmarkPrintSeed$|end to end, photo cached"
  "./service|^BenchmarkServeCached$|HTTP, cached PDF"
  "./service|^BenchmarkServeUnique$|HTTP, new article"
)

: >"$out"
if [ "$what" = all ] || [ "$what" = stages ]; then
  for s in "${stages[@]}"; do
    IFS='|' read -r pkg re _ <<<"$s"
    GOMAXPROCS=1 go test "$pkg" -run '^$' -bench "$re" -benchmem -count "$count" >>"$out" 2>&1 ||
      { cat "$out" >&2; exit 1; }
  done
  echo "stage benchmarks, GOMAXPROCS=1, median of $count (raw: $out)"
  printf '%-46s %12s %12s %10s  %s\n' benchmark time allocated allocs extra
  awk '
    /^Benchmark/ {
      name = $1; sub(/-[0-9]+$/, "", name)
      ns = ""; b = ""; a = ""; extra = ""
      for (i = 3; i < NF; i += 2) {
        if ($(i+1) == "ns/op") ns = $i
        else if ($(i+1) == "B/op") b = $i
        else if ($(i+1) == "allocs/op") a = $i
        else if ($(i+1) != "MB/s") extra = extra $i " " $(i+1) " "
      }
      if (!(name in seen)) { order[++n] = name; seen[name] = 1 }
      k = ++cnt[name]; t[name, k] = ns; by[name] = b; al[name] = a; ex[name] = extra
    }
    function fmt_ns(x) {
      if (x >= 1e6) return sprintf("%.2f ms", x / 1e6)
      if (x >= 1e3) return sprintf("%.1f µs", x / 1e3)
      return sprintf("%.0f ns", x)
    }
    function fmt_b(x) {
      if (x >= 1048576) return sprintf("%.2f MB", x / 1048576)
      if (x >= 1024) return sprintf("%.1f KB", x / 1024)
      return x " B"
    }
    END {
      for (j = 1; j <= n; j++) {
        name = order[j]; m = cnt[name]
        for (x = 1; x <= m; x++) v[x] = t[name, x]
        for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (v[y] < v[x]) { tmp = v[x]; v[x] = v[y]; v[y] = tmp }
        printf "%-46s %12s %12s %10s  %s\n", substr(name, 10), fmt_ns(v[int((m + 1) / 2)]), fmt_b(by[name]), al[name], ex[name]
      }
    }' "$out"
fi

if [ "$what" = all ] || [ "$what" = batch ]; then
  echo
  bash bench/batch.sh "${BATCH_N:-3000}"
fi

if [ "$what" = all ] || [ "$what" = http ]; then
  echo
  bash bench/load.sh -clients 1,8,32 -duration "${HTTP_DURATION:-10s}" -photo "" -photo-url seed-photo.jpg -unique
fi
