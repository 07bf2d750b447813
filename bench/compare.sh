#!/usr/bin/env bash
# Renders the seed article with printd, headless Chromium and WeasyPrint and
# prints one table of what a document costs with each, and the ratio of
# each figure to printd's in the same mode. Not run in CI: it needs the
# other tools, and the figures are only meaningful on a quiet machine.
#
#   bash bench/compare.sh        # 20 documents per row
#   bash bench/compare.sh 10     # N documents per row
#
# Modes:
#   process per document  one process started per document, as a CLI or a
#                         shell-out from a CMS would; one untimed run first.
#                         printd: `printd render` (embedded fonts, photo
#                         resized on each run); Chromium: --print-to-pdf;
#                         WeasyPrint: its CLI.
#   warm                  one long-lived process, N documents after one
#                         untimed document. printd: the engine's printer
#                         (`go test ./engine -bench PrintSeed/seed-article.json/web`, ns/op,
#                         for the wall time; bench/compare/printdwarm for CPU
#                         and memory), on one CPU and on all; Chromium: one
#                         browser driven through playwright-core (installed
#                         with npm into the temporary directory), goto() and
#                         page.pdf() per document, once in one reused page and
#                         once in a new page per document; WeasyPrint: one
#                         Python process calling HTML(...).write_pdf() per
#                         document.
#
# Chromium and WeasyPrint print bench/tohtml's HTML rendition of the article,
# which loads the same JPEG and the same Noto fonts as printd. CPU is user +
# system time of the process and all its descendants (Chromium's renderer
# and other helpers included: bench/compare reaps orphans too); peak RSS is
# the largest single process's. Ratios are against printd's
# process-per-document row and its one-CPU warm row. Linux only (/proc,
# prctl); poppler's pdfinfo, if installed, adds the page counts.
#
# Environment: CHROMIUM (default: chromium, chromium-browser or
# google-chrome on PATH), WEASYPRINT (default: weasyprint on PATH), PYTHON
# (default /usr/bin/python3, the interpreter with the weasyprint module),
# PLAYWRIGHT (default playwright-core@1), KEEP=1 keeps the work directory.
# Nothing in the checkout is written: everything happens in a temporary
# directory that is removed on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20}
if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bash bench/compare.sh [N]   (N: documents per row, default 20)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/printd-compare.XXXXXX")
cleanup() {
  if [[ ${KEEP:-} == 1 ]]; then
    echo "work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
mkdir -p "$work/in" "$work/out" "$work/html"

say() { echo "$*" >&2; }

# ---- build ---------------------------------------------------------------
say "building printd, tohtml and the measuring helpers…"
(
  cd "$repo"
  go build -o "$work/printd" ./cmd/printd
  go build -o "$work/tohtml" ./bench/tohtml
  go build -o "$work/measure" ./bench/compare
  go build -o "$work/printdwarm" ./bench/compare/printdwarm
  go test -c -o "$work/engine.test" ./engine
)
cp "$repo/testdata/seed-article.json" "$repo/testdata/seed-photo.jpg" "$work/in/"
"$work/tohtml" -o "$work/html/article.html" -fonts "$repo/fonts/ttf" "$work/in/seed-article.json"
html="$work/html/article.html"
url="file://$html"

# rows: tool|mode|wall_ms|cpu_ms|rss_mb|out_bytes (empty fields: not measured)
rows=()
notes=()
size() { stat -c %s "$1"; }

# ---- printd --------------------------------------------------------------
say "printd, process per document ($n)…"
read -r w c r < <("$work/measure" -n "$n" -- "$work/printd" render "$work/in/seed-article.json" -o "$work/out/printd.pdf")
rows+=("printd|process per document|$w|$c|$r|$(size "$work/out/printd.pdf")")

warm_n=200
bench_ns() { # GOMAXPROCS value or "" → ns/op of BenchmarkPrintSeed/seed-article.json/web
  local out
  out=$(cd "$repo/engine" && env ${1:+GOMAXPROCS=$1} "$work/engine.test" -test.run '^$' \
    -test.bench 'PrintSeed/seed-article.json/web$' -test.benchtime "${warm_n}x")
  awk '$1 ~ /^BenchmarkPrintSeed\/seed-article\.json\/web(-[0-9]+)?$/ { for (i = 2; i < NF; i++) if ($(i+1) == "ns/op") print $i }' <<<"$out"
}
for procs in 1 ""; do
  label="warm, GOMAXPROCS=${procs:-$(nproc)}"
  say "printd, $label ($warm_n)…"
  ns=$(bench_ns "$procs")
  read -r hw hc hr hb < <(env ${procs:+GOMAXPROCS=$procs} "$work/printdwarm" -n "$warm_n" "$work/in/seed-article.json")
  w=$(awk -v ns="$ns" 'BEGIN { printf "%.2f", ns / 1e6 }')
  rows+=("printd|$label|$w|$hc|$hr|$hb")
  notes+=("printd $label: go test ns/op $ns; the printdwarm loop measured $hw ms wall, $hc ms CPU a document")
done

# ---- Chromium ------------------------------------------------------------
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [[ -z $chromium ]]; then
  say "Chromium: not installed (set CHROMIUM=path), skipped"
  notes+=("Chromium: not installed, skipped")
else
  say "Chromium ($("$chromium" --version 2>/dev/null | head -1)), process per document ($n)…"
  if got=$("$work/measure" -n "$n" -- "$chromium" --headless --no-sandbox --disable-gpu \
    --no-pdf-header-footer --user-data-dir="$work/chromium-profile" \
    --print-to-pdf="$work/out/chromium.pdf" "$url"); then
    read -r w c r <<<"$got"
    rows+=("Chromium|process per document|$w|$c|$r|$(size "$work/out/chromium.pdf")")
  else
    notes+=("Chromium process per document: failed, skipped (see above)")
  fi

  pw=$work/playwright
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "Chromium warm: node or npm not installed, skipped"
    notes+=("Chromium warm: node or npm not installed, skipped")
  elif ! npm install --prefix "$pw" --no-audit --no-fund --silent "${PLAYWRIGHT:-playwright-core@1}" >"$work/npm.log" 2>&1; then
    say "Chromium warm: npm could not install playwright-core, skipped ($(tail -1 "$work/npm.log"))"
    notes+=("Chromium warm: npm could not install playwright-core, skipped")
  else
    ver=$(node -p "require('$pw/node_modules/playwright-core/package.json').version")
    for page in reuse new; do
      label="warm, one page"
      [[ $page == new ]] && label="warm, new page per doc"
      say "Chromium, $label, through playwright-core $ver ($n)…"
      mkdir -p "$work/out/chromium-$page"
      if got=$(CHROMIUM_PAGE=$page PLAYWRIGHT_DIR=$pw CLK_TCK=$(getconf CLK_TCK) PAGE_KB=$(($(getconf PAGESIZE) / 1024)) \
        node "$repo/bench/compare/chromium-warm.cjs" "$chromium" "$url" "$work/out/chromium-$page" "$n"); then
        read -r w c r rt b <<<"$got"
        rows+=("Chromium|$label|$w|$c|$r|$b")
        notes+=("Chromium $label (playwright-core $ver): the resident sets of its whole process tree add up to $rt MB at most")
      else
        notes+=("Chromium $label: failed, skipped (see above)")
      fi
    done
  fi
fi

# ---- WeasyPrint ----------------------------------------------------------
weasyprint=${WEASYPRINT:-$(command -v weasyprint || true)}
python=${PYTHON:-/usr/bin/python3}
if [[ -z $weasyprint ]]; then
  say "WeasyPrint: CLI not installed (set WEASYPRINT=path), process-per-document row skipped"
  notes+=("WeasyPrint process per document: not installed, skipped")
else
  say "WeasyPrint ($("$weasyprint" --version 2>/dev/null | head -1)), process per document ($n)…"
  if got=$("$work/measure" -n "$n" -- "$weasyprint" "$html" "$work/out/weasyprint.pdf"); then
    read -r w c r <<<"$got"
    rows+=("WeasyPrint|process per document|$w|$c|$r|$(size "$work/out/weasyprint.pdf")")
  else
    notes+=("WeasyPrint process per document: failed, skipped (see above)")
  fi
fi
if [[ -x $python ]] && "$python" -c 'import weasyprint' 2>/dev/null; then
  say "WeasyPrint, warm ($n)…"
  mkdir -p "$work/out/weasyprint-warm"
  if got=$("$python" "$repo/bench/compare/weasyprint_warm.py" "$html" "$work/out/weasyprint-warm" "$n"); then
    read -r w c r b <<<"$got"
    rows+=("WeasyPrint|warm|$w|$c|$r|$b")
  else
    notes+=("WeasyPrint warm: failed, skipped (see above)")
  fi
else
  say "WeasyPrint warm: $python cannot import weasyprint (set PYTHON=interpreter), skipped"
  notes+=("WeasyPrint warm: no Python with the weasyprint module, skipped")
fi

# ---- table ---------------------------------------------------------------
for f in "$work"/out/*.pdf; do
  pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
  if [[ -n $pages ]]; then notes+=("$(basename "$f"): $pages pages"); fi
done

echo
echo "$n documents a row ($warm_n for printd warm), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| tool | mode | wall ms/doc | CPU ms/doc | peak RSS MB | output KB | wall × printd | CPU × printd | RSS × printd | size × printd |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
ref_cold= ref_warm=
for row in "${rows[@]}"; do
  IFS='|' read -r tool mode w c r b <<<"$row"
  if [[ $tool == printd && $mode == "process per document" ]]; then ref_cold=$row; fi
  if [[ $tool == printd && $mode == "warm, GOMAXPROCS=1" ]]; then ref_warm=$row; fi
done
for row in "${rows[@]}"; do
  IFS='|' read -r tool mode w c r b <<<"$row"
  ref=$ref_cold
  [[ $mode == warm* ]] && ref=$ref_warm
  IFS='|' read -r _ _ rw rc rr rb <<<"$ref"
  awk -v tool="$tool" -v mode="$mode" -v w="$w" -v c="$c" -v r="$r" -v b="$b" \
    -v rw="$rw" -v rc="$rc" -v rr="$rr" -v rb="$rb" '
    function num(x) { return x + 0 < 10 ? sprintf("%.1f", x) : sprintf("%.0f", x) }
    function ratio(x, y) { return (x == "" || y == "" || y + 0 == 0) ? "–" : sprintf("%.1f", x / y) }
    BEGIN {
      printf "| %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %s |\n", tool, mode, num(w), num(c), r, b / 1024,
        ratio(w, rw), ratio(c, rc), ratio(r, rr), ratio(b, rb)
    }'
done
echo
for note in "${notes[@]}"; do echo "- $note"; done
