#!/usr/bin/env bash
# Whole-run latency benchmark: the installed tool (on linux-x64 the Native AOT package; packed by scripts/pack.sh and
# installed into a throwaway tool path, as a user installs it; or TOOL, an installed executable) runs `diagnose -n contoso`
# against the fake ARM (test/AcrNetCheck.Testing fake-arm, HTTPS on 127.0.0.1) adding LATENCY_MS to every ARM request, for
# four scenarios, signed in through a fake az. Per scenario it prints the median wall time, the sequential round trips the
# stand-in saw (the longest chain of requests each sent after the one before was answered), the connections, the az
# invocations, and the ratio of the wall time to the ideal: start-up (median `--version`) + sequential round trips x
# latency, and the process's CPU time (user + system) and peak resident set size (/usr/bin/time). Then the floor: the
# replay client (bench/AcrNetCheck.ReplayClient, Native AOT) signs in through the same az and sends the reads of the tool's
# last run, round trip by round trip, and nothing else; its median wall time and its own ratio to the same ideal show
# how much of the gap is the platform's (process, sign-in, OpenSSL, trust store, TLS) and how much is the tool's.
# The client probes and the login events are off (--no-probes --no-logs): the probes need the network namespace of
# test/AcrNetCheck.Cli.Tests/Support/netns-scenario.sh, so the scenarios differ here by their ARM state only. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY_MS=${LATENCY_MS:-150}
RUNS=${RUNS:-3}
SUB=6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b
SCENARIOS=${SCENARIOS:-"healthy-public client-dns-nxdomain public-ip-not-allowed private-endpoint-dns-not-linked"}
# How the registry is named: by name alone (found with one lookup), or with its group (`TARGET="-n contoso -g rg-registry"`, no lookup).
TARGET=${TARGET:-"-n contoso"}

source bench/lib/local-azure.sh
if [ -n "${TOOL:-}" ]; then
  installed=$TOOL
else
  bash scripts/pack.sh "$work/nupkg" -nologo -v quiet >/dev/null
  dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" acr-netcheck >/dev/null
  installed="$work/tools/acr-netcheck"
fi
dotnet publish bench/AcrNetCheck.ReplayClient -c Release -r linux-x64 -o "$work/replay" -nologo -v quiet >/dev/null
replay="$work/replay/replay-client"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# start_up <executable>: the median wall time of `--version` over 9 runs, after one unmeasured run (the page cache).
start_up() { "$1" --version >/dev/null; for _ in $(seq 1 9); do s=$(date +%s%N); "$1" --version >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); done | median; }
startup=$(start_up "$installed")
replay_startup=$(start_up "$replay")

printf 'diagnose %s; latency %s ms per ARM request; start-up (--version) %s ms; median of %s runs (peak RSS: the largest); trusted roots: %s\n' \
  "$TARGET" "$LATENCY_MS" "$startup" "$RUNS" "$([ "${ONLY_STAND_IN_CA:-0}" = 1 ] && echo "the stand-in's CA only" || echo "the stand-in's CA and the machine's trust directory")"
printf 'the replay client starts in %s ms\n' "$replay_startup"
printf '%-34s %-8s %-9s %-11s %-11s %-8s %-9s %-6s %-7s %-9s %-10s %s\n' scenario wall-ms requests sequential connections az-runs ideal-ms ratio cpu-ms peak-MiB replay-ms replay-ratio
for scenario in $SCENARIOS; do
  walls=(); cpus=(); rss=(); replays=(); stats=
  for _ in $(seq 1 "$RUNS"); do
    start_stand_in fake-arm "samples/$scenario.json" --latency-ms "$LATENCY_MS"
    write_local_azure "$SUB"
    # The fake az also counts its runs.
    printf '#!/bin/sh\necho run >>"%s/az-runs"\necho '"'"'{"accessToken": "%s", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000}'"'"'\n' "$work" "$token" >"$work/bin/az"
    rm -f "$work/az-runs"
    s=$(date +%s%N)
    with_local_azure /usr/bin/time -f '%U %S %M' -o "$work/time" "$installed" diagnose $TARGET --no-probes --no-logs -o none --fail-on none 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    walls+=($(( ($(date +%s%N) - s) / 1000000 )))
    read -r user system max_kb <"$work/time"
    cpus+=($(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }'))
    rss+=($(( max_kb / 1024 )))
    stop_stand_in
    # fake-arm: served 6 ARM requests, 3 sequential round trips, 1 connections
    stats="$(grep -o 'served [0-9]* ARM requests, [0-9]* sequential round trips, [0-9]* connections' "$work/stand-in.err") $(wc -l <"$work/az-runs")"
    # fake-arm: read <round trip> <arrived> <answered> <path and query>
    awk '$1 == "read" { print $2, $5 }' "$work/stand-in.err" >"$work/reads"
    start_stand_in fake-arm "samples/$scenario.json" --latency-ms "$LATENCY_MS"
    write_local_azure "$SUB"
    s=$(date +%s%N)
    with_local_azure "$replay" "$url" "$work/reads" || { echo "replay client failed" >&2; exit 1; }
    replays+=($(( ($(date +%s%N) - s) / 1000000 )))
    stop_stand_in
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  read -r _ requests _ _ sequential _ _ _ connections _ az_runs <<<"$stats"
  ideal=$(( startup + sequential * LATENCY_MS ))
  ratio=$(awk -v w="$wall" -v i="$ideal" 'BEGIN { printf "%.2f", w / i }')
  replay_wall=$(printf '%s\n' "${replays[@]}" | median)
  replay_ratio=$(awk -v w="$replay_wall" -v i="$ideal" 'BEGIN { printf "%.2f", w / i }')
  printf '%-34s %-8s %-9s %-11s %-11s %-8s %-9s %-6s %-7s %-9s %-10s %s\n' "$scenario" "$wall" "$requests" "$sequential" "$connections" "$az_runs" "$ideal" "$ratio" "$cpu" "$peak" "$replay_wall" "$replay_ratio"
done
