#!/usr/bin/env bash
# Access-record cost: bench/access-records/run.sh [samples] [preload] [threads]
# Defaults: 2,000 timed records, 100,000 preloaded, 16 concurrent writers.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx256m -cp "target/classes:$(cat target/bench-classpath.txt)" \
  bench/access-records/AccessRecordBench.java "$@"
