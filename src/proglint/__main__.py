"""``python -m proglint`` runs the same entry point as the console script.

With ``-m`` Python puts the working folder first on ``sys.path``, so a
``yaml.py`` or ``jsonschema.py`` in the folder being linted would be
imported in place of the real one: linting an untrusted folder from inside
it would run its code.  The console script has its own folder there
instead; here the working folder is taken off the path before anything
else is imported (``proglint`` itself is already loaded by then), so both
ways of running proglint import only what is installed, and a team's rules
only through ``rule-paths``.
"""

import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()) and not sys.flags.safe_path:
    del sys.path[0]

from proglint.launch import main  # noqa: E402 - after the path is made safe

sys.exit(main())
