"""The workshop in the window: kits, event mode, participants, handing in, collecting.

At an event (File > Run an Event, or ``--kit FILE --event DIR``) participants take turns on
one laptop: each gets a new draft under a number, "I'm done" hands the letter in (saved, and
exported into the event folder off the UI thread), and every way out of event mode (quitting,
closing the window, Settings, the kit tools, the facilitator's view, leaving event mode) sits
behind the event's PIN (:meth:`EventController.unlock`). Outside an event, a facilitator
opens a kit, builds one, or prints its handouts. The slow work is the workshop layer's
(Qt-free); this module asks the questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from oped_studio.core.errors import OpedError
from oped_studio.gui.answers import FORGOT_PIN
from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.folder_watch import FolderWatch
from oped_studio.gui.text import for_kind
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.core.event import EventFolder, Participant
    from oped_studio.core.kits import Kit
    from oped_studio.core.packs import Pack
    from oped_studio.core.storage import LoadedDraft
    from oped_studio.gui.check_controller import CheckController
    from oped_studio.gui.draft_session import DraftSession
    from oped_studio.gui.event_screens import EventScreens
    from oped_studio.gui.papers import PaperList

log = logging.getLogger(__name__)


class EventController(QObject):
    """Kits and event mode for one window."""

    #: A participant's draft is open: show the steps.
    participant_started = Signal()
    #: The letter was handed in (or the hand-in ended): show the welcome screen.
    handed_in = Signal()
    #: Handing in started (True) or ended (False): "I'm done" waits meanwhile.
    busy = Signal(bool)
    #: A kit was opened: its packs and papers are offered now.
    kit_opened = Signal()
    #: Event mode began (True: show the welcome screen) or ended (False: the normal window).
    mode_changed = Signal(bool)
    #: A line for the status bar, and for how long (ms; 0 until replaced, -1 to clear it).
    message = Signal(str, int)

    def __init__(
        self,
        session: DraftSession,
        papers: PaperList,
        pack: Callable[[], Pack | None],
        dialog_parent: QWidget,
        *,
        kit: Kit | None = None,
        event: EventFolder | None = None,
    ) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._papers = papers
        self._pack = pack
        self._parent = dialog_parent
        self.kit = kit
        self.event = event
        self.participant: Participant | None = None
        #: Runs the checks "I'm done" needs (the window's; set when it wires its parts).
        self.checks: CheckController | None = None
        self._screens: EventScreens | None = None
        #: The event folder away (a USB stick pulled out) and back.
        self.folder = FolderWatch(session, dialog_parent)
        self.folder.message.connect(self.message)

    def venue_languagetool_url(self) -> str:
        """The kit's venue LanguageTool server ("" without a kit or a server)."""
        return self.kit.manifest.languagetool_url if self.kit is not None else ""

    # -- entering and leaving event mode -------------------------------------------------------

    @Slot()
    def run_event(self) -> None:
        """File > Run an Event: the facilitator chooses the kit, the folder and the PIN."""
        if self.event is not None:
            return
        spec = Dialogs.get_event_spec(self._parent, self._session.paths)
        if spec is not None:
            self.enter(spec.kit, spec.event)

    def enter(self, kit: Kit, event: EventFolder) -> bool:
        """Switch to event mode with ``kit`` and ``event`` (False: the writer kept their own
        unsaved draft open, when asked). The writer's draft is saved or set aside first."""
        from oped_studio.core.paths import kit_folder, set_kit_folder

        if not self._session.may_discard():
            return False
        self._session.forget_recovery()
        self.kit, self.event, self.participant = kit, event, None
        if event.mirror is None:  # the laptop's own copy of the drafts, for a stick pulled out
            event.mirror = self._session.paths.event_copies / event.uid
        self.folder.watch(event)
        self._session.set_event_mode(kit)
        self._session.start_over()
        if kit_folder() != kit.folder:
            set_kit_folder(kit.folder)
            self.kit_opened.emit()
        self.mode_changed.emit(True)
        return True

    @Slot()
    def leave(self) -> None:
        """Facilitator > Leave Event Mode (behind the PIN): the participant's draft is saved
        into the event folder and the window is the writer's own again, with a blank draft."""
        if self.event is None or not self.unlock(self.tr("Leave event mode")):
            return
        if self._session.is_dirty():  # it could not be saved: nothing is lost by staying
            self.message.emit(
                self.tr("The letter could not be saved, so the event goes on; try again."), 0
            )
            return
        folder = self.event.folder
        self.event, self.participant = None, None
        self.folder.watch(None)
        self._session.set_event_mode(None)
        self._session.start_over()
        self.mode_changed.emit(False)
        self.message.emit(
            self.tr("Event mode ended. The event's letters are in %1.").replace("%1", str(folder)),
            8000,
        )

    def attach(self, screens: EventScreens) -> None:
        """Wire event mode's screens: the welcome screen's buttons, and which screen shows."""
        screens.new_participant_requested.connect(self.new_participant)
        screens.resume_requested.connect(self.resume)
        screens.facilitator_requested.connect(self.show_facilitator)
        self.handed_in.connect(screens.show_welcome)
        self._screens = screens
        if self.event is not None:
            screens.set_laptop(self.event.this_laptop)
            self.folder.sync_back_soon()  # what a crash left on this laptop only goes back

    def unlock(self, reason: str) -> bool:
        """True outside an event; at an event, True once the facilitator types the event's PIN
        for ``reason`` (a title: "Quit"). The participant's draft is saved first whatever the
        answer, so a refusal loses nothing; a wrong PIN says so, Cancel says nothing."""
        if self.event is None:
            return True
        from oped_studio.core.event import EventError

        self._session.autosave()
        pin = Dialogs.ask_pin(self._parent, reason)
        if pin is None:
            return False
        if pin is FORGOT_PIN:
            return self._reset_pin(reason)
        try:
            right = self.event.check_pin(str(pin))
        except EventError as exc:  # too many wrong PINs: how long to wait
            Dialogs.show_error(self._parent, reason, str(exc))
            return False
        if not right:
            Dialogs.show_error(
                self._parent, reason, self.tr("That is not the event's PIN; ask the facilitator.")
            )
        return right

    def _reset_pin(self, reason: str) -> bool:
        """ "Forgot the PIN?": the kit file the event began with, then a new PIN (twice). True
        once the PIN is reset: whoever holds the kit is the facilitator."""
        from oped_studio.core.event import EventError

        kit_file = Dialogs.get_kit_path(self._parent, Path.home())
        if kit_file is None:
            return False
        try:
            self.event.check_kit(kit_file)
        except EventError as exc:
            Dialogs.show_error(self._parent, self.tr("Forgot the PIN?"), str(exc))
            return False
        while (pin := Dialogs.ask_reset_pin(self._parent)) is not None:
            try:
                self.event.reset_pin(kit_file, pin)
            except EventError as exc:
                Dialogs.show_error(self._parent, self.tr("Choose another PIN"), str(exc))
                continue
            self.message.emit(self.tr("The event's PIN is changed."), 8000)
            return True
        return False

    # -- event mode --------------------------------------------------------------------------

    def start_event(self) -> bool:
        """Before the first participant: the facilitator sets the event's PIN (False: the
        event cannot start)."""
        from oped_studio.core.event import EventError

        if self.event is None or self.event.has_pin():
            return True
        while True:
            pin = Dialogs.ask_new_pin(self._parent)
            if pin is None:
                return False
            try:
                self.event.set_pin(pin)
                return True
            except EventError as exc:
                Dialogs.show_error(self._parent, self.tr("Choose another PIN"), str(exc))

    @Slot()
    def new_participant(self) -> None:
        from oped_studio.core.event import EventError

        try:
            participant, loaded, code = self.event.new_participant(self._session.blank_draft())
        except (EventError, OpedError) as exc:
            self.message.emit(str(exc), 0)
            Dialogs.show_error(self._parent, self.tr("Cannot start a new letter"), str(exc))
            return
        Dialogs.show_code(self._parent, participant.label_on_laptop, code)
        self._open(participant, loaded, code)

    @Slot()
    def resume(self) -> None:
        """ "Continue my letter": the participant's number and code open their letter; a wrong
        pair says so (never which half), too many say how long to wait."""
        from oped_studio.core.event import EventError

        answer = Dialogs.ask_resume(self._parent)
        if answer is None or self.event is None:
            return
        try:
            participant, loaded = self.event.open_participant(*answer)
        except (EventError, OpedError) as exc:
            Dialogs.show_error(self._parent, self.tr("Continue my letter"), str(exc))
            return
        self._open(participant, loaded, answer[1])

    def reopen(self, number: str) -> bool:
        """The facilitator opens participant ``number``'s letter (the view asked for the PIN
        already); False when there is no such letter (said in a message)."""
        from oped_studio.core.event import EventError

        if self.event is None or not self._session.may_discard():
            return False
        try:
            participant, loaded = self.event.reopen(number)
        except (EventError, OpedError) as exc:
            Dialogs.show_error(self._parent, self.tr("Cannot open the letter"), str(exc))
            return False
        self._open(participant, loaded, "")
        return True

    def _open(self, participant: Participant, loaded: LoadedDraft, code: str) -> None:
        """Make ``participant``'s draft the open one, saved through the event folder."""
        from functools import partial

        from oped_studio.gui.event_dialogs import shown_code  # Qt's namespace: not at start-up

        self.participant = participant
        self._session.adopt(loaded)
        self._session.set_event_saver(partial(self.event.save_data, participant.number))
        self.folder.number = participant.number
        if self._screens is not None:
            who = participant.label_on_laptop
            line = self.tr("%1 · code %2").replace("%1", who).replace("%2", shown_code(code))
            self._screens.show_who(line if code else who)
        self.participant_started.emit()
        saved = for_kind(
            loaded.draft.kind,
            self.tr("You are %1. Your letter is saved as you write."),
            self.tr("You are %1. Your op-ed is saved as you write."),
        )
        self.message.emit(saved.replace("%1", participant.label_on_laptop), 0)

    @Slot()
    def hand_in(self) -> None:
        """ "I'm done": check the letter (off the UI thread), show what is still open (or ask
        plainly when nothing is), then hand it in (see :meth:`_hand_in_now`)."""
        if self.event is None or self.participant is None:
            return
        if self.checks is None:
            self._confirm_and_hand_in([])
            return
        self.busy.emit(True)
        self.message.emit(self.tr("Looking over your letter…"), 0)
        self.checks.check_once(self._on_checked_for_hand_in, self._on_check_failed)

    def _on_checked_for_hand_in(self, request, report) -> None:
        from oped_studio.workshop.handin import open_items

        self.busy.emit(False)
        self.message.emit("", -1)
        if self.participant is None:
            return
        self._confirm_and_hand_in(open_items(request.draft, request.outlet, report))

    def _on_check_failed(self, message: str) -> None:
        log.warning("checks before handing in failed: %s", message)
        self.busy.emit(False)
        self.message.emit("", -1)
        if self.participant is not None:
            self._confirm_and_hand_in([])  # nothing to show: the plain question

    def _confirm_and_hand_in(self, items: list[str]) -> None:
        if items:
            if not Dialogs.ask_open_items(self._parent, items):
                return  # back to the letter, where they were
        elif not Dialogs.confirm_done(self._parent):
            return
        self._hand_in_now()

    def _hand_in_now(self) -> None:
        """Save, export .docx and .txt into the event folder, and get the screen ready for
        the next person. With the folder away, the letter stays safe on this laptop."""
        from oped_studio.core.event import FolderUnavailable
        from oped_studio.workshop.finish import finish_participant

        draft = self._session.snapshot()
        number, stamp = self.participant.number, self._session.stamp
        self._session.set_unmodified()  # the hand-in saves it: no autosave may cross it
        outlet, pack = self._papers.get(draft.outlet_id), self._pack()
        event, templates = self.event, self._session.paths.templates

        def job():
            try:
                return finish_participant(
                    event, number, draft, stamp, outlet=outlet, pack=pack, templates=templates
                )
            except FolderUnavailable as exc:
                return exc  # the UI thread says what to do

        self.busy.emit(True)
        run_in_pool(job, self._on_handed_in, self._on_hand_in_failed, self)

    def _on_handed_in(self, result) -> None:
        from oped_studio.core.event import FolderUnavailable

        if isinstance(result, FolderUnavailable):
            self.busy.emit(False)
            self._session.mark_changed()  # not in the folder yet: tried again from now on
            self.folder.unavailable(str(result), dialog=False)
            Dialogs.show_error(
                self._parent,
                self.tr("The event folder is not there"),
                self.tr(
                    "Your letter is safe on this laptop; hand it in again when the stick is back."
                ),
            )
            return
        label = self.participant.label_on_laptop if self.participant else ""
        kind = self._session.shown.kind
        self.busy.emit(False)
        self.participant = None
        self.folder.number = ""
        self._session.set_event_saver(None)
        self._session.start_over()
        if self._screens is not None:
            self._screens.show_who("")
        self.handed_in.emit()
        Dialogs.show_info(
            self._parent,
            self.tr("Thank you!"),
            for_kind(
                kind,
                self.tr("%1, your letter is handed in. The organizers will help you send it."),
                self.tr("%1, your op-ed is handed in. The organizers will help you send it."),
            ).replace("%1", label),
        )

    def _on_hand_in_failed(self, message: str) -> None:
        self.busy.emit(False)
        self._session.mark_changed()
        Dialogs.show_error(self._parent, self.tr("Your letter could not be handed in"), message)

    @Slot()
    def show_facilitator(self) -> None:
        if self.event is None or not self.unlock(self.tr("Facilitator view")):
            return
        Dialogs.show_facilitator(
            self._parent, self.event, self._session.paths, self.collect_letters, self.reopen
        )

    @Slot()
    def collect_letters(self) -> None:
        from oped_studio.workshop.batch import batch_export

        folder = Dialogs.get_folder(
            self._parent, self.tr("Collect the letters into"), self.event.folder.parent
        )
        if folder is None:
            return
        source, paths = self.event.folder, self._session.paths
        self.message.emit(self.tr("Collecting the letters…"), 0)
        self._replacing(
            lambda force: batch_export(source, folder, paths, workers=1, force=force),
            self._on_collected,
            self.tr("Could not collect"),
        )

    def _replacing(self, job: Callable[[bool], object], on_done, failed_title: str) -> None:
        """Run ``job(force)`` off the UI thread; when it finds files of an earlier run where
        its files go, ask before running it again to replace them (links and devices are
        never replaced: that is an error, shown as any other)."""
        from oped_studio.core.atomic import TargetError

        def attempt(force: bool) -> object:
            try:
                return job(force)
            except TargetError as exc:
                if force or not exc.existing:
                    raise
                return exc  # the question is the UI thread's

        def done(result: object) -> None:
            if not isinstance(result, TargetError):
                on_done(result)
            elif Dialogs.ask_replace(self._parent, str(result).replace(" (--force)", "")):
                run_in_pool(lambda: attempt(True), done, failed, self)
            else:
                self.message.emit("", -1)

        def failed(message: str) -> None:
            self.message.emit("", -1)
            Dialogs.show_error(self._parent, failed_title, message)

        run_in_pool(lambda: attempt(False), done, failed, self)

    def _on_collected(self, result) -> None:
        self.message.emit("", -1)
        Dialogs.show_info(
            self._parent,
            self.tr("Letters collected"),
            self.tr(
                "%1 letters exported to %2, with summary.csv beside them. Letters too alike "
                "to send together: %3 pair(s) (see similarity.txt)."
            )
            .replace("%1", str(result.exported))
            .replace("%2", str(result.out / "letters"))
            .replace("%3", str(result.similar_pairs)),
        )

    # -- kits --------------------------------------------------------------------------------

    @Slot()
    def open_kit(self) -> None:
        from oped_studio.core.kits import KitError, open_kit
        from oped_studio.core.paths import set_kit_folder

        path = Dialogs.get_kit_path(self._parent, Path.home())
        if path is None:
            return
        try:
            kit = open_kit(path, self._session.paths)
        except KitError as exc:
            Dialogs.show_error(self._parent, self.tr("Cannot open the kit"), str(exc))
            return
        self.kit = kit
        set_kit_folder(kit.folder)
        self.kit_opened.emit()
        self.message.emit(
            self.tr("Using the kit “%1”: its packs and papers are offered.").replace(
                "%1", kit.manifest.title
            ),
            8000,
        )

    @Slot()
    def build_kit(self) -> None:
        from oped_studio.core.kits import KitError, build_kit, own_outlets_toml
        from oped_studio.core.packs import discover_packs, pack_file

        if not self.unlock(self.tr("Build a kit")):
            return
        paths = self._session.paths
        loads = [ld for ld in discover_packs(paths) if ld.ok and ld.pack is not None]
        outlets = self._papers.by_name()
        spec = Dialogs.get_kit_spec(
            self._parent,
            [(ld.pack.id, ld.pack.title) for ld in loads],
            [(o.id, o.label()) for o in outlets],
        )
        if spec is None:
            return
        files = {ld.pack.id: pack_file(ld.path) for ld in loads if ld.pack.id in spec.pack_ids}
        chosen = [o for o in outlets if o.id in spec.manifest.outlets]
        try:
            out = build_kit(
                spec.out,
                spec.manifest,
                pack_files=files,
                paths=paths,
                outlets_toml=own_outlets_toml(chosen),
                force=True,  # the file dialog asked before replacing
            )
        except (KitError, OpedError) as exc:
            Dialogs.show_error(self._parent, self.tr("Could not build the kit"), str(exc))
            return
        Dialogs.show_info(
            self._parent,
            self.tr("Kit ready"),
            self.tr(
                "Saved %1. Bring it to the event and choose File > Run an Event there."
            ).replace("%1", str(out)),
        )

    @Slot()
    def write_handouts(self) -> None:
        from oped_studio.core.kits import open_kit
        from oped_studio.workshop.handouts import write_handouts

        if not self.unlock(self.tr("Handouts from a kit")):
            return
        path = Dialogs.get_kit_path(self._parent, Path.home())
        if path is None:
            return
        folder = Dialogs.get_folder(self._parent, self.tr("Save the handouts in"), path.parent)
        if folder is None:
            return

        paths = self._session.paths
        self._replacing(
            lambda force: write_handouts(open_kit(path, paths), folder, paths, force=force),
            lambda files: Dialogs.show_info(
                self._parent, self.tr("Handouts ready"), "\n".join(str(f) for f in files)
            ),
            self.tr("No handouts"),
        )
