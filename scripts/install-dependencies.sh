#!/usr/bin/env bash
# Installs the Debian 12 packages PitStop builds and tests with. Needs root
# (or sudo). Does nothing when every package is already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libosmium2-dev libprotozero-dev libboost-dev libbz2-dev libexpat1-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev libproj-dev libcurl4-openssl-dev
  libpqxx-dev libpq-dev libhowardhinnant-date-dev tzdata
  postgresql-15 postgresql-15-postgis-3 postgresql-client-15
  libgtest-dev libgmock-dev
  python3-pytest python3-requests libxml2-utils
  clang-14 libclang-rt-14-dev
  docker-compose python3-yaml qemu-user osmium-tool jq
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-dependencies: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then sudo_prefix=(sudo); fi
echo "install-dependencies: installing ${missing[*]}"
"${sudo_prefix[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
