#!/usr/bin/env bash
# Backup and restore time: bench/backup/run.sh [applications] [fileKb]
# Defaults: 10,000 submitted applications, each with a distinct 64 KB file (about 1.3 GB on disk while it runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:$(cat target/bench-classpath.txt)" \
  bench/backup/BackupBench.java "$@"
