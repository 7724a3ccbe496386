#!/usr/bin/env bash
# GPU check of the local sandbox launcher on a host with NVIDIA GPUs (at least 2).
#
#   gpu-allocation/launchers/local/gpu-check.sh --prepare   # on the build machine (needs Maven and ~/.m2):
#                                                            # compiles and copies the 3 jars the check needs
#                                                            # (+ this machine's bwrap as a fallback) to target/gpu-check-lib
#   gpu-allocation/launchers/local/gpu-check.sh              # on the GPU machine, from the repository root, with
#                                                            # target/classes and target/gpu-check-lib present; only a JDK 21+ needed
#
# Writes gpu-check.txt and the jobs' directories (logs) to $OUT (or target/gpu-check). Exit 0 = passed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
LIB=target/gpu-check-lib

find_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1] }')
      if [ "${major:-0}" -ge 21 ]; then echo "$candidate/bin/java"; return 0; fi
    fi
  done
  command -v java
}

if [ "${1:-}" = "--prepare" ]; then
  export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  mvn -q -B compile
  rm -rf "$LIB" && mkdir -p "$LIB"
  mvn -q -B dependency:copy-dependencies -DoutputDirectory="$LIB" -DincludeScope=runtime \
    -DincludeArtifactIds=slf4j-api,spring-core,spring-jcl,logback-classic,logback-core
  if [ -x /usr/bin/bwrap ]; then cp /usr/bin/bwrap "$LIB/bwrap"; fi
  du -sh target/classes "$LIB"
  echo "Prepared. Carry target/classes and $LIB to the GPU machine and run $0 there from the repository root."
  exit 0
fi

OUT_DIR=${OUT:-target/gpu-check}
mkdir -p "$OUT_DIR"
[ -d target/classes/kr/aifellows/portal/gpu/local ] || { echo "target/classes missing: run $0 --prepare first" >&2; exit 2; }
[ -d "$LIB" ] || { echo "$LIB missing: run $0 --prepare first" >&2; exit 2; }
JAVA=$(find_java)

BWRAP=/usr/bin/bwrap
if [ ! -x "$BWRAP" ]; then
  if command -v apt-get >/dev/null && apt-get install -y -qq bubblewrap >/dev/null 2>&1; then
    BWRAP=/usr/bin/bwrap
  elif [ -x "$LIB/bwrap" ]; then
    BWRAP="$PWD/$LIB/bwrap"
  fi
fi
ALLOW=false
if ! "$BWRAP" --version >/dev/null 2>&1; then
  echo "WARNING: no working bubblewrap; running the check UNSANDBOXED (GPU choice by CUDA_VISIBLE_DEVICES only)" | tee "$OUT_DIR/WARNING.txt"
  ALLOW=true
fi
{
  echo "== host =="; uname -a; id; nvidia-smi -L || true; ls -l /dev/nvidia* || true
  "$BWRAP" --version || true; cat /proc/self/cgroup || true; "$JAVA" -version 2>&1 || true
} > "$OUT_DIR/host.txt" 2>&1
exec "$JAVA" -Dbwrap="$BWRAP" -DallowUnsandboxed="$ALLOW" -cp "target/classes:$LIB/*" \
  gpu-allocation/launchers/local/GpuCheck.java "$OUT_DIR"
