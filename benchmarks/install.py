"""proglint as pre-commit installs it, for the start-up figures.

pre-commit builds a virtual environment and runs ``pip install .`` in it: a
regular (not editable) install, byte-compiled by pip, so every module is
loaded from its ``.pyc``.  A development checkout is an editable install,
often with ``PYTHONDONTWRITEBYTECODE`` set, where every proglint module is
compiled from source on every run; its start-up says little about what a
hook costs.  So the start-up rows time a regular install in a throwaway
virtual environment of the benchmark's own (beside the anchors'), created
once with proglint's dependencies and given a fresh copy of proglint (``pip
install --no-deps --force-reinstall``) on every run.  :func:`without_bytecode`
then removes the package's ``.pyc`` files for the "no .pyc" rows.
"""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

from benchmarks.anchors import DEFAULT_HOME as ANCHORS_HOME, _bin

DEFAULT_HOME = ANCHORS_HOME.parent / "startup-venv"


def ensure(root: Path, folder: Path = DEFAULT_HOME, log=print) -> tuple[Path | None, str]:
    """The ``proglint`` executable of a regular install of ``root`` in
    ``folder``, and a note ('' when all is well; None and why when the
    install failed)."""
    python = _bin(folder, "python")
    try:
        if not python.is_file():
            log(f"creating {folder} (throwaway virtualenv for the start-up figures, once)")
            folder.parent.mkdir(parents=True, exist_ok=True)
            venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        fresh = not _bin(folder, "proglint").is_file()
        log(f"installing proglint from {root} into {folder} ({'with its dependencies' if fresh else 'proglint only'})")
        command = [str(python), "-m", "pip", "install", "-q", str(root)]
        if not fresh:
            command[5:5] = ["--no-deps", "--force-reinstall"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"could not install proglint into {folder}: {exc}"
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip() and "is ignored" not in line]
        return None, f"pip install failed: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
    return _bin(folder, "proglint"), ""


def package_folder(executable: Path) -> Path | None:
    """Where the installed ``proglint`` package lives (found by the install's own Python)."""
    python = executable.with_name(executable.name.replace("proglint", "python"))
    result = subprocess.run(
        [str(python), "-c", "import os, proglint; print(os.path.dirname(proglint.__file__))"],
        capture_output=True, text=True,
    )
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def without_bytecode(package: Path) -> int:
    """Remove the ``.pyc`` files of the installed package (its rules and
    schemas included); how many folders were removed."""
    folders = sorted(package.rglob("__pycache__"))
    for cache in folders:
        shutil.rmtree(cache, ignore_errors=True)
    return len(folders)
