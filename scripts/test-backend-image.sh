#!/usr/bin/env bash
# Backend image test without a Docker engine: builds deploy/backend.Dockerfile
# unchanged with Debian 12's buildah (daemonless, chroot isolation, Docker image
# format) from the repository root, as deploy/compose.yaml does, and checks the
# runtime image:
#
#   config     USER 10001:10001, ENTRYPOINT pitstop, HEALTHCHECK on /ready, port 8000
#   contents   no compiler, make, CMake, -dev package or /src, and ldd finds every
#              shared library of /usr/local/bin/pitstop
#   plan       the README's example trip on the real data mounted read-only at
#              /data, run as the image's user. When build/pitstop exists, the plan
#              must equal the native binary's plan byte for byte.
#   baseline   no AVX instruction in the binary. The same plan under
#              qemu-x86_64-static -cpu Nehalem and -cpu qemu64 with the image's own
#              shared libraries shows that the code it runs needs no AVX.
#   health     `pitstop serve` inside the image on 127.0.0.1, then the image's own
#              HEALTHCHECK command: exit 0 once /ready is 200, not 0 after the stop
#
# Docker Hub cannot be reached, so the base images named in the FROM lines
# (debian:12, debian:12-slim) are stand-ins: a `debootstrap --variant=minbase
# bookworm` with the Debian and security sources, and for -slim the same rootfs
# with documentation, man pages and locales removed. They are close to Docker
# Hub's images but not the same files, so this test does not prove that the
# build works on the real base images. It proves nothing about Docker itself
# either: the compose files, networks, volumes, secrets, Docker's health check
# scheduling, its seccomp profile and capabilities are untested here.
#
# Needs root, and the network to the Debian mirror (the base images and the
# build's apt-get). Installs buildah, debootstrap, qemu-user-static, jq, curl
# and binutils with apt-get when they are missing. Everything else lives in one
# folder under /var/tmp, which is removed at the end. Two runs on a 2-core
# machine took 8 and 14 minutes with the tools installed, the longer one while
# other compile jobs ran. `buildah bud` took 7 and 12 minutes of that, and
# making the base images 1 to 2.
#
# Environment:
#   PITSTOP_DATA_DIR           real data folder (default ../shared/data beside the repository)
#   PITSTOP_BUILD_DIR          native build folder whose pitstop the image's plan must match (default build/)
#   PITSTOP_BUILD_JOBS         compile jobs of the image build (default 2)
#   PITSTOP_DEBIAN_MIRROR      Debian mirror for the base images (default http://deb.debian.org/debian)
#   PITSTOP_DEBIAN_SECURITY_MIRROR  the security mirror (default http://deb.debian.org/debian-security)
#   PITSTOP_BUILDAH_DRIVER     buildah storage driver: overlay (default) or vfs (never run with vfs)
#   PITSTOP_IMAGE_TEST_KEEP    1 keeps the work folder and its images for inspection
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="$(realpath -m "${PITSTOP_DATA_DIR:-$repo/../shared/data}")"
build_dir="$(realpath -m "${PITSTOP_BUILD_DIR:-$repo/build}")"
dockerfile="$repo/deploy/backend.Dockerfile"
mirror="${PITSTOP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${PITSTOP_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
storage_driver="${PITSTOP_BUILDAH_DRIVER:-overlay}"
build_jobs="${PITSTOP_BUILD_JOBS:-2}"
image="localhost/pitstop-backend:image-test"

log() { printf '[test-backend-image] %s\n' "$*"; }
fail() { printf '[test-backend-image] error: %s\n' "$*" >&2; exit 1; }

passed=0
failures=0
pass() { log "PASSED: $*"; passed=$((passed + 1)); }
failed() { log "FAILED: $*"; failures=$((failures + 1)); }

# --- Install -------------------------------------------------------------------------

[[ "$(id -u)" -eq 0 ]] || fail "run as root: buildah builds rootful here, and debootstrap needs root"
[[ "$(uname -m)" == "x86_64" ]] || fail "the image and its checks are for x86-64, not $(uname -m)"
[[ -f "$data_dir/osm/singapore-bike-network-2025-12.osm.pbf" ]] ||
  fail "real data not found in $data_dir: set PITSTOP_DATA_DIR to the folder described in README.md"

missing=()
for pair in buildah:buildah debootstrap:debootstrap qemu-x86_64-static:qemu-user-static jq:jq curl:curl objdump:binutils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Work folder and cleanup ---------------------------------------------------------

# /var/tmp, not /tmp: overlay storage needs a disk file system, and /tmp may be tmpfs.
work="$(mktemp -d /var/tmp/pitstop-image-test.XXXXXX)"
buildah_command=(buildah --root "$work/storage" --runroot "$work/runroot" --storage-driver "$storage_driver")
server_pid=""

mounts_under_work() { awk -v prefix="$work/" 'index($2, prefix) == 1 { print $2 }' /proc/mounts | sort -r; }

cleanup() {
  if [[ -n "$server_pid" ]]; then kill -TERM -- "-$server_pid" 2>/dev/null || true; fi
  if [[ "${PITSTOP_IMAGE_TEST_KEEP:-0}" == "1" ]]; then
    log "kept $work: buildah --root $work/storage --runroot $work/runroot --storage-driver $storage_driver images"
    return
  fi
  "${buildah_command[@]}" rm --all >/dev/null 2>&1 || true
  "${buildah_command[@]}" rmi --all --force >/dev/null 2>&1 || true
  local mount_point
  for mount_point in $(mounts_under_work); do umount -l "$mount_point" 2>/dev/null || true; done
  # A mount left in the folder could be the real data (root ignores its missing
  # write bits), so never delete through one.
  if [[ -n "$(mounts_under_work)" ]]; then
    log "warning: mounts remain under $work, so it was not removed: $(mounts_under_work | tr '\n' ' ')"
    return
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- Base images ---------------------------------------------------------------------

started=$SECONDS
# Base images are the FROM images that are not earlier stages of the same file.
mapfile -t base_images < <(awk '
  toupper($1) == "FROM" {
    image = $2
    if (!(image in stages)) print image
    if (toupper($3) == "AS") stages[$4] = 1
  }' "$dockerfile" | sort -u)
log "base images in $(basename "$dockerfile"): ${base_images[*]}"

rootfs="$work/rootfs"
log "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed (log above)"; }
# Debian's usual bookworm sources (release, updates, security), so that apt-get
# in the build also gets the security updates.
rm -f "$rootfs/etc/apt/sources.list"
cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/cache/apt/"*.bin
tar --numeric-owner -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$work/rootfs.tar" .
rm -rf "$rootfs"

# The slim variant drops documentation, man pages and locales, and keeps dpkg
# from installing them again.
slim_script='
printf "%s\n" "path-exclude /usr/share/doc/*" "path-include /usr/share/doc/*/copyright" \
  "path-exclude /usr/share/man/*" "path-exclude /usr/share/info/*" \
  "path-exclude /usr/share/locale/*" "path-include /usr/share/locale/locale.alias" >/etc/dpkg/dpkg.cfg.d/docker
find /usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete
rm -rf /usr/share/man/* /usr/share/info/*
find /usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
'
for base in "${base_images[@]}"; do
  case "$base" in
    debian:12 | debian:bookworm) slim=0 ;;
    debian:12-slim | debian:bookworm-slim) slim=1 ;;
    *) fail "no stand-in for the base image $base: only debian:12 and debian:12-slim are made here" ;;
  esac
  container="$("${buildah_command[@]}" from scratch)"
  "${buildah_command[@]}" add "$container" "$work/rootfs.tar" / >/dev/null
  "${buildah_command[@]}" config --cmd '["bash"]' "$container"
  squash=()
  if ((slim)); then
    "${buildah_command[@]}" run --isolation chroot "$container" -- sh -c "$slim_script"
    squash=(--squash)  # one layer, as on Docker Hub, so the removed files take no space
  fi
  "${buildah_command[@]}" commit --quiet --rm "${squash[@]}" "$container" "docker.io/library/$base" >/dev/null
done
log "base images made in $((SECONDS - started)) s"

# --- Build ---------------------------------------------------------------------------

started=$SECONDS
log "building $image from $repo with BUILD_JOBS=$build_jobs (log: $work/build.log)"
# Docker format: the OCI image format has no HEALTHCHECK, and buildah drops it there.
if ! nice -n 10 "${buildah_command[@]}" bud --format docker --isolation chroot --pull=never \
    --build-arg "BUILD_JOBS=$build_jobs" -f "$dockerfile" -t "$image" "$repo" >"$work/build.log" 2>&1; then
  tail -n 30 "$work/build.log" >&2
  fail "buildah bud failed (the last lines of its output are above)"
fi
build_seconds=$((SECONDS - started))
image_size="$("${buildah_command[@]}" images --format '{{.Size}}' "$image")"
runtime_base="$(awk 'toupper($1) == "FROM" { image = $2 } END { print image }' "$dockerfile")"
base_size="$("${buildah_command[@]}" images --format '{{.Size}}' "docker.io/library/$runtime_base")"
pass "the image builds in $build_seconds s: $image_size, of which the stand-in $runtime_base is $base_size"

# --- Config --------------------------------------------------------------------------

config="$("${buildah_command[@]}" inspect --type image "$image" | jq '.Docker.config')"
user="$(jq -r '.User' <<<"$config")"
entrypoint="$(jq -c '.Entrypoint' <<<"$config")"
command="$(jq -c '.Cmd' <<<"$config")"
healthcheck_test="$(jq -c '.Healthcheck.Test // empty' <<<"$config")"
if [[ "$user" == "10001:10001" && "$entrypoint" == '["pitstop"]' && "$command" == '["serve"]' ]] &&
    jq -e '.ExposedPorts["8000/tcp"] != null' <<<"$config" >/dev/null &&
    [[ "$healthcheck_test" == *"/ready"* ]]; then
  pass "config: USER $user, ENTRYPOINT $entrypoint, CMD $command, EXPOSE 8000, HEALTHCHECK on /ready"
else
  failed "config: USER '$user', ENTRYPOINT $entrypoint, CMD $command, HEALTHCHECK $healthcheck_test"
fi

container="$("${buildah_command[@]}" from --pull=never "$image")"
# The image's user and environment, as `docker run` gives them, with the real
# data where the compose file mounts the data volume.
run_in_image() {
  "${buildah_command[@]}" run --isolation chroot --network host -v "$data_dir:/data:ro" "$container" -- "$@"
}

# --- Contents ------------------------------------------------------------------------

uid="$(run_in_image id -u)"
if [[ "$uid" == "10001" ]]; then pass "buildah run uses the image's user: uid $uid"; else failed "the image runs as uid $uid"; fi

run_in_image ldd /usr/local/bin/pitstop >"$work/ldd.txt" 2>&1 || true
if grep -q 'not found' "$work/ldd.txt" || ! grep -q 'libpqxx' "$work/ldd.txt"; then
  cat "$work/ldd.txt" >&2
  failed "ldd in the image: a shared library of pitstop is missing (above)"
else
  pass "ldd in the image finds all $(grep -c '=>' "$work/ldd.txt") shared libraries of pitstop"
fi

leftovers="$(run_in_image sh -c '
  for tool in cc c++ g++ cmake make; do command -v "$tool" || true; done
  [ ! -e /src ] || echo /src
  dpkg-query -W -f "\${Package}\n" | grep -E -- "-dev$" || true')"
if [[ -z "$leftovers" ]]; then
  pass "contents: no compiler, make, CMake, -dev package or /src in the runtime image"
else
  failed "contents: the runtime image contains build files: $(tr '\n' ' ' <<<"$leftovers")"
fi

# --- Plan ----------------------------------------------------------------------------

plan_arguments=(--log-level warn plan --from "Toa Payoh MRT" --to "Holland Village MRT" --ride-limit 15 --json)
check_plan() {  # FILE -> prints a summary; exits non-zero unless feasible with pit stops
  python3 - "$1" <<'EOF'
import json, sys
plan = json.load(open(sys.argv[1]))
rides = len(plan["rides"])
summary = f"{rides} rides, {plan['total_distance_m'] / 1000:.1f} km, feasible={plan['feasible']}"
print(summary)
if not plan["feasible"] or rides < 2:
    sys.exit(1)
EOF
}

plan="$work/plan-image.json"
started=$SECONDS
if run_in_image pitstop "${plan_arguments[@]}" >"$plan" 2>"$work/plan-image.err" && summary="$(check_plan "$plan")"; then
  pass "plan in the image as uid 10001 on the real data: $summary ($((SECONDS - started)) s)"
else
  tail -n 5 "$work/plan-image.err" >&2
  failed "plan in the image: ${summary:-pitstop plan exited with an error (above)}"
fi

if [[ -x "$build_dir/pitstop" ]]; then
  PITSTOP_DATA_DIR="$data_dir" "$build_dir/pitstop" "${plan_arguments[@]}" >"$work/plan-native.json"
  if cmp -s "$plan" "$work/plan-native.json"; then
    pass "the image's plan equals the plan of $build_dir/pitstop byte for byte"
  else
    failed "the image's plan differs from the plan of $build_dir/pitstop (built from other sources or libraries?)"
  fi
else
  log "skipped the comparison with the native plan: $build_dir/pitstop is missing"
fi

# --- Baseline x86-64 -----------------------------------------------------------------

mount_point="$("${buildah_command[@]}" mount "$container")"
# VEX-encoded instructions are the AVX family (see scripts/test-portability.sh).
vex_count="$(objdump -d --no-show-raw-insn "$mount_point/usr/local/bin/pitstop" |
  grep -cE '^\s+[0-9a-f]+:\s+v[a-z0-9]+\s.*%[xyz]mm|vzeroupper|vzeroall' || true)"
"${buildah_command[@]}" umount "$container" >/dev/null
if ((vex_count == 0)); then
  pass "disassembly: no AVX instruction in the image's pitstop"
else
  failed "disassembly: the image's pitstop contains $vex_count AVX instructions"
fi

# qemu-x86_64-static is a static binary, so it runs inside the image's root and
# loads the image's libraries. qemu stops the process with SIGILL on an
# instruction that the CPU model lacks. scripts/test-portability.sh checks with
# an AVX2 control program that Debian 12's qemu enforces these models.
for cpu in Nehalem qemu64; do
  plan_cpu="$work/plan-$cpu.json"
  started=$SECONDS
  if "${buildah_command[@]}" run --isolation chroot --network host -v "$data_dir:/data:ro" \
      -v "$(command -v qemu-x86_64-static):/tmp/qemu-x86_64-static:ro" "$container" -- \
      /tmp/qemu-x86_64-static -cpu "$cpu" /usr/local/bin/pitstop "${plan_arguments[@]}" \
      >"$plan_cpu" 2>"$work/plan-$cpu.err" && cmp -s "$plan_cpu" "$plan"; then
    pass "-cpu $cpu: the image's pitstop and libraries plan the same trip ($((SECONDS - started)) s)"
  else
    tail -n 5 "$work/plan-$cpu.err" >&2
    failed "-cpu $cpu: pitstop in the image failed or planned another trip (SIGILL means an instruction this CPU lacks)"
  fi
done

# --- Health check --------------------------------------------------------------------

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# As `docker run -e`: the health check reads PITSTOP_PORT from the environment.
"${buildah_command[@]}" config --env PITSTOP_BIND=127.0.0.1 --env "PITSTOP_PORT=$port" "$container"
healthcheck_kind="$(jq -r '.[0]' <<<"$healthcheck_test")"
healthcheck_shell="$(jq -r '.[1]' <<<"$healthcheck_test")"
[[ "$healthcheck_kind" == "CMD-SHELL" ]] || fail "the HEALTHCHECK is $healthcheck_test; this test runs only CMD-SHELL checks"

# setsid gives the server its own process group, so that the stop reaches
# buildah and pitstop together.
setsid "${buildah_command[@]}" run --isolation chroot --network host -v "$data_dir:/data:ro" "$container" -- \
  pitstop --log-level info serve >"$work/serve.log" 2>&1 &
server_pid=$!
started=$SECONDS
ready=0
while ((SECONDS - started < 180)); do
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/ready" 2>/dev/null; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 1
done
if ((ready)); then
  if run_in_image sh -c "$healthcheck_shell"; then
    pass "the image's HEALTHCHECK passes against pitstop serve in the image on 127.0.0.1:$port ($((SECONDS - started)) s to ready)"
  else
    failed "the image's HEALTHCHECK failed while /ready returned 200"
  fi
else
  tail -n 10 "$work/serve.log" >&2
  failed "pitstop serve in the image exited or was not ready on 127.0.0.1:$port within 180 s (log above)"
fi

kill -TERM -- "-$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
if run_in_image sh -c "$healthcheck_shell" 2>/dev/null; then
  failed "the image's HEALTHCHECK passed with no server running"
else
  pass "the image's HEALTHCHECK fails once the server has stopped"
fi

echo "test-backend-image: $passed passed, $failures failed"
((failures == 0))
