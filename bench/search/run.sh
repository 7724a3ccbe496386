#!/usr/bin/env bash
# Search benchmark: embedded Lucene vs the Elasticsearch test node vs PostgreSQL ILIKE.
# Usage: bench/search/run.sh [documents=100000] [lucene-rounds=50] [es-rounds=20] [ilike-rounds=2] [skip-es]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-search-classpath.txt
exec "$JAVA_HOME/bin/java" -Xmx3g -Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false \
  -cp "target/classes:target/test-classes:$(cat target/bench-search-classpath.txt)" \
  bench/search/SearchBenchmark.java "$@"
