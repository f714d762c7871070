"""``proglint completion bash|zsh|fish``: completion scripts generated from
the argparse tree, so a new option is completed without editing a script.

Commands complete at the first word (with files, since ``proglint PATH`` is
``proglint check PATH``); each command's options after it; option values
from their choices (``--format``), files for options that take a path; the
codes of ``explain`` from ``proglint rules`` at completion time (so a team's
rules from ``rule-paths`` complete too).
"""

from __future__ import annotations

import argparse

FILE_METAVARS = {"PATH", "FILE", "DIR", "NAME"}


def _tree(parser: argparse.ArgumentParser):
    """[(command, summary, [(option strings, takes value, choices, is file, help)], positional choices)]"""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    summaries = {action.dest: action.help or "" for action in sub._choices_actions}
    commands = []
    for name, command in sub.choices.items():
        options, positional = [], []
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                options.append((tuple(action.option_strings), False, (), False, "show the help"))
            elif action.option_strings:
                takes = action.nargs != 0
                choices = tuple(action.choices or ())
                is_file = takes and not choices and (action.metavar or "") in FILE_METAVARS
                options.append((tuple(action.option_strings), takes, choices, is_file, action.help or ""))
            elif action.choices:
                positional.extend(action.choices)
        commands.append((name, summaries.get(name, ""), options, tuple(positional)))
    return commands


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](_tree(parser))


def _words(items) -> str:
    return " ".join(items)


def bash(tree) -> str:
    names = [name for name, *_ in tree]
    value_cases, file_cases, option_cases, positional_cases = [], [], [], []
    for name, _, options, positional in tree:
        for strings, takes, choices, is_file, _ in options:
            for option in strings:
                if choices:
                    value_cases.append(f'        {name}:{option}) COMPREPLY=($(compgen -W "{_words(choices)}" -- "$cur")); return ;;')
                elif is_file:
                    file_cases.append(f"{name}:{option}")
                elif takes:
                    value_cases.append(f"        {name}:{option}) return ;;")
        every = [option for strings, *_ in options for option in strings]
        option_cases.append(f'        {name}) COMPREPLY=($(compgen -W "{_words(every)}" -- "$cur")) ;;')
        if positional:
            positional_cases.append(f'        {name}) COMPREPLY=($(compgen -W "{_words(positional)}" -- "$cur")); return ;;')
    files = "|".join(file_cases) or "__none__"
    return f"""\
# bash completion for proglint: eval "$(proglint completion bash)" in ~/.bashrc,
# or save it as ~/.local/share/bash-completion/completions/proglint
_proglint() {{
    local cur prev cmd
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    cmd=check
    if ((COMP_CWORD > 1)); then
        case "${{COMP_WORDS[1]}}" in
            {"|".join(names)}) cmd="${{COMP_WORDS[1]}}" ;;
        esac
    fi
    case "$cmd:$prev" in
{chr(10).join(value_cases)}
        {files}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ "$cur" == -* ]]; then
        case "$cmd" in
{chr(10).join(option_cases)}
        esac
        return
    fi
    case "$cmd" in
{chr(10).join(positional_cases)}
        explain) COMPREPLY=($(compgen -W "$(proglint rules 2>/dev/null | awk 'NR > 1 {{print $1, $2}}')" -- "$cur")); return ;;
        check) ;;
        *) return ;;
    esac
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "{_words(names)}" -- "$cur") $(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -o bashdefault -F _proglint proglint
"""


def _zsh_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh(tree) -> str:
    described = " ".join(f"'{name}:{_zsh_escape(summary)}'" for name, summary, *_ in tree)
    cases = []
    for name, _, options, positional in tree:
        specs = []
        for strings, takes, choices, is_file, help_ in options:
            for option in strings:
                spec = f"'{option}[{_zsh_escape(help_)}]"
                if choices:
                    spec += f":value:({' '.join(choices)})"
                elif is_file:
                    spec += ":file:_files"
                elif takes:
                    spec += ":value: "
                specs.append(spec + "'")
        if positional:
            specs.append(f"'*:value:({' '.join(positional)})'")
        elif name == "explain":
            specs.append("'1:code:_proglint_codes'")
        elif name == "check":
            specs.append("'*:file:_files'")
        cases.append(f"        {name})\n            _arguments -s \\\n                " + " \\\n                ".join(specs) + "\n            ;;")
    names = "|".join(name for name, *_ in tree)
    return f"""\
#compdef proglint
# zsh completion for proglint: proglint completion zsh > ~/.zfunc/_proglint
# (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)
_proglint_codes() {{
    local -a codes
    codes=(${{(f)"$(proglint rules 2>/dev/null | awk 'NR > 1 {{print $1}}')"}})
    _describe -t codes 'check' codes
}}

_proglint() {{
    local cmd=check
    local -a commands
    commands=({described})
    if (( CURRENT == 2 )) && [[ "$words[2]" != -* ]]; then
        _describe -t commands 'proglint command' commands
        _files
        return
    fi
    case "$words[2]" in
        {names}) cmd="$words[2]"; shift words; (( CURRENT-- )) ;;
    esac
    case "$cmd" in
{chr(10).join(cases)}
    esac
}}

if [[ "$funcstack[1]" == "_proglint" ]]; then
    _proglint "$@"
else
    compdef _proglint proglint
fi
"""


def _fish_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def fish(tree) -> str:
    names = " ".join(name for name, *_ in tree)
    lines = [
        "# fish completion for proglint: proglint completion fish > ~/.config/fish/completions/proglint.fish",
        "complete -c proglint -f",
    ]
    for name, summary, *_ in tree:
        lines.append(f"complete -c proglint -n __fish_use_subcommand -a {name} -d '{_fish_escape(summary)}'")
    for name, _, options, positional in tree:
        if name == "check":  # the default command: also when no command was given
            condition = f"not __fish_seen_subcommand_from {' '.join(n for n, *_ in tree if n != 'check')}"
        else:
            condition = f"__fish_seen_subcommand_from {name}"
        for strings, takes, choices, is_file, help_ in options:
            flags = " ".join(f"-l {s[2:]}" if s.startswith("--") else f"-s {s[1:]}" for s in strings)
            value = ""
            if choices:
                value = f" -x -a '{' '.join(choices)}'"
            elif is_file:
                value = " -r -F"
            elif takes:
                value = " -x"
            lines.append(f"complete -c proglint -n '{condition}' {flags}{value} -d '{_fish_escape(help_)}'")
        if positional:
            lines.append(f"complete -c proglint -n '{condition}' -x -a '{' '.join(positional)}'")
    lines.append("complete -c proglint -n 'not __fish_seen_subcommand_from " + " ".join(n for n in names.split() if n != "check") + "' -F")
    lines.append("complete -c proglint -n '__fish_seen_subcommand_from explain' -x -a "
                 "'(proglint rules 2>/dev/null | awk \\'NR > 1 {print $1}\\')'")
    return "\n".join(lines) + "\n"
