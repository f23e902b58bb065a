"""Settings: the grammar engine, the personal dictionary, rule switches and appearance.

The dialog edits a copy of :class:`~oped_studio.core.settings.Settings` and the personal
dictionary's word list; nothing is written until the writer presses Save (the main window
saves, through the core, and shows any error). "Test connection" runs off the UI thread, so
a dead LanguageTool server never freezes the window.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oped_studio.checks.catalog import SWITCHABLE_RULES, rule_label
from oped_studio.core.settings import Settings, server_host_outside, server_url_problem
from oped_studio.gui.workers import run_in_pool


class SettingsDialog(QDialog):
    """Four tabs; ``settings``, ``words`` and ``forget_contact`` hold the result once saved."""

    def __init__(self, settings: Settings, words: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.settings = copy.deepcopy(settings)
        self.words = list(words)
        self.forget_contact = False
        self._probe_job = 0
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.tabs.addTab(self._grammar_tab(), self.tr("&Grammar"))
        self.tabs.addTab(self._dictionary_tab(), self.tr("&Dictionary"))
        self.tabs.addTab(self._rules_tab(), self.tr("&Rules"))
        self.tabs.addTab(self._appearance_tab(), self.tr("&Appearance"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 440)

    # -- tabs ---------------------------------------------------------------------------------

    def _grammar_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(
            self.tr(
                "The built-in checker works offline. LanguageTool finds more grammar "
                "mistakes; use it from a folder on this computer (it needs Java) or from a "
                "server you run. What you write goes nowhere else."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.engine_group = QButtonGroup(self)
        self.harper_radio = QRadioButton(self.tr("&Built-in, offline"))
        self.folder_radio = QRadioButton(self.tr("LanguageTool in a &folder"))
        self.server_radio = QRadioButton(self.tr("LanguageTool &server"))
        self.folder_edit = QLineEdit(self.settings.languagetool_folder)
        self.folder_edit.setAccessibleName(self.tr("LanguageTool folder"))
        self.folder_edit.setPlaceholderText(self.tr("the folder with languagetool-server.jar"))
        browse = QPushButton(self.tr("Bro&wse…"))
        browse.setAccessibleName(self.tr("Choose the LanguageTool folder"))
        browse.clicked.connect(self._on_browse)
        self.url_edit = QLineEdit(self.settings.languagetool_url)
        self.url_edit.setAccessibleName(self.tr("LanguageTool server address"))
        self.url_edit.setPlaceholderText("http://localhost:8081")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        for radio, value in (
            (self.harper_radio, "harper"),
            (self.folder_radio, "languagetool-folder"),
            (self.server_radio, "languagetool-server"),
        ):
            radio.setProperty("engine", value)
            radio.setAccessibleName(radio.text().replace("&", ""))
            self.engine_group.addButton(radio)
            radio.setChecked(self.settings.grammar_engine == value)
        layout.addWidget(self.harper_radio)
        layout.addWidget(self.folder_radio)
        layout.addLayout(folder_row)
        layout.addWidget(self.server_radio)
        layout.addWidget(self.url_edit)
        self.url_warning = QLabel()
        self.url_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.url_warning.setWordWrap(True)
        self.url_warning.setAccessibleName(self.tr("Where letters are sent"))
        layout.addWidget(self.url_warning)
        self.url_edit.textChanged.connect(self._update_url_warning)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAccessibleName(self.tr("Test the LanguageTool connection"))
        self.test_button.clicked.connect(self._on_test)
        test_row.addWidget(self.test_button)
        self.test_result = QLabel()
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # a server's answer is data
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)
        layout.addStretch(1)
        self.engine_group.buttonToggled.connect(self._update_engine_fields)
        self._update_engine_fields()
        return tab

    def _dictionary_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(
            self.tr("Words the spelling check accepts: names, places, terms of your own.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.word_list = QListWidget()
        self.word_list.setAccessibleName(self.tr("Personal dictionary"))
        self.word_list.addItems(self.words)
        layout.addWidget(self.word_list, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Add…"))
        add.setAccessibleName(self.tr("Add a word"))
        add.clicked.connect(self._on_add_word)
        self.remove_word_button = QPushButton(self.tr("&Remove"))
        self.remove_word_button.setAccessibleName(self.tr("Remove the selected word"))
        self.remove_word_button.clicked.connect(self._on_remove_word)
        row.addWidget(add)
        row.addWidget(self.remove_word_button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(self.tr("Untick a check you do not want. The others stay on."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.rule_checks: dict[str, QCheckBox] = {}
        disabled = set(self.settings.disabled_rules)
        keys = [key for key, _ in SWITCHABLE_RULES]
        keys += sorted(k for k in disabled if k not in keys)  # switched off from Review
        for key in keys:
            check = QCheckBox(rule_label(key))  # the catalogue's names (core, not translated)
            check.setAccessibleName(rule_label(key))
            check.setChecked(key not in disabled)
            self.rule_checks[key] = check
            layout.addWidget(check)
        layout.addStretch(1)
        return tab

    def _appearance_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.theme_combo = QComboBox()
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        for value, label in (
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("high-contrast", self.tr("High contrast")),
        ):
            self.theme_combo.addItem(label, value)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(self.settings.theme)))
        self.size_spin = QSpinBox()
        self.size_spin.setAccessibleName(self.tr("Text size"))
        self.size_spin.setRange(8, 32)
        self.size_spin.setSuffix(self.tr(" pt"))
        self.size_spin.setValue(self.settings.text_size)
        form.addRow(self.tr("&Theme:"), self.theme_combo)
        form.addRow(self.tr("Text &size:"), self.size_spin)
        forget = QPushButton(self.tr("&Forget my contact details"))
        forget.setAccessibleName(self.tr("Forget my contact details"))
        forget.setToolTip(
            self.tr("On a shared computer: new drafts start with an empty contact block.")
        )
        forget.clicked.connect(self._on_forget)
        self.forget_label = QLabel()
        form.addRow(forget, self.forget_label)
        return tab

    # -- values -------------------------------------------------------------------------------

    def engine(self) -> str:
        button = self.engine_group.checkedButton()
        return str(button.property("engine")) if button is not None else "harper"

    def collect(self) -> Settings:
        """The settings as the dialog shows them."""
        settings = copy.deepcopy(self.settings)
        settings.grammar_engine = self.engine()
        settings.languagetool_folder = self.folder_edit.text().strip()
        settings.languagetool_url = self.url_edit.text().strip()
        known = set(self.rule_checks)
        kept = [r for r in settings.disabled_rules if r not in known]
        settings.disabled_rules = kept + [
            k for k, c in self.rule_checks.items() if not c.isChecked()
        ]
        settings.theme = str(self.theme_combo.currentData())
        settings.text_size = self.size_spin.value()
        return settings

    def problem(self) -> str:
        """Why the settings cannot be saved as they are ("" when they can)."""
        engine = self.engine()
        if engine == "languagetool-folder" and not self.folder_edit.text().strip():
            return self.tr("Choose the folder where LanguageTool is, or use the built-in checker.")
        url = self.url_edit.text().strip()
        if engine == "languagetool-server" and not url.startswith(("http://", "https://")):
            return self.tr("Give the server's address, starting with http:// or https://.")
        if engine == "languagetool-server" and (problem := server_url_problem(url)):
            return self.tr("The server: %1.").replace("%1", problem)
        return ""

    # -- slots --------------------------------------------------------------------------------

    @Slot()
    def _update_url_warning(self, *_args) -> None:
        """Say plainly where letters go when the server is outside the local network."""
        url = self.url_edit.text().strip()
        host = "" if server_url_problem(url) else server_host_outside(url)
        self.url_warning.setText(
            self.tr("Letters will be sent to %1 to be checked.").replace("%1", host) if host else ""
        )
        self.url_warning.setVisible(bool(host) and self.engine() == "languagetool-server")

    @Slot()
    def _update_engine_fields(self, *_args) -> None:
        engine = self.engine()
        self.folder_edit.setEnabled(engine == "languagetool-folder")
        self.url_edit.setEnabled(engine == "languagetool-server")
        self.test_button.setEnabled(engine != "harper")
        self.test_result.clear()
        self._update_url_warning()

    @Slot()
    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("The LanguageTool folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def _on_test(self) -> None:
        from oped_studio.checks.languagetool_engine import probe

        problem = self.problem()
        if problem:
            self.test_result.setText(problem)
            return
        engine = self.engine()
        folder = self.folder_edit.text().strip() if engine == "languagetool-folder" else ""
        url = self.url_edit.text().strip() if engine == "languagetool-server" else ""
        self._probe_job += 1
        job = self._probe_job
        self.test_result.setText(self.tr("Testing…"))
        run_in_pool(
            lambda: probe(url=url, folder=folder),
            lambda message: self._on_tested(job, message),
            lambda message: self._on_tested(
                job, self.tr("Does not work: %1").replace("%1", message)
            ),
            self,
        )

    def _on_tested(self, job: int, message: str) -> None:
        if job == self._probe_job:
            self.test_result.setText(message)

    @Slot()
    def _on_add_word(self) -> None:
        word, accepted = QInputDialog.getText(self, self.tr("Add a word"), self.tr("Word:"))
        self.add_word(word if accepted else "")

    def add_word(self, word: str) -> bool:
        word = word.strip()
        if not word or any(c.isspace() for c in word) or len(word) > 100:
            return False
        if word.casefold() in {w.casefold() for w in self.words}:
            return False
        self.words.append(word)
        self.word_list.addItem(word)
        return True

    @Slot()
    def _on_remove_word(self) -> None:
        row = self.word_list.currentRow()
        if row >= 0:
            self.word_list.takeItem(row)
            del self.words[row]

    @Slot()
    def _on_forget(self) -> None:
        self.forget_contact = True
        self.forget_label.setText(self.tr("Will be forgotten when you save."))

    @Slot()
    def _on_save(self) -> None:
        problem = self.problem()
        if problem:
            self.tabs.setCurrentIndex(0)
            self.test_result.setText(problem)
            return
        self.settings = self.collect()
        self.accept()
