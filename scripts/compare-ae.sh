#!/usr/bin/env bash
# Summarises results as CSV on stdout, with the modes of the original Spotlight artifact's
# compare-ae.sh; delegates to `spotlight compare` (see README.md).
set -euo pipefail

usage() {
    cat <<USAGE
Usage: $0 MODE [OPTION...]

MODE is main-edge, main-cloud, general or ablation (also full-edge, full-cloud, or the
names Main-Edge, Main-Cloud, General, Ablation, in any letter case).
Prints Path,Min,Max,Median,Median Normalized to Spotlight for each configuration found
under results/. Other options go to spotlight compare (--results DIR, --out FILE,
--plot FILE).
  -h, --help   this message
USAGE
}

source "$(dirname "${BASH_SOURCE[0]}")/spotlight-command.sh"

if [[ $# -lt 1 ]]; then
    usage
    exit 2
fi
for word in "$@"; do
    if [[ "$word" == "-h" || "$word" == "--help" ]]; then
        usage
        exit 0
    fi
done

mode="$1"
shift
spotlight compare "$mode" "$@"
