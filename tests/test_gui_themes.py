"""Every theme reads: text colours at 4.5:1 or better (WCAG AA) against what they are drawn
on, a theme switch leaves nothing of the last one behind, and large text or a small window
still leaves a letter column and a writing box to work in."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from oped_studio.checks.engine import Checker, request_for_text
from oped_studio.checks.issue import Issue
from oped_studio.core.paths import app_paths
from oped_studio.core.settings import Settings
from oped_studio.gui.app import apply_saved_appearance
from oped_studio.gui.colours import GROUPS, MIN_CONTRAST, TEXT_PAIRS, contrast, readable
from oped_studio.gui.kit_dialog import KitBuilderDialog
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.pages.review import ReviewPage
from oped_studio.gui.pages.section_editor import SectionEditor
from oped_studio.gui.text import CATEGORY_STYLE
from oped_studio.gui.theme import apply_appearance

pytestmark = pytest.mark.usefixtures("restore_look")

THEMES = ["light", "dark", "high-contrast"]
ROLE = QPalette.ColorRole
TEXT = "Your article left out the children. The goverment said nothing at all this week."


def low_pairs(palette: QPalette) -> list[str]:
    """The palette's text colours below 4.5:1 against their backgrounds, with their ratio."""
    low = []
    for group in GROUPS:
        for text, background in TEXT_PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, background))
            if ratio < MIN_CONTRAST:
                low.append(f"{group.name} {text.name} on {background.name}: {ratio:.2f}")
    return low


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_colour_of_every_theme_s_palette_reads(theme: str) -> None:
    app = QApplication.instance()
    apply_appearance(app, theme, 11)
    assert low_pairs(app.palette()) == []


def test_the_default_light_look_is_corrected_at_start_up() -> None:
    app = QApplication.instance()
    app.setPalette(QPalette(QColor("#308CC6")))  # a platform's palette with faint colours
    assert low_pairs(app.palette()), "the test starts from a palette that falls short"
    apply_saved_appearance(app, app_paths())  # default settings: the platform's look
    assert low_pairs(app.palette()) == []


def a_report(categories: list[str]):
    """A real report for TEXT, with one issue of each category on successive words."""
    request = request_for_text(TEXT)
    report = Checker(Settings()).run(request)
    words = [m.span() for m in re.finditer(r"\w+", TEXT)]
    issues = [
        Issue(start, end, category, "rule", f"{category} here", (), "test")
        for (start, end), category in zip(words, categories, strict=False)
    ]
    return request, replace(report, issues=issues)


def drawn_colours(page: ReviewPage) -> dict[str, list[tuple[QColor, QColor]]]:
    """(colour, background) of everything the page drew in an issue's colour."""
    drawn: dict[str, list[tuple[QColor, QColor]]] = {}
    list_base = page.issue_list.palette().color(ROLE.Base)
    # The letter's marks are extra selections (never the document's own formats): the one
    # that covers each issue's span is what the writer sees there.
    from PySide6.QtGui import QTextCharFormat

    marks = {}
    for mark in page.letter.extraSelections():
        span = (mark.cursor.selectionStart(), mark.cursor.selectionEnd())
        marks[span] = QTextCharFormat(mark.format)  # a copy: the selection is a temporary
    for row, issue in enumerate(page._issues):
        item = page.issue_list.item(row)
        pairs = drawn.setdefault(issue.category, [])
        pairs.append((item.foreground().color(), list_base))
        fmt = marks[(issue.start, issue.end)]
        background = (
            fmt.background().color()
            if fmt.background().style() != fmt.background().style().NoBrush
            else page.letter.palette().color(ROLE.Base)
        )
        text = (
            fmt.foreground().color()
            if fmt.hasProperty(fmt.Property.ForegroundBrush)
            else page.letter.palette().color(ROLE.Text)
        )
        pairs += [(fmt.underlineColor(), background), (text, background)]
    window = page.legend.palette().color(ROLE.Window)
    for colour in re.findall(r"color:(#[0-9a-fA-F]{6})", page.legend.text()):
        drawn.setdefault("legend", []).append((QColor(colour), window))
    return drawn


@pytest.mark.parametrize("theme", THEMES)
def test_issue_colours_and_the_copied_highlight_read_in_every_theme(qtbot, theme: str) -> None:
    apply_appearance(QApplication.instance(), theme, 11)
    page = ReviewPage()
    qtbot.addWidget(page)
    page.show()
    page.show_report(*a_report(list(CATEGORY_STYLE)))
    low = [
        f"{category}: {fore.name()} on {back.name()} = {contrast(fore, back):.2f}"
        for category, pairs in drawn_colours(page).items()
        for fore, back in pairs
        if contrast(fore, back) < MIN_CONTRAST
    ]
    assert low == []
    assert set(drawn_colours(page)) >= {*CATEGORY_STYLE, "legend"}


@pytest.mark.parametrize("theme", THEMES)
def test_the_write_step_s_underlines_read_in_every_theme(qtbot, theme: str) -> None:
    apply_appearance(QApplication.instance(), theme, 11)
    editor = SectionEditor("hook", "Hook", "What happened?", "")
    qtbot.addWidget(editor)
    editor.set_text(TEXT)
    spans = [m.span() for m in re.finditer(r"\w+", TEXT)]
    editor.set_issues([(s, e, c, "") for (s, e), c in zip(spans, CATEGORY_STYLE, strict=False)])
    base = editor.editor.palette().color(ROLE.Base)
    ratios = [contrast(s.format.underlineColor(), base) for s in editor.editor.extraSelections()]
    assert len(ratios) == len(CATEGORY_STYLE) and min(ratios) >= MIN_CONTRAST


@pytest.mark.parametrize("theme", THEMES)
def test_error_messages_read_in_every_theme(qtbot, theme: str) -> None:
    apply_appearance(QApplication.instance(), theme, 11)
    dialog = KitBuilderDialog([], [])
    qtbot.addWidget(dialog)
    palette = dialog.error_label.palette()
    assert contrast(palette.color(ROLE.WindowText), palette.color(ROLE.Window)) >= MIN_CONTRAST


def test_readable_moves_a_colour_only_as_far_as_it_must() -> None:
    white = QColor("#FFFFFF")
    assert readable(QColor("#0067A0"), white).name() == "#0067a0", "already readable"
    darker = readable(QColor("#E69F00"), white)
    assert MIN_CONTRAST <= contrast(darker, white) < MIN_CONTRAST + 0.6
    assert contrast(readable(QColor("#000000"), QColor("#17181A")), QColor("#17181A")) >= 4.5
    grey = QColor("#777777")
    assert contrast(readable(grey, grey), grey) >= MIN_CONTRAST, "even on itself"


# -- switching themes ---------------------------------------------------------------------------


def test_high_contrast_then_light_restores_the_step_list(qtbot, ready_window: MainWindow) -> None:
    app = QApplication.instance()
    steps = ready_window.step_list
    apply_appearance(app, "light", 11)
    light_base = steps.palette().color(ROLE.Base).name()
    light_highlight = steps.palette().color(ROLE.Highlight).name()
    apply_appearance(app, "high-contrast", 14)
    assert steps.palette().color(ROLE.Base).name() == "#000000", "the list follows at once"
    assert steps.palette().color(ROLE.Highlight).name() == "#ffff00"
    assert steps.font().pointSize() == 14
    apply_appearance(app, "light", 11)
    assert steps.palette().color(ROLE.Base).name() == light_base
    assert steps.palette().color(ROLE.Highlight).name() == light_highlight
    assert steps.font().pointSize() == 11


# -- large text, small window -------------------------------------------------------------------


def test_at_20_pt_the_review_step_keeps_a_readable_letter_column(
    qtbot, ready_window: MainWindow
) -> None:
    window = ready_window
    apply_appearance(QApplication.instance(), "light", 20)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.step_list.setCurrentRow(3)
    page = window.review_page
    page.show_report(*a_report(["spelling", "style", "grammar"]))
    qtbot.wait(50)  # the layout settles (no worker involved)
    letter = page.letter
    text_width = letter.viewport().width() - 2 * letter.document().documentMargin()
    characters = text_width / letter.fontMetrics().averageCharWidth()
    assert characters >= 45, f"{characters:.0f} characters a line"
    side = page.side
    for button in page._action_buttons():
        assert side.geometry().contains(button.geometry().translated(side.pos())) or (
            button.geometry().right() <= side.width()
        ), "the buttons fit beside it, one above the other if need be"


@pytest.mark.parametrize(("size", "kind"), [(11, "lte"), (11, "oped"), (14, "lte"), (14, "oped")])
def test_at_the_smallest_window_write_still_shows_a_writing_box(
    qtbot, ready_window: MainWindow, size: int, kind: str
) -> None:
    window = ready_window
    apply_appearance(QApplication.instance(), "light", size)
    if kind == "oped":  # the longest structure title
        window.start_page.oped_radio.click()
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    assert window.minimumSize().toTuple() == (720, 480)
    window.step_list.setCurrentRow(2)
    qtbot.wait(50)  # the layout settles
    page = window.write_page
    editor = page.editors[0].editor
    visible = editor.viewport().visibleRegion().boundingRect().height()
    assert visible >= 3 * editor.fontMetrics().lineSpacing(), f"{visible} px of writing box"
    assert page.minimumSizeHint().width() <= window.stack.width(), "nothing cut off at the right"


@pytest.mark.parametrize("theme", THEMES)
def test_the_date_fields_calendar_picture_reads_in_every_theme(qtbot, theme: str) -> None:
    """A control's picture needs 3:1 against its background (WCAG 1.4.11)."""
    from oped_studio.gui.date_field import ICON_GREY, DateField

    apply_appearance(QApplication.instance(), theme, 11)
    field = DateField()
    qtbot.addWidget(field)
    base = field.palette().color(ROLE.Base)
    assert contrast(QColor(ICON_GREY), base) >= 3.0
