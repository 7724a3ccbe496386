#!/usr/bin/env bash
# Calibration benchmark: bench/calibration/run.sh [applications reviewers reviewsPerApplication biasSd noiseSd seed]
# Defaults: 10000 applications x 4 reviews from 1000 reviewers, leniency sd 8, noise sd 6.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -cp "target/classes:$(cat target/bench-classpath.txt)" bench/calibration/CalibrationBench.java "$@"
