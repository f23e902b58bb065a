"""The workshop: what a letter-writing event does with many drafts at once.

Handing a participant's letter in, the facilitator's view of everyone's progress, collecting
an event's letters with a summary and a similarity report, and the tables' handouts. Plain
Python, no Qt: it stands on :mod:`oped_studio.core`, :mod:`oped_studio.checks` and
:mod:`oped_studio.export`, and the GUI and the CLI call it.
"""
