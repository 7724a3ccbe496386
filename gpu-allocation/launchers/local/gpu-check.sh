#!/usr/bin/env bash
# GPU check of the local sandbox launcher on a host with NVIDIA GPUs (at least 2).
#
#   gpu-allocation/launchers/local/gpu-check.sh --prepare   # on the build machine (needs JDK 21+, Maven, ~/.m2):
#       compiles the project and the check, copies the few jars it needs and this machine's bwrap to
#       target/gpu-check-lib, and links a small Java runtime into target/gpu-check-jre (used when the GPU
#       machine has no JDK 21+)
#   gpu-allocation/launchers/local/gpu-check.sh              # on the GPU machine, from the repository root, with
#       target/classes, target/gpu-check-lib (and target/gpu-check-jre) present; nothing else needed
#
# Writes gpu-check.txt and the jobs' directories (logs) to $OUT (or target/gpu-check). Exit 0 = passed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
LIB=target/gpu-check-lib

find_java() {
  if [ -x target/gpu-check-jre/bin/java ] && target/gpu-check-jre/bin/java -version >/dev/null 2>&1; then
    echo target/gpu-check-jre/bin/java; return 0
  fi
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
  mkdir -p target/gpu-check-build
  "$JAVA_HOME/bin/javac" -d target/gpu-check-build -cp "target/classes:$LIB/*" gpu-allocation/launchers/local/GpuCheck.java
  "$JAVA_HOME/bin/jar" --create --file "$LIB/gpu-check.jar" -C target/gpu-check-build .
  rm -rf target/gpu-check-jre
  "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress zip-9 --output target/gpu-check-jre
  du -sh target/classes "$LIB" target/gpu-check-jre
  echo "Prepared. Carry target/classes, $LIB and target/gpu-check-jre to the GPU machine and run $0 there from the repository root."
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
exec "$JAVA" -Dbwrap="$BWRAP" -DallowUnsandboxed="$ALLOW" -cp "target/classes:$LIB/*" GpuCheck "$OUT_DIR"
