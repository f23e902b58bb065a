"""Take the README's screenshots: each step of a sample letter, in a fresh data folder.

Run under a real X server so fonts and styles are the ones users see::

    Xvfb :58 & DISPLAY=:58 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py

With ``--workshop``, takes the workshop pictures instead (6 to 8). With ``--theme dark`` (or
``high-contrast``), takes the five steps in that theme into ``docs/screenshots/<theme>/``. Writes
``docs/screenshots/<n>-<step>.png`` at 1280x720 (the smallest window the app is
designed for). Look at every picture before committing it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("OPED_STUDIO_HOME", tempfile.mkdtemp(prefix="oped-shots-"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from oped_studio.core.paths import app_paths  # noqa: E402
from oped_studio.gui.app import create_application  # noqa: E402
from oped_studio.gui.main_window import MainWindow  # noqa: E402

SECTIONS = {
    "hook": (
        "Your June 18 article on the children held at the border left out what separation "
        "does to a child."
    ),
    "point": (
        "I have taught second grade in Pacific Grove for twelve years, and I know how a "
        "six-year-old falls apart when a parent is late for pickup. Now imagine weeks with "
        "no word at all."
    ),
    "evidence": (
        "Pediatricians have warned that this kind of stress can harm a child's developing "
        "brain for years. The goverment has not said how it will reunite families."
    ),
    "story": "",
    "ask": (
        "Congress should require that every separated child be returned to a parent, and "
        "Senator Feinstein should hold hearings this month."
    ),
    "signature": "Zoë Müller\nPacific Grove, Calif.",
}


def wait(app, ms: int = 300) -> None:
    """Run the event loop for ``ms`` (QTest.qWait keeps Python's lock: workers would stall)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(theme: str = "light") -> int:
    from oped_studio.gui.theme import apply_appearance

    global HERE
    app = create_application()
    if theme != "light":
        apply_appearance(app, theme, 11)
        HERE = HERE / theme
        HERE.mkdir(exist_ok=True)
    window = MainWindow(app_paths())
    window.resize(1280, 720)
    window.show()
    wait(app, 500)
    start = window.start_page
    start.choose_outlet("nyt")
    start.headline_edit.setText("At the Border, Children Wait")
    start.article_outlet_edit.setText("The New York Times")
    start.date_edit.set_date(date.today() - timedelta(days=2))
    start.name_edit.setText("Zoë Müller")
    start.city_edit.setText("Pacific Grove, CA")
    start.email_edit.setText("zoe@example.org")
    start.phone_edit.setText("831-555-0142")
    wait(app)
    window.grab().save(str(HERE / "1-start.png"))

    window.step_list.setCurrentRow(1)
    points = window.points_page
    index = points.pack_combo.findData("family-separation")
    points.pack_combo.setCurrentIndex(index)
    wait(app)
    points.cards[0].check.setChecked(True)
    wait(app)
    window.grab().save(str(HERE / "2-talking-points.png"))

    window.step_list.setCurrentRow(2)
    write = window.write_page
    for editor in write.editors:
        editor.editor.setPlainText(SECTIONS.get(editor.section_id, ""))
    write.editors[1].example_button.setChecked(True)
    wait(app, 2500)  # the live checks and the preview catch up
    window.grab().save(str(HERE / "3-write.png"))

    window.step_list.setCurrentRow(3)
    wait(app, 2500)
    review = window.review_page
    if review.issue_list.count():
        review.issue_list.setCurrentRow(0)
    wait(app)
    window.grab().save(str(HERE / "4-review.png"))

    window.step_list.setCurrentRow(4)
    wait(app)
    window.grab().save(str(HERE / "5-export.png"))
    window.session.set_unmodified()
    window.close()
    return 0


LIBRARY = (
    "The library is the only place in town where a child can read after school for free, and "
    "closing it two days a week would leave working parents with nowhere to turn."
)
PARTICIPANTS = [
    (
        "Closing the branch two days a week would cost my daughter her only quiet place to "
        "study after school. She is in seventh grade, we share a one-bedroom apartment with "
        "her grandmother, and the reading room on Lighthouse Avenue is where her homework gets "
        "done. The council should find the money before it takes that room away from her."
    ),
    "I am a retired teacher",
    (
        "I am a retired teacher, and I have watched the library's story hour turn shy "
        "children into readers for twenty years. " * 8
    ),
    "",  # the pack's own words: filled in below
    (
        "I grew up in that library, and I still take my two sons there every Saturday. "
        + LIBRARY
        + " My sons would lose their Saturdays too."
    ),
    LIBRARY + " Please vote no on the cuts; our town needs its library open every day of the week.",
]


def add_participants(event, blank_draft) -> None:
    """Six participants for the facilitator view: finished, unfinished, over the limit,
    copied from the talking points, and two letters too alike."""
    from oped_studio.core.packs import usable_packs
    from oped_studio.core.storage import save_draft
    from oped_studio.workshop.finish import finish_participant

    pack = usable_packs(app_paths())["pacific-grove-library"]
    for number, body in enumerate(PARTICIPANTS, start=1):
        participant, loaded, _code = event.new_participant(blank_draft())
        draft = loaded.draft
        draft.outlet_id = "la-times"
        draft.pack_id = pack.id
        draft.sections["hook"] = body or " ".join(p.explanation for p in pack.points[:3])
        draft.sections["signature"] = f"Participant {number}\nPacific Grove, Calif."
        if number in (1, 5):
            finish_participant(event, participant.number, draft, loaded.stamp)
        else:
            save_draft(draft, loaded.path, overwrite=True)


def workshop() -> int:
    """The workshop screenshots: the kit builder, an event's welcome, the facilitator view."""
    from oped_studio.core.event import EventFolder
    from oped_studio.core.kits import build_kit, open_kit
    from oped_studio.core.packs import bundled_dir
    from oped_studio.core.paths import set_kit_folder
    from oped_studio.gui.facilitator_dialog import FacilitatorDialog, LetterDialog
    from oped_studio.gui.kit_dialog import KitBuilderDialog

    app = create_application()
    builder = KitBuilderDialog(
        [
            ("family-separation", "Family separation at the border (2018)"),
            ("pacific-grove-library", "Keep the Pacific Grove Library open (2008-2009)"),
        ],
        [
            ("la-times", "Los Angeles Times — Los Angeles, CA"),
            ("nyt", "The New York Times — New York, NY"),
            ("mercury-news", "The Mercury News — San Jose, CA"),
        ],
    )
    builder.title_edit.setText("Letters for the library")
    builder.organizer_edit.setText("Friends of the Pacific Grove Library")
    builder.welcome_edit.setPlainText(
        "Welcome! Tonight each of us writes one short letter to the editor about the library "
        "cuts. The app walks you through it; ask a volunteer any time."
    )
    builder.check(["pacific-grove-library"], ["la-times", "nyt"])
    builder.show()
    wait(app, 400)
    builder.grab().save(str(HERE / "6-kit-builder.png"))

    tmp = Path(tempfile.mkdtemp(prefix="oped-event-"))
    spec = builder.build_spec()
    pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
    kit = open_kit(
        build_kit(
            tmp / "night",
            spec.manifest,
            pack_files={"pacific-grove-library": pack},
            paths=app_paths(),
        ),
        app_paths(),
    )
    set_kit_folder(kit.folder)
    event = EventFolder(tmp / "event", kit.manifest.id, kit.manifest.title, laptop="hall-1")
    event.set_pin("4821")
    window = MainWindow(app_paths(), kit=kit, event=event)
    window.resize(1280, 720)
    window.show()
    wait(app, 500)
    window.grab().save(str(HERE / "7-event-welcome.png"))
    add_participants(event, window.session.blank_draft)
    dialog = FacilitatorDialog(event, window.session.paths, window)
    dialog.show()
    for _ in range(40):
        wait(app, 250)
        if "participants" in dialog.status.text():
            break
    dialog.table.selectRow(3)
    wait(app, 200)
    dialog.grab().save(str(HERE / "8-facilitator.png"))
    letter = LetterDialog(
        dialog.selected().participant.label_on_laptop + "'s letter",
        dialog.selected().letter_text,
        dialog,
    )
    letter.show()
    wait(app, 300)
    letter.grab().save(str(HERE / "8-facilitator-letter.png"))
    letter.close()
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    if "--workshop" in sys.argv:
        sys.exit(workshop())
    chosen = sys.argv[sys.argv.index("--theme") + 1] if "--theme" in sys.argv else "light"
    sys.exit(main(chosen))
