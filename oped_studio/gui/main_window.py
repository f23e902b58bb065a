"""The main window: the step list, the steps' pages (built on first use), and one ``_wire``
block that connects the window's components.

The work is done by components, each with one job, that never see the window:

* :class:`~oped_studio.gui.main_menu.MainMenu`: the menu bar, as request signals;
* :class:`~oped_studio.gui.draft_session.DraftSession`: the open draft, its file, saving,
  conflicts, autosave and recovery;
* :class:`~oped_studio.gui.papers.PaperList`: the directory of papers, read in the background;
* :class:`~oped_studio.gui.check_controller.CheckController`: checks off the UI thread;
* :class:`~oped_studio.gui.export_actions.ExportActions`: export, copy, print, "I sent it";
* :class:`~oped_studio.gui.event_controller.EventController`: kits and event mode.

The pages only show a draft, write the writer's edits back into it (``show_draft`` /
``apply_to``) and say when it changed; every question goes through ``Dialogs``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oped_studio import APP_NAME, __version__
from oped_studio.core.draft import DEFAULT_STRUCTURE, Draft
from oped_studio.core.paths import AppPaths
from oped_studio.core.recent import RecentFiles
from oped_studio.gui.check_controller import CheckController
from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.draft_session import DraftSession
from oped_studio.gui.event_controller import EventController
from oped_studio.gui.export_actions import ExportActions
from oped_studio.gui.main_menu import MainMenu
from oped_studio.gui.pages.start import StartPage
from oped_studio.gui.papers import PaperList
from oped_studio.gui.step_bar import StepBar
from oped_studio.gui.text import word_count_text

if TYPE_CHECKING:  # imported where used: only the Start step is start-up work
    from PySide6.QtGui import QCloseEvent

    from oped_studio.checks.engine import CheckRequest
    from oped_studio.core.event import EventFolder
    from oped_studio.core.kits import Kit
    from oped_studio.core.outlets import Outlet
    from oped_studio.core.packs import Pack
    from oped_studio.gui.event_pages import EventWelcome
    from oped_studio.gui.event_screens import EventScreens
    from oped_studio.gui.pages.export import ExportPage
    from oped_studio.gui.pages.points import TalkingPointsPage
    from oped_studio.gui.pages.review import ReviewPage
    from oped_studio.gui.pages.write import WritePage

log = logging.getLogger(__name__)

#: How long after start-up the grammar engine starts loading in the background.
WARM_UP_DELAY_MS = 1500
#: Above this many characters (far beyond any paper's limit: a paste gone wrong, say) the
#: Write step stops checking as the writer types; the Review step still checks on request.
LIVE_CHECK_MAX = 50_000
#: How long after the last change the Write step's preview is redrawn.
PREVIEW_DELAY_MS = 250

#: The steps, in order. Pages other than Start are built on first use.
STEP_KEYS = ("start", "points", "write", "review", "export")
#: The pages that hold the writer's edits (the others only show the draft).
EDITING_KEYS = ("start", "points", "write")


class MainWindow(QMainWindow):
    """OpEd Studio's window: a step list on the left, the current step's page on the right."""

    def __init__(
        self,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        kit: Kit | None = None,
        event: EventFolder | None = None,
        warm_up: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.resize(1120, 720)
        self.setMinimumSize(720, 480)
        #: Start the grammar engine in the background once the window has settled (tests
        #: that check start it themselves).
        self._warm_up = warm_up
        self._recent = RecentFiles(paths.recent_file)
        self.session = DraftSession(paths, self._recent, self, collect=self._collect_into)
        self.papers = PaperList(paths, self)
        self.events = EventController(self.session, self.papers, self._chosen_pack, self, kit=kit)
        #: In event mode: the welcome screen in front of the steps (built when first needed).
        self.modes: EventScreens | None = None
        self.welcome: EventWelcome | None = None
        self._forced_close = False
        self.checks = CheckController(self.session, self._check_request, self._check_settings, self)
        self.exports = ExportActions(self.session, self.papers, self)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)

        self.start_page = StartPage()
        self._pages: dict[str, QWidget] = {"start": self.start_page}
        self._step_titles = [
            self.tr("Start"),
            self.tr("Talking points"),
            self.tr("Write"),
            self.tr("Review"),
            self.tr("Export"),
        ]
        self._build_layout()
        self.menu = MainMenu(self._step_titles, self._recent.load, parent=self)
        self.setMenuBar(self.menu)
        self._wire()
        self._show_draft()
        self._on_session_state()
        self.step_list.setCurrentRow(0)
        if event is not None and kit is not None:
            self.enter_event(kit, event)
        self.papers.load_soon()

    def _build_layout(self) -> None:
        self.step_list = QListWidget()
        self.step_list.setAccessibleName(self.tr("Steps"))
        self.step_list.setMinimumWidth(160)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Current step"))
        for row, key in enumerate(STEP_KEYS):
            self.step_list.addItem(f"{row + 1}. {self._step_titles[row]}")
            # Until first visited, a step is an empty placeholder (see _page).
            self.stack.addWidget(self._pages.get(key) or QWidget())
        self.step_list.setStyleSheet("QListWidget::item { padding: 8px 10px; }")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.step_list, 1)
        self.done_button = QPushButton(self.tr("I'm &done"))
        self.done_button.setAccessibleName(self.tr("I'm done: hand in what I wrote"))
        self.done_button.setMinimumHeight(40)
        self.done_button.setVisible(False)
        side_layout.addWidget(self.done_button)
        side.setMaximumWidth(240)
        splitter = QSplitter()  # horizontal
        splitter.addWidget(side)
        self.step_bar = StepBar(self._step_titles)  # Back and Next, under every step
        splitter.addWidget(self.step_bar.beneath(self.stack))
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 920])
        self.setCentralWidget(splitter)

        self.words_label = QLabel()
        self.words_label.setAccessibleName(self.tr("Word count"))
        self.statusBar().addPermanentWidget(self.words_label)

    def _wire(self) -> None:
        """Every connection between the window's parts, in one place."""
        menu, session, events = self.menu, self.session, self.events
        menu.new_requested.connect(self._on_new)
        menu.open_requested.connect(session.ask_and_open)
        menu.open_path_requested.connect(session.open_recent)
        self.start_page.continue_bar.open_requested.connect(session.open_recent)
        menu.clear_recent_requested.connect(session.clear_recent)
        menu.save_requested.connect(session.save)
        menu.save_as_requested.connect(session.save_as)
        menu.quit_requested.connect(self.close)  # closeEvent asks for the PIN at an event
        menu.library_requested.connect(self._on_library)
        menu.open_kit_requested.connect(events.open_kit)
        menu.build_kit_requested.connect(events.build_kit)
        menu.handouts_requested.connect(events.write_handouts)
        menu.facilitator_requested.connect(events.show_facilitator)
        menu.run_event_requested.connect(events.run_event)
        menu.leave_event_requested.connect(events.leave)
        menu.settings_requested.connect(self._on_settings)
        menu.about_requested.connect(self._on_about)
        menu.step_requested.connect(self.step_list.setCurrentRow)

        self.step_list.currentRowChanged.connect(self._on_step_changed)
        self.step_list.currentRowChanged.connect(self.step_bar.show_step)
        self.step_bar.step_requested.connect(self.step_list.setCurrentRow)
        self.step_bar.export_requested.connect(self.exports.export)
        self.step_list.clicked.connect(self._focus_step)
        self.start_page.changed.connect(self._on_page_changed)
        self.start_page.kind_changed.connect(self._on_kind_changed)
        self.start_page.add_outlet_requested.connect(self._on_add_outlet)

        session.draft_replaced.connect(self._show_draft)
        session.draft_replaced.connect(self.step_bar.follow_page)  # after the pages rebuilt
        session.state_changed.connect(self._on_session_state)
        self.papers.changed.connect(self._on_papers_changed)
        self.papers.loaded.connect(self._on_settled)
        self.checks.live_check_due.connect(self._on_live_check)
        self._preview_timer.timeout.connect(self._refresh_preview)

        events.checks = self.checks  # "I'm done" checks what is still open
        events.participant_started.connect(self._show_first_step)
        events.busy.connect(self.done_button.setDisabled)  # "I'm done" waits meanwhile
        events.kit_opened.connect(self._on_kit_opened)
        events.mode_changed.connect(self._on_event_mode)
        self.done_button.clicked.connect(events.hand_in)
        self.exports.recorded.connect(self._refresh_export_page)  # only from the Export step
        for component in (session, self.papers, self.exports, events):
            component.message.connect(self._show_message)

    # -- the steps' pages, built on first use --------------------------------------------------

    def _page(self, key: str) -> QWidget:
        """The page of step ``key``, built (and shown the open draft) the first time it is used."""
        page = self._pages.get(key)
        if page is not None:
            return page
        self._collect_into(self.session.shown)  # the pages built hold the latest edits
        page = getattr(self, f"_build_{key}_page")()
        self._pages[key] = page
        row = STEP_KEYS.index(key)
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        return page

    def _built(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    @property
    def points_page(self) -> TalkingPointsPage:
        return self._page("points")  # type: ignore[return-value]

    @property
    def write_page(self) -> WritePage:
        return self._page("write")  # type: ignore[return-value]

    @property
    def review_page(self) -> ReviewPage:
        return self._page("review")  # type: ignore[return-value]

    @property
    def export_page(self) -> ExportPage:
        return self._page("export")  # type: ignore[return-value]

    def _build_points_page(self) -> QWidget:
        from oped_studio.core.packs import discover_packs
        from oped_studio.gui.pages.points import TalkingPointsPage

        page = TalkingPointsPage()
        page.show_draft(self.session.shown)
        page.set_packs(discover_packs(self.session.paths))
        page.changed.connect(self._on_page_changed)
        return page

    def _build_write_page(self) -> QWidget:
        from oped_studio.gui.pages.write import WritePage

        page = WritePage()
        page.show_draft(self.session.shown)
        page.changed.connect(self._on_page_changed)
        page.counted.connect(self._update_words)
        page.facts_requested.connect(self._on_facts_requested)
        page.preview_requested.connect(self._refresh_preview)
        page.message.connect(self._show_message)
        self.checks.started.connect(page.show_checking)
        self.checks.checked.connect(page.show_issues)
        self.checks.failed.connect(page.show_check_message)
        self._pages["write"] = page  # _refresh_budgets reads it
        self._refresh_budgets()
        self._preview_timer.start()
        return page

    def _build_review_page(self) -> QWidget:
        from oped_studio.gui.pages.review import ReviewPage

        page = ReviewPage()
        self.checks.started.connect(page.show_checking)
        self.checks.checked.connect(page.show_report)
        self.checks.failed.connect(page.show_check_failed)
        page.apply_requested.connect(self._on_apply_suggestion)
        page.ignore_requested.connect(self.checks.ignore)
        page.ignore_rule_requested.connect(self.checks.ignore_rule)
        page.add_word_requested.connect(self.checks.add_word)
        return page

    def _build_export_page(self) -> QWidget:
        from oped_studio.export.pdf import pdf_available
        from oped_studio.gui.pages.export import ExportPage

        page = ExportPage(pdf_available())
        page.export_requested.connect(self.exports.export)
        page.copy_requested.connect(self.exports.copy_text)
        page.print_requested.connect(self.exports.print_letter)
        page.sent_requested.connect(self.exports.record_sent)
        page.open_form_requested.connect(self.exports.open_form)
        return page

    # -- the open draft, as the window shows it ------------------------------------------------

    def outlet(self) -> Outlet | None:
        """The chosen paper from the outlet directory (read on first use)."""
        return self.papers.get(self.session.shown.outlet_id)

    def _collect_into(self, draft: Draft) -> None:
        """Write the built pages' values into the draft (a page not built holds no edits)."""
        for key in EDITING_KEYS:
            page = self._built(key)
            if page is not None:
                page.apply_to(draft)

    @Slot()
    def _show_draft(self) -> None:
        draft = self.session.shown
        for key in EDITING_KEYS:
            page = self._built(key)
            if page is not None:
                page.show_draft(draft)
        self.checks.forget()
        self._refresh_budgets()
        self._preview_timer.start()

    @Slot()
    def _on_session_state(self) -> None:
        self.setWindowModified(self.session.is_dirty())
        self.setWindowTitle(f"{self.session.display_name()}[*] — {APP_NAME}")
        self._update_words()

    @Slot()
    def _update_words(self) -> None:
        write = self._built("write")
        if write is not None:
            words = write.total_words()
        elif any(self.session.shown.sections.values()):
            from oped_studio.core.letter_text import counted_words

            words = counted_words(self.session.shown)
        else:
            words = 0
        self.words_label.setText(word_count_text(words))

    @Slot(str, int)
    def _show_message(self, text: str, timeout: int) -> None:
        if timeout < 0:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(text, timeout)

    @Slot()
    def _on_page_changed(self) -> None:
        self.session.mark_changed()
        self.checks.schedule()
        self._preview_timer.start()

    @Slot(str)
    def _on_kind_changed(self, kind: str) -> None:
        from oped_studio.core.structures import structure_for

        draft = self.session.draft
        if structure_for(draft.structure_id, kind).kind != kind:
            draft.structure_id = DEFAULT_STRUCTURE[kind]
        for key in ("write", "points"):
            page = self._built(key)
            if page is not None:
                page.show_draft(draft)
        self._refresh_budgets()

    # -- papers ------------------------------------------------------------------------------

    def _on_papers_changed(self, outlets: list) -> None:
        self.start_page.set_outlets(outlets)
        self._refresh_budgets()

    @Slot()
    def _on_settled(self) -> None:
        """The papers are read: start what can wait until the window has settled."""
        if self._warm_up:
            QTimer.singleShot(WARM_UP_DELAY_MS, self.checks.warm_up)
        if self.events.event is None:  # after the window has settled: it is no start-up work
            QTimer.singleShot(WARM_UP_DELAY_MS, self.exports.remind_overdue)

    @Slot()
    def _on_add_outlet(self) -> None:
        """The writer's own paper: saved in their outlets file, then chosen for this draft."""
        outlet = self.papers.add_own()
        if outlet is not None:
            self.start_page.choose_outlet(outlet.id)
            self._refresh_budgets()

    def _refresh_budgets(self) -> None:
        """The Write page's bars follow the paper and kind chosen on the Start page."""
        write = self._built("write")
        if write is None:
            return
        start = self.start_page
        outlet = self.papers.get_if_loaded(start.outlet_id())
        limit = outlet.rules_for(start.selected_kind()).word_limit if outlet else None
        write.set_limit(limit)

    # -- steps -------------------------------------------------------------------------------

    @Slot(int)
    def _on_step_changed(self, row: int) -> None:
        if not 0 <= row < len(STEP_KEYS):
            return
        key = STEP_KEYS[row]
        self._page(key)
        self.stack.setCurrentIndex(row)
        if key == "write":
            self.write_page.set_pack(self._chosen_pack(), self.session.draft.point_ids)
            self._refresh_budgets()
            self._refresh_preview()
            self.checks.run()
        elif key == "export":
            self._refresh_export_page()
        elif key == "review":
            self.checks.run()
        if not self.step_list.hasFocus():  # arrowing through the steps stays in the list
            self._focus_step()

    @Slot()
    def _focus_step(self) -> None:
        """Put the cursor where a writer starts typing on the step shown (not when arrowing)."""
        if self.stack.currentWidget() is self._built("write"):
            self.write_page.focus_first_empty()
        elif self.stack.currentWidget() is self.start_page:
            self.start_page.focus_first_field()
        elif self.stack.currentWidget() is self._built("points"):
            self.points_page.focus_first_field()

    def _refresh_export_page(self) -> None:
        page = self.export_page
        page.show_letter(self.exports.preview_text(), self.outlet(), self.session.shown.kind)
        page.show_sent(self.exports.sent_text())

    def _chosen_pack(self) -> Pack | None:
        """The pack the draft uses (read through the Talking points step, built if need be)."""
        if not self.session.shown.pack_id and self._built("points") is None:
            return None
        return self.points_page.pack()

    @Slot()
    def _on_facts_requested(self) -> None:
        from oped_studio.gui.fact_menu import fact_choices

        self.write_page.set_facts(fact_choices(self._chosen_pack(), self.session.draft.point_ids))

    @Slot()
    def _refresh_preview(self) -> None:
        write = self._built("write")
        if write is not None and write.preview_shown():
            write.show_preview(self.exports.preview_text())

    # -- checks ------------------------------------------------------------------------------

    def _check_request(self) -> CheckRequest:
        from oped_studio.checks.engine import request_for_draft

        return request_for_draft(
            self.session.snapshot(), outlet=self.outlet(), pack=self._chosen_pack()
        )

    def _check_settings(self):
        from oped_studio.core.settings import effective_settings, load_settings

        saved = load_settings(self.session.paths)
        return effective_settings(saved, self.events.venue_languagetool_url())

    @Slot()
    def _on_live_check(self) -> None:
        """Check again after a pause in typing, while the writer is on Write or Review."""
        current = self.stack.currentWidget()
        write = self._built("write")
        if current is None or current not in (write, self._built("review")):
            return
        if current is write and sum(map(len, write.section_texts().values())) > LIVE_CHECK_MAX:
            write.show_check_message(
                self.tr(
                    "Too long to check as you type (over %1 characters): the Review step checks it."
                ).replace("%1", f"{LIVE_CHECK_MAX:,}")
            )
            return
        self.checks.run()

    def _on_apply_suggestion(self, issue) -> None:
        """Put the issue's first suggestion into the section's editor (undoable there)."""
        request = self.checks.request
        if request is None or not issue.replacements:
            return
        write = self.write_page
        where = request.section_range(issue.start, issue.end, write.section_texts())
        editor = write.editor_for(where[0]) if where else None
        if where is not None and editor is not None:
            editor.replace_range(where[1], where[2], issue.replacements[0])
        self.checks.run()  # if the text moved on: check again rather than guess

    # -- menus' requests that the window answers itself ---------------------------------------

    @Slot()
    def _on_new(self) -> None:
        """File > New: a blank draft, from the first step."""
        if self.session.new():
            self.step_list.setCurrentRow(0)

    @Slot()
    def _on_library(self) -> None:
        self.session.choose_from_library(self.papers.get_if_loaded)

    @Slot()
    def _on_settings(self) -> None:
        """Use new settings now: appearance at once, the checks from their next run."""
        from oped_studio.gui.settings_flow import edit_settings

        if not self.events.unlock(self.tr("Settings")):
            return
        if edit_settings(self, self.session.paths) is None:
            return
        self.checks.settings_changed()
        if self.stack.currentWidget() in (self._built("write"), self._built("review")):
            self.checks.run()

    @Slot()
    def _on_about(self) -> None:
        Dialogs.show_about(
            self,
            self.tr("About OpEd Studio"),
            self.tr(
                "<h3>OpEd Studio %1</h3><p>Write a letter to the editor or an op-ed, offline, "
                "and get it published.</p><p>Free software under the GNU GPL, version 3 or "
                "later.</p>"
            ).replace("%1", __version__),
        )

    # -- event mode --------------------------------------------------------------------------

    def enter_event(self, kit: Kit, event: EventFolder) -> bool:
        """Run the event in this window (False: the writer kept their unsaved draft open)."""
        return self.events.enter(kit, event)

    @Slot(bool)
    def _on_event_mode(self, on: bool) -> None:
        """The welcome screen in front of the steps at an event; the steps alone otherwise."""
        from oped_studio.gui.event_screens import EventScreens

        self.menu.set_event_mode(on)
        self.done_button.setVisible(on)
        old, self.modes = self.modes, None
        steps = old.release_steps() if old is not None else self.takeCentralWidget()
        if on:
            self.modes = EventScreens(self.events.kit.manifest, steps)
            self.events.attach(self.modes)
        self.setCentralWidget(self.modes or steps)  # deletes the old screens, if any
        self.welcome = self.modes.welcome if self.modes else None
        if not on:
            self._show_first_step()

    @Slot()
    def _show_first_step(self) -> None:
        """The steps from the first (a participant starts, or event mode ended)."""
        if self.modes:
            self.modes.show_steps()
        self.step_list.setCurrentRow(0)
        self._focus_step()

    @Slot()
    def _on_kit_opened(self) -> None:
        self.papers.reload()
        points = self._built("points")
        if points is not None:
            from oped_studio.core.packs import discover_packs

            points.set_packs(discover_packs(self.session.paths))

    # -- Qt events ---------------------------------------------------------------------------

    def force_close(self) -> None:
        """Close without the event's PIN, the draft saved first: for tests' teardown only."""
        self._forced_close = True
        self.session.autosave()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name for the override
        if not self._forced_close and not self.events.unlock(self.tr("Quit")):
            event.ignore()  # the participant's draft is saved: nothing is lost by refusing
            return
        if self.session.may_discard():
            self.session.close()  # closed normally: nothing to recover next time
            event.accept()
        else:
            event.ignore()
