#!/usr/bin/env bash
# Portability test: shows that the Release binary runs on x86-64 CPUs without
# AVX or newer extensions, by planning a real trip under qemu-x86_64 (Debian's
# qemu-user) with old CPU models:
#
#   Nehalem  Intel Core i7 of 2008: SSE4.2 and POPCNT, no AVX
#   qemu64   close to the x86-64 baseline: SSE3, no SSSE3, SSE4 or POPCNT
#
# qemu executes every instruction of the process through its own emulator and
# reports the model's CPUID, so an instruction the model lacks (such as AVX)
# stops the process with SIGILL. That covers the shared libraries as well:
# qemu-user loads this machine's Debian 12 libraries, and their ifunc resolvers
# (glibc's memcpy and the like) read qemu's CPUID and select baseline code. The
# backend image installs the same Debian 12 packages, and its build stage uses
# the same compiler and backend/CMakeLists.txt, so the image's binary is built
# the same way. A control program with one AVX2 instruction must fail under each
# model and run under Haswell, which shows that the emulator enforces the model.
#
# It also disassembles the binary and fails on any VEX-encoded (AVX) instruction
# in PitStop's own code, a weaker check that needs no emulator.
#
# Installs qemu-user when it is missing (needs root). Builds the backend when
# the binary is missing. Takes about 15 s on top of the build.
#
# Environment:
#   PITSTOP_DATA_DIR           real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR          backend build folder (default build/)
#   PITSTOP_PORTABILITY_CPUS   qemu CPU models to test, space-separated (default "Nehalem qemu64")
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="$(realpath -m "${PITSTOP_BUILD_DIR:-$repo/build}")"
read -r -a cpu_models <<<"${PITSTOP_PORTABILITY_CPUS:-Nehalem qemu64}"
binary="$build_dir/pitstop"

log() { printf '[test-portability] %s\n' "$*"; }
fail() { printf '[test-portability] error: %s\n' "$*" >&2; exit 1; }

# --- Install and build ---------------------------------------------------------

if ! command -v qemu-x86_64 >/dev/null 2>&1; then
  [[ "$(id -u)" -eq 0 ]] || fail "qemu-x86_64 is missing: install it as root (apt-get install qemu-user)"
  log "installing qemu-user"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user >/dev/null
fi
for command in objdump cc python3; do
  command -v "$command" >/dev/null 2>&1 || fail "$command is missing: run scripts/install-dependencies.sh"
done

if [[ ! -x "$binary" ]]; then
  log "building the backend into $build_dir"
  PITSTOP_BUILD_DIR="$build_dir" bash "$repo/scripts/build.sh" >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
[[ "$build_type" == "Release" ]] || fail "$binary is a '$build_type' build; the test needs the Release build of scripts/build.sh"
[[ -d "$data_dir" ]] || fail "data folder $data_dir is missing: set PITSTOP_DATA_DIR"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# --- Control: the emulator rejects AVX on these models -----------------------------

cat >"$work/avx2_control.c" <<'EOF'
int main(void) {
  __asm__ volatile("vpaddd %%ymm0, %%ymm0, %%ymm0" ::: "xmm0");
  return 0;
}
EOF
cc -O0 -o "$work/avx2_control" "$work/avx2_control.c"
if ! qemu-x86_64 -cpu Haswell "$work/avx2_control" 2>/dev/null; then
  fail "control: the AVX2 program failed under -cpu Haswell, so this qemu cannot tell the models apart"
fi
for cpu in "${cpu_models[@]}"; do
  # The subshell (two commands, so bash does not exec qemu in its place) keeps
  # bash's "Illegal instruction" report out of the output.
  if (qemu-x86_64 -cpu "$cpu" "$work/avx2_control"; exit $?) 2>/dev/null; then
    fail "control: the AVX2 program ran under -cpu $cpu, so that model does not prove the absence of AVX"
  fi
done
log "control: an AVX2 instruction stops the process under ${cpu_models[*]} and runs under Haswell"

# --- Disassembly -----------------------------------------------------------------------

# VEX-encoded instructions are the AVX family: their mnemonics start with v and
# name xmm, ymm or zmm registers (vmovdqu, vpaddd, vzeroupper ...).
objdump -d --no-show-raw-insn "$binary" >"$work/pitstop.asm"
vex_count="$(grep -cE '^\s+[0-9a-f]+:\s+v[a-z0-9]+\s.*%[xyz]mm|vzeroupper|vzeroall' "$work/pitstop.asm" || true)"
if ((vex_count > 0)); then
  grep -m 5 -E '^\s+[0-9a-f]+:\s+v[a-z0-9]+\s.*%[xyz]mm|vzeroupper|vzeroall' "$work/pitstop.asm" >&2
  log "FAILED: $binary contains $vex_count AVX instructions (shown above); check the compile flags for -march"
  failures=$((failures + 1))
else
  log "disassembly: no AVX instruction in $binary"
fi

# --- Real trip under each old CPU model ---------------------------------------------------

# The same trip as the README's example: Toa Payoh MRT to Holland Village MRT
# with 15-minute rides, which needs pit stops on the real data.
native_plan="$work/plan-native.json"
PITSTOP_DATA_DIR="$data_dir" "$binary" --log-level warn plan --from "Toa Payoh MRT" --to "Holland Village MRT" \
  --ride-limit 15 --json >"$native_plan"

for cpu in "${cpu_models[@]}"; do
  plan="$work/plan-$cpu.json"
  started=$SECONDS
  if ! PITSTOP_DATA_DIR="$data_dir" qemu-x86_64 -cpu "$cpu" "$binary" --log-level warn plan \
      --from "Toa Payoh MRT" --to "Holland Village MRT" --ride-limit 15 --json >"$plan" 2>"$work/stderr-$cpu.txt"; then
    tail -n 5 "$work/stderr-$cpu.txt" >&2
    log "FAILED: pitstop plan exited with an error under -cpu $cpu (SIGILL means an instruction this CPU lacks)"
    failures=$((failures + 1))
    continue
  fi
  # The plan must be feasible, have pit stops, and equal the native plan byte for byte.
  if summary="$(python3 - "$plan" "$native_plan" <<'EOF'
import json, sys
plan_text = open(sys.argv[1]).read()
plan = json.loads(plan_text)
rides = len(plan["rides"])
summary = f"{rides} rides, {plan['total_distance_m'] / 1000:.1f} km, feasible={plan['feasible']}"
if not plan["feasible"] or rides < 2:
    sys.exit(f"expected a feasible plan with pit stops, got {summary}")
if plan_text != open(sys.argv[2]).read():
    sys.exit(f"the plan differs from the native run's plan ({summary})")
print(summary)
EOF
  )"; then
    log "-cpu $cpu: pitstop plan returned $summary, the same as natively ($((SECONDS - started)) s)"
  else
    log "FAILED: -cpu $cpu: ${summary:-the plan check failed}"
    failures=$((failures + 1))
  fi
done

total=$(( ${#cpu_models[@]} + 1 ))
echo "test-portability: $((total - failures)) passed, $failures failed"
((failures == 0))
