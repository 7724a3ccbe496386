#!/usr/bin/env bash
# Local sandbox start overhead over bare bwrap (see SandboxBench.java); needs bubblewrap.
# Usage (repository root): bench/sandbox/run.sh [-Druns=100] [-Dpause=20] [-Dwarmup=50]
# Cross-check of bare bwrap from the shell: hyperfine -N --warmup 10 'bwrap --unshare-all --die-with-parent --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 --proc /proc --dev /dev --tmpfs /tmp /bin/true'
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
# Compiled ahead: run from source, javac would share the JVM (and its JIT threads) with the measurement.
mkdir -p target/bench-sandbox
"$JAVA_HOME/bin/javac" -nowarn -d target/bench-sandbox -cp "$CP" bench/sandbox/SandboxBench.java
echo "before: $(uptime)"
"$JAVA_HOME/bin/java" "$@" -cp "target/bench-sandbox:$CP" SandboxBench
echo "after: $(uptime)"
