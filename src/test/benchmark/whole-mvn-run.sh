#!/bin/sh
# Measures whole `mvn dlf:export` runs, JVM and Maven start included, against the DLF emulator in a process of its
# own: a workspace of 10,000 jobs, 20 ms per request, job list pages of at most 100. Prints the wall time of each run
# and their median. Run from the project root after `mvn install -DskipTests` (the runs use the installed plugin):
#
#   sh src/test/benchmark/whole-mvn-run.sh [runs] [jobs] [latency-ms]
set -eu

runs=${1:-5}
jobs=${2:-10000}
latency=${3:-20}
work=target/benchmark-whole-run
# The project's own version: the first <version> of the pom, which has no parent.
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
mkdir -p "$work"
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"

export HUAWEICLOUD_SDK_AK=BENCHMARKAK000000001
export HUAWEICLOUD_SDK_SK=benchmarkSecretKey00000000000000000000000
rm -f "$work/endpoint"
java -cp "target/test-classes:target/classes:$(cat "$work/classpath")" \
    io.github.dlfmaven.benchmark.WorkspaceEmulator "$work" "$jobs" "$latency" &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT INT TERM
while [ ! -s "$work/endpoint" ]; do
    kill -0 $emulator
    sleep 0.2
done
endpoint=$(cat "$work/endpoint")

mkdir -p "$work/project"
times=""
i=0
while [ $i -lt "$runs" ]; do
    i=$((i + 1))
    start=$(date +%s%N)
    # Not offline (-o): an offline export talks to no emulator but one started in the same build.
    (cd "$work/project" && mvn -q -B "io.github.dlfmaven:dlf-maven-plugin:$version:export" \
        -Ddlf.endpoint="$endpoint" -Ddlf.projectId=bench -Ddlf.jobs='*')
    end=$(date +%s%N)
    t=$(( (end - start) / 1000000 ))
    echo "[benchmark] whole mvn run $i of $runs: $t ms ($jobs jobs, $latency ms per request)"
    times="$times $t"
done
median=$(echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "[benchmark] whole mvn run, median of $runs: $median ms"
