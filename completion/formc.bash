# bash completion for formc(1): commands, each command's options, paper
# sizes, and file names (*.form, *.group, *.pdf, folders) where they fit.
# Installed as PREFIX/share/bash-completion/completions/formc; or source it
# from ~/.bashrc. Uses bash-completion's _filedir when it is loaded.

# _formc_files GLOB: completes file names matching GLOB (an extglob such as
# "@(form|group)", or "" for any file) and folders; "-d": folders only.
_formc_files() {
    if declare -F _filedir >/dev/null; then
        _filedir "$1"
        return
    fi
    local IFS=$'\n' restore
    restore=$(shopt -p extglob)
    shopt -s extglob
    compopt -o filenames 2>/dev/null
    if [[ $1 == -d ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    elif [[ -n $1 ]]; then
        COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X "!*.$1" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    eval "$restore"
}

_formc() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="check report letter summary build scores norms outcomes fmt new import"
    local common="--max-errors -Werror --instruments"
    COMPREPLY=()

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    case $prev in
        --paper) COMPREPLY=($(compgen -W "a4 letter" -- "$cur")); return ;;
        -o) case ${COMP_WORDS[1]} in
                build) _formc_files -d ;;
                new) _formc_files "@(form|group)" ;;
                *) _formc_files pdf ;;
            esac
            return ;;
        --deps) _formc_files ""; return ;;
        -j|--jobs) return ;;
        --group) _formc_files group; return ;;
        --templates) _formc_files -d; return ;;
        --instruments) _formc_files form; return ;;
        --map) _formc_files form; return ;;
        --max-errors) return ;;
    esac

    local cmd=${COMP_WORDS[1]} options inputs
    case $cmd in
        check) options="--templates" inputs="@(form|group)" ;;
        report) options="-o --paper --templates --redact" inputs=form ;;
        letter) options="-o --group --paper --templates --redact" inputs=form ;;
        summary) options="-o --paper --templates --redact" inputs=group ;;
        build) options="-o -j --jobs --force --deps --quiet --paper --templates --redact" inputs=group ;;
        scores) options="--json --csv --redact" inputs="@(form|group)" ;;
        norms) options="-o" inputs=group ;;
        outcomes) options="-o --csv --json --redact --paper --templates" inputs=group ;;
        fmt) options="--check --stdout" inputs="@(form|group)" ;;
        new) options="-o --templates" inputs=""
            if ((COMP_CWORD == 2)) && [[ $cur != -* ]]; then
                COMPREPLY=($(compgen -W "patient group" -- "$cur"))
                return
            fi ;;
        import) options="--map --dry-run --force" inputs="@(form|group)"
            # the export first, then the group or the members' files
            local k words=0
            for ((k = 2; k < COMP_CWORD; k++)); do
                [[ ${COMP_WORDS[k]} == -* || ${COMP_WORDS[k-1]} == @(--map|--instruments|--max-errors) ]] || words=$((words + 1))
            done
            ((words == 0)) && inputs="@(csv|CSV|tsv|txt)" ;;
        *) return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options $common --" -- "$cur"))
        return
    fi
    _formc_files "$inputs"
}

complete -F _formc formc
