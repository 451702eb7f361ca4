#!/usr/bin/env bash
# ARM collection benchmark: runs the built `acr-netcheck diagnose` against the local fake ARM (test/AcrNetCheck.Testing,
# HTTPS on 127.0.0.1 only) that adds a fixed latency to every ARM request, and prints per run: ARM requests, the
# dependency depth of the read graph, the collector's wall time and wall / (depth x latency). Sequential reads would
# give a ratio near requests / depth; the target is <= 1.3. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY_MS=${LATENCY_MS:-150}
RUNS=${RUNS:-5}
FIXTURE=${FIXTURE:-samples/combined-multi-cause.json}
SUB=6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b
FROM=${FROM:-/subscriptions/$SUB/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-aks}

source bench/lib/local-azure.sh

start_stand_in fake-arm "$FIXTURE" --latency-ms "$LATENCY_MS"
write_local_azure "$SUB"

printf 'latency %s ms per ARM request, fixture %s\n' "$LATENCY_MS" "$FIXTURE"
printf '%-4s %-9s %-6s %-13s %-14s %s\n' run requests depth arm-wall-ms process-wall-ms ratio
ratios=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  with_local_azure dotnet "$tool" diagnose -n contoso -g rg-registry --no-probes --no-logs --from "$FROM" --verbose ${BENCH_DEBUG:+--debug} -o none --fail-on none 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  process_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # INFO: arm: 18 reads in 512 ms, dependency depth 3, 0 failed
  stats=$(grep -o 'arm: [0-9]* reads in [0-9]* ms, dependency depth [0-9]*' "$work/err")
  reads=$(echo "$stats" | awk '{print $2}'); wall=$(echo "$stats" | awk '{print $5}'); depth=$(echo "$stats" | awk '{print $9}')
  ratio=$(awk -v w="$wall" -v d="$depth" -v l="$LATENCY_MS" 'BEGIN { printf "%.2f", w / (d * l) }')
  ratios+=("$ratio")
  [ -n "${BENCH_DEBUG:-}" ] && cat "$work/err" >&2
  printf '%-4s %-9s %-6s %-13s %-14s %s\n' "$run" "$reads" "$depth" "$wall" "$process_ms" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio wall / (depth x latency): $median (target <= 1.3)"
stop_stand_in
