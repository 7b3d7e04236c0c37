#!/bin/bash
# The whole recipe (README "Training on a cluster"): N counting tasks as one array job, then the
# reduce job that merges and trains once they all succeeded. Prints the reduce job's id.
#   scripts/slurm/submit.sh N OUTDIR TOKENIZER_JSON FILE...
# Pass --wait in SBATCH_WAIT=1 to block until the tokenizer is written (as the test does).
set -euo pipefail
n=${1:?usage: submit.sh N OUTDIR TOKENIZER_JSON FILE...}
out=${2:?usage: submit.sh N OUTDIR TOKENIZER_JSON FILE...}
tok=${3:?usage: submit.sh N OUTDIR TOKENIZER_JSON FILE...}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
jid=$(sbatch --parsable --array=0-$((n - 1)) "$here/count.sbatch" "$out" "$@")
wait=()
[ "${SBATCH_WAIT:-0}" = 1 ] && wait=(--wait)
# --kill-on-invalid-dep: if a counting task fails, the reduce job is cancelled instead of pending forever.
sbatch --parsable "${wait[@]}" --dependency=afterok:"${jid%%;*}" --kill-on-invalid-dep=yes "$here/reduce.sbatch" "$out" "$n" "$tok"
