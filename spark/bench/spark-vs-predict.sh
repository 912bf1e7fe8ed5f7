#!/usr/bin/env bash
# Images/s of `tfj spark-predict` on local[1] and local[2] against `tfj predict` on the same IDX file, in the same
# run, alternating the three for ROUNDS rounds (docs/spark.md, Benchmark). Whole-command wall time counts JVM and
# Spark start; spark-predict also prints its scoring job's own time ("scored N images in S s").
#   spark/bench/spark-vs-predict.sh MODEL IDX_IMAGES [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="$1"
images="$2"
rounds="${3:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds() { # runs "$@" quietly, prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

printf '%-6s %-22s %10s %12s %12s\n' round command wall_s images/s job_images/s
for round in $(seq 1 "$rounds"); do
  wall=$(seconds "$root/tfj" predict --model "$model" --format csv -o "$work/predict.csv" "$images")
  n=$(($(wc -l <"$work/predict.csv") - 1))
  printf '%-6s %-22s %10.1f %12.0f %12s\n' "$round" "tfj predict" "$wall" \
    "$(awk -v n="$n" -v s="$wall" 'BEGIN { print n / s }')" -
  for master in 'local[1]' 'local[2]'; do
    rm -rf "$work/spark-out"
    wall=$(seconds "$root/tfj" spark-predict --master "$master" --model "$model" --input "$images" \
      --output "$work/spark-out")
    job=$(sed -n 's/^scored *[0-9,]* images in \([0-9.]*\) s.*/\1/p' "$work/out.txt")
    printf '%-6s %-22s %10.1f %12.0f %12.0f\n' "$round" "spark-predict $master" "$wall" \
      "$(awk -v n="$n" -v s="$wall" 'BEGIN { print n / s }')" "$(awk -v n="$n" -v s="$job" 'BEGIN { print n / s }')"
  done
done
