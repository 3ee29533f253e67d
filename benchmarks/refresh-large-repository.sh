#!/usr/bin/env bash
# Metadata refresh time for a repository with many targets (default 10,000): cold (device holds only the root)
# and warm (everything trusted, only timestamp.json fetched). Usage: benchmarks/refresh-large-repository.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=benchmarks/jmh/target/classpath.txt
jar=benchmarks/jmh/target/updraft-benchmarks-jmh-0.1.0-SNAPSHOT.jar
[ -f "$cp_file" ] || mvn -q -B -f benchmarks/pom.xml package
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:$(cat "$cp_file")" \
    io.updraft.benchmarks.verifier.RefreshLargeRepository "${1:-10000}" "${2:-5}"
