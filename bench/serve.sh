# Sourced by the bench scripts: builds printd and the named bench commands
# into a temporary directory and starts `printd serve --photo-dir testdata`
# on a free loopback port.
#
#   . bench/serve.sh
#   start_printd load "$PRINTD_BENCH_FLAGS"   # builds ./bench/load too
#   "$tmp/load" -url "$url"
#   stop_printd
#
# Sets tmp (removed on exit), pid, addr and url; the server's log is
# $tmp/server.log.

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

# start_printd TOOL FLAGS: builds printd and ./bench/TOOL, starts the server
# with FLAGS (word-split) and waits until it answers.
start_printd() {
  local tool=$1 flags=$2
  go build -o "$tmp/printd" ./cmd/printd
  go build -o "$tmp/$tool" "./bench/$tool"
  # Port 0: the kernel picks a free port, which the server logs.
  # shellcheck disable=SC2086
  "$tmp/printd" serve --addr 127.0.0.1:0 --log-level info --photo-dir testdata $flags >"$tmp/server.log" 2>&1 &
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
  url="http://$addr"
  echo "printd $("$tmp/printd" version | cut -d' ' -f2-) on $addr, $(nproc) CPUs"
}

# stop_printd: SIGTERM, and fail when the server exits badly.
stop_printd() {
  kill -TERM "$pid"
  wait "$pid" || { echo "printd exited with $?" >&2; tail -n 20 "$tmp/server.log" >&2; exit 1; }
  pid=""
}
