#!/usr/bin/env bash
# Admission throughput: 64 concurrent submitters against embedded PostgreSQL (see AdmissionBench.java).
# Usage (repository root): bench/admission/run.sh [-Dpool=16] [-Dfsync=off] [-Daffordable=400]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
CP="target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" "$@" -cp "$CP" bench/admission/AdmissionBench.java
