"""The ``proglint`` console script: answers ``--version`` before anything
else is loaded, then hands over to :func:`proglint.cli.main`.

Tools probe ``proglint --version`` often (pre-commit, editors, CI set-ups),
and an install without ``.pyc`` files (an editable checkout with
``PYTHONDONTWRITEBYTECODE``) compiles every module it imports on every
run: this module is a few lines, :mod:`proglint.cli` several hundred.
"""

import sys


def main(argv=None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"proglint {__version__}\n")
        return 0
    from .cli import main as cli_main

    return cli_main(words)
