"""Configuration files: discovery, loading, validation with lines."""

from pathlib import Path

import pytest

from proglint.config_file import ConfigError, find, load, locate


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_nearest_config_applies(tmp_path):
    top = write(tmp_path / "pyproject.toml", "[tool.proglint]\nignore = ['PL3']\n")
    inner = write(tmp_path / "team" / "proglint.toml", "ignore = ['PL2']\n")
    (tmp_path / "team" / "docs").mkdir()
    (tmp_path / "other").mkdir()
    assert find(tmp_path / "team" / "docs") == inner
    assert find(tmp_path / "other") == top


def test_pyproject_without_table_is_skipped(tmp_path):
    top = write(tmp_path / "proglint.toml", "ignore = ['PL3']\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 80\n")
    assert find(tmp_path / "sub") == top


def test_dot_proglint_toml_wins_within_a_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.proglint]\n")
    dotted = write(tmp_path / ".proglint.toml", "")
    write(tmp_path / "proglint.toml", "")
    assert find(tmp_path) == dotted


def test_values_load_with_paths_relative_to_the_file(tmp_path):
    (tmp_path / "lint" / "rules").mkdir(parents=True)
    path = write(
        tmp_path / "proglint.toml",
        'select = ["PL0"]\nrule-paths = ["lint/rules"]\nschemas = ["team.json"]\n'
        '[severity]\nPL011 = "warning"\n[per-file-ignores]\n"drafts/*" = ["PL0"]\n',
    )
    config = load(path)
    assert config.layers[0].select == ("PL0",)
    assert config.rule_paths == ((tmp_path / "lint" / "rules").resolve(),)
    assert config.schemas == ((tmp_path / "team.json").resolve(),)
    assert config.severity == {"PL011": "warning"}
    assert config.per_file_ignores == (("drafts/*", ("PL0",)),)


@pytest.mark.parametrize(
    "text, line, needle",
    [
        ("[tool.proglint]\nselect = ['PL0']\nselekt = ['PL1']\n", 3, "unknown key 'selekt' in [tool.proglint]; did you mean 'select'?"),
        ("[tool.proglint]\n\n[tool.proglint.severity]\nPL011 = 'loud'\n", 4, "'severity.PL011' must be one of error, warning, info, off; found 'loud'"),
        ("[tool.proglint]\nignore = 'PL3'\n", 2, "'ignore' must be of type array; found 'PL3'"),
        ("[tool.proglint]\nignore = ['pl 3']\n", 2, "'ignore.0' must be a code (PL301), a code prefix (PL3), a rule name"),
        ("[tool.proglint]\nrequire-suppression-reason = 'yes'\n", 2, "must be of type boolean"),
        ("[tool.proglint\n", 1, "invalid TOML"),
    ],
)
def test_invalid_config_names_file_line_and_what_is_allowed(tmp_path, text, line, needle):
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == line
    assert needle in caught.value.message
    assert str(caught.value).startswith(f"{path.resolve()}:{line}: ")


def test_locate_finds_inline_and_dotted_keys():
    text = "[tool.proglint]\nseverity = { PL011 = 'x' }\n[tool.proglint.rule.foo]\nbar = 1\n"
    assert locate(text, ("tool", "proglint"), ("severity", "PL011")) == 2
    assert locate(text, ("tool", "proglint"), ("rule", "foo", "bar")) == 4
    assert locate(text, ("tool", "proglint"), ("rule", "foo")) == 3


def test_unknown_selector_in_config_is_exit_2_with_its_line(tmp_path):
    import subprocess
    import sys

    config = write(tmp_path / "proglint.toml", 'select = ["PL0"]\n\nignore = ["PL9999"]\n')
    (tmp_path / "p.txt").write_text("---\n---\n")
    result = subprocess.run([sys.executable, "-m", "proglint", str(tmp_path / "p.txt")], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"{config.resolve()}:3: 'PL9999' in 'ignore' is not a known code, prefix or rule name" in result.stderr


def run_cli(*args, cwd):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd)


BROKEN_ROW = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"


def _broken_text() -> str:
    from conftest import seed_text

    return seed_text("1071.txt").replace(BROKEN_ROW, BROKEN_ROW + " x |")


BROKEN_TEXT = _broken_text()


def broken_program(tmp_path: Path, name: str = "p.txt") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BROKEN_TEXT)
    return path


def test_severity_override_changes_the_exit_status(tmp_path):
    broken_program(tmp_path)
    assert run_cli("p.txt", cwd=tmp_path).returncode == 1
    write(tmp_path / "proglint.toml", '[severity]\nPL011 = "warning"\n')
    relaxed = run_cli("p.txt", "--format", "concise", cwd=tmp_path)
    assert relaxed.returncode == 0 and " warning PL011 " in relaxed.stdout
    write(tmp_path / "proglint.toml", '[severity]\ntable-row-cells = "off"\n')
    assert run_cli("p.txt", "--format", "concise", cwd=tmp_path).stdout == ""
    (tmp_path / "p.txt").write_text((tmp_path / "p.txt").read_text().replace('"COM/NIRCAM"', '"COM/NIRCAMX"').replace(BROKEN_ROW + " x |", BROKEN_ROW))
    assert run_cli("p.txt", cwd=tmp_path).returncode == 0  # PL110 unknown type: a warning
    write(tmp_path / "proglint.toml", '[severity]\nPL110 = "error"\n')
    assert run_cli("p.txt", cwd=tmp_path).returncode == 1


def test_config_option_and_isolated(tmp_path):
    broken_program(tmp_path)
    write(tmp_path / "proglint.toml", 'ignore = ["PL011"]\n')
    write(tmp_path / "strict.toml", 'select = ["ALL"]\n')
    line = BROKEN_TEXT.split("\n").index(BROKEN_ROW + " x |") + 1
    column = len(BROKEN_ROW) + 2  # the extra cell's 'x'

    def outcome(*args):
        result = run_cli("p.txt", "--format", "concise", *args, cwd=tmp_path)
        return result.returncode, [finding.split(" the row")[0] for finding in result.stdout.splitlines()]

    assert outcome() == (0, [])  # proglint.toml, found beside the file, ignores PL011
    expected = (1, [f"p.txt:{line}:{column}: error PL011"])
    assert outcome("--isolated") == expected  # no file read: the defaults
    assert outcome("--config", "strict.toml") == expected  # this file instead of proglint.toml
    missing = run_cli("p.txt", "--config", "nope.toml", cwd=tmp_path)
    assert missing.returncode == 2 and "configuration file 'nope.toml' does not exist" in missing.stderr


def test_include_and_exclude_from_config(tmp_path):
    broken_program(tmp_path, "a.txt")
    broken_program(tmp_path, "b.program")
    broken_program(tmp_path, "drafts/c.txt")
    found = lambda result: sorted({line.split(":")[0] for line in result.stdout.splitlines()})  # noqa: E731
    assert found(run_cli(".", "--format", "concise", cwd=tmp_path)) == ["a.txt", "drafts/c.txt"]
    write(tmp_path / "proglint.toml", 'include = ["*.program", "*.txt"]\nexclude = ["drafts/*"]\n')
    assert found(run_cli(".", "--format", "concise", cwd=tmp_path)) == ["a.txt", "b.program"]


def test_bad_team_vocabulary_is_exit_2_with_file_and_line(tmp_path):
    from conftest import seed_text

    write(tmp_path / "team-vocab.yaml", "templates:\n  - name: My Template\n    instrument: MIRI\n    kind: sciense\n")
    write(tmp_path / "proglint.toml", 'vocabulary = ["team-vocab.yaml"]\n')
    (tmp_path / "p.txt").write_text(seed_text("1071.txt"))
    result = run_cli("p.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "team-vocab.yaml:4:" in result.stderr and "sciense" in result.stderr
    assert "Traceback" not in result.stderr and "PL901" not in result.stdout


def test_a_missing_rule_folder_is_a_config_error_at_its_line(tmp_path):
    path = write(tmp_path / "proglint.toml", 'select = ["PL0"]\nrule-paths = ["nope"]\n')
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == 2 and "rule-paths: 'nope' is not a folder" in caught.value.message


def test_tool_header_in_proglint_toml_gets_a_hint(tmp_path):
    path = write(tmp_path / "proglint.toml", '[tool.proglint]\nselect = ["PL0"]\n')
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == 1
    assert "in proglint.toml the keys stand at the top level, without a [tool.proglint] header" in caught.value.message
