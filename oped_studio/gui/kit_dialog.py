"""Facilitator > Build a kit: the event's text, its packs and papers, and where to save it.

The dialog only gathers the choices (``spec``); the main window builds the kit through the
core (:func:`~oped_studio.core.kits.build_kit`, the same as ``oped-studio kit build``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.atomic import TargetError, check_target
from oped_studio.core.kits import KIT_SUFFIX, Manifest, kit_file, parse_manifest
from oped_studio.core.library import slugify
from oped_studio.core.settings import server_url_problem
from oped_studio.gui.answers import KitSpec
from oped_studio.gui.colours import problem_label
from oped_studio.gui.date_field import DateField


def _checked_ids(widget: QListWidget) -> list[str]:
    from PySide6.QtCore import Qt

    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class KitBuilderDialog(QDialog):
    def __init__(
        self,
        packs,
        outlets,
        parent: QWidget | None = None,
        *,
        ask_replace: Callable[[QWidget, str], bool] | None = None,
    ) -> None:
        """``packs``: (id, title) pairs; ``outlets``: (id, label) pairs; ``ask_replace(parent,
        message)`` asks before the kit replaces a file (None: it never does unasked)."""
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setWindowTitle(self.tr("Build a workshop kit"))
        self.setAccessibleName(self.tr("Build a workshop kit"))
        self.spec: KitSpec | None = None
        #: The kit file the facilitator has agreed to replace (None: none yet).
        self._replace_asked: Path | None = None
        self._ask_replace = ask_replace
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Event title"))
        self.organizer_edit = QLineEdit()
        self.organizer_edit.setAccessibleName(self.tr("Organizer"))
        self.date_edit = DateField()
        self.date_edit.setAccessibleName(self.tr("Event date"))
        self.date_edit.set_date(date.today())
        self.welcome_edit = QPlainTextEdit()
        self.welcome_edit.setAccessibleName(self.tr("Welcome text"))
        self.welcome_edit.setPlaceholderText(self.tr("What participants read first"))
        self.welcome_edit.setFixedHeight(70)
        self.welcome_edit.setTabChangesFocus(True)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Default kind"))
        self.kind_combo.addItem(self.tr("Letter to the editor"), "lte")
        self.kind_combo.addItem(self.tr("Op-ed"), "oped")
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("LanguageTool server at the venue"))
        self.url_edit.setPlaceholderText(self.tr("optional, e.g. http://192.168.1.10:8081"))
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Organizer:"), self.organizer_edit)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Welcome:"), self.welcome_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Grammar server:"), self.url_edit)
        layout.addLayout(form)
        lists = QHBoxLayout()
        self.pack_list = QListWidget()
        self.pack_list.setAccessibleName(self.tr("Packs in the kit"))
        for pack_id, title in packs:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, pack_id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.pack_list.addItem(item)
        self.outlet_list = QListWidget()
        self.outlet_list.setAccessibleName(self.tr("Papers in the kit"))
        for outlet_id, label in outlets:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, outlet_id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.outlet_list.addItem(item)
        for caption, widget in (
            (self.tr("Talking-point &packs:"), self.pack_list),
            (self.tr("Pape&rs:"), self.outlet_list),
        ):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(widget)
            column.addWidget(label)
            column.addWidget(widget)
            lists.addLayout(column)
        layout.addLayout(lists, 1)
        layout.addLayout(self._default_paper_row(outlets))
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(str(Path.home() / f"workshop{KIT_SUFFIX}"))
        self.out_edit.setAccessibleName(self.tr("Save the kit as"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose where to save the kit"))
        browse.clicked.connect(self._on_browse)
        save_as = QLabel(self.tr("Sa&ve as:"))
        save_as.setBuddy(self.out_edit)
        out_row.addWidget(save_as)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        layout.addLayout(out_row)
        self.error_label = problem_label()
        self.date_edit.problem_changed.connect(self.error_label.setText)  # on leaving the date
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 620)

    def check(self, pack_ids: list[str], outlet_ids: list[str]) -> None:
        """Tick these packs and papers (for tests and for rebuilding a kit)."""
        from PySide6.QtCore import Qt

        for widget, wanted in ((self.pack_list, pack_ids), (self.outlet_list, outlet_ids)):
            for i in range(widget.count()):
                item = widget.item(i)
                state = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def build_spec(self) -> KitSpec:
        title = self.title_edit.text().strip()
        if not title:
            raise ValueError(self.tr("Give the event a title."))
        problem = self.date_edit.commit()
        if problem:
            self.date_edit.setFocus()
            raise ValueError(self.tr("The event date: %1").replace("%1", problem))
        packs = _checked_ids(self.pack_list)
        if not packs:
            raise ValueError(self.tr("Choose at least one pack of talking points."))
        outlets = _checked_ids(self.outlet_list)
        url = self.url_edit.text().strip()
        if url and (problem := server_url_problem(url)):
            raise ValueError(self.tr("The grammar server: %1.").replace("%1", problem))
        out = Path(self.out_edit.text().strip()).expanduser()
        if not out.name:
            raise ValueError(self.tr("Choose where to save the kit."))
        kit_id = slugify(title)
        if out.is_dir():  # a folder typed: the kit goes into it, named after the event
            out = out / f"{kit_id}{KIT_SUFFIX}"
        out = kit_file(out)
        manifest = Manifest(
            id=kit_id,
            title=title,
            date=self.date_edit.date(),
            organizer=self.organizer_edit.text().strip(),
            welcome=self.welcome_edit.toPlainText().strip(),
            default_kind=str(self.kind_combo.currentData()),
            default_outlet=self.default_outlet() if outlets else "",
            outlets=outlets,
            languagetool_url=url,
        )
        self._check_manifest(replace(manifest, packs=packs))
        return KitSpec(manifest, packs, out)

    def _check_manifest(self, manifest: Manifest) -> None:
        """Raise ValueError for what the kit would be refused for when built (a title of
        5,000 characters, a control character pasted into the welcome), said here, where it
        can be fixed, in the dialog's words."""
        _parsed, problems = parse_manifest(manifest.to_toml().encode(), Path("manifest.toml"))
        if not problems:
            return
        problem = problems[0]
        fields = {
            "title": self.tr("The title"),
            "organizer": self.tr("The organizer"),
            "welcome": self.tr("The welcome text"),
        }
        what = fields.get(problem.field, problem.field)
        raise ValueError(f"{what} {problem.message}.")

    def _default_paper_row(self, outlets) -> QFormLayout:
        """The default paper: one of the ticked papers, or "let each participant choose"."""
        self.default_combo = QComboBox()
        self.default_combo.setAccessibleName(self.tr("Default paper"))
        self.default_combo.setToolTip(
            self.tr("The paper each participant's letter starts with; they can change it.")
        )
        self._labels = dict(outlets)
        #: The default the facilitator chose themselves (None: not yet; "": let each choose).
        self._picked: str | None = None
        self.default_combo.activated.connect(self._on_default_picked)
        row = QFormLayout()
        row.addRow(self.tr("Default pap&er:"), self.default_combo)
        self._fill_default_papers()
        self.outlet_list.itemChanged.connect(self._fill_default_papers)
        return row

    def default_outlet(self) -> str:
        """The chosen default paper's id; "" to let each participant choose."""
        return str(self.default_combo.currentData() or "")

    @Slot()
    def _fill_default_papers(self) -> None:
        """The ticked papers, "Let each participant choose" first; kept in step with the
        ticks. The facilitator's own choice stays while its paper is ticked; else the one
        paper when exactly one is ticked, and "let each choose" when several are."""
        ticked = _checked_ids(self.outlet_list)
        chosen = self._picked
        combo = self.default_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Let each participant choose"), "")
        for outlet_id in ticked:
            combo.addItem(self._labels.get(outlet_id, outlet_id), outlet_id)
        if chosen is None or (chosen and chosen not in ticked):
            chosen = ticked[0] if len(ticked) == 1 else ""
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        combo.setEnabled(bool(ticked))

    @Slot(int)
    def _on_default_picked(self, index: int) -> None:
        self._picked = str(self.default_combo.itemData(index) or "")

    @Slot()
    def _on_browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the kit as"), self.out_edit.text(), "*" + KIT_SUFFIX
        )
        if name:
            self.out_edit.setText(name)
            self._replace_asked = kit_file(name)  # the file dialog asked before replacing

    @Slot()
    def _on_save(self) -> None:
        try:
            spec = self.build_spec()
            self._may_write(spec.out)
        except (ValueError, TargetError) as exc:
            self.error_label.setText(str(exc))
            return
        self.spec = spec
        self.accept()

    def _may_write(self, out: Path) -> None:
        """Raise TargetError unless the kit may be saved as ``out``: never over a folder, a
        link or a device, and over an older kit only when the facilitator says so (a name
        typed or left as it was is asked about here; one chosen with Browse was asked about
        there)."""
        try:
            check_target(out, force=False)
        except TargetError as exc:
            if not exc.existing:
                raise
            if out == self._replace_asked:
                return
            message = self.tr("%1 is already there. Replace it with this kit?")
            ask = self._ask_replace
            if ask is None or not ask(self, message.replace("%1", str(out))):
                raise TargetError(self.tr("Choose another name for the kit.")) from None
            self._replace_asked = out
