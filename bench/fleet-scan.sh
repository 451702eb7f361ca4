#!/usr/bin/env bash
# Fleet scan benchmark: runs the built `acr-netcheck scan` as its own process against the Resource Graph stand-in
# (test/AcrNetCheck.Testing, mode `resource-graph`: a generated fleet over HTTPS on 127.0.0.1, a fixed latency per
# request, also answering the fall-back ARM GETs) and prints per fleet size: the requests the stand-in served, the
# scanner's wall time, CPU time and peak memory (maximum resident set size of the scanner process alone, from
# /usr/bin/time -v), and how many registries got exactly their expected findings. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY_MS=${LATENCY_MS:-50}
PAGE_SIZE=${PAGE_SIZE:-1000}
SIZES=${SIZES:-1000 10000}
OUTPUT=${OUTPUT:-json}

source bench/lib/local-azure.sh
# TOOL may name the built dll (the default) or an installed executable (the native package).
if [[ $tool == *.dll ]]; then run_tool=(dotnet "$tool"); else run_tool=("$tool"); fi

printf 'latency %s ms per request, pages of %s rows, scan -o %s\n' "$LATENCY_MS" "$PAGE_SIZE" "$OUTPUT"
for size in $SIZES; do
  start_stand_in resource-graph "$size" --latency-ms "$LATENCY_MS" --page-size "$PAGE_SIZE" --expected "$work/expected.tsv"
  write_local_azure 0f1e2d3c-4b5a-4978-8a6b-000000000000
  # No --probe: the scan reads configuration only, so nothing but the stand-in on loopback is contacted.
  with_local_azure /usr/bin/time -v -o "$work/time" "${run_tool[@]}" scan -o "$OUTPUT" --fail-on none --timeout 600 --verbose \
    >"$work/report" 2>"$work/err" || { cat "$work/err" "$work/time" >&2; exit 1; }
  stop_stand_in
  [ -n "${BENCH_DEBUG:-}" ] && cat "$work/err" >&2

  served=$(grep -o 'served: .*' "$work/stand-in.err")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time")
  matched=-
  if [ "$OUTPUT" = json ]; then
    jq -r '.[] | [.registry.id, ([.findings[].id] | sort | join(","))] | @tsv' "$work/report" | sort >"$work/got.tsv"
    matched=$(sort "$work/expected.tsv" | comm -12 - "$work/got.tsv" | wc -l)
  fi
  printf '%6s registries: %s\n        scanner: wall %s s, CPU %s s (user + system), peak RSS %s MB; %s/%s registries with exactly the expected findings\n' \
    "$size" "${served#served: * registries, }" "$wall" "$cpu" "$rss_mb" "$matched" "$size"
done
