#!/usr/bin/env bash
# Installs the Debian packages Kiln builds and tests with, when any is missing.
# Safe to run repeatedly: it does nothing once everything is there.
set -euo pipefail

packages=(
  cmake ninja-build g++ git python3 python3-dev
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  libflatbuffers-dev flatbuffers-compiler
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-22 libclang-rt-22-dev clang-format lld-22
  pybind11-dev python3-pytest python3-numpy
  pkgconf nlohmann-json3-dev libmimalloc-dev
  zlib1g-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "kiln: installing missing packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
