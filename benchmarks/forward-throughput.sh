#!/usr/bin/env bash
# Forwarding throughput to rsyslog (issue 10). A private rsyslogd on 127.0.0.1 with two inputs writing one line per
# message to files: TLS (imtcp, ossl driver, server certificate made here with the openssl CLI) and plain TCP
# (imptcp). Measured, each until all N messages are lines in the relay's output file:
#   updraft   the real forwarder component forwarding N log entries (~230-byte JSON) appended to a real FileLogStore
#             over TLS; with loopback-tuned batching (FORWARDER_SETTINGS) and with the shipped defaults
#             (batchMaxRecords 500, confirmDelay 1s, maxUnconfirmedRecords 20000: at most 20,000 records/s by
#             design), each for N records (DEFAULT_RECORDS overrides N for the defaults run)
#   tls-java  a plain Java writer of the same RFC 5425 frames over one TLS connection: the like-for-like reference
#   logger    util-linux `logger --tcp --octet-count` over plain TCP (it has no TLS): a reference for scale only
# Usage: benchmarks/forward-throughput.sh [RECORDS] [ROUNDS]   (run `mvn -o -q -f benchmarks/jmh/pom.xml install` first)
# FORWARD_JAVA_OPTS adds JVM options to the forwarder's runs, e.g. -XX:StartFlightRecording=filename=f.jfr to profile.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-200000}
rounds=${2:-2}
default_records=${DEFAULT_RECORDS:-$records}
tuned=${FORWARDER_SETTINGS:-batchMaxRecords=10000 batchMaxBytes=8MiB batchMaxDelay=1s confirmDelay=250ms}
cp_file=benchmarks/jmh/target/classpath.txt
jar=benchmarks/jmh/target/updraft-benchmarks-jmh-0.1.0-SNAPSHOT.jar
[ -f "$cp_file" ] || mvn -q -B -f benchmarks/pom.xml package
work=$(mktemp -d -p "${TMPDIR:-/tmp}" updraft-forward.XXXXXX)
# A private copy of the class path: a build installing a bundle meanwhile must not swap a jar under a running JVM.
mkdir -p "$work/lib"
java_cp=
i=0
while read -r f; do
    i=$((i + 1)); cp "$f" "$work/lib/$i-$(basename "$f")"; java_cp+="$work/lib/$i-$(basename "$f"):"
done < <(tr ':' '\n' <<< "$jar:$(cat "$cp_file")")
rsyslog_pid=
cleanup() {
    if [ -n "$rsyslog_pid" ]; then kill "$rsyslog_pid" 2>/dev/null || true; wait "$rsyslog_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bench-ca -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$work/server.ext"
openssl x509 -req -days 1 -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -extfile "$work/server.ext" -out "$work/server.pem" 2>/dev/null
chmod 600 "$work/server.key" "$work/ca.key"

tls_port=$(free_port); tcp_port=$(free_port)
mkdir -p "$work/rsyslog"
cat > "$work/rsyslog.conf" <<EOF
global(workDirectory="$work/rsyslog"
       defaultNetstreamDriver="ossl"
       defaultNetstreamDriverCAFile="$work/ca.pem"
       defaultNetstreamDriverCertFile="$work/server.pem"
       defaultNetstreamDriverKeyFile="$work/server.key")
module(load="imtcp" StreamDriver.Name="ossl" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
module(load="imptcp")
template(name="line" type="string" string="%msg%\n")
ruleset(name="tls") { action(type="omfile" file="$work/tls.log" template="line") }
ruleset(name="plain") { action(type="omfile" file="$work/plain.log" template="line") }
input(type="imtcp" port="$tls_port" address="127.0.0.1" ruleset="tls")
input(type="imptcp" port="$tcp_port" address="127.0.0.1" ruleset="plain" SupportOctetCountedFraming="on")
EOF
/usr/sbin/rsyslogd -n -f "$work/rsyslog.conf" -i "$work/rsyslog.pid" > "$work/rsyslogd.out" 2>&1 &
rsyslog_pid=$!
for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port") 2>/dev/null && break
    sleep 0.05
done
touch "$work/tls.log" "$work/plain.log"

# The same messages the Java side sends, one per line, for logger.
python3 - "$records" > "$work/lines.txt" <<'EOF'
import sys
m = ["Checked https://updates.example.com/repository/robot: 3 targets, no update for product robot rev-b (412 ms)",
     "Download app-2.4.1.tar.zst: 18874368 of 52428800 bytes, 1.9 MiB/s, checkpoint saved, resuming from offset",
     "Telemetry batch of 500 events sealed and queued for upload to the collector, 37 events still pending here"]
for i in range(1, int(sys.argv[1]) + 1):
    print("%s #%d" % (m[i % 3], i))
EOF

lines() { wc -l < "$1"; }
run_logger() {
    local base start end u s
    base=$(lines "$work/plain.log")
    start=$(date +%s.%N)
    /usr/bin/time -o "$work/logger.time" -f '%U %S' logger --tcp --octet-count -n 127.0.0.1 -P "$tcp_port" \
        -t updraft -f "$work/lines.txt"
    local n last=-1 since=$SECONDS
    while n=$(lines "$work/plain.log"); [ "$n" -lt $((base + records)) ]; do
        if [ "$n" != "$last" ]; then last=$n; since=$SECONDS
        elif [ $((SECONDS - since)) -gt 30 ]; then echo "logger: relay stalled at $((n - base)) of $records" >&2; exit 1; fi
        sleep 0.01
    done
    end=$(date +%s.%N)
    read -r u s < "$work/logger.time"
    printf '%d %.3f %.0f %.0f\n' "$records" "$(echo "$end - $start" | bc -l)" \
        "$(echo "$records / ($end - $start)" | bc -l)" "$(echo "($u + $s) * 1000000 / ($records / 1000)" | bc -l)"
}
run_tls_java() {
    java -cp "$java_cp" io.updraft.benchmarks.logforwarder.TlsFrameWriter "$records" "$tls_port" "$work/ca.pem" \
        "$work/tls.log"
}
run_updraft() {
    local n=$1; shift
    rm -rf "$work/home"; mkdir -p "$work/home"
    # shellcheck disable=SC2086
    java -Xmx256m ${FORWARD_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$java_cp" \
        io.updraft.benchmarks.logforwarder.ForwardToRsyslog "$n" "$tls_port" "$work/ca.pem" "$work/tls.log" \
        "$work/home" "$@"
}

echo "records: $records, rounds: $rounds; updraft settings over the defaults: $tuned"
echo "columns: records seconds records/s cpu-us-per-1000 [process-cpu-us-per-1000-without-appends store-appends/s]"
declare -a L T U
for r in $(seq "$rounds"); do
    l=$(run_logger); echo "round $r logger --tcp (plain TCP):        $l"; L+=("$(cut -d' ' -f3 <<< "$l")")
    t=$(run_tls_java); echo "round $r plain Java TLS writer:          $t"; T+=("$(cut -d' ' -f3 <<< "$t")")
    # shellcheck disable=SC2086
    u=$(run_updraft "$records" $tuned); echo "round $r updraft forwarder over TLS:      $u"; U+=("$(cut -d' ' -f3 <<< "$u")")
done
d=$(run_updraft "$default_records")
echo "updraft forwarder, shipped defaults ($default_records records): $d"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
lm=$(printf '%s\n' "${L[@]}" | median); tm=$(printf '%s\n' "${T[@]}" | median); um=$(printf '%s\n' "${U[@]}" | median)
printf 'median records/s: logger plain TCP %s, Java TLS writer %s, updraft over TLS %s\n' "$lm" "$tm" "$um"
printf 'ratio updraft/Java TLS writer (like-for-like, both TLS, same frames): %.2fx\n' "$(echo "$um / $tm" | bc -l)"
printf 'ratio updraft/logger (updraft over TLS vs logger over plain TCP; not like-for-like): %.2fx\n' \
    "$(echo "$um / $lm" | bc -l)"
