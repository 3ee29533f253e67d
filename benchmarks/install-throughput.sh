#!/usr/bin/env bash
# Install, switch and rollback times of file-tree components (issue 5), all on the file system of one temp folder.
# 1. Install: a random application-like tree (default 1 GiB in 2,000 files of 4 KiB..64 MiB, skewed to small files,
#    8 directories, bin/ and lib/native/ plus ~5% of the rest with mode 0755) staged by the real `archive` installer
#    (ArchiveInstaller.stage into an empty slot, then ArchiveInstaller.verify, as the install flow runs them) from a
#    tree payload (the files in a folder with their list of lengths, SHA-256 and modes, as the verifier hands it over)
#    against `cp -a SRC DST && sync` and against a copy made as durable as the installer makes it,
#    `cp -a SRC DST && find DST -exec sync {} +` (every file and directory fsynced); and, unless TAR=0 or zstd
#    is missing, the same tree as one .tar.zst payload against `tar -I zstd -xf PKG -C DST && sync`. The page cache is dropped before every measurement when that
#    works (root), so every side reads its source from the device; runs alternate the order. The verify is timed as
#    the install flow runs it (right after staging) and again after the page cache was dropped.
# 2. Switch: the installer's own SlotPointer.point (current.tmp symlink renamed over current, folder fsynced),
#    SWITCHES times, alternating slots. Goal < 50 ms.
# 3. Rollback without service restart: switch back to the old slot, its slots/a.json read, the old slot verified
#    byte for byte by ArchiveInstaller.verify, for a ROLLBACK_MIB tree of ROLLBACK_FILES files. Goal < 1 s.
# The Java side runs with -Xmx256m (the distribution's heap cap); JVM start-up is not timed (the agent is
# long-running). Jars built in this checkout (bundles/<bsn>/target) are preferred to the class path's copies from
# ~/.m2; UPDRAFT_ARCHIVE_JAR / UPDRAFT_INSTALLER_JAR name others. UPDRAFT_JAVA_OPTS adds JVM options.
# Settings (environment): FILES=2000 MIN_KIB=4 MAX_MIB=64 SEED=1 TAR=1 SWITCHES=1000 ROLLBACK_MIB=200
# ROLLBACK_FILES=2000 ROLLBACK_RUNS=5; TMPDIR picks the file system measured (default /var/tmp).
# Usage: benchmarks/install-throughput.sh [SIZE_MIB] [RUNS]   (run `mvn -o -q -f benchmarks/jmh/pom.xml package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-3}
files=${FILES:-2000}
min_kib=${MIN_KIB:-4}
max_mib=${MAX_MIB:-64}
seed=${SEED:-1}
switches=${SWITCHES:-1000}
rb_mib=${ROLLBACK_MIB:-200}
rb_files=${ROLLBACK_FILES:-2000}
rb_runs=${ROLLBACK_RUNS:-5}
with_tar=${TAR:-1}
if [ "$with_tar" = 1 ] && ! command -v zstd > /dev/null; then echo "zstd not found: tar.zst part skipped" >&2; with_tar=0; fi
cp_file=benchmarks/jmh/target/classpath.txt
jar=benchmarks/jmh/target/updraft-benchmarks-jmh-0.1.0-SNAPSHOT.jar
[ -f "$cp_file" ] || mvn -o -q -B -f benchmarks/jmh/pom.xml package

pick_jar() { # $1 bundle name, $2 override from the environment
    local local_jar=bundles/$1/target/$1-0.1.0-SNAPSHOT.jar
    if [ -n "$2" ]; then
        [ -f "$2" ] || { echo "no such jar: $2" >&2; exit 2; }
        echo "$2"
    elif [ -f "$local_jar" ]; then
        echo "$local_jar"
    fi
}
archive_jar=$(pick_jar io.updraft.installer.archive "${UPDRAFT_ARCHIVE_JAR:-}")
installer_jar=$(pick_jar io.updraft.installer "${UPDRAFT_INSTALLER_JAR:-}")

work=$(mktemp -d -p "${TMPDIR:-/var/tmp}" updraft-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A private copy of the class path: a build installing a bundle meanwhile must not swap a jar under a running JVM.
mkdir -p "$work/lib"
java_cp=
i=0
while read -r f; do
    case "$(basename "$f")" in
        io.updraft.installer.archive-*.jar) f=${archive_jar:-$f} ;;
        io.updraft.installer-*.jar) f=${installer_jar:-$f} ;;
    esac
    i=$((i + 1)); cp "$f" "$work/lib/$i-$(basename "$f")"; java_cp+="$work/lib/$i-$(basename "$f"):"
done < <(tr ':' '\n' <<< "$jar:$(cat "$cp_file")")
# shellcheck disable=SC2086 # UPDRAFT_JAVA_OPTS: extra JVM options, split on spaces.
jv() { java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${UPDRAFT_JAVA_OPTS:-} -cp "$java_cp" "$@"; }

echo "== machine"
echo "cores: $(nproc); $(uname -sr); $(java -version 2>&1 | head -n 1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work dir: $work"
df -T "$work"
from_m2="the copy in ~/.m2 (class path)"
echo "archive installer jar: ${archive_jar:-$from_m2}; installer jar: ${installer_jar:-$from_m2}"
drop=0
if sync && { echo 3 > /proc/sys/vm/drop_caches; } 2> /dev/null; then drop=1; fi
echo "dropping the page cache (echo 3 > /proc/sys/vm/drop_caches): $([ $drop = 1 ] && echo works || echo 'not possible here; runs are warm-cache')"
fresh() { # removes the previous outputs, syncs, drops the page cache
    rm -rf "$work/dst" "$work/comp"
    sync
    if [ $drop = 1 ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}
now() { date +%s.%N; }

echo "== tree"
jv io.updraft.benchmarks.installer.InstallTree make "$work/src" "$work/manifest.tsv" "$((size * 1024 * 1024))" \
    "$files" "$((min_kib * 1024))" "$((max_mib * 1024 * 1024))" "$seed"
if [ "$with_tar" = 1 ]; then
    mkdir -p "$work/pkg"
    tar -C "$work/src" -cf - . | zstd -q -1 -T0 -o "$work/pkg/app.tar.zst"
    pkg_sha=$(sha256sum "$work/pkg/app.tar.zst" | cut -d' ' -f1)
    echo "tar.zst payload: $(stat -c %s "$work/pkg/app.tar.zst") bytes (zstd -1; random bytes do not compress)"
fi
sync

c=(); f=(); us=(); uv=(); uc=(); ut=(); xt=(); zs=(); zv=(); zc=(); zt=()
cp_run() {
    fresh; local s; s=$(now); cp -a "$work/src" "$work/dst" && sync; c+=("$(echo "$(now) - $s" | bc -l)")
}
cp_fsync_run() {
    fresh; local s; s=$(now); cp -a "$work/src" "$work/dst" && find "$work/dst" -exec sync {} +
    f+=("$(echo "$(now) - $s" | bc -l)")
}
tar_run() {
    fresh; local s; s=$(now); mkdir "$work/dst" && tar -I zstd -xf "$work/pkg/app.tar.zst" -C "$work/dst" && sync
    xt+=("$(echo "$(now) - $s" | bc -l)")
}
updraft_run() {
    fresh; local st ve co n
    read -r st ve co n < <(jv io.updraft.benchmarks.installer.InstallTree tree "$work/src" "$work/manifest.tsv" "$work/comp" $drop)
    us+=("$st"); uv+=("$ve"); uc+=("$co"); ut+=("$(echo "$st + $ve" | bc -l)")
}
updraft_tar_run() {
    fresh; local st ve co n
    read -r st ve co n < <(jv io.updraft.benchmarks.installer.InstallTree archive "$work/pkg/app.tar.zst" "$pkg_sha" \
        "$work/manifest.tsv" "$work/comp" $drop)
    zs+=("$st"); zv+=("$ve"); zc+=("$co"); zt+=("$(echo "$st + $ve" | bc -l)")
}
echo "== install runs (alternating order)"
for r in $(seq "$runs"); do
    if [ $((r % 2)) = 1 ]; then
        cp_run; updraft_run; cp_fsync_run
        if [ "$with_tar" = 1 ]; then tar_run; updraft_tar_run; fi
    else
        cp_fsync_run; cp_run; updraft_run
        if [ "$with_tar" = 1 ]; then updraft_tar_run; tar_run; fi
    fi
    echo "run $r: cp -a+sync ${c[-1]} s; cp -a+fsync each ${f[-1]} s; updraft tree stage ${us[-1]} + verify ${uv[-1]} s (cold verify ${uc[-1]} s)"
    if [ "$with_tar" = 1 ]; then
        echo "run $r: tar -I zstd -xf+sync ${xt[-1]} s; updraft tar.zst stage ${zs[-1]} + verify ${zv[-1]} s (cold verify ${zc[-1]} s)"
    fi
done
fresh

echo "== switch"
jv io.updraft.benchmarks.installer.SwitchTime "$work/comp" "$switches" | tee "$work/switch.txt"
rm -rf "$work/comp"

echo "== rollback"
jv io.updraft.benchmarks.installer.InstallTree make "$work/rb-src" "$work/rb-manifest.tsv" \
    "$((rb_mib * 1024 * 1024))" "$rb_files" "$((min_kib * 1024))" "$((max_mib * 1024 * 1024))" "$seed"
sync
jv io.updraft.benchmarks.installer.RollbackTime "$work/rb-src" "$work/rb-manifest.tsv" "$work/comp" "$rb_runs" $drop \
    | tee "$work/rollback.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { tr ' ' '\n' | { grep -v '^-$' || true; } | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
row() { # $1 label, $2 runs
    local m; m=$(median <<< "$2")
    if [ "$m" = - ]; then printf '| %s | - | - | - |\n' "$1"; return; fi
    printf '| %s | %.2f | %.0f | %s |\n' "$1" "$m" "$(echo "$size / $m" | bc -l)" "$2"
}
echo "== results (medians of $runs runs; $size MiB in $files files; page cache dropped before each: $([ $drop = 1 ] && echo yes || echo no))"
echo "| what | median s | MiB/s | runs (s) |"
echo "|---|---|---|---|"
row 'cp -a SRC DST && sync' "${c[*]}"
row 'cp -a SRC DST && find DST -exec sync {} + (fsync per entry)' "${f[*]}"
row 'updraft tree payload: stage + verify' "${ut[*]}"
row 'updraft tree payload: stage alone' "${us[*]}"
row 'updraft tree payload: verify after stage (read-back)' "${uv[*]}"
row 'updraft tree payload: verify, page cache dropped' "${uc[*]}"
if [ "$with_tar" = 1 ]; then
    row 'tar -I zstd -xf PKG -C DST && sync' "${xt[*]}"
    row 'updraft tar.zst payload: stage + verify' "${zt[*]}"
    row 'updraft tar.zst payload: stage alone' "${zs[*]}"
    row 'updraft tar.zst payload: verify after stage' "${zv[*]}"
    row 'updraft tar.zst payload: verify, page cache dropped' "${zc[*]}"
fi
cm=$(median <<< "${c[*]}"); utm=$(median <<< "${ut[*]}"); usm=$(median <<< "${us[*]}")
fm=$(median <<< "${f[*]}")
printf 'time ratio updraft/cp: stage + verify %.2fx, stage alone %.2fx\n' "$(echo "$utm / $cm" | bc -l)" "$(echo "$usm / $cm" | bc -l)"
printf 'time ratio updraft/(cp, fsync per entry): stage + verify %.2fx, stage alone %.2fx\n' "$(echo "$utm / $fm" | bc -l)" "$(echo "$usm / $fm" | bc -l)"
if [ "$with_tar" = 1 ]; then
    tm=$(median <<< "${xt[*]}"); ztm=$(median <<< "${zt[*]}"); zsm=$(median <<< "${zs[*]}")
    printf 'time ratio updraft/tar: stage + verify %.2fx, stage alone %.2fx\n' "$(echo "$ztm / $tm" | bc -l)" "$(echo "$zsm / $tm" | bc -l)"
fi
read -r n med p90 p99 max mean < <(tail -n 1 "$work/switch.txt")
printf 'switch (%s iterations): median %s ms, p90 %s ms, p99 %s ms, max %s ms, mean %s ms (goal < 50 ms)\n' "$n" "$med" "$p90" "$p99" "$max" "$mean"
grep '^median' "$work/rollback.txt" | while read -r _ kind sw js ve tot; do
    printf 'rollback %s (%s MiB, %s files): total %s ms = switch %s + slots/a.json %s + verify %s (goal < 1000 ms)\n' \
        "$kind" "$rb_mib" "$rb_files" "$tot" "$sw" "$js" "$ve"
done
