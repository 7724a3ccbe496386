#!/usr/bin/env bash
# Conflict detection figures (issue 25).
# 1. Detection and false alarms on the conflict set of ConflictSetTests (27 real conflicts, 9
#    look-alikes, entered through the portal's pages, then automatic assignment).
# 2. Institution matcher throughput on distinct affiliation strings (no cache hits).
# Usage (repository root): bench/conflicts/run.sh [--matcher-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
if [[ "${1:-}" != "--matcher-only" ]]; then
  mvn -q -B -Dtest='ConflictSetTests#everyRealConflict*' -Dsurefire.failIfNoSpecifiedTests=false test \
    | grep 'CONFLICT SET' || { echo "conflict set test failed; see target/surefire-reports" >&2; exit 1; }
fi
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
exec java -cp "target/classes:$(cat target/bench-classpath.txt)" bench/conflicts/MatcherBench.java
