"""Rendering a draft into the text of its letter, with Jinja2 templates in a sandbox.

The templates are ``templates/<kind>.txt.j2`` (``lte`` or ``oped``); a file of the same name in
the user's ``templates/`` folder (in the data folder) overrides the bundled one. Templates run
in Jinja2's ``SandboxedEnvironment`` with ``StrictUndefined``: a template that names a value
that does not exist fails loudly, and one that reaches for Python internals
(``''.__class__``, ``cycler.__init__.__globals__``) is refused. The context holds only plain
strings, lists and dicts, never the app's objects. ``docs/templates.md`` lists the context.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from oped_studio.core.draft import KIND_NAMES, Draft
from oped_studio.core.errors import OpedError
from oped_studio.core.outlets import Outlet
from oped_studio.core.paths import app_paths, bundled_dir
from oped_studio.core.structures import structure_for


class TemplateError(OpedError):
    """A template that cannot be used: the message names the file and the line."""


def user_templates_dir() -> Path:
    return app_paths().root / "templates"


def template_context(draft: Draft, outlet: Outlet | None = None) -> dict[str, Any]:
    """The values a template sees: plain data only."""
    structure = structure_for(draft.structure_id, draft.kind)
    known = {section.id for section in structure.sections}
    sections = [
        {
            "id": section.id,
            "title": section.title,
            "role": section.role,
            "text": draft.sections.get(section.id, "").strip(),
        }
        for section in structure.sections
    ]
    # Text in sections the structure does not have is never dropped: it follows the body.
    sections += [
        {"id": key, "title": key, "role": "body", "text": text.strip()}
        for key, text in draft.sections.items()
        if key not in known and text.strip()
    ]
    body = [s["text"] for s in sections if s["role"] == "body" and s["text"]]
    signoff = "\n".join(s["text"] for s in sections if s["role"] == "signoff" and s["text"])
    article = draft.article
    return {
        "kind": draft.kind,
        "kind_name": KIND_NAMES[draft.kind],
        "title": draft.title.strip(),
        "display_title": draft.display_title(),
        "sections": sections,
        "body": body,
        "signoff": signoff,
        "article": {
            "headline": article.headline,
            "outlet": article.outlet,
            "date": article.date.isoformat() if article.date else "",
            "url": article.url,
        },
        "author": {
            "name": draft.author.name,
            "street": draft.author.street,
            "city_state": draft.author.city_state,
            "phone": draft.author.phone,
            "email": draft.author.email,
        },
        "disclosure": draft.disclosure.strip(),
        "outlet": (
            {"id": outlet.id, "name": outlet.name, "city": outlet.city, "state": outlet.state}
            if outlet is not None
            else None
        ),
    }


def _environment():
    # Imported here: jinja2 is not needed to start the app.
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loader = ChoiceLoader(
        [
            FileSystemLoader(str(user_templates_dir()), encoding="utf-8"),
            FileSystemLoader(str(bundled_dir("templates")), encoding="utf-8"),
        ]
    )
    return SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        auto_reload=False,
    )


def _template_line(exc: BaseException) -> tuple[str, int | None]:
    """The template file and line an error happened at (from Jinja's rewritten traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return "", None


def render_with(template_name: str, context: dict[str, Any]) -> str:
    """Render the template ``template_name`` with ``context``; raises :class:`TemplateError`."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    env = _environment()
    try:
        template = env.get_template(template_name)
    except TemplateNotFound:
        raise TemplateError(f"There is no template named {template_name}.") from None
    except TemplateSyntaxError as exc:
        where = exc.filename or template_name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{template_name}: the template is not UTF-8 text.") from None
    where = template.filename or template_name
    try:
        text = template.render(context)
    except SecurityError as exc:
        file, line = _template_line(exc)
        raise TemplateError(
            f"{file or where}:{line or '?'}: refused: the template tried to reach something "
            f"it may not use ({exc}). Templates may only use the letter's own values."
        ) from None
    except UndefinedError as exc:
        file, line = _template_line(exc)
        raise TemplateError(f"{file or where}:{line or '?'}: {exc.message}") from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, OverflowError) as exc:
        file, line = _template_line(exc)
        raise TemplateError(f"{file or where}:{line or '?'}: {exc}") from None
    return text.strip() + "\n"


def render_text(draft: Draft, outlet: Outlet | None = None) -> str:
    """The letter or op-ed as plain text, through ``<kind>.txt.j2``."""
    return render_with(f"{draft.kind}.txt.j2", template_context(draft, outlet))
