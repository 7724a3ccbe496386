#!/usr/bin/env bash
# Search benchmark: embedded Lucene vs the Elasticsearch test node vs PostgreSQL ILIKE.
# Usage: bench/search/run.sh [documents=100000] [lucene-rounds=50] [es-rounds=20] [ilike-rounds=2] [skip-es]
# SEARCH_CLASSES=dir runs it with the main classes in dir instead of target/classes (a copy of an
# older build, to compare before and after in the same conditions).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-search-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx3g -Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false \
  -cp "${SEARCH_CLASSES:-target/classes}:target/test-classes:$(cat target/bench-search-classpath.txt)" \
  bench/search/SearchBenchmark.java "$@"
