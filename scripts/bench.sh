#!/usr/bin/env bash
# bench.sh times whole runs of roll on synthetic repositories and prints a
# Markdown table (issue 6). It builds roll and rollgen, generates repositories
# of 1,000 and 10,000 heroes (and 100,000 with BENCH_LARGE=1), and runs, RUNS
# times each (default 5), with the median time and the largest peak memory:
#
#   roll check, cold         a new process on the freshly generated records
#   roll check, 1 changed    again after one hero's narrative changed
#   roll build, cold         into an empty output folder
#   roll build, 1 changed    again after one hero's narrative changed
#
# roll has no cache between runs yet, so "cold" means a new process on a
# warm page cache, not an empty one (dropping caches needs root). The build
# columns show "—" while roll has no build command. With BENCH_HISTORY=1 it
# also generates a 10,000-hero repository of 2,000 commits and times that and
# `git log --name-only` on it, the reference for the history pass.
#
# Environment: RUNS, BENCH_LARGE=1, BENCH_HISTORY=1, BENCH_DIR (where the
# repositories go; default a new temporary folder, removed at the end).
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${RUNS:-5}
sizes="1000 10000"
if [ "${BENCH_LARGE:-}" = 1 ]; then sizes="$sizes 100000"; fi
if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi

timer=/usr/bin/time
if ! [ -x "$timer" ]; then
	echo "bench.sh: $timer is missing (Debian: apt-get install time); peak memory is not measured" >&2
	timer=""
fi

go build -o "$work/bin/roll" ./cmd/roll
go build -o "$work/bin/rollgen" ./cmd/rollgen
roll=$work/bin/roll

has_build=0
case $("$roll" build --help 2>&1 || true) in
*"unknown command"*) echo "bench.sh: roll has no build command yet; the build columns are skipped" >&2 ;;
*) has_build=1 ;;
esac

# measure DIR PREP -- CMD...: runs PREP then CMD in DIR, runs times, and
# prints "median-seconds peak-MiB". PREP is a shell snippet run before each
# run and not timed.
measure() {
	local dir=$1 prep=$2
	shift 3
	local times=() peak=0 i out
	for ((i = 0; i < runs; i++)); do
		(cd "$dir" && eval "$prep")
		out=$work/time.out
		if [ -n "$timer" ]; then
			(cd "$dir" && "$timer" -f '%e %M' -o "$out" "$@" >/dev/null 2>"$work/stderr") || check_status $? "$@"
			read -r secs kib < <(tail -1 "$out")
		else
			local t0 t1
			t0=$(date +%s.%N)
			(cd "$dir" && "$@" >/dev/null 2>"$work/stderr") || check_status $? "$@"
			t1=$(date +%s.%N)
			secs=$(awk "BEGIN {print $t1 - $t0}")
			kib=0
		fi
		times+=("$secs")
		if [ "$kib" -gt "$peak" ]; then peak=$kib; fi
	done
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
	if [ -n "$timer" ]; then
		printf '%.2f s, %d MiB' "$median" $((peak / 1024))
	else
		printf '%.2f s' "$median"
	fi
}

# check_status accepts roll check's exit 1 (findings with errors) as a run
# that worked, and fails on anything else.
check_status() {
	local status=$1
	shift
	if [ "$status" -ne 1 ]; then
		echo "bench.sh: $* exited with $status:" >&2
		cat "$work/stderr" >&2
		exit 1
	fi
}

# touch_hero changes the narrative of one hero, a different sentence each run.
touch_hero() {
	local f
	f=$(find records/heroes/sheyang -name '*.md' | sort | head -1)
	echo "（补记：$(date +%s%N)）" >>"$f"
}

echo "Generating the repositories…" >&2
rows=()
for n in $sizes; do
	repo=$work/repo-$n
	if ! [ -d "$repo/records" ]; then
		rm -rf "$repo"
		"$work/bin/rollgen" -out "$repo" -heroes "$n" -seed 1 >&2
	fi
	echo "Timing $n heroes…" >&2
	files=$(find "$repo/records" -type f | wc -l)
	check_cold=$(measure "$repo" ":" -- "$roll" check --today 2020-12-31)
	check_changed=$(measure "$repo" "touch_hero" -- "$roll" check --today 2020-12-31)
	build_cold="—"
	build_changed="—"
	if [ "$has_build" = 1 ]; then
		build_cold=$(measure "$repo" "rm -rf _site" -- "$roll" build --out _site)
		build_changed=$(measure "$repo" "touch_hero" -- "$roll" build --out _site)
	fi
	rows+=("| $n | $files | $check_cold | $check_changed | $build_cold | $build_changed |")
done

echo
echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(go version | cut -d' ' -f3); median of $runs runs, largest peak RSS."
echo
echo "| heroes | files | roll check, cold | roll check, 1 changed | roll build, cold | roll build, 1 changed |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

if [ "${BENCH_HISTORY:-}" = 1 ]; then
	hist=$work/history-10000
	rm -rf "$hist"
	echo "Generating 10,000 heroes in 2,000 commits…" >&2
	start=$(date +%s.%N)
	"$work/bin/rollgen" -out "$hist" -heroes 10000 -seed 1 -commits 2000 >&2
	gen=$(awk "BEGIN {print $(date +%s.%N) - $start}")
	echo
	printf '| history, 10,000 heroes, 2,000 commits | |\n|---|---:|\n'
	printf '| rollgen -commits 2000 (loose objects) | %.1f s |\n' "$gen"
	if command -v git >/dev/null; then
		(cd "$hist" && git gc --quiet)
		printf '| git log --name-only (packed) | %s |\n' "$(measure "$hist" ":" -- git log --name-only)"
	fi
fi
