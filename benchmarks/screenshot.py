"""Make ``docs/report.png``, the README's picture of ``proglint report``.

``.venv/bin/python benchmarks/screenshot.py [--out docs/report.png]``
copies the repository's seeds and a generated corpus with faults (60
documents, 40% of them edited by ``faults.py``; fixed seeds, so the same
picture every time) into a temporary folder, writes the report there with
``proglint report``, opens it in headless Chromium (``browser.py``) and
saves the top of the page: the overview and the charts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.browser import Browser  # noqa: E402
from benchmarks.faults import add_faults  # noqa: E402
from benchmarks.generate import generate_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot the portfolio report of the seeds plus a faulty generated corpus.")
    parser.add_argument("--out", default=str(ROOT / "docs" / "report.png"), help="the PNG to write (default: docs/report.png)")
    parser.add_argument("--height", type=int, default=1500, help="pixels of the page, from its top (default: 1500)")
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="proglint-screenshot-") as work:
        folder = Path(work)
        (folder / "seeds").mkdir()
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy(path, folder / "seeds" / path.name)
        generate_corpus(folder / "programs", 60, seed=3, max_rows=60)
        add_faults(folder / "programs", 0.4, seed=3)
        subprocess.run(
            [sys.executable, "-m", "proglint", "report", "seeds", "programs", "-o", "report.html", "--isolated", "--no-progress"],
            cwd=folder, check=True,
        )
        with Browser(width=1280, height=900) as browser:
            browser.color_scheme(args.scheme)
            browser.open(folder / "report.html")
            if browser.problems:
                print("\n".join(browser.problems), file=sys.stderr)
                return 1
            Path(args.out).write_bytes(browser.screenshot(height=args.height))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
