#!/usr/bin/env bash
# Batch throughput: N distinct copies of the seed article (each its own id,
# the shared photo beside them) through `printd batch` into a directory and
# into a zip, with the web and archive presets; prints articles per second,
# CPU seconds and peak RSS of each run.
#
#   bash bench/batch.sh [N]      # default 3000
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-3000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/printd" ./cmd/printd
cp testdata/seed-photo.jpg "$tmp/"
# One article per line; the id differs, so every PDF is rendered.
python3 - "$n" testdata/seed-article.json >"$tmp/articles.ndjson" <<'EOF'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
a = json.load(open(path, encoding="utf-8"))
base = a["id"]
for i in range(n):
    a["id"] = f"{base}-{i:07d}"
    print(json.dumps(a, ensure_ascii=False, separators=(",", ":")))
EOF

printf '%-28s %8s %10s %10s %10s %9s\n' run articles seconds "articles/s" "CPU s" "peak RSS"
for preset in web archive; do
  for out in dir zip; do
    dest="$tmp/out-$preset"
    [ "$out" = zip ] && dest="$tmp/out-$preset.zip"
    rm -rf "$dest"
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
      "$tmp/printd" batch "$tmp/articles.ndjson" --out "$dest" --preset "$preset" --progress-interval 0 2>"$tmp/log" ||
      { cat "$tmp/log" >&2; exit 1; }
    read -r wall user sys rss <"$tmp/time"
    ok=$(grep -c '"status":"ok"' "$dest/manifest.ndjson" 2>/dev/null || unzip -p "$dest" manifest.ndjson | grep -c '"status":"ok"')
    awk -v r="$preset → $out" -v ok="$ok" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
      'BEGIN { printf "%-28s %8d %10.1f %10.0f %10.1f %6.0f MB\n", r, ok, w, ok / w, u + s, m / 1024 }'
  done
done
