# Sourced by run-ae.sh and compare-ae.sh: `spotlight` runs this checkout's built command, or
# the command named by $SPOTLIGHT (e.g. SPOTLIGHT=spotlight for an installed one).

spotlight_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

spotlight() {
    if [[ -n "${SPOTLIGHT:-}" ]]; then
        ${SPOTLIGHT} "$@"
    elif [[ -f "$spotlight_root/dist/src/cli/main.js" ]]; then
        node "$spotlight_root/dist/src/cli/main.js" "$@"
    else
        echo "${0##*/}: spotlight is not built; run: (cd $spotlight_root && npm ci &&" \
            "npm run build)" >&2
        exit 1
    fi
}
