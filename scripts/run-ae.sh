#!/usr/bin/env bash
# Runs the paper's experiments with the `spotlight` command. Same modes and options as the
# original Spotlight artifact's run-ae.sh, so its instructions keep working; everything is
# delegated to `spotlight single` and the sweep commands (see README.md).
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $0 MODE [--trials N] [--slurm --slurm-queue QUEUE] [OPTION...]

Modes:
  single                 one configuration: --model M --target T --technique X --scale S
  main-edge, full-edge   Spotlight and the Eyeriss, NVDLA and MAERI baselines, edge scale
  main-cloud, full-cloud the same at cloud scale (takes days)
  ablation               Spotlight-GA, -R, -V and -F, edge scale
  general                Spotlight-Multi and Spotlight-General, edge scale

Options:
  --trials N             independent trials per configuration (default 1)
  --slurm                submit each configuration as a SLURM job (needs --slurm-queue)
  --slurm-queue QUEUE    the SLURM partition to submit to
  -h, --help             this message
Other options are passed on to spotlight (see: spotlight single --help).
USAGE
}

source "$(dirname "${BASH_SOURCE[0]}")/spotlight-command.sh"

if [[ $# -lt 1 ]]; then
    usage
    exit 2
fi

mode="$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')"
shift

passed=()
slurm=0
queue=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help)
            usage
            exit 0
            ;;
        --slurm)
            slurm=1
            ;;
        --slurm-queue)
            [[ $# -ge 2 ]] || { echo "$0: --slurm-queue needs a value" >&2; exit 2; }
            queue="$2"
            shift
            ;;
        --slurm-queue=*)
            queue="${1#--slurm-queue=}"
            ;;
        *)
            passed+=("$1")
            ;;
    esac
    shift
done

slurm_args=()
if [[ $slurm -eq 1 ]]; then
    if [[ -z "$queue" ]]; then
        echo "$0: --slurm needs --slurm-queue QUEUE (the partition to submit to)" >&2
        exit 2
    fi
    slurm_args=(--slurm --partition "$queue")
fi

case "$mode" in
    single)
        if [[ $slurm -eq 1 ]]; then
            echo "$0: single runs here; to submit one configuration, use a sweep mode with" \
                "--models and --techniques" >&2
            exit 2
        fi
        spotlight single "${passed[@]}"
        ;;
    main-edge|full-edge|main-cloud|full-cloud|ablation|general)
        spotlight "$mode" "${slurm_args[@]}" "${passed[@]}"
        ;;
    *)
        echo "$0: unknown mode '$mode'; use single, main-edge, main-cloud, ablation or general" >&2
        usage >&2
        exit 2
        ;;
esac
