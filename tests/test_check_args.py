"""The argparse-free reader of ``proglint check`` lines (proglint.check_args)
gives exactly argparse's namespace for every line it accepts, and hands
everything else to argparse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proglint import check_args, cli
from proglint.errors import UsageError


def argparse_reading(words):
    args = cli.build_parser().parse_args(["check", *words])
    values = vars(args)
    assert values.pop("handler") is cli._check
    return values


def fast_reading(words):
    args = check_args.read(words)
    return None if args is None else vars(args)


def check_subparser():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    return commands.choices["check"]


def test_the_tables_name_every_check_option():
    options = {s for action in check_subparser()._actions for s in action.option_strings}
    assert options - {"-h", "--help"} == set(check_args.FLAGS) | set(check_args.VALUES)


def test_the_defaults_are_argparses():
    assert fast_reading([]) == argparse_reading([]) == {**check_args.defaults(), "command": "check"}


@pytest.mark.parametrize("words", [
    ["seeds/1141.txt"],
    ["--force-exclude", "a.txt", "b.md"],
    ["a.txt", "b.md", "--force-exclude", "--skip-non-documents"],
    ["--no-cache", "--format", "concise", "--jobs", "2", "corpus/"],
    ["--format=json", "-j", "3", "-q", "--select", "PL0, PL1", "--select", "PL2", "."],
    ["--exclude", "drafts", "--exclude=old/", "--extend-exclude", "x", "-", "--stdin-filename", "p.txt"],
    ["--config", "team.toml", "--color", "always", "--no-show-source", "--no-progress", "--cache-dir", "c"],
    ["--fix", "--unsafe-fixes", "--show-fixes", "--output-file", "out.json", "--ignore", "", "x.txt"],
])
def test_common_lines_are_read_without_argparse(words):
    fast = fast_reading(words)
    assert fast is not None
    assert fast == argparse_reading(words)


@pytest.mark.parametrize("words", [
    ["a.txt", "--fix", "b.txt"],  # argparse: unrecognized arguments: b.txt
    ["--fi", "a.txt"],  # an abbreviation
    ["-j2", "a.txt"],
    ["--jobs", "0"], ["--jobs", "two"], ["--format", "xml"], ["--color=sometimes"],
    ["--config"], ["--config", "--fix"], ["--fix=yes"], ["--", "-a.txt"], ["-x.txt"], ["--help"], ["-h"],
    ["--version"],
])
def test_other_lines_are_left_to_argparse(words):
    assert check_args.read(words) is None


def test_a_line_left_to_argparse_gets_its_message(capsys):
    assert cli.main(["a.txt", "--fix", "b.txt"]) == cli.EXIT_USAGE
    assert "proglint: error: unrecognized arguments: b.txt" in capsys.readouterr().err
    assert cli.main(["check", "--jobs", "0", "a.txt"]) == cli.EXIT_USAGE
    assert "argument --jobs/-j: must be at least 1" in capsys.readouterr().err


OPTION_WORDS = sorted(check_args.FLAGS) + sorted(check_args.VALUES)
VALUE_WORDS = ["a.txt", "dir/", "-", "", "PL0,PL1", " , ", "json", "concise", "always", "never", "2", "0", "-1", "x=y"]
PATHS = st.sampled_from(["a.txt", "dir/", "-", "", "b c.md", "x=y", "-x.txt", "--"])
ONE_OPTION = st.one_of(
    st.sampled_from(sorted(check_args.FLAGS)).map(lambda flag: [flag]),
    st.tuples(st.sampled_from(sorted(check_args.VALUES)), st.sampled_from(VALUE_WORDS)).map(list),
    st.builds(lambda o, v: [f"{o}={v}"], st.sampled_from(sorted(check_args.VALUES)), st.sampled_from(VALUE_WORDS)),
)
NOISE = st.one_of(
    st.sampled_from(OPTION_WORDS + VALUE_WORDS + ["--", "--fi", "-j2", "-qx", "--no-", "-h", "--help", "--version"]),
    st.text(max_size=6),
)


@st.composite
def lines(draw):
    """Mostly well-formed lines (options, then or before one run of paths),
    sometimes with a stray word."""
    before = [w for option in draw(st.lists(ONE_OPTION, max_size=5)) for w in option]
    after = [w for option in draw(st.lists(ONE_OPTION, max_size=3)) for w in option]
    words = before + draw(st.lists(PATHS, max_size=3)) + after
    for _ in range(draw(st.integers(0, 2))):
        words.insert(draw(st.integers(0, len(words))), draw(NOISE))
    return words


@given(lines())
def test_whatever_is_read_reads_as_argparse_reads_it(words):
    fast = fast_reading(words)
    if fast is None:
        return
    try:
        expected = argparse_reading(words)
    except UsageError as exc:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"argparse rejects {words!r} ({exc}), the fast reader gave {fast!r}")
    assert fast == expected
