#!/usr/bin/env bash
# Target verification throughput: the device's streamed length+SHA-256 check (TargetDigest, as
# UpdateVerifier.verifyTarget and the downloader use it) against `openssl dgst -sha256` on the same 1 GiB file,
# alternating runs (file in the page cache). Updraft runs in the long-lived agent JVM, so the ratio uses its
# steady-state pass; the cold first pass of a fresh JVM is printed too. Goal: Updraft >= 0.9x openssl.
# Usage: benchmarks/verify-throughput.sh [SIZE_MIB] [RUNS]   (run `mvn -q install -DskipTests` first)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-5}
cp_file=benchmarks/jmh/target/classpath.txt
jar=benchmarks/jmh/target/updraft-benchmarks-jmh-0.1.0-SNAPSHOT.jar
[ -f "$cp_file" ] || mvn -q -B -f benchmarks/pom.xml package
file=$(mktemp -p "${TMPDIR:-/tmp}" updraft-target.XXXXXX)
trap 'rm -f "$file"' EXIT
head -c "$((size * 1024 * 1024))" /dev/urandom > "$file"
sha=$(openssl dgst -sha256 -r "$file" | cut -d' ' -f1)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
o=(); j=(); c=()
for i in $(seq "$runs"); do
    s=$(date +%s.%N); openssl dgst -sha256 "$file" >/dev/null; e=$(date +%s.%N)
    o+=("$(echo "$e - $s" | bc -l)")
    read -r cold warm < <(java -cp "$jar:$(cat "$cp_file")" io.updraft.benchmarks.verifier.VerifyFile "$file" "$sha")
    c+=("$cold"); j+=("$warm")
done
om=$(printf '%s\n' "${o[@]}" | median); jm=$(printf '%s\n' "${j[@]}" | median); cm=$(printf '%s\n' "${c[@]}" | median)
printf 'file: %d MiB, runs: %d\n' "$size" "$runs"
printf 'openssl dgst -sha256: median %.3f s (%.0f MiB/s)  runs: %s\n' "$om" "$(echo "$size / $om" | bc -l)" "${o[*]}"
printf 'updraft TargetDigest: median %.3f s (%.0f MiB/s)  runs: %s\n' "$jm" "$(echo "$size / $jm" | bc -l)" "${j[*]}"
printf 'updraft cold first pass of a fresh JVM: median %.3f s (%.0f MiB/s)  runs: %s\n' "$cm" "$(echo "$size / $cm" | bc -l)" "${c[*]}"
printf 'ratio updraft/openssl throughput: %.2fx\n' "$(echo "$om / $jm" | bc -l)"
