#!/usr/bin/env bash
# Score-sheet export benchmark: bench/score-sheet/run.sh [applications] [output.xlsx]
# Defaults: 10000 applications x 4 reviews, 1000 reviewers, in a 128 MB heap (goal: <= 2 s, <= 128 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx128m -cp "target/classes:$(cat target/bench-classpath.txt)" \
  bench/score-sheet/ScoreSheetBench.java "$@"
