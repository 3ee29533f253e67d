#!/usr/bin/env bash
# The release journey on one machine, with the distribution built by `mvn install`:
#   1. as the vendor: make signing keys and a signed TUF repository with bin/updraft-publish, package a
#      release of the demo component "hello", publish it, and serve the repository on 127.0.0.1:8700;
#   2. as the device: trust that repository's first root, start Updraft, check for updates through the shell
#      (ota:check); the scheduler downloads the release (resumable, hash-checked),
#      verifies its package signature and holds it for the maintenance window; "ota:install --now" makes the
#      install due at once; progress (REST) and the device's status (shell) are shown.
# Everything lives in karaf-assembly/target/demo; keys are made fresh there (mode 0600) and never leave it.
# The runtime and the repository server keep running; stop them with $K/bin/stop and kill $(cat repo.pid).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tarball=$(ls "$here"/target/updraft-*.tar.gz | head -n1)
demo="$here/target/demo"
port=8700

if [ ! -d "$demo" ]; then
    mkdir -p "$demo"
    tar -xzf "$tarball" -C "$demo"
fi
home=$(echo "$demo"/updraft-*)
publish="$home/bin/updraft-publish"
repo="$demo/repo"
keys="$demo/keys"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

# --- Vendor side -------------------------------------------------------------------------------------
if [ ! -d "$repo" ]; then
    say updraft-publish init --repo repo --keys keys --consistent-snapshot true
    "$publish" init --repo "$repo" --keys "$keys" --consistent-snapshot true
fi
n=$(find "$demo" -maxdepth 1 -name 'hello-*.updraft' | wc -l)
version="1.$n.0"
mkdir -p "$demo/hello/bin"
printf '#!/bin/sh\necho "hello from %s"\n' "$version" > "$demo/hello/bin/hello"
chmod 755 "$demo/hello/bin/hello"
targets_key=$(ls "$keys"/targets/*.key | head -n1)
say updraft-publish package --component hello --version "$version" --from hello --key keys/targets/....key --out "hello-$version.updraft"
"$publish" package --component hello --version "$version" --from "$demo/hello" --key "$targets_key" \
    --out "$demo/hello-$version.updraft"
say updraft-publish add --repo repo --keys keys "hello-$version.updraft"
"$publish" add --repo "$repo" --keys "$keys" "$demo/hello-$version.updraft"

if ! curl -sf -o /dev/null "http://127.0.0.1:$port/metadata/timestamp.json"; then
    say updraft-publish serve --repo repo --port $port '&'
    nohup "$publish" serve --repo "$repo" --port $port > "$demo/repo.log" 2>&1 &
    echo $! > "$demo/repo.pid"
    for _ in $(seq 1 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/metadata/timestamp.json" && break
        sleep 0.1
    done
fi

# --- Device side -------------------------------------------------------------------------------------
# The device ships with the repository's first root; later roots arrive only through the signed chain.
mkdir -p "$home/etc/updraft-trust"
cp "$repo/metadata/1.root.json" "$home/etc/updraft-trust/production-root.json"
# The demo device has no components installed yet: let it be offered new ones.
sed -i 's/^offerNewComponents *=.*/offerNewComponents = true/' "$home/etc/io.updraft.checker.cfg"

if ! "$home/bin/status" >/dev/null 2>&1; then
    "$home/bin/start"
fi
echo "Waiting for Updraft at $home ..."
for _ in $(seq 1 600); do
    if [ -f "$home/etc/updraft-api.token" ] && curl -sf -o /dev/null \
        -H "Authorization: Bearer $(cat "$home/etc/updraft-api.token")" http://127.0.0.1:8181/updraft/api/v1/status; then
        break
    fi
    sleep 0.2
done

say 'echo "ota:check" | bin/client -b'
for _ in $(seq 1 60); do
    # The update source's configuration is read from etc/ while the rest already answers.
    if out=$(echo "ota:check" | "$home/bin/client" -b -r 30 2>&1) || ! grep -q no_source <<<"$out"; then
        break
    fi
    sleep 0.5
done
echo "$out"
token=$(cat "$home/etc/updraft-api.token")
echo "Waiting for the download and the verification ..."
for _ in $(seq 1 300); do
    stage=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:8181/updraft/api/v1/progress \
        | sed -n 's/.*"stage":"\([A-Z_]*\)".*/\1/p')
    case "$stage" in WAITING_TO_INSTALL|INSTALL_DUE|FAILED|DENIED|"") break ;; esac
    sleep 0.2
done
say 'echo "ota:progress" | bin/client -b'
echo "ota:progress" | "$home/bin/client" -b -r 30
say 'echo "ota:install --now" | bin/client -b'
echo "ota:install --now" | "$home/bin/client" -b -r 30 || true
sleep 1
say 'curl -H "Authorization: Bearer $(cat etc/updraft-api.token)" http://127.0.0.1:8181/updraft/api/v1/progress'
curl -s -H "Authorization: Bearer $token" http://127.0.0.1:8181/updraft/api/v1/progress
echo
say 'echo "ota:status" | bin/client -b'
echo "ota:status" | "$home/bin/client" -b -r 30

echo
echo "Updraft runs in $home (shell: $home/bin/client, stop: $home/bin/stop);"
echo "the signed repository $repo is served at http://127.0.0.1:$port/ (stop: kill \$(cat $demo/repo.pid))."
echo "The release is downloaded, verified and due for install; the device holds it until it is installed."
echo "To start over: stop both, then delete $demo."
