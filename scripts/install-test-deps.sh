#!/usr/bin/env bash
# What the tests need beyond the .NET SDK, installed from Debian's packages (CI starts on a bare machine).
set -euo pipefail
need=()
command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
command -v tinyproxy >/dev/null || need+=(tinyproxy)
command -v unshare >/dev/null || need+=(util-linux)
command -v ip >/dev/null || need+=(iproute2)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing ${need[*]}: install them (sudo apt-get install -y ${need[*]})" >&2
    exit 1
  fi
fi
