#!/usr/bin/env bash
# The whole update cycle on one machine, with the distribution built by `mvn install`:
#   1. as the vendor: make signing keys and a signed TUF repository with bin/updraft-publish, package release 1.0.0
#      of the demo component "hello" (a program, a service and a self-test), publish it and serve the repository on
#      127.0.0.1:8700;
#   2. as the device: trust that repository's first root, declare the component (etc/io.updraft.component-hello.cfg:
#      its service and health checks), start Updraft; the device checks, downloads, verifies and installs 1.0.0;
#   3. the vendor publishes 1.1.0: the device checks, downloads, verifies, installs it into the other slot, switches,
#      restarts the service, runs the health checks and commits;
#   4. the vendor publishes a broken 1.2.0 (its service dies, its self-test fails): the device installs it, the health
#      checks fail, and it rolls back to 1.1.0 by itself; the history says why.
# Everything lives in karaf-assembly/target/demo and starts afresh on each run; keys are made there (mode 0600) and
# never leave it. The runtime and the repository server keep running at the end; the script says how to stop them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tarball=$(ls "$here"/target/updraft-*.tar.gz | head -n1)
demo="$here/target/demo"
port=8700
api=http://127.0.0.1:8181/updraft/api/v1

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
note() { printf '\n\033[1;34m# %s\033[0m\n' "$*"; }

stop_previous() {
    local old
    for old in "$demo"/updraft-*; do
        [ -d "$old" ] || continue
        if [ -f "$old/karaf.pid" ] && kill -0 "$(cat "$old/karaf.pid")" 2>/dev/null; then
            local pid
            pid=$(cat "$old/karaf.pid")
            "$old/bin/stop" >/dev/null 2>&1 || true
            for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        fi
        # Supervised services outlive the runtime by design; the demo ends its own.
        for rec in "$old"/data/updraft/run/*/*.json; do
            [ -f "$rec" ] || continue
            pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$rec")
            [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
        done
    done
    if [ -f "$demo/repo.pid" ]; then kill "$(cat "$demo/repo.pid")" 2>/dev/null || true; fi
}
stop_previous
rm -rf "$demo"
mkdir -p "$demo"
tar -xzf "$tarball" -C "$demo"
home=$(echo "$demo"/updraft-*)
publish="$home/bin/updraft-publish"
repo="$demo/repo"
keys="$demo/keys"

# A release of "hello": bin/hello prints its version, bin/hello-server is its service; a broken release's service
# exits at once and its self-test fails.
make_release() {
    local version=$1 broken=$2
    local dir="$demo/hello-$version"
    mkdir -p "$dir/bin"
    if [ "$broken" = yes ]; then
        printf '#!/bin/sh\nif [ "$1" = --selftest ]; then echo "self-test: map file missing"; exit 3; fi\necho "hello from %s"\n' "$version" > "$dir/bin/hello"
        printf '#!/bin/sh\necho "cannot start: bad configuration" >&2\nexit 1\n' > "$dir/bin/hello-server"
    else
        printf '#!/bin/sh\nif [ "$1" = --selftest ]; then exit 0; fi\necho "hello from %s"\n' "$version" > "$dir/bin/hello"
        printf '#!/bin/sh\necho "hello-server %s started"\nexec sleep 100000\n' "$version" > "$dir/bin/hello-server"
    fi
    chmod 755 "$dir/bin/hello" "$dir/bin/hello-server"
    say updraft-publish package --component hello --version "$version" --from "hello-$version" --key keys/targets/....key --out "hello-$version.updraft"
    "$publish" package --component hello --version "$version" --from "$dir" --key "$(ls "$keys"/targets/*.key | head -n1)" \
        --out "$demo/hello-$version.updraft"
    say updraft-publish add --repo repo --keys keys "hello-$version.updraft"
    "$publish" add --repo "$repo" --keys "$keys" "$demo/hello-$version.updraft"
}

client() { echo "$1" | "$home/bin/client" -b -r 30; }
token() { cat "$home/etc/updraft-api.token"; }
newest_outcome() {
    curl -s -H "Authorization: Bearer $(token)" "$api/history?limit=1" | tr -d '\n' \
        | sed -n "s/.*\"changes\":\[[^]]*\"to\":\"$1\"[^]]*\].*\"outcome\":\"\([A-Z_]*\)\".*/\1/p"
}
await_outcome() {
    local version=$1
    for _ in $(seq 1 600); do
        outcome=$(newest_outcome "$version")
        case "$outcome" in SUCCEEDED|ROLLED_BACK|FAILED) echo "$outcome"; return 0 ;; esac
        sleep 0.2
    done
    echo "no result for $version within 120 s; see $home/data/log/karaf.log" >&2
    return 1
}
check() {
    say 'echo "ota:check" | bin/client -b'
    local out
    for _ in $(seq 1 60); do
        # The update source's configuration is read from etc/ while the REST API already answers.
        if out=$(client "ota:check" 2>&1) && ! grep -q no_source <<<"$out"; then break; fi
        sleep 0.5
    done
    echo "$out"
}

# --- Vendor side -------------------------------------------------------------------------------------
note "The vendor: keys, a signed repository, release 1.0.0"
say updraft-publish init --repo repo --keys keys --consistent-snapshot true
"$publish" init --repo "$repo" --keys "$keys" --consistent-snapshot true
make_release 1.0.0 no
say updraft-publish serve --repo repo --port $port '&'
nohup "$publish" serve --repo "$repo" --port $port > "$demo/repo.log" 2>&1 &
echo $! > "$demo/repo.pid"
for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/metadata/timestamp.json" && break
    sleep 0.1
done

# --- Device side -------------------------------------------------------------------------------------
note "The device: trusts the repository's first root, declares the component, starts"
mkdir -p "$home/etc/updraft-trust" "$demo/opt"
cp "$repo/metadata/1.root.json" "$home/etc/updraft-trust/production-root.json"
sed -i 's/^offerNewComponents *=.*/offerNewComponents = true/' "$home/etc/io.updraft.checker.cfg"
# Install as soon as a release is verified (the default waits for the 03:00 maintenance window).
sed -i -e 's/^install *=.*/install = now/' -e 's/^productPolicies *=.*/productPolicies =/' "$home/etc/io.updraft.scheduler.cfg"
cat > "$home/etc/io.updraft.component-hello.cfg" <<EOF
# The demo component: its files are reached through $demo/opt/hello, a link to the active slot.
name = hello
link = $demo/opt/hello
trialDeadline = 20s
services = server
service.server.command = bin/hello-server
service.server.stopTimeout = 5s
healthChecks = alive, selftest
check.alive.type = process
check.alive.target = server
check.alive.interval = 500ms
check.alive.successes = 3
check.alive.failures = 1
check.selftest.type = command
check.selftest.target = bin/hello --selftest
check.selftest.interval = 500ms
check.selftest.failures = 2
EOF
say cat etc/io.updraft.component-hello.cfg
cat "$home/etc/io.updraft.component-hello.cfg"
"$home/bin/start"
echo "Waiting for Updraft at $home ..."
for _ in $(seq 1 600); do
    if [ -f "$home/etc/updraft-api.token" ] && curl -sf -o /dev/null -H "Authorization: Bearer $(token)" "$api/status"; then
        break
    fi
    sleep 0.2
done

check
echo "Installing 1.0.0 ..."
echo "1.0.0: $(await_outcome 1.0.0)"
say "$demo/opt/hello/bin/hello"
"$demo/opt/hello/bin/hello"

note "The vendor publishes 1.1.0; the device updates: check, download, verify, install, health checks, commit"
make_release 1.1.0 no
check
echo "Installing 1.1.0 ..."
echo "1.1.0: $(await_outcome 1.1.0)"
say "$demo/opt/hello/bin/hello"
"$demo/opt/hello/bin/hello"
say 'echo "ota:status" | bin/client -b'
client "ota:status"

note "The vendor publishes a broken 1.2.0: the health checks fail and the device rolls back by itself"
make_release 1.2.0 yes
check
echo "Installing 1.2.0 ..."
echo "1.2.0: $(await_outcome 1.2.0)"
say "$demo/opt/hello/bin/hello"
"$demo/opt/hello/bin/hello"
say 'echo "ota:history" | bin/client -b'
client "ota:history"
say 'curl -H "Authorization: Bearer $(cat etc/updraft-api.token)" '"$api/status"
curl -s -H "Authorization: Bearer $(token)" "$api/status"
echo

echo
echo "Updraft runs in $home (shell: $home/bin/client, stop: $home/bin/stop; the hello service keeps running"
echo "until it is stopped: kill its process group, see $home/data/updraft/run/hello/server.json);"
echo "the signed repository $repo is served at http://127.0.0.1:$port/ (stop: kill \$(cat $demo/repo.pid))."
echo "Running this script again stops both and starts over."
