#!/usr/bin/env python3
"""Scores trafilatura and readability-lxml on the Japanese check set with
the measure `cargo run --release --example extract_eval -- --ja` uses for
yomu (tests/corpus/webpages/ja/expect.tsv: for each page, a part of the
article's first and of its last sentence).

For measurement only (not run by the tests). In a virtual environment:

    python3 -m venv /tmp/xvenv
    /tmp/xvenv/bin/pip install lxml lxml_html_clean trafilatura
    /tmp/xvenv/bin/pip install --no-deps readability-lxml chardet cssselect
    YOMU_JA_PAGES=DIR /tmp/xvenv/bin/python examples/extract_compare.py [--verbose]

`--verbose` prints each page's sentences found and boilerplate kept.

Pages are read from tests/corpus/webpages/ja/NAME.html, else from
$YOMU_JA_PAGES/NAME.html; a page found in neither is skipped (and said).
"""
import os
import re
import sys

import lxml.html
import trafilatura
from readability import Document

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus", "webpages", "ja")


def norm(s):
    return re.sub(r"\s+", "", s)


def score(text, first, last):
    """(sentences found of 2, share of the text outside the article or None)."""
    t = norm(text)
    f, l = t.find(norm(first)), t.rfind(norm(last))
    found = (f >= 0) + (l >= 0)
    if f >= 0 and l >= 0 and l + len(norm(last)) > f and t:
        span = l + len(norm(last)) - f
        return found, (len(t) - span) / len(t)
    return found, None


RUBY_READING = re.compile(rb"<rt[\s>].*?</rt>|<rp[\s>].*?</rp>", re.S | re.I)


def page(name):
    """The page's bytes without its ruby readings (`<rt>`, `<rp>`): readings
    are not scored, and these extractors would run them into the text."""
    for d in (ROOT, os.environ.get("YOMU_JA_PAGES", "")):
        p = os.path.join(d, name + ".html")
        if d and os.path.exists(p):
            return RUBY_READING.sub(b"", open(p, "rb").read())
    return None


def readability_text(raw):
    try:
        h = Document(raw).summary()
        return lxml.html.fromstring(h).text_content() if h else ""
    except Exception:
        return ""


def main():
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(ROOT, "expect.tsv"), encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    tools = {
        "trafilatura " + trafilatura.__version__: lambda raw: trafilatura.extract(raw) or "",
        "readability-lxml": readability_text,
    }
    for tool, run in tools.items():
        found = total = pages = 0
        extra = []
        for name, first, last in rows:
            raw = page(name)
            if raw is None:
                print(f"{name}: not found, skipped", file=sys.stderr)
                continue
            pages += 1
            n, e = score(run(raw), first, last)
            found += n
            total += 2
            if e is not None:
                extra.append(e)
            if "--verbose" in sys.argv:
                kept = "  -  " if e is None else f"{e * 100:5.1f}"
                print(f"  {name:<18} found {n} boilerplate {kept}%")
        whole = len(extra)
        mean = sum(extra) / whole if whole else 0.0
        print(f"{tool:<22} pages {pages:>3}  sentences found {found:>3}/{total:<3}  "
              f"whole articles {whole:>3}  boilerplate kept {mean * 100:5.1f}%")


if __name__ == "__main__":
    main()
