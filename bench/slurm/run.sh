#!/usr/bin/env bash
# Submit-to-queued: SlurmLauncher.submit against raw sbatch on the dev cluster, same run.
# Usage: bench/slurm/run.sh [rounds, default 100]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B compile
out=target/bench-slurm
mkdir -p "$out"
"$JAVA_HOME/bin/javac" -d "$out" -cp target/classes bench/slurm/SubmitToQueuedBench.java
gpu-allocation/launchers/slurm/dev-cluster.sh start 2>/dev/null
"$JAVA_HOME/bin/java" -cp "target/classes:$out" kr.aifellows.portal.gpu.slurm.SubmitToQueuedBench "${1:-100}"
