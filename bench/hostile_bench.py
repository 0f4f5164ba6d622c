"""Hostile-input benchmark: every pathological input ends with an error or a result in seconds.

    python bench/hostile_bench.py

Prints, for each input at (or near) the 200 KB page limit, the time to refuse it (the linear
complexity pass, kb.markdown.complexity, and the YAML guard, kb.core.yamlload), and for the worst
inputs that still pass, the time the build's Markdown converter takes on them. Figures, not
assertions: the tests (tests/test_complexity.py) assert the behaviour.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.core import yamlload  # noqa: E402
from kb.markdown.complexity import MAX_SCAN, check  # noqa: E402
from kb.markdown.render import converter_for_root, render  # noqa: E402
from kb.sources.frontmatter import parse_front_matter  # noqa: E402

LIMIT = 200_000
REPO = Path(__file__).resolve().parent.parent

REFUSED = {
    "'[' x 200,000": "[" * LIMIT,
    "'<a ' x 66,666": "<a " * (LIMIT // 3),
    "'[x](' x 50,000": "[x](" * (LIMIT // 4),
    "'[^' x 100,000": "[^" * (LIMIT // 2),
    "'`a' x 100,000": "`a" * (LIMIT // 2),
    "'{a=' x 1,500 (issue) / 66,666": "{a=" * (LIMIT // 3),
    "30 '[' + 190 KB prose": "[" * 30 + "word " * (LIMIT // 5 - 10),
    "400 nested list levels": "".join("  " * i + "- x\n" for i in range(400)),
    "'- ' x 3,000 on one line": "- " * 3000 + "x",
    "emphasis run of 10,000": "*" * 5000 + "x" + "*" * 5000,
    "2,000 nested <div markdown>": '<div markdown="1">\n\n' * 2000,
}

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    print("Refused before any parser runs (linear pass):")
    for name, body in REFUSED.items():
        seconds, found = timed(check, body)
        verdict = "refused" if found else "PASSED"
        print(f"  {name:34} {len(body):>8,} chars  {seconds * 1000:8.1f} ms  {verdict}", flush=True)
    seconds, (_, problems) = timed(parse_front_matter, "---\nid: x\n" + BOMB + "---\nbody\n", "docs/x.md")
    print(f"  {'alias bomb (1e9 values) front matter':34} {len(BOMB):>8,} chars  {seconds * 1000:8.1f} ms  "
          f"{problems[0].rule_name} at line {problems[0].line}", flush=True)
    try:
        seconds, _ = timed(yamlload.safe_load, BOMB)
    except yamlload.UnsafeYaml as err:
        print(f"  {'alias bomb in a data file':34} {len(BOMB):>8,} chars  refused at line {err.line}")
    # Data files: 20,000-deep brackets (libyaml stops at 1,000 and PyYAML's composer recursed past
    # Python's limit), a YAML tag, a data file of 200 KB of nested brackets.
    for name, text in {
        "20,000-deep list in a data file": "note: " + "[" * 20000 + "]" * 20000 + "\n",
        "YAML tag (!!python/object/apply)": "!!python/object/apply:os.system ['echo pwned']\n",
        "200 KB of '[' in a data file": "[" * LIMIT,
    }.items():
        start = time.perf_counter()
        try:
            yamlload.safe_load(text)
            verdict = "PASSED"
        except yamlload.UnsafeYaml as err:
            verdict = f"refused at line {err.line}"
        except Exception as err:  # noqa: BLE001 - the figure to print is what happened
            verdict = f"{type(err).__name__}"
        print(f"  {name:34} {len(text):>8,} chars  {(time.perf_counter() - start) * 1000:8.1f} ms  {verdict}", flush=True)
    md = converter_for_root(REPO)
    print("Worst inputs that pass, through the build's Markdown converter:")
    # Unclosed '[' with prose after them, just under the scan budget.
    n = 40
    tail = "word " * ((MAX_SCAN // n) // 5 - 100)
    for name, body in {
        f"{n} unclosed '[' + {len(tail):,} chars": "[" * n + tail,
        "200 KB ordinary guide text": ("A [link](https://example.org/) and `code`, *emphasis* <abbr title=\"x\">y</abbr>.\n\n"
                                        * (LIMIT // 82)),
        "4,000-row table": "| a | b |\n|---|---|\n" + "| [x](y.md) | `z` |\n" * 4000,
    }.items():
        assert not check(body), name
        seconds, _ = timed(render, body, md)
        print(f"  {name:34} {len(body):>8,} chars  {seconds:8.2f} s", flush=True)


if __name__ == "__main__":
    main()
