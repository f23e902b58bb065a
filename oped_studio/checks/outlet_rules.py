"""The paper's own rules: contact details, how soon to answer, exclusivity, attachments.

These issues concern the letter or op-ed as a whole, so they carry an empty span at the start of the
text (``start == end == 0``) and the GUI lists them in the outlet checklist.
"""

from __future__ import annotations

from datetime import date

from oped_studio.checks.issue import Issue
from oped_studio.core.draft import Draft
from oped_studio.core.outlets import Outlet

SOURCE = "oped-studio"

_CONTACT_LABELS = {
    "name": "your full name",
    "address": "your street address",
    "city": "your city",
    "phone": "a phone number",
    "email": "an email address",
}


def _contact_value(draft: Draft, field: str) -> str:
    author = draft.author
    return {
        "name": author.name,
        "address": author.street,
        "city": author.city_state,
        "phone": author.phone,
        "email": author.email,
    }[field].strip()


def missing_contact(draft: Draft, outlet: Outlet) -> list[str]:
    """What the paper asks for that the draft's contact details lack, each as the paper would
    ask for it ("a phone number"), in the paper's order."""
    rules = outlet.rules_for(draft.kind)
    return [_CONTACT_LABELS[f] for f in rules.required_contact if not _contact_value(draft, f)]


def days_left(draft: Draft, outlet: Outlet, today: date | None = None) -> int | None:
    """Days left to send a letter answering the draft's article (negative when too late)."""
    return outlet.rules_for(draft.kind).days_left(draft.article.date, today)


def check_outlet_rules(draft: Draft, outlet: Outlet, today: date | None = None) -> list[Issue]:
    rules = outlet.rules_for(draft.kind)
    issues: list[Issue] = []
    oped = draft.kind == "oped"
    piece, pieces = ("op-ed", "op-eds") if oped else ("letter", "letters")

    def add(rule: str, message: str) -> None:
        issues.append(Issue(0, 0, "outlet", rule, message, (), SOURCE))

    if rules.is_empty():  # never "choose a paper": the paper is chosen, its rules unknown
        add(
            "rules-unknown",
            f"The directory does not say how {outlet.name} takes {pieces}: check its own "
            f"{'op-ed' if oped else 'letters'} page for the length it takes and how to send "
            "it.",
        )
        return issues

    for field in rules.required_contact:
        if not _contact_value(draft, field):
            add(
                f"missing-{field}",
                f"{outlet.name} asks for {_CONTACT_LABELS[field]}; add it on the Start page.",
            )
    if rules.required_contact and "email" in rules.required_contact:
        email = draft.author.email.strip()
        if email and ("@" not in email or " " in email):
            add("bad-email", f"“{email}” does not look like an email address.")
    left = days_left(draft, outlet, today)
    if left is not None:
        window = rules.days_after_article
        if left < 0:
            add(
                "too-late",
                f"{outlet.name} takes {pieces} about articles from the last {window} days; "
                f"this one ran {window - left} days ago. Answer a newer article, or send it "
                "elsewhere.",
            )
        else:
            add(
                "days-left",
                f"{left} day{'s' if left != 1 else ''} left to send it: {outlet.name} takes "
                f"{pieces} about articles from the last {window} days.",
            )
    if rules.exclusive:
        add(
            "exclusive",
            f"{outlet.name} prints only {pieces} sent to it alone: do not send this one to "
            "another paper at the same time.",
        )
    if rules.attachments is False:
        add(
            "paste-as-text",
            f"{outlet.name} does not open attachments: paste the {piece} into the body of "
            "your email (use “Copy as text”).",
        )
    where = rules.send_to
    ways = [
        f"by email to {where.email}" if where.email else "",
        f"on the paper's form at {where.web_form}" if where.web_form else "",
        f"by post to {where.postal_address}" if where.postal_address else "",
    ]
    if any(ways):
        add("send-to", f"Send it to {outlet.name} " + "; or ".join(w for w in ways if w) + ".")
    return issues
