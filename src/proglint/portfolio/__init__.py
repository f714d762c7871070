"""``proglint report``: the whole portfolio of program documents on one
self-contained HTML page.

Three modules, one concern each: :mod:`.figures` takes the counts of one
document while the job runner holds it (the runner drops documents once
examined, so nothing here keeps one); :mod:`.collect` adds those counts and
the run's findings up into the page's figures; :mod:`.page` renders them
with Jinja2 and :mod:`.svg`'s charts.  Only :mod:`.page` needs the optional
``proglint[report]`` extra, and nothing imports it but ``proglint report``,
so the linter's start-up never pays for Jinja2.
"""
