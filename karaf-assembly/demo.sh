#!/usr/bin/env bash
# Starts the Updraft distribution built by `mvn install` in karaf-assembly/target/demo and shows the device's
# status through the shell (bin/client) and the REST API. The runtime keeps running; stop it with
# karaf-assembly/target/demo/updraft-*/bin/stop.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tarball=$(ls "$here"/target/updraft-*.tar.gz | head -n1)
demo="$here/target/demo"

if [ ! -d "$demo" ]; then
    mkdir -p "$demo"
    tar -xzf "$tarball" -C "$demo"
fi
home=$(echo "$demo"/updraft-*)
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

echo
echo '$ echo "ota:status" | bin/client -b'
echo "ota:status" | "$home/bin/client" -b -r 30
echo
echo '$ curl -H "Authorization: Bearer $(cat etc/updraft-api.token)" http://127.0.0.1:8181/updraft/api/v1/status'
curl -sf -H "Authorization: Bearer $(cat "$home/etc/updraft-api.token")" http://127.0.0.1:8181/updraft/api/v1/status
echo
echo
echo "Updraft runs in $home (shell: $home/bin/client, stop: $home/bin/stop)."
