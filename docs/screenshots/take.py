"""Take the README's screenshots: each step of a sample letter, in a fresh data folder.

Run under a real X server so fonts and styles are the ones users see::

    Xvfb :58 & DISPLAY=:58 QT_QPA_PLATFORM=xcb python docs/screenshots/take.py

Writes ``docs/screenshots/<n>-<step>.png`` at 1280x720 (the smallest window the app is
designed for). Look at every picture before committing it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("OPED_STUDIO_HOME", tempfile.mkdtemp(prefix="oped-shots-"))

from PySide6.QtCore import QDate, QEventLoop, QTimer  # noqa: E402

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


def main() -> int:
    app = create_application()
    window = MainWindow(app_paths())
    window.resize(1280, 720)
    window.show()
    wait(app, 500)
    start = window.start_page
    start.choose_outlet("nyt")
    start.headline_edit.setText("At the Border, Children Wait")
    start.article_outlet_edit.setText("The New York Times")
    start.date_edit.setDate(QDate.currentDate().addDays(-2))
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
    window.setWindowModified(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
