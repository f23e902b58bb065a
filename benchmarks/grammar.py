"""How well the checks find real errors: ``python benchmarks/grammar.py --set dev|test [--rules]``.

Sentence level, on a TSV set (``tests/data/grammar/<set>.tsv``, columns
``sentence<TAB>kind<TAB>wrong``; ``kind`` is ``correct`` or the kind of its one error):

- recall: the share of erroneous sentences with at least one issue that means an error;
- false alarms: the share of correct sentences with at least one such issue.

Two checkers side by side: the app's offline checker (:class:`Checker` with default settings and
no personal dictionary, on the sentence alone as the letter) counting only issues whose category
means an error (not style, readability, length, originality or outlet rules), and Harper alone,
unfiltered (harper-py's ``Linter().lint``; any lint counts). Per kind too, and with ``--rules``
each rule's firings: on correct sentences (false alarms), on erroneous ones over the wrong words
(hits) or elsewhere, and its precision, worst first, so a tuner can see which rules to cut.

The dev set is for tuning; the test set is written by someone else and never tuned on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from oped_studio.core.errors import OpedError  # noqa: E402
from oped_studio.core.files import read_text_file  # noqa: E402

DATA = ROOT / "tests" / "data" / "grammar"
SETS = ("dev", "test")
HEADER = ("sentence", "kind", "wrong")
KINDS = (
    "articles",
    "agreement",
    "verb-form",
    "preposition",
    "confused-word",
    "spelling",
    "proper-spelling",
    "capitalization",
    "run-on",
    "punctuation",
    "correct",
)
#: The app's issue categories that say the text is wrong (the others are advice).
ERROR_CATEGORIES = frozenset(
    {"spelling", "grammar", "punctuation", "capitalization", "word-choice"}
)


@dataclass(frozen=True)
class Row:
    sentence: str
    kind: str
    wrong: str

    @property
    def erroneous(self) -> bool:
        return self.kind != "correct"


@dataclass(frozen=True)
class Flag:
    """One issue a checker raised: its rule and its span in the sentence."""

    rule: str
    start: int
    end: int


#: A checker under test: a sentence in, the issues that count out.
Flagger = Callable[[str], list[Flag]]


def parse_set(text: str, what: str = "set") -> list[Row]:
    """The rows of a TSV set; a malformed line raises ``ValueError`` naming it."""
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = tuple(line.split("\t"))
        if number == 1 and columns == HEADER:
            continue
        if len(columns) != 3:
            raise ValueError(f"{what} line {number}: expected 3 tab-separated columns")
        sentence, kind, wrong = columns
        if not sentence.strip():
            raise ValueError(f"{what} line {number}: the sentence is empty")
        if kind not in KINDS:
            raise ValueError(f"{what} line {number}: unknown kind {kind!r}")
        if (kind == "correct") != (wrong == ""):
            raise ValueError(f"{what} line {number}: 'wrong' must be empty exactly when correct")
        if wrong and wrong not in sentence:
            raise ValueError(f"{what} line {number}: {wrong!r} is not in the sentence")
        rows.append(Row(sentence, kind, wrong))
    return rows


def set_path(name: str) -> Path:
    return DATA / f"{name}.tsv"


def load_set(name: str) -> list[Row] | None:
    """The named set's rows, or None when its file does not exist yet."""
    path = set_path(name)
    if not path.exists():
        return None
    return parse_set(read_text_file(path, what=f"the {name} set"), f"{name}.tsv")


# -- the two checkers -------------------------------------------------------------------------


def app_flagger() -> Flagger:
    """The app's offline checker as a writer gets it: default settings, no personal words."""
    from oped_studio.checks.engine import Checker, request_for_text
    from oped_studio.core.settings import Settings

    checker = Checker(Settings(), dictionary=None)

    def flags(sentence: str) -> list[Flag]:
        report = checker.run(request_for_text(sentence))
        return [
            Flag(f"{i.source}:{i.rule}", i.start, i.end)
            for i in report.issues
            if i.category in ERROR_CATEGORIES
        ]

    return flags


def harper_flagger() -> Flagger:
    """harper-py alone with its own defaults: every lint counts."""
    from harper import Language, Linter

    linter = Linter()

    def flags(sentence: str) -> list[Flag]:
        organized = linter.organized_lints(sentence, language=Language.PLAINTEXT)
        return [
            Flag(f"harper:{rule}", lint.span.start, lint.span.end)
            for rule, lints in organized.items()
            for lint in lints
        ]

    return flags


# -- counting ---------------------------------------------------------------------------------


@dataclass
class RuleCount:
    false_alarms: int = 0  # firings on correct sentences
    hits: int = 0  # firings on erroneous sentences, over the wrong words
    elsewhere: int = 0  # firings on erroneous sentences, away from the wrong words

    @property
    def fired(self) -> int:
        return self.false_alarms + self.hits + self.elsewhere

    @property
    def precision(self) -> float:
        """Share of its firings that were on an erroneous sentence (at any place)."""
        return (self.hits + self.elsewhere) / self.fired if self.fired else 0.0


@dataclass
class Score:
    #: kind -> [sentences with a flag, sentences]
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    rules: dict[str, RuleCount] = field(default_factory=lambda: defaultdict(RuleCount))

    def _share(self, erroneous: bool) -> float:
        flagged = total = 0
        for kind, (hit, count) in self.kinds.items():
            if (kind != "correct") == erroneous:
                flagged, total = flagged + hit, total + count
        return flagged / total if total else 0.0

    @property
    def recall(self) -> float:
        return self._share(True)

    @property
    def false_alarm_rate(self) -> float:
        return self._share(False)

    def kind_rate(self, kind: str) -> float:
        hit, count = self.kinds[kind]
        return hit / count if count else 0.0

    def worst_rules(self, limit: int = 15) -> list[tuple[str, RuleCount]]:
        ranked = sorted(self.rules.items(), key=lambda r: (r[1].precision, -r[1].fired, r[0]))
        return ranked[:limit]


def _over_wrong(flag: Flag, row: Row) -> bool:
    start = row.sentence.find(row.wrong)
    return start >= 0 and flag.start < start + len(row.wrong) and start < flag.end


def score(rows: Iterable[Row], flagger: Flagger) -> Score:
    result = Score()
    for row in rows:
        flags = flagger(row.sentence)
        tally = result.kinds[row.kind]
        tally[1] += 1
        tally[0] += bool(flags)
        for flag in flags:
            count = result.rules[flag.rule]
            if not row.erroneous:
                count.false_alarms += 1
            elif _over_wrong(flag, row):
                count.hits += 1
            else:
                count.elsewhere += 1
    return result


def headline(rows: list[Row]) -> dict[str, Score]:
    return {"app": score(rows, app_flagger()), "harper": score(rows, harper_flagger())}


# -- printing ---------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value * 100:5.1f}%"


def report(name: str, rows: list[Row], rules: bool = False) -> str:
    scores = headline(rows)
    app, harper = scores["app"], scores["harper"]
    sizes = Counter(r.erroneous for r in rows)
    lines = [
        f"{name} set: {sizes[True]} erroneous, {sizes[False]} correct sentences",
        f"{'':<18} {'app':>8} {'harper':>8}",
        f"{'recall':<18} {_pct(app.recall):>8} {_pct(harper.recall):>8}",
        f"{'false alarms':<18} {_pct(app.false_alarm_rate):>8} {_pct(harper.false_alarm_rate):>8}",
        "",
        f"{'kind':<18} {'n':>4} {'app':>8} {'harper':>8}",
    ]
    for kind in KINDS:
        if app.kinds[kind][1]:
            lines.append(
                f"{kind:<18} {app.kinds[kind][1]:>4} "
                f"{_pct(app.kind_rate(kind)):>8} {_pct(harper.kind_rate(kind)):>8}"
            )
    if rules:
        for label, result in (("app", app), ("harper alone", harper)):
            lines += ["", f"rules of the {label}, worst precision first", _rule_header()]
            lines += [_rule_line(rule, c) for rule, c in result.worst_rules(limit=len(rows))]
    return "\n".join(lines)


def _rule_header() -> str:
    return f"{'rule':<44} {'correct':>7} {'hit':>5} {'other':>5} {'precision':>9}"


def _rule_line(rule: str, c: RuleCount) -> str:
    return f"{rule:<44} {c.false_alarms:>7} {c.hits:>5} {c.elsewhere:>5} {_pct(c.precision):>9}"


def summary() -> dict[str, dict[str, float] | str | None]:
    """Both sets' headline figures: None for a set whose file does not exist yet, a sentence
    for one that cannot be read (so a broken set never stops the speed benchmarks)."""
    figures: dict[str, dict[str, float] | str | None] = {}
    for name in SETS:
        try:
            rows = load_set(name)
        except OpedError as exc:
            figures[name] = str(exc)
            continue
        except ValueError as exc:  # the line only: nobody reads the test set by accident
            figures[name] = str(exc).split(":")[0] + ": a malformed row"
            continue
        if not rows:
            figures[name] = None
            continue
        scores = headline(rows)
        figures[name] = {
            f"{checker} {label}": getattr(scores[checker], attribute)
            for checker in ("app", "harper")
            for label, attribute in (("recall", "recall"), ("false alarms", "false_alarm_rate"))
        }
    return figures


def summary_lines(figures: dict[str, dict[str, float] | str | None]) -> list[str]:
    """:func:`summary` side by side, dev then test (for benchmarks/run.py)."""
    names = ["app recall", "app false alarms", "harper recall", "harper false alarms"]
    lines = ["grammar, sentence level", f"{'':<26} {'dev':>18} {'test':>18}"]
    for label in names:
        cells = []
        for name in SETS:
            found = figures.get(name)
            if isinstance(found, dict):
                cells.append(f"{_pct(found[label]):>18}")
            else:
                cells.append(f"{name + (' set missing' if found is None else ' unreadable'):>18}")
        lines.append(f"{label:<26} " + " ".join(cells))
    lines += [f"{name} set: {found}" for name, found in figures.items() if isinstance(found, str)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="dev", help="which set (default dev)")
    parser.add_argument(
        "--rules", action="store_true", help="each rule's precision too (dev set only)"
    )
    args = parser.parse_args(argv)
    if args.rules and args.set != "dev":
        parser.error("--rules is for the dev set only: rules are never tuned on the test set")
    try:
        rows = load_set(args.set)
    except (OpedError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if rows is None:
        print(f"{args.set} set missing: {set_path(args.set)} does not exist yet")
        return 1
    print(report(args.set, rows, rules=args.rules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
