# Shared by scripts/*: install what a fresh Debian machine lacks, quietly.
need_packages() {
    local missing=()
    for spec in "$@"; do
        local pkg=${spec%%:*} probe=${spec#*:}
        if [ "$probe" = "$spec" ]; then
            dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
        else
            command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}
