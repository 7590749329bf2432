"""The main window's small dialogs: starting a new assessment, help, and about.

They open window-modal with ``open()`` (not ``exec()``), so the rest of the program and the
tests go on while they are up; the caller connects to ``accepted``.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smedigital import __version__
from smedigital.about import product_name
from smedigital.core.framework import bundled_frameworks

from . import i18n
from .screens import fit_to_screen

log = logging.getLogger("smedigital.ui")


class NewAssessmentDialog(QDialog):
    """Asks for the firm's name and the framework; the wizard asks for the rest."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_label.setBuddy(self.name_edit)
        self.framework_label = QLabel()
        self.framework_box = QComboBox()
        self.framework_label.setBuddy(self.framework_box)
        self.purpose_label = QLabel()
        self.purpose_box = QComboBox()
        self.purpose_label.setBuddy(self.purpose_box)
        for purpose in ("", "baseline", "after", "reassessment"):
            self.purpose_box.addItem("", purpose)
        for fw in bundled_frameworks().values():
            self.framework_box.addItem("", fw.id)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.framework_label, self.framework_box)
        form.addRow(self.purpose_label, self.purpose_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(lambda _: self.problem.hide())
        self.retranslate()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("New assessment"))
        self.intro.setText(self.tr("Which firm is being assessed? You can add its credit code, industry and size "
                                   "on the first page of the assessment."))
        self.name_label.setText(self.tr("Firm &name:"))
        self.name_edit.setPlaceholderText(self.tr("As on the business licence"))
        self.name_edit.setAccessibleName(self.tr("Firm name"))
        self.name_edit.setAccessibleDescription(self.tr("The registered name of the firm being assessed"))
        self.framework_label.setText(self.tr("&Framework:"))
        from .firm_history import purpose_name

        self.purpose_label.setText(self.tr("&Purpose:"))
        self.purpose_box.setAccessibleName(self.tr("Purpose"))
        self.purpose_box.setAccessibleDescription(self.tr(
            "What the assessment is for in the pilot: the diagnosis baseline, the self-assessment after the "
            "transformation, or a re-assessment"))
        for i in range(self.purpose_box.count()):
            self.purpose_box.setItemText(i, purpose_name(self.purpose_box.itemData(i)) or self.tr("Not stated"))
        self.framework_box.setAccessibleName(self.tr("Framework"))
        self.framework_box.setAccessibleDescription(self.tr("The set of indicators the firm is assessed against"))
        frameworks = bundled_frameworks()
        for i in range(self.framework_box.count()):
            fw = frameworks[self.framework_box.itemData(i)]
            self.framework_box.setItemText(i, fw.title.get(lang))
        self.problem.setText(self.tr("Please enter the firm's name."))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

    @property
    def purpose(self) -> str:
        """``baseline``, ``after``, ``reassessment`` or "" (not stated)."""
        return str(self.purpose_box.currentData() or "")

    def select_framework(self, framework_id: str) -> None:
        index = self.framework_box.findData(framework_id)
        if index >= 0:
            self.framework_box.setCurrentIndex(index)

    @property
    def firm_name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def framework_id(self) -> str:
        return str(self.framework_box.currentData())

    def accept(self) -> None:
        if not self.firm_name:
            self.problem.show()
            self.name_edit.setFocus()
            return
        super().accept()


class HelpDialog(QDialog):
    """What the program does and how to use it, in the interface language."""

    def __init__(self, data_dir: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.buttons)
        self.retranslate()
        fit_to_screen(self, QSize(680, 560))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("%1: quick help").replace("%1", product_name(i18n.current_language())))
        self.browser.setAccessibleName(self.tr("Help text"))
        self.browser.setAccessibleDescription(self.tr("How to use the program"))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        parts = [
            "<h2>" + self.tr("Where does the firm stand, and what next?") + "</h2>",
            "<p>" + self.tr("smedigital assesses a small or medium firm against the MIIT 2024 SME digital level "
                            "indicators and places it on the path 上云 (cloud) → 用数 (data) → 赋智 "
                            "(intelligence). It works offline; all data stays on this computer.") + "</p>",
            "<h3>" + self.tr("Steps") + "</h3><ol>",
            "<li>" + self.tr("Start a new assessment (Ctrl+N), or import a .smd.json file, a filled questionnaire "
                             "or a plan workbook (Ctrl+O, or drop the files on the window).") + "</li>",
            "<li>" + self.tr("Fill in the firm's profile, then answer the questions page by page. Every answer "
                             "is saved at once; the program reopens where you left off.") + "</li>",
            "<li>" + self.tr("Review the results: total score, digital level, stage on the cloud-data-"
                             "intelligence path, and what stands between the firm and the next level.") + "</li>",
            "<li>" + self.tr("Build the improvement plan, and save a copy of the assessment (Ctrl+S) to send or "
                             "archive.") + "</li>",
            "<li>" + self.tr("A year later, select the firm and choose Re-assess: the new assessment starts from "
                             "the last answers.") + "</li></ol>",
            "<h3>" + self.tr("Keyboard") + "</h3><table cellspacing=\"2\" cellpadding=\"2\">",
            "<tr><td width=\"140\">F1</td><td>" + self.tr("User guide, at the section about the current screen")
            + "</td></tr>",
            "<tr><td>Ctrl+N</td><td>" + self.tr("New assessment") + "</td></tr>",
            "<tr><td>Ctrl+O</td><td>" + self.tr("Import .smd.json files, questionnaires and plan workbooks")
            + "</td></tr>",
            "<tr><td>Ctrl+S</td><td>" + self.tr("Save a copy of the assessment") + "</td></tr>",
            "<tr><td>Ctrl+= / Ctrl+-</td><td>" + self.tr("Larger / smaller text") + "</td></tr>",
            "<tr><td>Ctrl+Z</td><td>" + self.tr("Undo deleting a firm (on the firm list)") + "</td></tr>",
            "<tr><td>Ctrl+Q</td><td>" + self.tr("Quit") + "</td></tr></table>",
            "<h3>" + self.tr("Your data") + "</h3>",
            "<p>" + self.tr("The firm library, attached evidence, backups and logs are in %1.").replace(
                "%1", f"<code>{html.escape(self.data_dir)}</code>") + "</p>",
        ]
        self.browser.setHtml("".join(parts))


def about_text(parent: QWidget | None = None) -> tuple[str, str]:
    """Title and text of the About box."""
    from PySide6.QtCore import QCoreApplication

    lang = i18n.current_language()
    sources = "\n".join(f"• {fw.title.get(lang)}" for fw in bundled_frameworks().values())
    title = QCoreApplication.translate("About", "About %1").replace("%1", product_name(lang))
    text = QCoreApplication.translate(
        "About", "smedigital %1\n\nWhere a small or medium firm stands on the cloud-data-intelligence path "
                 "(上云用数赋智) and under the MIIT SME digital level indicators, and what to do next.\n\n"
                 "Frameworks:\n%2").replace("%1", __version__).replace("%2", sources)
    return title, text


class AboutDialog(QDialog):
    """The program, its frameworks, and every bundled component with its licence (texts on request)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.licences = QTextBrowser()
        self.licences.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.licence_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.licence_button.clicked.connect(self.toggle_licences)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.licences, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        fit_to_screen(self, QSize(760, 560))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def toggle_licences(self) -> None:
        from smedigital import about

        showing = not self.licences.isVisible()
        if showing and not self.licences.toPlainText():
            self.licences.setPlainText(about.notice_text(i18n.current_language(), with_licences=True))
        self.licences.setVisible(showing)
        self.table.setVisible(not showing)
        self._label_licence_button()

    def _label_licence_button(self) -> None:
        text = self.tr("Back to the &components") if self.licences.isVisible() else self.tr("Show &licence texts")
        self.licence_button.setText(text)
        self.licence_button.setAccessibleName(text.replace("&", ""))

    def retranslate(self) -> None:
        from smedigital import about

        lang = i18n.current_language()
        title, text = about_text(self)
        self.setWindowTitle(title)
        self.intro.setText(f"{about.program_line()}\n\n{text}\n\n"
                           + self.tr("Bundled components and their licences:"))
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence"),
                                              self.tr("Used for")])
        rows = about.summary_rows(lang)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setAccessibleName(self.tr("Bundled components"))
        self.table.setAccessibleDescription(self.tr("Each component with its version, licence and purpose"))
        self.licences.setAccessibleName(self.tr("Licence texts"))
        self.licences.setPlainText("")
        if self.licences.isVisible():
            self.licences.setPlainText(about.notice_text(lang, with_licences=True))
        for button in self.buttons.buttons():
            if button is not self.licence_button:
                button.setAccessibleName(button.text().replace("&", ""))
        self._label_licence_button()
