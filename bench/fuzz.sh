#!/bin/sh
# Fuzzes KeyLedger's fuzz targets with Jazzer, one target at a time for a fixed budget each, and prints per
# target the executions, the coverage reached and the findings (bench/README.md, "Fuzzing").
#
#   bench/fuzz.sh                                  every target, 60 s each
#   FUZZ_SECONDS=300 bench/fuzz.sh DecoderFuzzTest#awsCloudTrail AdminApiFuzzTest#request
#   MVN_FLAGS=-o bench/fuzz.sh                     build offline
#
# A finding is saved by Jazzer under tests/src/test/resources/io/keyledger/tests/fuzz/<Class>Inputs/<target>/,
# where `mvn verify` replays it from then on; the full log of each target is in tests/target/fuzz-logs/.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
ALL_TARGETS="DecoderFuzzTest#awsCloudTrail DecoderFuzzTest#awsEventBridge DecoderFuzzTest#awsSqsMessage
DecoderFuzzTest#awsS3Notification DecoderFuzzTest#azureAuditEvent DecoderFuzzTest#azureEventGrid
DecoderFuzzTest#azureActivityLog DecoderFuzzTest#gcpAuditLog DecoderFuzzTest#gcpEventarc
DecoderFuzzTest#gcpPubSubPush DecoderFuzzTest#keyLedgerEvent RecordReadingFuzzTest#jsonRecords
RecordReadingFuzzTest#jsonRecordsGzip RecordReadingFuzzTest#decodeInput SnapshotFuzzTest#awsListings
SnapshotFuzzTest#azureListings SnapshotFuzzTest#gcloudListings AdminApiFuzzTest#request"
if [ $# -gt 0 ]; then TARGETS="$*"; else TARGETS=$ALL_TARGETS; fi

# shellcheck disable=SC2086
mvn ${MVN_FLAGS:-} -B -ntp -q -pl tests -am -DskipTests test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
CLASSPATH="$ROOT/tests/target/test-classes:$(cat "$ROOT/tests/target/fuzz-classpath.txt")"
LOGS="$ROOT/tests/target/fuzz-logs"
INPUTS="$ROOT/tests/src/test/resources/io/keyledger/tests/fuzz"
mkdir -p "$LOGS"

printf '%-40s %8s %12s %8s %8s %9s  %s\n' target seconds executions exec/s coverage findings result
found=0
for target in $TARGETS; do
    class=${target%%#*}
    method=${target#*#}
    # Jazzer keeps what it finds in the target's inputs folder if there is one, else in the working directory.
    mkdir -p "$INPUTS/${class}Inputs/$method"
    before=$(ls "$INPUTS/${class}Inputs/$method" | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true)
    log="$LOGS/$target.log"
    # -timeout: an input that takes longer is a finding; -rss_limit_mb is Jazzer's (off): -Xmx bounds memory, and
    # each target bounds what one input may allocate. RegexRoadblocks (guidance through regular expressions)
    # allocates for every character a regular expression reads, which the input's budget would count as KeyLedger's:
    # a 64 KiB S3 object key came to 80 MB with it, and within its budget (16 MiB) without.
    status=0
    (cd "$ROOT/tests" && JAZZER_FUZZ=1 java -Xmx1g \
        -Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexRoadblocks \
        -Djazzer.max_duration="${SECONDS_PER_TARGET}s" \
        -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_len=16384 \
        -Djazzer.internal.arg.2=-timeout=30 -Djazzer.internal.arg.3=-len_control=0 \
        -cp "$CLASSPATH" io.keyledger.tests.fuzz.FuzzRun "$target") > "$log" 2>&1 || status=$?
    after=$(ls "$INPUTS/${class}Inputs/$method" | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true)
    rmdir "$INPUTS/${class}Inputs/$method" "$INPUTS/${class}Inputs" 2>/dev/null || true
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)
    runs=$(echo "$done_line" | awk '{print $2}')
    secs=$(echo "$done_line" | awk '{print $5}')
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    findings=$((after - before))
    if [ "$status" -eq 0 ]; then result=ok; else result="FINDING (see $log)"; found=1; fi
    if [ -z "$runs" ]; then runs=0; secs=0; fi
    rate=0
    if [ "$secs" -gt 0 ]; then rate=$((runs / secs)); fi
    printf '%-40s %8s %12s %8s %8s %9s  %s\n' "$target" "$secs" "$runs" "$rate" "${cov:-0}" "$findings" "$result"
done
exit $found
