"""OpEd Studio's speed figures: ``python benchmarks/run.py [--json] [--runs N]``.

Prints one row per figure (median of several runs, with the spread) next to its budget, and
exits 1 if a figure with a budget is over it. Not a test: machines vary, so CI only prints it.
Budgets are those named in the project's issues.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from oped_studio.core.paths import app_paths  # noqa: E402

# A cold start is a new process: from its launch to a window that is shown and has processed
# its first events (so it is ready for typing).
_APP_START = """
import sys
from oped_studio.gui.app import create_application
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
app = create_application()
window = MainWindow(app_paths())
window.show()
app.processEvents()
window.start_page.outlet_edit.setFocus()  # the window opens on Start
app.processEvents()
print("ready", flush=True)
"""

_EMPTY_START = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print("ready", flush=True)
"""


# Typing into the Write step of a 1,000-word letter (five sections of 200 words, with a
# paper chosen, so every section has its budget bar): each keystroke is timed from the key
# press to the end of the event processing it causes (counts, bars, total, status bar).
# Then the memory: the Review step's checks run on that letter (with Harper loaded and the
# pack's copy index built) and the process's peak resident size is read.
_GUI_FIGURES = r"""
import json, re, statistics, sys, time
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from oped_studio.core.draft import Draft
from oped_studio.core.storage import save_draft
from oped_studio.gui.app import create_application
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
words = ("Families belong together and the country can do better than this now " * 200).split()
sections = {k: " ".join(words[i * 200:(i + 1) * 200]) for i, k in
            enumerate(["hook", "point", "evidence", "story", "ask"])}
sections["signature"] = "Ana Pena"
draft = Draft(outlet_id="nyt", pack_id="family-separation", point_ids=[], sections=sections)
path = sys.argv[1]
save_draft(draft, __import__("pathlib").Path(path), overwrite=True)
app = create_application()
window = MainWindow(app_paths())
window.show()
window.session.open_path(__import__("pathlib").Path(path))
window.step_list.setCurrentRow(2)
app.processEvents()
editor = window.write_page.editor_for("point").editor
editor.setFocus()
editor.moveCursor(editor.textCursor().MoveOperation.End)
app.processEvents()
assert window.write_page.total_words() == 1000, window.write_page.total_words()
samples = []
for i in range(300):
    char = "abcdefgh "[i % 9]
    start = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
        app.sendEvent(editor, event)
    app.processEvents()
    samples.append(time.perf_counter() - start)
window.step_list.setCurrentRow(3)
deadline = time.time() + 60
while window.checks.report is None and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert window.checks.report is not None, "the checks did not finish"
# VmHWM: this program's peak resident size. (getrusage's ru_maxrss would also count the
# benchmark process that started it: Linux carries the peak across fork and exec.)
status = open("/proc/self/status").read()
peak = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
window.session.set_unmodified()
print(json.dumps({"keystrokes": samples, "peak_mib": peak}))
"""


# Writing in the Write step of a 750-word op-ed (the paper and the pack chosen, Harper warm,
# the Review step built, one check done): sentences with a misspelling are typed at a
# person's pace, a key every 120 ms, with a pause after each word just long enough for a
# check to start (so the next keys land while it runs). Taken: from the last key of each
# sentence to its misspelling underlined; and each key, from the moment it was due to the
# end of the event processing it caused (waiting for a check holding Python's lock counts).
_LIVE_CHECK = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from oped_studio.checks.harper_engine import HarperEngine
from oped_studio.core.draft import Draft
from oped_studio.core.storage import save_draft
from oped_studio.gui.app import create_application
from oped_studio.gui.check_controller import LIVE_CHECK_DELAY_MS
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
paragraphs = [p for p in sys.argv[2].split("\n\n") if p]
ids = ["lede", "thesis", "argument-1", "argument-2", "argument-3", "to-be-sure", "kicker"]
sections = {k: "" for k in ids}
for number, paragraph in enumerate(paragraphs):
    key = ids[min(number * len(ids) // len(paragraphs), len(ids) - 1)]
    sections[key] = (sections[key] + "\n\n" + paragraph).strip()
draft = Draft(kind="oped", outlet_id="nyt", pack_id="family-separation",
              point_ids=["children-separated"], sections=sections)
path = Path(sys.argv[1])
save_draft(draft, path, overwrite=True)
app = create_application()
window = MainWindow(app_paths(), warm_up=False)
window.show()
window.session.open_path(path)
HarperEngine.shared().start()
window.step_list.setCurrentRow(3)
window.step_list.setCurrentRow(2)
deadline = time.time() + 60
while (window.checks.report is None or window.checks.running) and time.time() < deadline:
    app.processEvents()
    time.sleep(0.005)
assert window.checks.report is not None, "the first check did not finish"
editor = window.write_page.editor_for("argument-2").editor
editor.setFocus()
editor.moveCursor(editor.textCursor().MoveOperation.End)

def pump_until(moment):
    while time.perf_counter() < moment:
        app.processEvents()
        time.sleep(0.0005)

def underlined(word):
    return any(s.cursor.selectedText() == word for s in editor.extraSelections())

latencies, keys = [], []
due = time.perf_counter()
for word in ["recieved", "goverment", "definately", "seperate", "occured", "untill",
             "beleive", "tommorow", "acheive", "wierd"][: int(sys.argv[3])]:
    for char in f" The city council {word} the plan.":
        pump_until(due)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            app.sendEvent(editor, event)
        app.processEvents()
        keys.append(time.perf_counter() - due)
        last = due
        due += 0.12 if char != " " else LIVE_CHECK_DELAY_MS / 1000 + 0.01
    text = editor.toPlainText().strip()

    def shown():  # the check of the text as it is now has come back
        request = window.checks.request
        return request is not None and text in request.text and underlined(word)

    while not shown() and time.perf_counter() - last < 10:
        app.processEvents()
        time.sleep(0.0005)
    latencies.append(time.perf_counter() - last)
    assert shown(), word
    due = time.perf_counter() + 0.3
window.session.set_unmodified()
print(json.dumps({"latencies": latencies, "keys": keys}))
"""


@dataclass
class Figure:
    name: str
    median: float
    spread: float
    unit: str
    budget: float | None = None

    @property
    def over(self) -> bool:
        return self.budget is not None and self.median > self.budget


def _timed(func: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def _figure(name: str, samples: list[float], unit: str, scale: float, budget=None) -> Figure:
    values = [s * scale for s in samples]
    return Figure(
        name=name,
        median=statistics.median(values),
        spread=max(values) - min(values),
        unit=unit,
        budget=budget,
    )


def _start_process(code: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    if "ready" not in result.stdout:
        raise RuntimeError(f"start-up failed: {result.stderr}")


def measure(runs: int) -> list[Figure]:
    from oped_studio.core.counting import count_words, text_counts
    from oped_studio.core.draft import Draft
    from oped_studio.core.storage import load_draft, save_draft

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        # Both processes may cache bytecode (in a folder of their own), as an installed app
        # does: pip compiles a package when it installs it, and an editable checkout with
        # PYTHONDONTWRITEBYTECODE set would otherwise be compiled from source on every start.
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "OPED_STUDIO_HOME": str(Path(tmp) / "home"),
            "PYTHONPATH": str(ROOT),
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
        }
        _start_process(_EMPTY_START, env)  # warm the disk and bytecode caches for both
        _start_process(_APP_START, env)
        # In pairs, one right after the other, so a busy moment of the machine weighs on
        # both sides of a ratio alike (two batches would measure different moments).
        app, empty = [], []
        for _ in range(max(runs, 9)):
            app += _timed(lambda: _start_process(_APP_START, env), 1)
            empty += _timed(lambda: _start_process(_EMPTY_START, env), 1)
        figures.append(_figure("cold start to a window ready for typing", app, "ms", 1000))
        figures.append(_figure("cold start of an empty PySide6 window", empty, "ms", 1000))
        ratios = [a / e for a, e in zip(app, empty, strict=True)]
        figures.append(_figure("start-up ratio, app / empty window", ratios, "x", 1, 1.6))

        sentence = "Families belong together, and the U.S. can do better — now, not later. "
        text = sentence * 100
        tokens = text.split()
        cut = next(n for n in range(len(tokens)) if count_words(" ".join(tokens[:n])) == 1000)
        thousand = " ".join(tokens[:cut])
        count_runs = _timed(lambda: [text_counts(thousand) for _ in range(100)], runs)
        figures.append(
            _figure(
                "counts (words, characters, sentences...), 1,000 words",
                [t / 100 for t in count_runs],
                "ms",
                1000,
                1.0,
            )
        )
        big = text * 139  # 1,000,800 characters
        figures.append(
            _figure("count words, 1 MB paste", _timed(lambda: count_words(big), runs), "ms", 1000)
        )

        draft = Draft(sections={"hook": " ".join(text.split()[:750])})
        path = Path(tmp) / "bench.oped"
        save_draft(draft, path)

        def save_and_load() -> None:
            save_draft(draft, path, overwrite=True)
            load_draft(path)

        figures.append(
            _figure("save and reopen a 750-word draft", _timed(save_and_load, runs), "ms", 1000)
        )
        figures += _check_figures(runs, tmp)
        figures += _gui_figures(runs, env, Path(tmp) / "typing.oped")
        figures += _live_check_figures(runs, env, Path(tmp) / "live.oped")
        figures.append(_batch_figure(min(runs, 3), Path(tmp)))
    return figures


def _batch_figure(runs: int, tmp: Path) -> Figure:
    """Collecting an event: 200 letters of about 220 words to .docx and .txt, each checked,
    with the summary and the similarity report (a fresh output folder each run)."""
    from oped_studio.core.draft import Author, Draft
    from oped_studio.core.storage import save_draft
    from oped_studio.workshop.batch import batch_export

    folder = tmp / "event" / "drafts"
    folder.mkdir(parents=True)
    words = _op_ed(220 * 200).split()
    for number in range(200):
        body = " ".join(words[number * 220 : (number + 1) * 220])
        draft = Draft(
            outlet_id="la-times",
            sections={"hook": body, "signature": f"Writer {number}"},
            author=Author(name=f"Writer {number}"),
        )
        save_draft(draft, folder / f"P{number + 1:03d}.oped")
    outs = iter(range(runs))
    samples = _timed(
        lambda: batch_export(folder.parent, tmp / f"out-{next(outs)}", app_paths()), runs
    )
    return _figure("batch export of 200 letters (docx, txt, checks)", samples, "s", 1, 15)


def _run_script(code: str, args: list[str], env: dict[str, str], what: str) -> dict:
    """Run one of the GUI scripts above in a process of its own; its last line is JSON."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"the {what} failed: {result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _gui_figures(runs: int, env: dict[str, str], path: Path) -> list[Figure]:
    keystrokes: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        data = _run_script(_GUI_FIGURES, [str(path)], env, "GUI figures")
        keystrokes.append(statistics.median(data["keystrokes"]))
        peaks.append(data["peak_mib"])
    return [
        _figure("keystroke in a 1,000-word draft (counts, bars)", keystrokes, "ms", 1000, 16),
        _figure("peak memory, draft open and checks loaded", peaks, "MiB", 1, 300),
    ]


def _live_check_figures(runs: int, env: dict[str, str], path: Path) -> list[Figure]:
    """Typing in a 750-word op-ed on Write: the underlines after the last key, and the keys
    typed while checks run (see ``_LIVE_CHECK``); one sentence a run."""
    args = [str(path), _op_ed(750), str(max(runs, 5))]
    data = _run_script(_LIVE_CHECK, args, env, "live-check figures")
    keys = sorted(data["keys"])
    slow = keys[int(len(keys) * 0.95) :]  # the slowest twentieth: keys meeting a check
    return [
        _figure(
            "underlines after the last keystroke, 750 words", data["latencies"], "ms", 1000, 600
        ),
        _figure("keystroke while checks run, 750 words (p95)", slow[:1], "ms", 1000, 16),
    ]


def _op_ed(words: int) -> str:
    """A letter-like text of about ``words`` words built from the test corpus's letters."""
    corpus = sorted((ROOT / "tests" / "data" / "correct").glob("*.txt"))
    paragraphs = [p for f in corpus for p in f.read_text(encoding="utf-8").split("\n\n") if p]
    out: list[str] = []
    count = 0
    index = 0
    while count < words:
        paragraph = paragraphs[index % len(paragraphs)]
        if index >= len(paragraphs):  # no sentence twice: engines may cache what they saw
            paragraph = re.sub(r"([.!?])(\s|$)", rf" (copy {index})\1\2", paragraph)
        out.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return "\n\n".join(out)


def _check_figures(runs: int, tmp: str) -> list[Figure]:
    from oped_studio.checks.engine import Checker, request_for_text
    from oped_studio.checks.harper_engine import HarperEngine
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import usable_packs

    figures: list[Figure] = []
    start = time.perf_counter()
    HarperEngine.shared().start()
    figures.append(
        _figure(
            "Harper's first start (once, off the UI thread)",
            [time.perf_counter() - start],
            "ms",
            1000,
        )
    )
    checker = Checker()
    outlet = load_directory(app_paths()).get("nyt")
    pack = usable_packs(app_paths()).get("family-separation")
    text = _op_ed(750)
    checker.run(request_for_text(text, kind="oped", outlet=outlet, pack=pack))  # first look
    edits = iter(range(10_000))

    def one_edit() -> None:
        edited = text.replace("budget", f"budget{next(edits)}", 1)
        checker.run(request_for_text(edited, kind="oped", outlet=outlet, pack=pack))

    figures.append(
        _figure(
            "all offline checks, 750-word op-ed, warm", _timed(one_edit, runs), "ms", 1000, 60.0
        )
    )
    # Unseen text every time: Harper remembers sentences it has checked.
    growth: dict[int, list[float]] = {100: [], 10_000: []}
    for run_number in range(max(1, min(runs, 3))):
        for size in growth:
            sample = re.sub(r"([.!?])(\s|$)", rf" r{run_number}s{size}\1\2", _op_ed(size))
            begin = time.perf_counter()
            checker.run(request_for_text(sample, outlet=outlet, pack=pack))
            growth[size].append(time.perf_counter() - begin)
    figures.append(_figure("first check of unseen text, 100 words", growth[100], "ms", 1000))
    figures.append(_figure("first check of unseen text, 10,000 words", growth[10_000], "ms", 1000))
    ratio = statistics.median(growth[10_000]) / statistics.median(growth[100])
    figures.append(Figure("growth 100 -> 10,000 words (x100 text)", ratio, 0.0, "x"))
    figures += _pathological_figures(checker)
    figures.append(_languagetool_figure(runs, text))
    figures += _export_figures(runs, text)
    return figures


#: Texts that once made a check grow faster than the text (issue 14): each is checked at
#: 10,000 and 100,000 characters (the most a letter may hold); a linear check grows about x10.
_PATHOLOGICAL = {
    "dots": ".",
    "dot space": ". ",
    "quotes": '" ',
    "question marks": "?",
    "dashes": "- ",
    "one long word": "a",
    "initials": "U.S. ",
}


def _pathological_figures(checker) -> list[Figure]:
    from oped_studio.checks.engine import request_for_text

    figures: list[Figure] = []
    for name, unit in _PATHOLOGICAL.items():
        times = {}
        for size in (10_000, 100_000):
            sample = (unit * (size // len(unit) + 1))[:size]
            begin = time.perf_counter()
            checker.run(request_for_text(sample))
            times[size] = time.perf_counter() - begin
        figures.append(_figure(f"check 100,000 chars of {name}", [times[100_000]], "ms", 1000))
        ratio = times[100_000] / max(times[10_000], 1e-6)
        figures.append(Figure(f"growth {name} 10k -> 100k chars (x10)", ratio, 0.0, "x"))
    return figures


def _export_figures(runs: int, text: str) -> list[Figure]:
    from oped_studio.core.draft import Author, Draft
    from oped_studio.core.outlets import load_directory
    from oped_studio.export import docx_bytes, email_message, plain_text

    paragraphs = text.split("\n\n")
    draft = Draft(
        sections={f"p{i}": p for i, p in enumerate(paragraphs)},
        author=Author(name="Zoë Müller", city_state="Springfield, IL", email="zoe@example.org"),
    )
    outlet = load_directory(app_paths()).get("nyt")
    docx_bytes(draft, outlet)  # python-docx's first import and template load
    return [
        _figure(
            "export 750 words to .docx",
            _timed(lambda: docx_bytes(draft, outlet), runs),
            "ms",
            1000,
            150.0,
        ),
        _figure(
            "export 750 words to .txt",
            _timed(lambda: plain_text(draft, outlet), runs),
            "ms",
            1000,
            5.0,
        ),
        _figure(
            "export 750 words to .eml",
            _timed(lambda: email_message(draft, outlet), runs),
            "ms",
            1000,
            5.0,
        ),
    ]


def _languagetool_figure(runs: int, text: str) -> Figure:
    """LanguageTool through the local /v2 stand-in used by the tests (protocol cost only)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fake_languagetool import FakeLanguageTool

    from oped_studio.checks.languagetool_engine import LanguageToolEngine

    with FakeLanguageTool() as server:
        engine = LanguageToolEngine(url=server.url)
        try:
            engine.check("warm up")
            samples = _timed(lambda: engine.check(text), runs)
        finally:
            engine.close()
    return _figure("LanguageTool via the local test server, 750 words", samples, "ms", 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median is used)")
    args = parser.parse_args()
    figures = measure(max(1, args.runs))
    over = [f for f in figures if f.over]
    # Recall and false alarms on real learner sentences, dev and test side by side.
    from benchmarks.grammar import summary, summary_lines

    grammar = summary()
    if args.json:
        print(
            json.dumps(
                {
                    "runs": args.runs,
                    "figures": [asdict(f) | {"over": f.over} for f in figures],
                    "grammar": grammar,
                },
                indent=2,
            )
        )
    else:
        print(f"{'figure':<44} {'median':>10} {'spread':>10}  budget")
        for f in figures:
            budget = "" if f.budget is None else f"{f.budget:g} {f.unit}"
            flag = "  OVER" if f.over else ""
            median, spread = f"{f.median:.2f} {f.unit}", f"{f.spread:.2f} {f.unit}"
            print(f"{f.name:<44} {median:>10} {spread:>10}  {budget}{flag}")
        print()
        print("\n".join(summary_lines(grammar)))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
