#!/usr/bin/env bash
# System packages the probe tests need (a real DNS server, a real proxy, network namespaces), installed with apt only
# when missing: dnsmasq-base (dnsmasq without a service), tinyproxy-bin (tinyproxy without a service), iproute2 (ip, ss),
# util-linux (unshare), openssl; and what Native AOT links the linux-x64 package with (scripts/pack.sh): gcc and
# zlib1g-dev. Without root or apt it says so and leaves the tests to skip with their reason.
set -uo pipefail
missing=()
command -v dnsmasq >/dev/null || [ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
command -v tinyproxy >/dev/null || [ -x /usr/bin/tinyproxy ] || missing+=(tinyproxy-bin)
command -v ip >/dev/null && command -v ss >/dev/null || missing+=(iproute2)
command -v unshare >/dev/null || missing+=(util-linux)
command -v openssl >/dev/null || missing+=(openssl)
command -v gcc >/dev/null || command -v clang >/dev/null || missing+=(gcc libc6-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-test-deps: missing ${missing[*]}, and cannot install them here (needs root and apt); namespace tests will be skipped" >&2
  exit 0
fi
echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
