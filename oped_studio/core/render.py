"""Rendering a draft into its letter, with Jinja2 templates in a sandbox.

The template ``templates/<kind>.letter.j2`` (``lte`` or ``oped``) decides the wording: it
writes the letter one part a line, as ``role: text`` (contact, date, recipient, re, title,
byline, body, signature, bio, disclosure, words). :func:`letter_blocks` parses that into
:class:`Block` objects; the writers (plain text here, Word in ``export/``) decide the layout.
A file of the same name in the user's ``templates/`` folder (in the data folder) overrides
the bundled one. Templates run
in Jinja2's ``SandboxedEnvironment`` with ``StrictUndefined``: a template that names a value
that does not exist fails loudly, and one that reaches for Python internals
(``''.__class__``, ``cycler.__init__.__globals__``) is refused. The context holds only plain
strings, lists and dicts, never the app's objects. ``docs/templates.md`` lists the context.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.cleaning import CleanReport, clean_text, one_line
from oped_studio.core.draft import KIND_NAMES, Draft
from oped_studio.core.errors import OpedError
from oped_studio.core.files import UnreadableFileError, read_text_file
from oped_studio.core.letter_text import counted_words
from oped_studio.core.outlets import Outlet
from oped_studio.core.paths import bundled_dir
from oped_studio.core.structures import structure_for
from oped_studio.core.template_limits import (
    MAX_VALUE,
    amplified_size,
    formatted_size,
    printed_size,
)


class TemplateError(OpedError):
    """A template that cannot be used: the message names the file and the line."""


ROLES = (
    "contact",
    "date",
    "recipient",
    "re",
    "title",
    "byline",
    "body",
    "signature",
    "bio",
    "disclosure",
    "words",
)
_LINE_BREAK = "\u2028"  # how the ``oneline`` filter carries a line break through the template


@dataclass(frozen=True)
class Block:
    """One part of a letter: its role (see :data:`ROLES`) and its text."""

    role: str
    text: str


def long_date(value: date) -> str:
    """``June 20, 2018``: the way American papers write dates."""
    return f"{value:%B} {value.day}, {value.year}"


def template_context(
    draft: Draft, outlet: Outlet | None = None, today: date | None = None
) -> dict[str, Any]:
    """The values a template sees: plain data only, none holding a line break.

    A template writes one part of the letter a line, so a value with a line break could
    add a part (a fake "Re:" line, a paragraph) whatever the template says. One-line values
    (names, places, the title, the headline, the contact details) are folded into one line
    (:func:`one_line`); texts that may have several lines (sections, the sign-off, the
    disclosure) carry their breaks as U+2028, which :func:`letter_blocks` turns back into
    breaks inside their part. The data never decides where a part starts.
    """
    structure = structure_for(draft.structure_id, draft.kind)
    known = {section.id for section in structure.sections}

    def lines(text: str) -> str:
        return text.strip().replace("\n", _LINE_BREAK)

    sections = [
        {
            "id": section.id,
            "title": one_line(section.title),
            "role": section.role,
            "text": lines(draft.sections.get(section.id, "")),
        }
        for section in structure.sections
    ]
    # Text in sections the structure does not have is never dropped: it follows the body.
    sections += [
        {"id": one_line(key), "title": one_line(key), "role": "body", "text": lines(text)}
        for key, text in draft.sections.items()
        if key not in known and text.strip()
    ]
    body = [s["text"] for s in sections if s["role"] == "body" and s["text"]]
    signoff = _LINE_BREAK.join(s["text"] for s in sections if s["role"] == "signoff" and s["text"])
    article = draft.article
    author = {key: one_line(value) for key, value in vars(draft.author).items()}
    contact_lines = [
        author[key] for key in ("name", "street", "city_state", "phone", "email") if author[key]
    ]
    today = today or date.today()
    return {
        "today": today.isoformat(),
        "today_long": long_date(today),
        "words": counted_words(draft),
        "contact_lines": contact_lines,
        "kind": draft.kind,
        "kind_name": KIND_NAMES[draft.kind],
        "title": one_line(draft.title),
        "display_title": one_line(draft.display_title()),
        "sections": sections,
        "body": body,
        "signoff": signoff,
        "article": {
            "headline": one_line(article.headline),
            "outlet": one_line(article.outlet),
            "date": article.date.isoformat() if article.date else "",
            "date_long": long_date(article.date) if article.date else "",
            "url": one_line(article.url),
        },
        "author": author,
        "disclosure": lines(draft.disclosure),
        "outlet": (
            {
                "id": outlet.id,
                "name": one_line(outlet.name),
                "city": one_line(outlet.city),
                "state": one_line(outlet.state),
                "place": one_line(outlet.place()),
                "email": one_line(outlet.rules_for(draft.kind).send_to.email),
            }
            if outlet is not None
            else None
        ),
    }


def _environment(templates: Path | None):
    return _environment_for(str(templates) if templates is not None else "")


#: How long a template may run, and how large a value it may build by repetition: a user's
#: template that loops for ever, or asks for "x" * 10**9, is stopped with a clear error.
TIME_LIMIT = 2.0
MAX_REPEAT = 1_000_000
_BIG_WIDTH_RE = re.compile(r"\d{7,}")  # a width or precision of a million or more


class TemplateTimeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop template code that runs longer than ``seconds`` (on this thread only).

    Jinja compiles a template to Python code whose file name is the template's; a trace
    function follows only those frames and raises once the time is up, so a loop in a
    template cannot run for ever. Other code runs untraced.
    """
    deadline = time.monotonic() + seconds

    def local(frame, event, arg):
        if time.monotonic() > deadline:
            raise TemplateTimeout(f"the template ran for more than {seconds:g} seconds")
        return local

    def global_trace(frame, event, arg):
        name = frame.f_code.co_filename
        return local if name.endswith(".j2") or name == "<template>" else None

    previous = sys.gettrace()
    sys.settrace(global_trace)
    try:
        yield
    finally:
        sys.settrace(previous)


def _refuse(what: str):
    from jinja2.exceptions import SecurityError

    return SecurityError(f"{what} is not allowed in a template")


def _check_arguments(args: tuple, kwargs: dict) -> None:
    """Refuse a number or a format that asks for a value far larger than a letter.

    Checked before the call, because the call itself (``'x'.center(10**9)``) runs in C, where
    neither the time limit nor a check of its result can stop it.
    """
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_REPEAT:
            raise _refuse(f"the number {value:.3g}")
        formats = isinstance(value, str) and ("%" in value or "{" in value)
        if formats and _BIG_WIDTH_RE.search(value):
            raise _refuse("a width this large")
        if printed_size(value) > MAX_VALUE:  # [big, big, big] written out in the template
            raise _refuse("a value this large")


def _check_result(value: Any) -> Any:
    if isinstance(value, str | list | tuple) and len(value) > MAX_VALUE:
        raise _refuse(f"a value of {len(value):,} characters or items")
    return value


def _estimate(name: str, target: Any, args: tuple) -> int:
    """The size a replace or join would make, from its arguments (0 when not one of them)."""
    if name == "replace" and isinstance(target, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = target.count(old) if old else len(target) + 1
        return len(target) + count * max(0, len(new) - len(old))
    if name == "join" and isinstance(target, str) and args and isinstance(args[0], list | tuple):
        return len(target) * len(args[0]) + sum(len(str(item)) for item in args[0])
    return 0


def _guarded_filter(name: str, func):
    """``func`` (a Jinja filter) refusing values far larger than a letter (see above)."""

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        _check_arguments(args, kwargs)
        if name == "join" and args:
            # join(value, d=''): the first argument that is the list (after any context)
            items = next((a for a in args if isinstance(a, list | tuple | range)), None)
            separator = str(kwargs.get("d", args[-1] if isinstance(args[-1], str) else ""))
            if items is not None and _estimate("join", separator, (list(items),)) > MAX_VALUE:
                raise _refuse("a value this large")
        replaces = name == "replace" and len(args) >= 3 and isinstance(args[-3], str)
        if replaces and _estimate("replace", args[-3], args[-2:]) > MAX_VALUE:
            raise _refuse("a value this large")
        if amplified_size(name, args, kwargs) > MAX_VALUE:  # indent, wordwrap, format
            raise _refuse("a value this large")
        return _check_result(func(*args, **kwargs))

    return guarded


@functools.lru_cache(maxsize=1)
def _sandbox_class():
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class LetterSandbox(SandboxedEnvironment):
        """The sandbox, also refusing values far larger than a letter (memory bombs): huge
        repetitions and powers, widths, replaces and joins, whether by a filter, a method
        (``'x'.center(n)``) or an operator (``'%9999999s' % x``)."""

        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("a power this large is not allowed in a template")
            if operator == "*":
                for sequence, times in ((left, right), (right, left)):
                    repeats = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                    if repeats and len(sequence) * times > MAX_REPEAT:
                        raise SecurityError("a repetition this large is not allowed")
                    listed = repeats and not isinstance(sequence, str)
                    if listed and printed_size(sequence) * times > MAX_VALUE:  # [big] * n
                        raise SecurityError("a repetition this large is not allowed")
            sequences = all(isinstance(side, str | list | tuple) for side in (left, right))
            if operator == "+" and sequences and self.concat_size((left, right)) > MAX_VALUE:
                raise SecurityError("a value this large is not allowed")
            if operator == "%" and isinstance(left, str):
                _check_arguments((left,), {})
                if "*" in left:  # a width given as an argument: "%*s" % (n, x)
                    _check_arguments(right if isinstance(right, tuple) else (right,), {})
                values = right if isinstance(right, tuple) else (right,)
                if formatted_size(left, values) > MAX_VALUE:  # '%s%s%s' % (big, big, big)
                    raise SecurityError("a value this large is not allowed")
            return _check_result(super().call_binop(context, operator, left, right))

        @staticmethod
        def concat_size(parts) -> int:
            return sum(printed_size(part) for part in parts)

        def checked_concat(self, parts) -> str:
            """``a ~ b``: the code generator below sends every ``~`` here."""
            if self.concat_size(parts) > MAX_VALUE:
                raise SecurityError("a value this large is not allowed")
            return "".join(str(part) for part in parts)

        def call(__self, __context, __obj, *args, **kwargs):
            _check_arguments(args, kwargs)
            target = getattr(__obj, "__self__", None)
            name = getattr(__obj, "__name__", "")
            if name == "join" and args and not isinstance(args[0], list | tuple):
                args = (list(args[0]), *args[1:])  # a generator would be consumed by counting
            if _estimate(name, target, args) > MAX_VALUE:
                raise SecurityError("a value this large is not allowed in a template")
            if (
                isinstance(target, str)
                and amplified_size(name, (target, *args), kwargs) > MAX_VALUE
            ):
                raise SecurityError("a value this large is not allowed in a template")
            return _check_result(super().call(__context, __obj, *args, **kwargs))

        def wrap_str_format(self, value):
            """``'{:>999999999}'.format``: the format itself is checked as it is reached."""
            form = getattr(value, "__self__", None)
            if isinstance(form, str):
                _check_arguments((form,), {})
            wrapped = super().wrap_str_format(value)
            if wrapped is None or not isinstance(form, str):
                return wrapped

            def checked(*args, **kwargs):  # '{0}{0}{0}'.format(big): each field repeats it
                values = (*args, *kwargs.values())
                if formatted_size(form, values) > MAX_VALUE:
                    raise SecurityError("a value this large is not allowed")
                return wrapped(*args, **kwargs)

            return checked

    from jinja2.compiler import CodeGenerator

    class LetterCodeGenerator(CodeGenerator):
        """Jinja's compiler, sending every ``~`` to :meth:`LetterSandbox.checked_concat` (Jinja
        joins them in its own code, where no sandbox hook sees them)."""

        def visit_Concat(self, node, frame) -> None:
            self.write("environment.checked_concat((")
            for part in node.nodes:
                self.visit(part, frame)
                self.write(", ")
            self.write("))")

    LetterSandbox.code_generator_class = LetterCodeGenerator
    return LetterSandbox


def _printable(value: Any) -> Any:
    """What ``{{ value }}`` prints, refused when it would print far more than a letter
    (``{{ [big, big, big] }}`` would print every copy)."""
    if printed_size(value) > MAX_VALUE:
        raise _refuse("printing a value this large")
    return value


#: A letter template is a page of text; anything larger is not one.
MAX_TEMPLATE_BYTES = 256 * 1024


@functools.lru_cache(maxsize=1)
def _loader_class():
    import os
    import posixpath

    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class SafeFileLoader(FileSystemLoader):
        """Jinja's folder loader, reading through :func:`files.read_text_file`: a template
        that is a pipe, a device, a folder or a huge file is refused with a clear error, not
        read (a pipe would hang) or skipped in silence."""

        def get_source(self, environment, template):
            pieces = split_template_path(template)
            for searchpath in self.searchpath:
                filename = posixpath.join(searchpath, *pieces)
                if os.path.lexists(filename):
                    break
            else:
                raise TemplateNotFound(template)
            contents = read_text_file(filename, max_bytes=MAX_TEMPLATE_BYTES, what="template")
            mtime = os.stat(filename).st_mtime

            def uptodate() -> bool:
                try:
                    return os.stat(filename).st_mtime == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate

    return SafeFileLoader


@functools.lru_cache(maxsize=4)
def _environment_for(user_dir: str):
    """One sandboxed environment per user templates folder ("": the bundled templates only),
    kept: Jinja caches compiled templates in it, and ``auto_reload`` still picks up a template
    edited meanwhile."""
    # Imported here: jinja2 is not needed to start the app.
    from jinja2 import ChoiceLoader, StrictUndefined

    folder_loader = _loader_class()
    bundled = folder_loader(str(bundled_dir("templates")))
    loader = ChoiceLoader([folder_loader(user_dir), bundled] if user_dir else [bundled])
    env = _sandbox_class()(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        auto_reload=True,
        # No folding of constant expressions while compiling: that runs filters and operators
        # outside every guard ({{ 'x'|center(900000000) }} took 900 MB before rendering).
        optimized=False,
        finalize=_printable,
    )
    env.filters["oneline"] = lambda value: str(value).replace("\n", _LINE_BREAK)
    env.filters = {name: _guarded_filter(name, func) for name, func in env.filters.items()}
    # lipsum runs Python loops that the time limit does not follow (lipsum(100000): 24 s).
    env.globals.pop("lipsum", None)
    return env


def _template_line(exc: BaseException) -> tuple[str, int | None]:
    """The template file and line an error happened at (from Jinja's rewritten traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return "", None


def _render_limited(template, context: dict[str, Any], where: str) -> str:
    """``template.render(context)``, stopped once it has written more than MAX_VALUE
    characters (a loop printing a large value again and again)."""
    parts, size = [], 0
    for part in template.generate(context):
        size += len(part)
        if size > MAX_VALUE:
            raise TemplateError(
                f"{where}: stopped: the template wrote more than {MAX_VALUE:,} characters, far "
                "more than any letter (a loop that prints too much?); simplify it."
            )
        parts.append(part)
    return "".join(parts)


def render_with(
    template_name: str, context: dict[str, Any], *, templates: Path | None = None
) -> str:
    """Render the template ``template_name`` with ``context``; raises :class:`TemplateError`.

    A file of that name in ``templates`` (the writer's own folder, ``AppPaths.templates``)
    replaces the bundled one.
    """
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    env = _environment(templates)
    try:
        template = env.get_template(template_name)
    except TemplateNotFound:
        raise TemplateError(f"There is no template named {template_name}.") from None
    except TemplateSyntaxError as exc:
        where = exc.filename or template_name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except UnreadableFileError as exc:  # a pipe, a device, a huge file, not UTF-8
        raise TemplateError(f"{exc}.") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{template_name}: the template is not UTF-8 text.") from None
    except (MemoryError, RecursionError):
        raise TemplateError(
            f"{template_name}: the template is too large or nested too deeply to read; simplify it."
        ) from None
    where = template.filename or template_name
    try:
        with _time_limit(TIME_LIMIT):
            text = _render_limited(template, context, where)
    except TemplateTimeout as exc:
        file, line = _template_line(exc)
        raise TemplateError(
            f"{file or where}:{line or '?'}: stopped: {exc} (a loop that does not end?)"
        ) from None
    except SecurityError as exc:
        file, line = _template_line(exc)
        raise TemplateError(
            f"{file or where}:{line or '?'}: refused: the template tried to reach something "
            f"it may not use ({exc}). Templates may only use the letter's own values."
        ) from None
    except UndefinedError as exc:
        file, line = _template_line(exc)
        raise TemplateError(f"{file or where}:{line or '?'}: {exc.message}") from None
    except TemplateNotFound as exc:  # an include or import of something else
        file, line = _template_line(exc)
        raise TemplateError(
            f"{file or where}:{line or '?'}: templates may only include other templates in "
            f"the same folder: {exc.name!r} is not one. Name a template in your templates "
            "folder (like 'lte.letter.j2'), without a path."
        ) from None
    except (MemoryError, RecursionError) as exc:
        file, line = _template_line(exc)
        what = "too much memory" if isinstance(exc, MemoryError) else "nesting too deep"
        raise TemplateError(
            f"{file or where}:{line or '?'}: stopped: the template asked for {what}; simplify it."
        ) from None
    except (
        JinjaError,
        TypeError,
        ValueError,
        ArithmeticError,
    ) as exc:
        file, line = _template_line(exc)
        raise TemplateError(f"{file or where}:{line or '?'}: {exc}") from None
    return text.strip() + "\n"


def _cleaned(draft: Draft, report: CleanReport) -> Draft:
    """A copy of ``draft`` with every text cleaned of what a document cannot hold."""
    clean = copy.deepcopy(draft)
    clean.title = clean_text(clean.title, report)
    clean.disclosure = clean_text(clean.disclosure, report)
    clean.sections = {k: clean_text(v, report) for k, v in clean.sections.items()}
    for part in (clean.author, clean.article):
        for name, value in vars(part).items():
            if isinstance(value, str):
                setattr(part, name, clean_text(value, report))
    return clean


_BLOCK_RE = re.compile(r"^([a-z]+): ?(.*)$")


def letter_blocks(
    draft: Draft,
    outlet: Outlet | None = None,
    *,
    today: date | None = None,
    report: CleanReport | None = None,
    templates: Path | None = None,
) -> list[Block]:
    """The letter's parts, worded by ``<kind>.letter.j2`` (the writer's own, in
    ``templates``, if there is one); raises :class:`TemplateError`."""
    report = report if report is not None else CleanReport()
    name = f"{draft.kind}.letter.j2"
    context = template_context(_cleaned(draft, report), outlet, today)
    rendered = render_with(name, context, templates=templates)
    blocks: list[Block] = []
    # Split on \n only: str.splitlines() would also split on U+2028 (how ``oneline`` carries
    # a line break) and on other Unicode breaks that pasted text may hold.
    for number, line in enumerate(rendered.split("\n"), start=1):
        if not line.strip():
            continue
        match = _BLOCK_RE.match(line)
        if match is None or match.group(1) not in ROLES:
            raise TemplateError(
                f"{name}: output line {number} must start with one of "
                f"{', '.join(ROLES)} and a colon, not {line[:40]!r}"
            )
        text = match.group(2).replace(_LINE_BREAK, "\n").strip()
        if text:
            blocks.append(Block(match.group(1), text))
    return blocks


def blocks_to_text(blocks: list[Block]) -> str:
    """The plain-text layout, for an email body or a web form (papers that refuse attachments).

    The piece first (its "Re:" line or title, the body, the signature), then the contact
    details at the end, as papers ask; paragraphs separated by a blank line, no line wrapping.
    The date, the recipient and the word count belong to the Word letter only.
    """
    head_roles = ("re", "title", "byline")
    piece_roles = ("body", "signature", "bio", "disclosure")
    head = [b.text for b in blocks if b.role in head_roles]
    piece = [b.text for b in blocks if b.role in piece_roles]
    contact = "\n".join(b.text for b in blocks if b.role == "contact")
    parts = head + piece + ([contact] if contact else [])
    return "\n\n".join(parts) + "\n"


def render_text(
    draft: Draft,
    outlet: Outlet | None = None,
    *,
    today: date | None = None,
    report: CleanReport | None = None,
    templates: Path | None = None,
) -> str:
    """The letter or op-ed as plain text (see :func:`blocks_to_text`), in the writer's own
    templates (``templates``) where there are any."""
    blocks = letter_blocks(draft, outlet, today=today, report=report, templates=templates)
    return blocks_to_text(blocks)
