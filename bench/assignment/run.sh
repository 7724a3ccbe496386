#!/usr/bin/env bash
# Reviewer assignment benchmark: bench/assignment/run.sh [applications reviewers k cap top-M floorShare seed]
# Defaults: 20000 applications x 15000 reviewers, 4 reviews each, cap 6, top-40 candidates.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED \
  -cp "target/classes:$(cat target/bench-classpath.txt)" bench/assignment/AssignmentBench.java "$@"
