#!/usr/bin/env bash
# The lab's main job: build target/benchmarks.jar if needed, run a benchmark profile into a run
# folder (reports/<yyyyMMdd-HHmmss>/), then build the HTML report when the jar has `report`.
#
#   ./run-benchmarks.sh                       # standard profile (< 20 min on 2 cores)
#   ./run-benchmarks.sh --profile quick       # a few minutes (CI)
#   ./run-benchmarks.sh hash --workers 4      # any lab command, run with the JDK 21+ found here
#
# The script only validates flags; the Java `bench` command does the real work. It finds a
# JDK 21+ by itself, so it works with java 17 as the default `java` on the PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/target/benchmarks.jar"

usage() {
  cat <<'EOF'
Usage: ./run-benchmarks.sh [options]
       ./run-benchmarks.sh hash|generate|report|check|cluster [ARGS...]

Runs the JMH benchmark suite (serial vs the pool vs peers vs Python's Pool) and writes a run
folder: jmh.json, metadata.json, histograms/*.hlog, python.json, then the HTML report.

Options:
  --profile NAME     quick | standard | full (default: standard)
                       quick:    a few minutes on 2 cores (CI), a 100,000-word slice
                       standard: under 20 minutes on 2 cores
                       full:     every combination (for a big machine)
  --workers LIST     worker counts, distinct comma-separated positive integers (e.g. 1,2,4)
  --chunksizes LIST  chunksizes, distinct comma-separated positive integers or 'default' (e.g. 1,100,default)
  --dataset PATH     the word list (.txt, or .zip holding one text file);
                       default: datasets/1m_words.txt(.zip), else a generated stand-in
  --include REGEX    run only plan entries whose 'Class.method key=value...' label matches
  --rounds N         interleaved rounds (default: the profile's: quick 5, standard 3, full 5)
  --seed N           the seed of the rounds' order (default: a fresh one, recorded in rounds.json)
  --no-python        skip the Python multiprocessing.Pool reference
  --out DIR          the run folder, a new or empty one (default: reports/<yyyyMMdd-HHmmss> in
                       this checkout); the lab overwrites no file it did not create
  --check            run the regression check on the run afterwards (when the jar has `check`);
                       it confirms what looks regressed with fresh rounds before it fails
  --ignore-jmh-lock  run even while another JMH run on this machine holds JMH's lock
                       (by default the run waits for it, up to --lock-wait-minutes in all)
  --lock-wait-minutes N  how long to wait in all for other JMH runs to finish (default: 10)
  --dry-run          print the plan and its estimated length, then exit
  -h, --help         this help

Commands (run with the JDK 21+ this script finds):
  hash ARGS...       the guide's program: hash every word of a list
  generate ARGS...   write a stand-in word list
  report RUN_DIR     build the HTML report of a run folder
  check RUN_DIR      compare a run with the baseline (exit 0 pass, 1 regression, 2 bad input,
                       3 inconclusive: the machine stayed too disturbed to settle it)
  check --against REF  build commit REF's jar and compare this build with it, measured side by
                       side in interleaved rounds on this machine
  cluster start --members N | status | stop
                     worker processes on this machine (Hazelcast members on 127.0.0.1) for
                       pools with Backend.CLUSTER

Environment:
  JAVA_HOME          used when it is a JDK 21+; otherwise the newest JDK 21+ in /usr/lib/jvm
  POOLLAB_CLASSPATH  run the lab from this class path instead of building target/benchmarks.jar
  POOLLAB_JAVA_OPTS  extra options for the lab's JVM; -Dpoollab.pool.* ones reach the benchmark
                     forks too (-Dpoollab.pool.slowdownNanos=N slows the pool on purpose, to prove
                     that --check catches a regression; never set it otherwise)
EOF
}

die_usage() {  # a mistyped command line: the message, then the usage
  echo "run-benchmarks.sh: $1" >&2
  echo >&2
  usage >&2
  exit 2
}

die_data() {  # a problem with a file the user named: one line, no usage
  echo "run-benchmarks.sh: $1" >&2
  exit 2
}

repeated() {  # prints the first value a comma-separated list names twice, or nothing
  # (the same configuration twice would run twice, under one label; the regexes above forbid
  # leading zeros, so equal values are equal strings)
  local -A seen=()
  local items item
  IFS=',' read -r -a items <<< "$1"
  for item in "${items[@]}"; do
    if [[ -n "${seen[$item]:-}" ]]; then
      echo "$item"
      return
    fi
    seen[$item]=1
  done
}

java_major() {  # prints the major version of the java binary $1, or 0 when it does not run
  local line
  line="$("$1" -version 2>&1 | head -n 1 || true)"
  if [[ "$line" =~ version\ \"([0-9]+)(\.([0-9]+))? ]]; then
    if [[ "${BASH_REMATCH[1]}" == "1" ]]; then echo "${BASH_REMATCH[3]:-0}"; else echo "${BASH_REMATCH[1]}"; fi
  else
    echo 0
  fi
}

find_java() {  # sets JAVA to a java binary of version 21 or newer, or exits 1
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    JAVA="$JAVA_HOME/bin/java"
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if (( major >= 21 && major > best_major )); then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [[ -z "$best" ]]; then
    echo "run-benchmarks.sh: no JDK 21 or newer found: JAVA_HOME=${JAVA_HOME:-<unset>} is not one, and" \
      "/usr/lib/jvm holds none. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    exit 1
  fi
  JAVA="$best"
}

members_on_jar() {  # prints the pids of cluster member JVMs running from target/benchmarks.jar
  # 'cluster start' and pools on Backend.CLUSTER start members with the lab's class path: a member
  # is a process whose arguments name MemberMain and, in its class path, this jar (a relative entry
  # is the member's own working directory's). Without /proc nothing is found, as before.
  local file pid cwd arg entry found
  local pids=() entries=()
  for file in $(grep -las -F io.poollab.cluster.MemberMain /proc/[0-9]*/cmdline 2>/dev/null || true); do
    pid="${file#/proc/}"
    pid="${pid%/cmdline}"
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    found=0
    while IFS= read -r -d '' arg; do
      IFS=':' read -r -a entries <<< "$arg"
      for entry in "${entries[@]}"; do
        [[ "$entry" == /* ]] || entry="$cwd/$entry"
        if [[ "$entry" -ef "$JAR" ]]; then found=1; fi
      done
    done < "$file" 2>/dev/null || true  # the process may end while it is read
    if (( found )); then pids+=("$pid"); fi
  done
  echo "${pids[*]:-}"
}

ensure_jar() {  # builds target/benchmarks.jar when missing or older than src/ or pom.xml
  # $1 = refuse: a jar that cluster members run from and that is older than the sources stops the
  # command instead of running as it is (a benchmark run would measure code that is not src/'s)
  if [[ -n "${POOLLAB_CLASSPATH:-}" ]]; then
    return
  fi
  if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
    local members=""
    if [[ -f "$JAR" ]]; then members="$(members_on_jar)"; fi
    if [[ -n "$members" ]]; then
      # members load classes from the jar as they go: rewriting it under them breaks them
      if [[ "${1:-}" == refuse ]]; then
        die_data "target/benchmarks.jar is older than src/ or pom.xml, and cluster members run from it (pids $members), so it cannot be rebuilt under them; stop them first ('./run-benchmarks.sh cluster stop', or close the pool that started them)"
      fi
      echo "run-benchmarks.sh: target/benchmarks.jar is older than src/ or pom.xml, but cluster members run from it (pids $members): not rebuilding it under them, running it as it is; stop them ('./run-benchmarks.sh cluster stop') to rebuild" >&2
      return
    fi
    echo "Building target/benchmarks.jar (mvn -B -q -DskipTests package) ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package)
  fi
}

lab() {  # runs a lab command: lab bench --profile quick ...
  # the lab's defaults (datasets/, reports/, the Python script) live in this checkout, while paths
  # the user typed stay relative to the caller's working directory: the script never cds
  local flags=("-Dpoollab.home=$ROOT")
  # JMH uses sun.misc.Unsafe; JDK 23+ warns about it unless allowed
  if (( $(java_major "$JAVA") >= 23 )); then flags+=(--sun-misc-unsafe-memory-access=allow); fi
  # extra JVM options for the lab's own JVM, e.g. -Dpoollab.pool.slowdownNanos=3000, which the
  # bench command passes on to the benchmark forks
  if [[ -n "${POOLLAB_JAVA_OPTS:-}" ]]; then read -r -a extra <<< "$POOLLAB_JAVA_OPTS"; flags+=("${extra[@]}"); fi
  if [[ -n "${POOLLAB_CLASSPATH:-}" ]]; then
    "$JAVA" "${flags[@]}" -cp "$POOLLAB_CLASSPATH" io.poollab.cli.Main "$@"
  else
    "$JAVA" "${flags[@]}" -jar "$JAR" "$@"
  fi
}

has_command() {  # true when the lab's command list (from --help) names $1
  lab --help 2>/dev/null | grep -Eq "^[[:space:]]+$1([[:space:],]|$)"
}

main() {
  # --- passthrough: ./run-benchmarks.sh hash|generate|report|check ARGS... -------------------------
  case "${1:-}" in
    hash|generate|report|check|cluster)
      find_java
      # members of a running cluster run target/benchmarks.jar: never rebuild it under them
      # (status and stop do not build; the others build unless members run from it, see ensure_jar)
      if [[ "$1" != cluster || "${2:-}" == start || ! -f "$JAR" ]]; then ensure_jar; fi
      lab "$@"
      exit $?
      ;;
  esac

  # --- flags: validate here, the bench command does the rest ---------------------------------------
  PROFILE="standard"
  BENCH_ARGS=()
  OUT=""
  CHECK=0
  DRY_RUN=0

  need_value() {  # need_value FLAG "$#"
    if (( $2 < 2 )); then die_usage "$1 needs a value"; fi
  }

  while (( $# > 0 )); do
    case "$1" in
      -h|--help)
        usage
        exit 0
        ;;
      --profile)
        need_value "$1" "$#"
        case "$2" in
          quick|standard|full) PROFILE="$2" ;;
          *) die_usage "--profile '$2' is not one of: quick, standard, full" ;;
        esac
        shift 2
        ;;
      --workers)
        need_value "$1" "$#"
        [[ "$2" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] \
          || die_usage "--workers '$2' must be comma-separated positive integers, e.g. 1,2,4"
        twice="$(repeated "$2")"
        [[ -z "$twice" ]] || die_usage "--workers '$2' names $twice twice; give each count once, e.g. 1,2,4"
        BENCH_ARGS+=(--workers "$2")
        shift 2
        ;;
      --chunksizes)
        need_value "$1" "$#"
        [[ "$2" =~ ^([1-9][0-9]*|default)(,([1-9][0-9]*|default))*$ ]] \
          || die_usage "--chunksizes '$2' must be comma-separated positive integers or 'default', e.g. 1,100,default"
        twice="$(repeated "$2")"
        [[ -z "$twice" ]] || die_usage "--chunksizes '$2' names $twice twice; give each chunksize once, e.g. 1,100,default"
        BENCH_ARGS+=(--chunksizes "$2")
        shift 2
        ;;
      --dataset)
        need_value "$1" "$#"
        [[ -f "$2" ]] || die_data "--dataset '$2' is not a file (a .txt word list, or a .zip holding one)"
        BENCH_ARGS+=(--dataset "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
        shift 2
        ;;
      --include)
        need_value "$1" "$#"
        BENCH_ARGS+=(--include "$2")
        shift 2
        ;;
      --out)
        need_value "$1" "$#"
        # an empty OUT would quietly become the default folder below
        [[ -n "$2" ]] || die_usage "--out '' is empty; give the run folder, a new or empty one (e.g. reports/mine)"
        OUT="$2"
        shift 2
        ;;
      --rounds)
        need_value "$1" "$#"
        [[ "$2" =~ ^[1-9][0-9]*$ ]] || die_usage "--rounds '$2' must be a positive integer, e.g. 5"
        BENCH_ARGS+=(--rounds "$2")
        shift 2
        ;;
      --seed)
        need_value "$1" "$#"
        [[ "$2" =~ ^[0-9]+$ ]] || die_usage "--seed '$2' must be a non-negative integer"
        BENCH_ARGS+=(--seed "$2")
        shift 2
        ;;
      --no-python)
        BENCH_ARGS+=(--no-python)
        shift
        ;;
      --check)
        CHECK=1
        shift
        ;;
      --ignore-jmh-lock)
        BENCH_ARGS+=(--ignore-jmh-lock)
        shift
        ;;
      --lock-wait-minutes)
        need_value "$1" "$#"
        [[ "$2" =~ ^[0-9]+$ ]] || die_usage "--lock-wait-minutes '$2' must be a non-negative integer, e.g. 10"
        BENCH_ARGS+=(--lock-wait-minutes "$2")
        shift 2
        ;;
      --dry-run)
        DRY_RUN=1
        shift
        ;;
      hash|generate|report|check|cluster)
        die_usage "'$1' is a command: it comes first, as in ./run-benchmarks.sh $1 ARGS... (options before it belong to the benchmark run)"
        ;;
      -*)
        die_usage "unknown option '$1'"
        ;;
      *)
        die_usage "unknown command '$1'; the commands are hash, generate, report, check, cluster (see below)"
        ;;
    esac
  done

  find_java

  if (( DRY_RUN )); then
    ensure_jar
    # --out goes along so that the plan is refused for a folder the run would refuse (the bench
    # command checks it without creating it); without it, the run's default folder is new
    DRY_OUT=()
    if [[ -n "$OUT" ]]; then DRY_OUT=(--out "$OUT"); fi
    lab bench --profile "$PROFILE" "${DRY_OUT[@]}" "${BENCH_ARGS[@]}" --dry-run
    exit $?
  fi

  if [[ -z "$OUT" ]]; then
    OUT="$ROOT/reports/$(date +%Y%m%d-%H%M%S)"
  fi
  ensure_jar refuse

  # Ctrl-C: the bench command rewrites jmh.json after every benchmark, so what finished stays
  # readable; say where it is and stop (the report is not built for a partial run).
  on_interrupt() {
    trap - INT
    echo >&2
    echo "Interrupted. Finished results so far are in $OUT (jmh.json, metadata.json)." >&2
    exit 130
  }
  trap on_interrupt INT

  status=0
  lab bench --profile "$PROFILE" --out "$OUT" "${BENCH_ARGS[@]}" || status=$?
  if (( status == 2 )); then
    exit 2
  fi
  if (( status != 0 )); then
    echo "run-benchmarks.sh: the bench command finished with exit code $status (some benchmarks failed);" \
      "results that finished are in $OUT" >&2
  fi

  if has_command report; then
    lab report "$OUT" || { echo "run-benchmarks.sh: the report command failed for $OUT" >&2; status=1; }
  else
    echo "Report skipped: this build has no 'report' command (run folder: $OUT)."
  fi

  if (( CHECK )); then
    if has_command check; then
      check_status=0
      lab check "$OUT" || check_status=$?
      if (( check_status != 0 )); then status=$check_status; fi
    else
      echo "Check skipped: this build has no 'check' command."
    fi
  fi

  echo "Run folder: $OUT"
  exit "$status"
}

# Parsed in full before it runs, so editing this file during a run cannot change that run.
main "$@"
exit $?
