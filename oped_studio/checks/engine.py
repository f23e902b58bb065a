"""One check engine for the GUI and the CLI: any text (or a draft) in, figures and issues out.

:class:`Checker` holds what is worth keeping between checks (the grammar engines, the pack's
word index) and is safe to call from a worker thread. :meth:`Checker.run` never raises for a
grammar engine that fails: LanguageTool falls back to Harper with a notice said once, and a
failing Harper leaves the other checks standing with a notice.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from oped_studio.checks.capitals import check_capitals
from oped_studio.checks.dictionary import PersonalDictionary
from oped_studio.checks.grammar_rules import check_grammar_rules
from oped_studio.checks.guard import long_words, masked, too_long_issues
from oped_studio.checks.harper_engine import HarperEngine
from oped_studio.checks.issue import Issue
from oped_studio.checks.languagetool_engine import LanguageToolEngine, LanguageToolUnavailable
from oped_studio.checks.length import Limit, SectionBudget, check_length, section_budgets
from oped_studio.checks.originality import Originality, PackIndex
from oped_studio.checks.outlet_rules import check_outlet_rules
from oped_studio.checks.readability import Readability, hard_sentences, measure
from oped_studio.checks.style import check_style
from oped_studio.core.attribution import fact_sentences, source_name
from oped_studio.core.counting import TextCounts, count_words, sentence_spans, text_counts
from oped_studio.core.draft import Draft, IgnoredIssue
from oped_studio.core.letter_text import SectionSpan, join_sections
from oped_studio.core.outlets import Outlet
from oped_studio.core.packs import Pack
from oped_studio.core.settings import Settings
from oped_studio.core.structures import Structure

log = logging.getLogger(__name__)

OUR_SOURCE = "oped-studio"
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")


def _words_of(texts: list[str]) -> set[str]:
    return {m.group().strip(".'’") for text in texts for m in _WORD_RE.finditer(text)}


@dataclass(frozen=True)
class CheckRequest:
    """What to check. Build one with :func:`request_for_text` or :func:`request_for_draft`."""

    text: str
    kind: str = "lte"
    outlet: Outlet | None = None
    pack: Pack | None = None
    draft: Draft | None = None
    structure: Structure | None = None
    sections: tuple[SectionSpan, ...] = ()
    #: Where the part that counts against the limit ends (before the signature).
    counted_end: int | None = None
    today: date | None = None

    def section_leads(self, section_texts: Mapping[str, str]) -> dict[str, int]:
        """The sections unchanged since this request, each with the spaces leading its text
        now (what the check stripped). Worked out once for a report's many issues."""
        leads: dict[str, int] = {}
        for span in self.sections:
            current = section_texts.get(span.id)
            if current is not None and current.strip() == self.text[span.start : span.end]:
                leads[span.id] = len(current) - len(current.lstrip())
        return leads

    def section_range(
        self,
        start: int,
        end: int,
        section_texts: Mapping[str, str],
        leads: Mapping[str, int] | None = None,
    ) -> tuple[str, int, int] | None:
        """Where ``text[start:end]`` lies in its section's text as the writer has it now.

        Returns the section id and the range in ``section_texts[id]`` (which may carry the
        spaces the check stripped), or None when the range crosses sections or the section
        has changed since this request was made (the caller should check again). ``leads``:
        :meth:`section_leads` of ``section_texts``, when asking for many ranges.
        """
        leads = self.section_leads(section_texts) if leads is None else leads
        for span in self.sections:
            if span.start <= start and end <= span.end:
                lead = leads.get(span.id)
                if lead is None:
                    return None
                return span.id, start - span.start + lead, end - span.start + lead
        return None


def request_for_text(
    text: str, *, kind: str = "lte", outlet: Outlet | None = None, pack: Pack | None = None
) -> CheckRequest:
    return CheckRequest(text=text, kind=kind, outlet=outlet, pack=pack)


def request_for_draft(
    draft: Draft, *, outlet: Outlet | None = None, pack: Pack | None = None
) -> CheckRequest:
    """The draft's sections as one text, in the structure's order, signature last
    (:func:`~oped_studio.core.letter_text.join_sections`)."""
    joined = join_sections(draft)
    return CheckRequest(
        text=joined.text,
        kind=draft.kind,
        outlet=outlet,
        pack=pack,
        draft=draft,
        structure=joined.structure,
        sections=joined.sections,
        counted_end=joined.counted_end,
    )


@dataclass
class CheckReport:
    counts: TextCounts
    limit: Limit
    readability: Readability
    originality: Originality | None
    sections: list[SectionBudget] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    grammar_engine: str = "harper"

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object (see ``oped-studio check --help``)."""
        return {
            # The words that count against a paper's limit (not the signature), as ``info``,
            # the window and the drafts library count them; the whole text's words follow.
            "words": self.limit.words,
            "words_with_signature": self.counts.words,
            "characters": self.counts.characters,
            "characters_no_spaces": self.counts.characters_no_spaces,
            "sentences": self.counts.sentences,
            "paragraphs": self.counts.paragraphs,
            "limit": {
                "outlet": self.limit.outlet or None,
                "max_words": self.limit.max_words,
                "max_characters": self.limit.max_characters,
                "counted_words": self.limit.words,
                "remaining": self.limit.remaining,
            },
            "readability": {
                "flesch_reading_ease": self.readability.flesch_reading_ease,
                "grade": self.readability.grade,
            },
            "originality": {
                "copied_percent": self.originality.copied_percent if self.originality else None
            },
            "sections": [
                {"id": s.section, "title": s.title, "words": s.words, "budget": s.budget}
                for s in self.sections
            ],
            "grammar_engine": self.grammar_engine,
            "notices": list(self.notices),
            "issues": [
                {
                    "start": i.start,
                    "end": i.end,
                    "category": i.category,
                    "rule": i.rule,
                    "message": i.message,
                    "replacements": list(i.replacements),
                    "source": i.source,
                }
                for i in self.issues
            ],
        }


class Checker:
    """Runs every check; keeps engines and indexes warm between runs."""

    def __init__(
        self,
        settings: Settings | None = None,
        dictionary: PersonalDictionary | None = None,
    ) -> None:
        self.settings = settings or Settings()
        #: The writer's own words (None: no personal dictionary, as in a batch of letters
        #: checked for a summary, or a test).
        self.dictionary = dictionary
        self._lock = threading.Lock()
        self._languagetool: LanguageToolEngine | None = None
        self._languagetool_key: tuple[str, str] | None = None
        self._languagetool_failure: str | None = None
        self._pack_cache: tuple[str, PackIndex, frozenset[str]] | None = None

    # -- engines ----------------------------------------------------------------------------

    def _grammar_engine(self, notices: list[str]):
        """The configured grammar engine, or Harper when LanguageTool is off or failed."""
        mode = self.settings.grammar_engine
        if mode == "harper":
            return HarperEngine.shared()
        key = (
            (mode, self.settings.languagetool_url)
            if mode == "languagetool-server"
            else (mode, self.settings.languagetool_folder)
        )
        if key != self._languagetool_key:
            self.close()
            self._languagetool_key = key
            self._languagetool_failure = None
            try:
                if mode == "languagetool-server":
                    self._languagetool = LanguageToolEngine(url=self.settings.languagetool_url)
                else:
                    self._languagetool = LanguageToolEngine(
                        folder=self.settings.languagetool_folder
                    )
            except ValueError:
                self._fail("LanguageTool is selected but no server or folder is set", notices)
        if self._languagetool_failure is not None or self._languagetool is None:
            return HarperEngine.shared()
        return self._languagetool

    def _fail(self, reason: str, notices: list[str]) -> None:
        if self._languagetool_failure is None:
            notices.append(
                f"LanguageTool is not available ({reason}); checked with the built-in "
                "offline checker instead."
            )
        self._languagetool_failure = reason
        if self._languagetool is not None:
            self._languagetool.close()
            self._languagetool = None

    def retry_languagetool(self) -> None:
        """Forget a LanguageTool failure, so the next run tries it again."""
        with self._lock:
            self._languagetool_key = None

    def close(self) -> None:
        if self._languagetool is not None:
            self._languagetool.close()
            self._languagetool = None

    def _pack_parts(self, pack: Pack) -> tuple[PackIndex, frozenset[str]]:
        """The pack's copy index and its words (never misspelled), built once per pack."""
        key = f"{pack.id}:{pack.version}:{id(pack)}"
        if self._pack_cache is None or self._pack_cache[0] != key:
            texts = pack.text_corpus() + [s.publisher + " " + s.title for s in pack.sources]
            self._pack_cache = (
                key,
                PackIndex(
                    pack.text_corpus(),
                    pack.title,
                    fact_sentences(pack),
                    names=[name for p in pack.points for name in p.who_can_act]
                    + [source_name(source) for source in pack.sources],
                ),
                frozenset(_words_of(texts)),
            )
        return self._pack_cache[1], self._pack_cache[2]

    # -- running ------------------------------------------------------------------------------

    def allowed_words(self, request: CheckRequest) -> set[str]:
        """Words never flagged as misspelled for this request."""
        words = set(self.dictionary.words()) if self.dictionary is not None else set()
        sources: list[str] = []
        if request.pack is not None:
            words |= self._pack_parts(request.pack)[1]
        draft = request.draft
        if draft is not None:
            sources += [draft.author.name, draft.author.city_state, draft.author.street]
            sources += [draft.article.headline, draft.article.outlet]
        if request.outlet is not None:
            sources += [request.outlet.name, request.outlet.city]
        words.update(_words_of(sources))
        return {w for w in words if w}

    def run(self, request: CheckRequest) -> CheckReport:
        with self._lock:
            return self._run(request)

    def _run(self, request: CheckRequest) -> CheckReport:
        text = request.text
        settings = self.settings
        ours = settings.disabled_for(OUR_SOURCE)
        notices: list[str] = []
        # Words too long to check are blanked for every check but the counts (checks/guard.py).
        too_long = long_words(text)
        safe = masked(text, too_long)
        sentences = sentence_spans(safe)
        counts = text_counts(text)
        limit, issues = check_length(
            text, request.kind, request.outlet, counted_end=request.counted_end
        )

        budgets: list[SectionBudget] = []
        if request.structure is not None:
            spans = {s.id: (s.start, s.end) for s in request.sections}
            words = {s.id: count_words(text[s.start : s.end]) for s in request.sections}
            budgets, budget_issues = section_budgets(
                request.structure, words, limit.max_words, spans
            )
            issues += budget_issues
        if request.draft is not None and request.outlet is not None:
            issues += check_outlet_rules(request.draft, request.outlet, request.today)

        engine = self._grammar_engine(notices)
        allowed = self.allowed_words(request)
        grammar: list[Issue] = []
        engine_name = "harper"
        if text.strip():
            if isinstance(engine, LanguageToolEngine):
                try:
                    grammar = engine.check(
                        text,
                        allowed_words=allowed,
                        disabled_rules=settings.disabled_for("languagetool"),
                    )
                    engine_name = "languagetool"
                except LanguageToolUnavailable as exc:
                    self._fail(str(exc), notices)
                    engine = HarperEngine.shared()
            if engine_name != "languagetool":
                try:
                    grammar = HarperEngine.shared().check(
                        text, allowed_words=allowed, disabled_rules=settings.disabled_for("harper")
                    )
                except Exception as exc:  # a broken native engine must not take the rest down
                    log.exception("Harper failed")
                    notices.append(f"Spelling and grammar could not be checked: {exc}")
        issues += grammar
        issues += too_long_issues(too_long)
        issues += check_grammar_rules(safe, ours)
        issues += check_capitals(safe, ours)
        issues += check_style(safe, sentences, ours)
        if "hard-sentence" not in ours:
            issues += hard_sentences(safe, sentences)
        readability = measure(safe, sentences)

        originality = None
        if request.pack is not None:
            originality = self._pack_parts(request.pack)[0].check(safe)
            if "copied-from-pack" not in ours:
                issues += originality.issues

        return CheckReport(
            counts=counts,
            limit=limit,
            readability=readability,
            originality=originality,
            sections=budgets,
            issues=_dedupe(issues, settings, text, request.draft),
            notices=notices,
            grammar_engine=engine_name,
        )


_LANGUAGE = frozenset({"spelling", "grammar", "word-choice", "punctuation", "capitalization"})


def _dedupe(
    issues: list[Issue], settings: Settings, text: str, draft: Draft | None = None
) -> list[Issue]:
    """Drop switched-off rules, and a second report of the same language error; then what the
    writer ignored in this letter (``draft.ignored_rules`` and ``draft.ignored_issues``).

    Issues of the spelling-and-grammar family that overlap one already kept are the same error
    found twice (Harper and our own rules both know "then"/"than"): the first, from the grammar
    engine, is kept. Any issue with exactly the span of a kept one is dropped too. An ignored
    issue is dropped after that, so the error it stood for is not reported again by another
    engine.
    """
    disabled = set(settings.disabled_rules)
    if draft is not None:
        disabled.update(draft.ignored_rules)
    kept: list[Issue] = []
    spans: set[tuple[int, int]] = set()
    # The kept language issues' spans never overlap, so sorted by start they are sorted by
    # end too: one binary search finds whether a new span overlaps any (not a scan of all,
    # which took minutes for a text of a million quotes).
    starts: list[int] = []
    ends: list[int] = []
    for issue in issues:
        if f"{issue.source}:{issue.rule}" in disabled:
            continue
        if issue.start != issue.end:
            if (issue.start, issue.end) in spans:
                continue
            if issue.category in _LANGUAGE:
                at = bisect.bisect_left(starts, issue.end)  # kept spans starting before its end
                if at and ends[at - 1] > issue.start:
                    continue
                starts.insert(at, issue.start)
                ends.insert(at, issue.end)
            spans.add((issue.start, issue.end))
        kept.append(issue)
    kept.sort(key=lambda i: (i.start, i.end))
    if draft is not None and draft.ignored_issues:
        ignored = set(draft.ignored_issues)
        kept = [
            i
            for i in kept
            if IgnoredIssue.of(i.source, i.rule, text[i.start : i.end]) not in ignored
        ]
    return kept
