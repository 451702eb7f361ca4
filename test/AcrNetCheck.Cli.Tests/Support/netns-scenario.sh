#!/usr/bin/env bash
# One probe scenario, run by `unshare -mn` (a private mount and network namespace with only lo), so every name the
# tool resolves is answered by the dnsmasq started here and every connection stays inside the namespace.
#   netns-scenario.sh WORKDIR TEST_BIN_DIR
# WORKDIR holds what NetnsScenario.cs wrote: hosts, resolv.conf, dnsmasq.args, tool.args, tool.env and optionally
# lo-addresses, blackhole, registry.args, tinyproxy.conf, closing-proxy. Results: tool.stdout, tool.stderr, tool.rc, tool.ms.
set -euo pipefail
W=$1; BIN=$2
pids=()
# Ends every process this script started, by PID; one that ignores TERM for 5 s is killed.
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

# Waits until something listens on ADDRESS:PORT (tcp or udp), at most 15 s.
wait_listening() {
  for _ in $(seq 150); do
    ss -Hln"$1" "( sport = :$3 )" | grep -q "$2:$3" && return 0
    sleep 0.1
  done
  echo "nothing listens on $2:$3 ($1)" >&2; return 1
}
lines() { [ -f "$1" ] && grep -v '^$' "$1" || true; }

ip link set lo up
for address in $(lines "$W/lo-addresses"); do ip addr add "$address/32" dev lo; done
if [ -f "$W/blackhole" ]; then
  # A firewall that drops SYNs: packets to this address leave through a veth whose peer never answers.
  ip link add v0 type veth peer name v1
  ip link set v0 up; ip link set v1 up
  ip addr add 10.1.0.100/24 dev v0
  ip neigh replace "$(cat "$W/blackhole")" lladdr "$(ip -br link show v1 | awk '{print $3}')" dev v0 nud permanent
fi
mount --bind "$W/hosts" /etc/hosts
mount --bind "$W/resolv.conf" /etc/resolv.conf

mapfile -t dnsmasq_args < <(lines "$W/dnsmasq.args")
dnsmasq -k --conf-file=/dev/null --user=root --pid-file= --no-resolv --no-hosts \
  --listen-address=127.0.0.1 --bind-interfaces --port=53 "${dnsmasq_args[@]}" 2>"$W/dnsmasq.log" &
pids+=($!)
wait_listening u 127.0.0.1 53

if [ -f "$W/registry.args" ]; then
  mapfile -t registry_args < <(lines "$W/registry.args")
  dotnet "$BIN/AcrNetCheck.Testing.dll" registry "${registry_args[@]}" --ready "$W/registry.ready" >"$W/registry.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do [ -f "$W/registry.ready" ] && break; sleep 0.1; done
  [ -f "$W/registry.ready" ] || { echo "registry stand-in did not start" >&2; cat "$W/registry.log" >&2; exit 1; }
fi
if [ -f "$W/tinyproxy.conf" ]; then
  tinyproxy -d -c "$W/tinyproxy.conf" >"$W/tinyproxy.log" 2>&1 &
  pids+=($!)
  wait_listening t 127.0.0.1 3128
fi
if [ -f "$W/closing-proxy" ]; then
  dotnet "$BIN/AcrNetCheck.Testing.dll" closing-proxy --listen 127.0.0.1:3128 --ready "$W/proxy.ready" >"$W/proxy.log" 2>&1 &
  pids+=($!)
  wait_listening t 127.0.0.1 3128
fi

mapfile -t tool_args < <(lines "$W/tool.args")
# The installed tool when ACR_NETCHECK_TOOL names one (ToolProcess.cs), else the dll built beside the tests.
if [ -n "${ACR_NETCHECK_TOOL:-}" ]; then tool=("$ACR_NETCHECK_TOOL"); else tool=(dotnet "$BIN/acr-netcheck.dll"); fi
mapfile -t tool_env < <(lines "$W/tool.env")
start=$(date +%s%N)
set +e
env -i PATH="$PATH" HOME="$W/home" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 AZURE_TOKEN_CREDENTIALS=AzureCliCredential \
  "${tool_env[@]}" "${tool[@]}" "${tool_args[@]}" >"$W/tool.stdout" 2>"$W/tool.stderr"
echo $? >"$W/tool.rc"
set -e
echo $(( ($(date +%s%N) - start) / 1000000 )) >"$W/tool.ms"
