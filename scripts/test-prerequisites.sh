#!/usr/bin/env bash
# What `npm test` needs beyond node_modules, from Debian's packages: Chromium for the dashboard's
# browser test, and PostgreSQL 15 with pg_cron and pgTAP with pg_prove (pgTAP's SQL is loaded into the embedded
# PostgreSQL for the RLS suite; the rest serves the parity run). Installs what is missing when it
# can (root with apt-get, as on these machines and in CI); otherwise says what to install.
# Quick and silent when everything is present.
set -euo pipefail
packages=(chromium postgresql-15 postgresql-15-cron postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test prerequisites: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "test prerequisites missing: ${missing[*]} (Debian: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
