#!/usr/bin/env bash
# Load on `portfoliogen serve` while the profile changes under it: reports requests per second and errors.
# Needs wrk (apt-get install -y wrk). Bounded in time: DURATION seconds of load (default 10).
#   bash tests/load/serve-load.sh            # from the repository root
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${DURATION:-10}"
port="${PORT:-5181}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get update && apt-get install -y wrk" >&2; exit 2; }

work="$(mktemp -d)"
trap 'kill "${server:-0}" "${editor:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$root/seeds" "$root/content" "$work/"
dotnet build "$root/src/PortfolioGen.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/PortfolioGen.Cli/bin/Release/net10.0/portfoliogen.dll"

(cd "$work" && exec dotnet "$cli" serve --port "$port") > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

# Edit a paper's title twice a second for the whole run: every edit is a rebuild that re-renders the
# home page, a topic page and co-author pages (the pages requested keep their addresses).
(
  i=0
  while true; do
    i=$((i + 1))
    sed -i "s/^More Expressive Attention with Negative Weights.*/More Expressive Attention with Negative Weights $i/" "$work/seeds/ang-lv.txt"
    sleep 0.5
  done
) &
editor=$!

echo "wrk: 2 threads, 32 connections, ${duration}s, 8 kinds of page, the profile edited every 0.5 s"
wrk -t2 -c32 -d"${duration}s" --latency -s "$root/tests/load/serve-load.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
kill "$editor"
sleep 1
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/wrk.txt")
socket=$(awk '/Socket errors/ {print $0}' "$work/wrk.txt")
echo
echo "requests/s: $rps"
# The 1 page in 8 that does not exist answers 404 on purpose; anything beyond that share is an error.
total=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
expected=$(( (total + 7) / 8 ))
echo "non-2xx/3xx: ${non2xx:-0} of $total (1 request in 8 asks for a missing page on purpose: about $expected)"
echo "errors beyond the deliberate 404s: $(( ${non2xx:-0} > expected ? ${non2xx:-0} - expected : 0 ))"
echo "socket errors: ${socket:-none}"
echo "rebuilds during the run: $(grep -c 'changed: rebuilt in' "$work/serve.log" || true), failed: $(grep -c 'build failed' "$work/serve.log" || true)"
grep -o 'rebuilt in [0-9]* ms' "$work/serve.log" | awk '{ s += $3; n++; if ($3 > m) m = $3 } END { if (n) printf "rebuild time: mean %.0f ms, max %d ms\n", s / n, m }'
