#!/usr/bin/env bash
# Download throughput and heap: the device's downloader (DownloaderComponent with its default settings: no rate
# limit, SHA-256 checked while receiving, data synced and the offset saved every 64 MiB) against
# `curl -s -o FILE URL` (the issue's reference) and `curl -s URL | tee FILE | sha256sum` (like for like: the data
# kept and hashed in one pass, though not synced), all fetching the same random file from the same private nginx on
# 127.0.0.1 (sendfile on), alternating runs, each into a fresh folder. Updraft runs in the long-lived agent JVM,
# so the ratio uses its steady-state pass (best of passes 2-3 in one JVM); the first pass of a fresh JVM is printed too. The Java side
# runs with -Xmx64m and reports its heap growth during the downloads and its peak RSS. Both results are compared
# with sha256sum. Goals (issue 4): throughput >= 0.9x curl; < 32 MiB heap growth for a 1 GiB artifact.
# UPDRAFT_JAVA_OPTS adds JVM options to the Java side, e.g. -XX:StartFlightRecording=filename=/tmp/d.jfr
# UPDRAFT_DOWNLOADER_JAR names the downloader bundle jar to measure instead of the class path's copy from ~/.m2;
# if unset, a jar built in this checkout (bundles/io.updraft.downloader/target, `mvn -pl ... package`) is preferred,
# so a change can be measured without installing anything.
# Usage: benchmarks/download-throughput.sh [SIZE_MIB] [RUNS]   (run `mvn -o -q -f benchmarks/jmh/pom.xml package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-5}
cp_file=benchmarks/jmh/target/classpath.txt
jar=benchmarks/jmh/target/updraft-benchmarks-jmh-0.1.0-SNAPSHOT.jar
[ -f "$cp_file" ] || mvn -q -B -f benchmarks/pom.xml package
local_jar=bundles/io.updraft.downloader/target/io.updraft.downloader-0.1.0-SNAPSHOT.jar
downloader_jar=${UPDRAFT_DOWNLOADER_JAR:-}
if [ -z "$downloader_jar" ] && [ -f "$local_jar" ]; then downloader_jar=$local_jar; fi
if [ -n "$downloader_jar" ] && [ ! -f "$downloader_jar" ]; then
    echo "UPDRAFT_DOWNLOADER_JAR: no such file: $downloader_jar" >&2; exit 2
fi
work=$(mktemp -d -p "${TMPDIR:-/tmp}" updraft-download.XXXXXX)
nginx_pid=
cleanup() {
    if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# A private copy of the class path: a build installing a bundle meanwhile must not swap a jar under a running JVM.
mkdir -p "$work/lib"
java_cp=
i=0
while read -r f; do
    # The bundle under test replaces the class path's io.updraft.downloader jar.
    if [ -n "$downloader_jar" ] && [[ "$(basename "$f")" == io.updraft.downloader-*.jar ]]; then f=$downloader_jar; fi
    i=$((i + 1)); cp "$f" "$work/lib/$i-$(basename "$f")"; java_cp+="$work/lib/$i-$(basename "$f"):"
done < <(tr ':' '\n' <<< "$jar:$(cat "$cp_file")")
if [ -n "$downloader_jar" ]; then echo "downloader under test: $downloader_jar" >&2; fi
mkdir -p "$work/www" "$work/nginx/logs"
head -c "$((size * 1024 * 1024))" /dev/urandom > "$work/www/artifact.bin"
sha=$(sha256sum "$work/www/artifact.bin" | cut -d' ' -f1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
        location / { }
    }
}
EOF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
url="http://127.0.0.1:$port/artifact.bin"
# Read once so both tools find the file in the page cache.
cat "$work/www/artifact.bin" > /dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c=(); t=(); j=(); k=(); heap=(); sampled=(); rss=()
for i in $(seq "$runs"); do
    rm -rf "$work/curl" "$work/home"; mkdir -p "$work/curl" "$work/home"
    s=$(date +%s.%N); curl -s -o "$work/curl/artifact.bin" "$url"; e=$(date +%s.%N)
    c+=("$(echo "$e - $s" | bc -l)")
    curl_sha=$(sha256sum "$work/curl/artifact.bin" | cut -d' ' -f1)
    rm -rf "$work/curl"; mkdir -p "$work/curl"
    # Like for like with what Updraft guarantees: the data kept on disk and hashed in the same pass.
    s=$(date +%s.%N); tee_sha=$(curl -s "$url" | tee "$work/curl/artifact.bin" | sha256sum | cut -d' ' -f1); e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
    rm -rf "$work/curl"
    [ "$tee_sha" = "$sha" ] || { echo "run $i: curl | tee | sha256sum gave $tee_sha, source $sha" >&2; exit 1; }
    # shellcheck disable=SC2086 # UPDRAFT_JAVA_OPTS: extra JVM options, e.g. a JFR recording, split on spaces.
    read -r cold warm growth sgrowth hwm kept < <(java -Xmx64m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${UPDRAFT_JAVA_OPTS:-} \
        -cp "$java_cp" io.updraft.benchmarks.downloader.DownloadFile "$url" \
        "$((size * 1024 * 1024))" "$sha" "$work/home" | tail -n 1)
    updraft_sha=$(sha256sum "$kept" | cut -d' ' -f1)
    if [ "$curl_sha" != "$sha" ] || [ "$updraft_sha" != "$sha" ]; then
        echo "run $i: SHA-256 mismatch: source $sha, curl $curl_sha, updraft $updraft_sha" >&2
        exit 1
    fi
    k+=("$cold"); j+=("$warm"); heap+=("$growth"); sampled+=("$sgrowth"); rss+=("$hwm")
done
tm=$(printf '%s\n' "${t[@]}" | median); cm=$(printf '%s\n' "${c[@]}" | median); jm=$(printf '%s\n' "${j[@]}" | median); km=$(printf '%s\n' "${k[@]}" | median)
printf 'file: %d MiB, runs: %d, SHA-256 of every curl and updraft result equal to the source: %s\n' "$size" "$runs" "$sha"
printf 'curl: median %.3f s (%.0f MiB/s)  runs: %s\n' "$cm" "$(echo "$size / $cm" | bc -l)" "${c[*]}"
printf 'curl -s URL | tee FILE | sha256sum: median %.3f s (%.0f MiB/s)  runs: %s\n' "$tm" "$(echo "$size / $tm" | bc -l)" "${t[*]}"
printf 'updraft downloader: median %.3f s (%.0f MiB/s)  runs: %s\n' "$jm" "$(echo "$size / $jm" | bc -l)" "${j[*]}"
printf 'updraft cold first pass of a fresh JVM: median %.3f s (%.0f MiB/s)  runs: %s\n' "$km" "$(echo "$size / $km" | bc -l)" "${k[*]}"
printf 'ratio updraft/curl throughput: %.2fx (cold first pass: %.2fx)\n' "$(echo "$cm / $jm" | bc -l)" "$(echo "$cm / $km" | bc -l)"
printf 'ratio updraft/(curl | tee | sha256sum) throughput: %.2fx (cold first pass: %.2fx)\n' "$(echo "$tm / $jm" | bc -l)" "$(echo "$tm / $km" | bc -l)"
printf 'peak heap growth (-Xmx64m, sum of heap pool peaks minus heap after GC; max over 3 passes): %s MiB per run\n' "${heap[*]}"
printf 'peak heap growth sampled every 5 ms: %s MiB per run\n' "${sampled[*]}"
printf 'peak RSS (VmHWM) of the Java process: %s MiB per run\n' "${rss[*]}"
