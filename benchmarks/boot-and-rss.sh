#!/usr/bin/env bash
# Boot-to-ready time and idle resident memory of the Updraft distribution.
#
#   benchmarks/boot-and-rss.sh [ASSEMBLY_TAR_GZ] [RESTARTS]
#
# Unpacks the distribution into a fresh folder, starts it with bin/start, and counts "ready" when
# GET /updraft/api/v1/status answers 200 with the device's token (every Updraft component is up). Then it
# leaves the runtime idle for IDLE_SECONDS and reads VmRSS of the Karaf JVM. It does a first boot and
# RESTARTS restarts (state and caches kept), and prints one line per run and the medians.
# Uses its own ports (HTTP 28181, SSH 28101) so it does not disturb a running demo.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tarball=${1:-$(ls "$here"/../karaf-assembly/target/updraft-*.tar.gz 2>/dev/null | head -n1)}
restarts=${2:-3}
idle_seconds=${IDLE_SECONDS:-20}
http_port=28181
ssh_port=28101
[ -f "$tarball" ] || { echo "no distribution at '$tarball': build it first (mvn -DskipTests install)" >&2; exit 2; }

work=$(mktemp -d)
trap 'stop_karaf; rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/updraft-*)
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http_port/" "$home/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort *=.*/sshPort = $ssh_port/" "$home/etc/org.apache.karaf.shell.cfg"

karaf_pid() { pgrep -f "karaf.home=$home" | head -n1 || true; }

stop_karaf() {
    [ -n "${home:-}" ] && [ -x "$home/bin/stop" ] || return 0
    local pid; pid=$(karaf_pid)
    [ -n "$pid" ] || return 0
    "$home/bin/stop" >/dev/null 2>&1 || true
    # bin/stop returns before the JVM exits.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
}

now_ms() { date +%s%3N; }

one_run() {
    local label=$1 start ready token code pid rss
    start=$(now_ms)
    "$home/bin/start"
    while :; do
        if [ -f "$home/etc/updraft-api.token" ]; then
            token=$(cat "$home/etc/updraft-api.token")
            code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
                "http://127.0.0.1:$http_port/updraft/api/v1/status" || true)
            [ "$code" = 200 ] && break
        fi
        if [ $(( $(now_ms) - start )) -gt 120000 ]; then
            echo "$label: not ready after 120 s; see $home/data/log/karaf.log" >&2; exit 1
        fi
        sleep 0.1
    done
    ready=$(( $(now_ms) - start ))
    sleep "$idle_seconds"
    pid=$(karaf_pid)
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    printf '%-10s boot-to-ready %6d ms   idle RSS %4d MiB\n' "$label" "$ready" "$rss"
    echo "$ready $rss" >> "$work/figures"
    stop_karaf
}

echo "Distribution: $(basename "$tarball"); Java: $(java -version 2>&1 | head -n1); cores: $(nproc); idle wait ${idle_seconds}s"
one_run "first-boot"
for i in $(seq 1 "$restarts"); do one_run "restart-$i"; done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "median boot-to-ready over restarts: $(tail -n +2 "$work/figures" | awk '{print $1}' | median) ms"
echo "median idle RSS over restarts:      $(tail -n +2 "$work/figures" | awk '{print $2}' | median) MiB"
