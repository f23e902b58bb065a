"""The checks: length, readability, spelling, grammar, style, originality and outlet rules.

Every engine is a small adapter that turns text into :class:`~oped_studio.checks.issue.Issue`
objects, so the GUI, the CLI and the tests handle one type whatever found the problem.
"""
