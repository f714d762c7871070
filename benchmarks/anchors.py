"""The anchors: check-jsonschema and yamllint, in a throwaway virtualenv.

They are not project dependencies: the benchmark installs them with pip into
a virtual environment of its own (by default ``~/.cache/proglint-bench/
anchors-venv``), once, and reuses it on later runs.  Delete the folder to get
a fresh install.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("check-jsonschema", "yamllint")
DEFAULT_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "proglint-bench" / "anchors-venv"


@dataclass
class Anchor:
    name: str
    executable: Path
    version: str


def _bin(folder: Path, name: str) -> Path:
    if os.name == "nt":
        return folder / "Scripts" / f"{name}.exe"
    return folder / "bin" / name


def _version(executable: Path) -> str:
    try:
        result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"? ({exc})"
    return (result.stdout.strip() or result.stderr.strip() or "?").splitlines()[0]


def ensure(folder: Path = DEFAULT_HOME, log=print) -> tuple[dict[str, Anchor], str]:
    """The installed anchors by name, and a note ('' when all is well).

    Creates the virtualenv and installs the packages when an executable is
    missing; an anchor that cannot be installed is simply left out."""
    missing = [name for name in PACKAGES if not _bin(folder, name).is_file()]
    note = ""
    if missing:
        log(f"installing {', '.join(missing)} into {folder} (throwaway virtualenv, once)")
        try:
            if not _bin(folder, "python").is_file():
                folder.parent.mkdir(parents=True, exist_ok=True)
                venv.EnvBuilder(with_pip=True, clear=True).create(folder)
            result = subprocess.run(
                [str(_bin(folder, "python")), "-m", "pip", "install", "-q", *missing],
                capture_output=True, text=True, timeout=900,
            )
            if result.returncode != 0:
                lines = [line for line in result.stderr.splitlines() if line.strip() and "is ignored" not in line]
                note = f"pip install failed: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
        except (OSError, subprocess.SubprocessError) as exc:
            note = f"could not create the anchors' virtualenv: {exc}"
    anchors = {}
    for name in PACKAGES:
        executable = _bin(folder, name)
        if executable.is_file():
            anchors[name] = Anchor(name, executable, _version(executable))
    return anchors, note


if __name__ == "__main__":
    found, problem = ensure()
    for anchor in found.values():
        print(f"{anchor.name}: {anchor.version} ({anchor.executable})")
    if problem:
        print(problem, file=sys.stderr)
