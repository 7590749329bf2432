"""The main window: menus, the firm list, and the assessment being worked on.

A QStackedWidget holds the home screen (:class:`~smedigital.ui.home.HomeView`) and, while
an assessment is open, an :class:`~smedigital.ui.assessment.AssessmentView` (imported when the
first assessment is opened, so that the firm list comes up without the scoring and its pages).
The window talks to the view directly:

* it opens on a given step with ``go_to(step)`` when asked for one it has; otherwise the view
  resumes at the step it keeps for the assessment (``smedigital.library.settings``), and the
  window keeps which assessment was open, so the program reopens where the user was;
* ``save()`` writes pending edits before the window exports, switches screens or closes, and
  ``session`` (the assessment as edited, and whether it is ``dirty``: not stored) is what the
  window exports, and what it keeps in a file of its own when the library cannot store it;
* ``current_step()`` picks the user guide's section (F1);
* ``exportRequested(kind)``, the export buttons of its results and plan pages, has the window
  export the ``plan`` workbook, the ``report`` (PDF) or a blank ``template``;
  ``firmChanged(firm_id)`` retitles the window; ``newVersionRequested(assessment_id)`` starts a
  re-assessment (a new version of a signed-off assessment).

An assessment that cannot be shown (a damaged one: the view fails while building) is reported
in a message and the firm list stays usable. Shortcuts of the view that repeat one of the
window's (Ctrl+S, say) give way to the window's.

The File menu exports the open assessment (or the firm selected in the list) through an
:class:`~smedigital.ui.exports.ExportController`; the View menu and the home screen open the
regional overview for industry offices (``smedigital.ui.office``, imported when first shown).

Everything the user changes is already in the library, so the window keeps no unsaved
state: it can be dropped at any time and a new one picks up where it was.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from smedigital import product_name
from smedigital.library import Library, LibraryError, settings

from . import i18n, messages, theme
from .home import HomeView
from .screens import available_area, fitted_geometry, size_to_current_page

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent  # not made before the first paint

    from smedigital.core.assessment import Assessment

    from .assessment import AssessmentView
    from .dialogs import HelpDialog, NewAssessmentDialog
    from .exports import ExportController, TemplateDialog
    from .firm_history import FirmHistoryDialog
    from .guide import GuideDialog
    from .importing import FileImport
    from .office import OfficeView
    from .tasks import FileJob

log = logging.getLogger("smedigital.ui")

FILE_FILTER_SEP = ";;"
UNSAVED_FOLDER = "unsaved"  # in the data folder: assessments the library could not store (a full disk)
PREFERRED_SIZE = QSize(1200, 780)


def _safe_file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .") or "assessment"


class MainWindow(QMainWindow):
    """The application window. ``library`` is open for the window's life (the caller closes it)."""

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.assessment_view: AssessmentView | None = None
        self.assessment_id: int | None = None
        self.new_dialog: NewAssessmentDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.guide_dialog: GuideDialog | None = None
        self.office_view: OfficeView | None = None
        self.importing: FileImport | None = None
        self._exports: ExportController | None = None  # made when first used: see exports
        self.pack_job: Any = None  # the .smdpack being written or read (smedigital.ui.packs)

        self.home = HomeView(library)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        # the regional overview's room is not the firm list's; a page is shown as it is added
        size_to_current_page(self.stack, pages_added=False)
        self.home.openRequested.connect(self.open_assessment)
        self.home.newRequested.connect(self.new_assessment)
        self.home.importRequested.connect(self.import_dialog)
        self.home.exportRequested.connect(self.export_assessment)
        self.home.officeRequested.connect(self.show_office)
        self.home.historyRequested.connect(self.show_history)
        self.history_dialog: FirmHistoryDialog | None = None

        self._create_actions()
        self._create_menus()
        self.setAcceptDrops(True)
        self.statusBar()
        self.retranslate()
        self._restore_geometry()

    @property
    def exports(self) -> ExportController:
        """The window's exports and printing, made on first use (the first window does without the module)."""
        if self._exports is None:
            from .exports import ExportController

            self._exports = ExportController(self, self.library)
        return self._exports

    # ------------------------------------------------------------------ actions and menus

    def _action(self, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            # a list: PySide6's setShortcut weighs whether its argument is a Qt.Key, which makes the Qt
            # namespace the first window does without (see smedigital.ui.home); so does copying a key sequence
            action.setShortcuts([shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whatever has the focus
        return action

    def _create_actions(self) -> None:
        self.new_action = self._action(lambda: self.new_assessment(), QKeySequence.StandardKey.New)
        self.import_action = self._action(lambda: self.import_dialog(), QKeySequence.StandardKey.Open)
        self.export_action = self._action(lambda: self.export_current(), QKeySequence.StandardKey.Save)
        self.export_plan_action = self._action(lambda: self.export_plan(), QKeySequence("Ctrl+E"))
        self.export_report_action = self._action(lambda: self.export_report(), QKeySequence("Ctrl+Shift+E"))
        self.template_action = self._action(lambda: self.export_template())
        self.print_report_action = self._action(lambda: self.print_report(), QKeySequence.StandardKey.Print)
        self.export_pack_action = self._action(lambda: self.export_pack())
        self.import_pack_action = self._action(lambda: self.import_pack())
        self.office_action = self._action(lambda: self.show_office(), QKeySequence("Ctrl+Shift+R"))
        self.home_action = self._action(lambda: self.show_home(), QKeySequence("Alt+Home"))
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])  # StandardKey.Quit is empty on Windows
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.bigger_action = self._action(lambda: self.change_text_size(+1))
        self.bigger_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.smaller_action = self._action(lambda: self.change_text_size(-1), QKeySequence("Ctrl+-"))
        self.normal_size_action = self._action(lambda: self.change_text_size(0), QKeySequence("Ctrl+0"))
        self.contrast_action = self._action(self.set_high_contrast, checkable=True)
        self.contrast_action.setChecked(theme.is_high_contrast())
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, (_, name) in i18n.LOCALES.items():
            action = QAction(name, self, checkable=True)  # each language named in itself, never translated
            action.setData(lang)
            action.setChecked(lang == i18n.current_language())
            action.triggered.connect(lambda _=False, code=lang: self.set_language(code))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        self.guide_action = self._action(lambda: self.show_guide(), QKeySequence("F1"))
        self.help_action = self._action(lambda: self.show_help())
        self.about_action = self._action(lambda: self.show_about())
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        i18n.notifier().changed.connect(self._language_switched)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.import_action, self.export_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_plan_action, self.export_report_action, self.template_action])
        self.file_menu.addAction(self.print_report_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_pack_action, self.import_pack_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.home_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.office_action)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.bigger_action, self.smaller_action, self.normal_size_action])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.contrast_action)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.guide_action, self.help_action, self.about_action])

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        texts = (
            (self.new_action, self.tr("&New assessment…"), self.tr("Start an assessment of a new firm")),
            (self.import_action, self.tr("&Import…"),
             self.tr("Add assessments from .smd.json files, filled questionnaires and plan workbooks")),
            (self.export_action, self.tr("&Save a copy…"), self.tr("Save the assessment as a .smd.json file")),
            (self.export_plan_action, self.tr("Export plan &workbook…"),
             self.tr("Save the improvement plan, answers and charts as an Excel workbook")),
            (self.export_report_action, self.tr("Export diagnosis &report (PDF)…"),
             self.tr("Save the diagnosis report as a PDF document")),
            (self.print_report_action, self.tr("P&rint diagnosis report and plan…"),
             self.tr("Print the diagnosis report with its improvement plan on A4, after a preview")),
            (self.template_action, self.tr("&Blank questionnaire…"),
             self.tr("Save an empty questionnaire workbook for a firm to fill in")),
            (self.export_pack_action, self.tr("Export firm &pack (.smdpack)…"),
             self.tr("Save the firm's assessments and evidence files in one file, for another computer")),
            (self.import_pack_action, self.tr("Import firm pac&k…"),
             self.tr("Add a firm's assessments and evidence files from a .smdpack made on another computer")),
            (self.office_action, self.tr("&Regional overview"),
             self.tr("Aggregate many firms' workbooks and assessment files, for industry offices")),
            (self.home_action, self.tr("&Firm list"), self.tr("Back to the list of firms")),
            (self.quit_action, self.tr("&Quit"), self.tr("Close the program; everything is already saved")),
            (self.bigger_action, self.tr("&Larger text"), self.tr("Make all text larger")),
            (self.smaller_action, self.tr("&Smaller text"), self.tr("Make all text smaller")),
            (self.normal_size_action, self.tr("&Normal text size"), self.tr("Return to the usual text size")),
            (self.contrast_action, self.tr("&High contrast"), self.tr("White text on black, for low vision")),
            (self.guide_action, self.tr("&User guide"), self.tr("The user guide, at the section about this screen")),
            (self.help_action, self.tr("&Quick help"), self.tr("The steps, the keys and where your data is")),
            (self.about_action, self.tr("&About this program"), self.tr("Version and sources")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip)
        self.menuBar().setAccessibleName(self.tr("Menu bar"))
        self.stack.setAccessibleName(self.tr("Main area"))
        self._update_title()

    def _update_title(self) -> None:
        product = product_name(i18n.current_language())  # the installers' name too
        title = product
        if self.showing_office():
            title = self.tr("Regional overview") + f" – {product}"
        elif self.assessment_id is not None:
            try:
                info = self.library.assessment_info(self.assessment_id)
                title = f"{self.library.firm(info.firm_id).name} ({info.assessed_on}) – {product}"
            except LibraryError:
                pass
        self.setWindowTitle(title)

    def _language_switched(self, lang: str) -> None:
        # Here, not in a changeEvent: a Python event handler has PySide6 make its ~50 event classes at the
        # first event, before the first paint (~2.5 ms, issue 17). Every switch goes through i18n.set_language.
        try:
            self.retranslate()
        except Exception:
            log.exception("the main window could not change language")
        action = self.language_actions.get(lang)
        if action is not None and not action.isChecked():
            action.setChecked(True)

    # ------------------------------------------------------------------ settings

    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self._remember(settings.LANGUAGE, i18n.current_language())

    def change_text_size(self, step: int) -> None:
        size = theme.set_text_size(theme.default_point_size() if step == 0 else theme.text_size() + step)
        self._remember(settings.TEXT_SIZE, None if step == 0 else size)
        self.statusBar().showMessage(self.tr("Text size: %1 pt").replace("%1", str(size)), 3000)

    def set_high_contrast(self, on: bool) -> None:
        theme.set_high_contrast(bool(on))
        self.contrast_action.setChecked(bool(on))
        self._remember(settings.THEME, "high_contrast" if on else None)

    def _restore_geometry(self) -> None:
        """The size and place the window had when it was last closed (kept in the app state), made
        to fit the screen it is on now (a smaller screen, a changed scaling); else a size that fits."""
        saved = settings.WINDOW_GEOMETRY.get(self.library)
        restored = isinstance(saved, str) and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        if restored and (self.isMaximized() or self.isFullScreen()):
            return
        self.setGeometry(fitted_geometry(available_area(self), PREFERRED_SIZE,
                                         current=self.geometry() if restored else None))

    # ------------------------------------------------------------------ views

    def showing_assessment(self) -> bool:
        return self.assessment_view is not None and self.stack.currentWidget() is self.assessment_view

    def showing_office(self) -> bool:
        return self.office_view is not None and self.stack.currentWidget() is self.office_view

    def open_assessment(self, assessment_id: int, page: str | None = None) -> bool:
        """Show an assessment in the assessment view; False if it cannot be shown."""
        try:
            self.library.assessment_info(assessment_id)
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot open the assessment"), messages.error_text(exc))
            return False
        from .assessment import AssessmentView  # the scoring and its pages: not before the first assessment

        if not self._close_view():
            return False
        try:
            # made inside the stack that shows it: added there from another parent, its thousands of widgets
            # were moved over one by one (0.15-0.2 s of CPU at every open)
            view = AssessmentView(self.library, assessment_id, self.stack)
        except ImportError:  # a part of the program missing is a bug, not a damaged assessment
            raise
        except Exception as exc:  # a damaged assessment: say so calmly; the firm list stays usable
            log.exception("cannot open assessment %s", assessment_id)
            messages.show_error(self, self.tr("Cannot open the assessment"),
                                self.tr("This assessment could not be shown. The details are in the log file."),
                                messages.error_text(exc))
            return False
        self.assessment_view, self.assessment_id = view, assessment_id
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._yield_window_shortcuts(view)
        view.exportRequested.connect(self._view_export)
        view.firmChanged.connect(lambda _firm: self._update_title())
        view.newVersionRequested.connect(self.new_version_of)
        if page in view.steps:
            view.go_to(page)
        elif page:  # a step this assessment does not have: stay where the view starts
            log.warning("assessment %s has no step %r", assessment_id, page)
        self._remember(settings.LAST_ASSESSMENT, assessment_id)  # the view keeps its own step
        self._update_title()
        return True

    def _yield_window_shortcuts(self, view: QWidget) -> None:
        """The menu's shortcuts win: a shortcut of the view with the same keys would make both
        ambiguous (Qt then runs neither), so the view's is switched off."""
        taken = {key.toString() for action in self.actions() for key in action.shortcuts() if not key.isEmpty()}
        for shortcut in view.findChildren(QShortcut):
            keys = {k.toString() for k in shortcut.keys() if not k.isEmpty()}
            if keys & taken:
                log.debug("the window's %s takes over from the view's shortcut", sorted(keys & taken))
                remaining = [k for k in shortcut.keys() if k.toString() not in taken]
                if remaining:
                    shortcut.setKeys(remaining)
                else:
                    shortcut.setEnabled(False)

    def _remember(self, setting: settings.Setting[Any], value: object) -> None:
        """Keep a detail of the session (assessment, folder, language) in the library; a library that
        cannot be written (a full disk) costs only that detail."""
        setting.remember(self.library, value)

    def _flush_view(self) -> None:
        if self.assessment_view is not None:
            try:
                self.assessment_view.save()
            except Exception:  # the last change is in the library already, or lost alone
                log.exception("the assessment view could not save")

    def _unsaved_kept(self) -> bool:
        """After the last save attempt: when the open assessment could not be saved (a full disk,
        say), write it to a file of its own and say where; when even that fails, ask whether to
        go on and lose the changes. True to go on."""
        if self.assessment_view is None or not self.assessment_view.session.dirty:
            return True
        assessment = self.assessment_view.session.assessment
        title = self.tr("Changes not saved")
        name = assessment.company.name or self.tr("the assessment")
        kept = self._write_unsaved(assessment)
        if kept is not None:
            messages.show_warning(
                self, title,
                self.tr("The last changes to “%1” could not be saved in the firm library. They are kept in "
                        "%2; import that file (File > Import) once the disk has room again.").replace(
                    "%1", name).replace("%2", str(kept)))
            return True
        return messages.ask(
            self, title,
            self.tr("The last changes to “%1” could not be saved in the firm library, nor in a file of their own "
                    "(the disk may be full). Close anyway and lose them? Choose No to stay, free some space and "
                    "save again with Ctrl+S.").replace("%1", name))

    def _write_unsaved(self, assessment: Assessment) -> Path | None:
        """The assessment as a .smd.json file in the data folder's ``unsaved`` folder, else in the
        temporary folder, else in the home folder; None when none of them can be written."""
        import datetime as _dt
        import tempfile

        from smedigital.core.assessment import SUFFIX, save_assessment

        stem = f"{_safe_file_name(assessment.company.name)} {assessment.assessed_on} " \
               f"{_dt.datetime.now():%Y%m%d-%H%M%S}".strip()
        for folder in (self.library.data_dir / UNSAVED_FOLDER, Path(tempfile.gettempdir()) / "smedigital-unsaved",
                       Path.home()):
            target = folder / f"{stem}{SUFFIX}"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                save_assessment(assessment, target)
            except Exception:  # try the next place
                log.exception("cannot keep the unsaved assessment in %s", folder)
                continue
            log.warning("the unsaved assessment is kept in %s", target)
            return target
        return None

    def remind_unsaved(self) -> list[Path]:
        """At start: assessments kept in ``unsaved/`` because the library could not store them are
        named once (each file once), so that they are imported and not forgotten."""
        folder = self.library.data_dir / UNSAVED_FOLDER
        try:
            kept = sorted(folder.glob("*.smd.json"))
        except OSError:
            return []
        told = settings.UNSAVED_TOLD.get(self.library)
        new = [p for p in kept if p.name not in told]
        if not new:
            return []
        messages.show_info(
            self, self.tr("Changes kept in files"),
            self.tr("%n assessment(s) that could not be saved in the firm library earlier are kept in %1. Import "
                    "them (File > Import), then delete them there.", "", len(kept)).replace("%1", str(folder)),
            "\n".join(p.name for p in kept))
        self._remember(settings.UNSAVED_TOLD, [p.name for p in kept])
        return new

    def _close_view(self) -> bool:
        """Close the assessment view (after saving); False when the user chose to stay."""
        view = self.assessment_view
        if view is None:
            return True
        self._flush_view()
        if not self._unsaved_kept():
            return False
        self.stack.removeWidget(view)
        view.hide()
        view.deleteLater()
        self.assessment_view = None
        self.assessment_id = None
        return True

    def show_office(self) -> OfficeView | None:
        """The regional overview (kept with its results while the program runs)."""
        from .office import OfficeView  # matplotlib and the aggregation on first use

        if not self._close_view():
            return None
        if self.office_view is None:
            view = OfficeView(self.library, self)
            view.openRequested.connect(self.open_assessment)
            view.libraryChanged.connect(lambda: self.home.refresh())
            view.closeRequested.connect(self.show_home)
            self.stack.addWidget(view)
            self.office_view = view
        self.stack.setCurrentWidget(self.office_view)
        self._remember(settings.LAST_ASSESSMENT, None)
        self.office_view.focus_start()
        self._update_title()
        return self.office_view

    def show_history(self, firm_id: int) -> FirmHistoryDialog:
        """A firm's assessments (window-modal, not blocking): open, compare or delete one."""
        from .firm_history import FirmHistoryDialog

        if self.history_dialog is not None:
            self.history_dialog.reject()
        dialog = FirmHistoryDialog(self.library, firm_id, self, exports=self.exports)
        dialog.openRequested.connect(self.open_assessment)
        dialog.changed.connect(lambda: self.home.refresh(select=firm_id))
        dialog.finished.connect(lambda _result: self._history_done(dialog))
        self.history_dialog = dialog
        dialog.open()
        return dialog

    def new_version_of(self, assessment_id: int) -> QWidget | None:
        """Ask what the new version is for (window-modal, not blocking), then make it from ``assessment_id``
        and open it on its first page; the old one (a signed-off baseline, say) stays as it is."""
        from .firm_history import ReassessDialog

        try:
            info = self.library.assessment_info(assessment_id)
            firm = self.library.firm(info.firm_id)
            source = self.library.load_assessment(assessment_id)
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot start the re-assessment"), messages.error_text(exc))
            return None
        dialog = ReassessDialog(firm.name, info.assessed_on, source.purpose, self,
                                verified=source.verification is not None)
        dialog.accepted.connect(lambda: self._make_version(assessment_id, firm.id, dialog.purpose(),
                                                           dialog.from_verified()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.version_dialog = dialog
        dialog.open()
        return dialog

    def _make_version(self, assessment_id: int, firm_id: int, purpose: str, from_verified: bool = False) -> None:
        try:
            new_id = self.library.duplicate_for_reassessment(assessment_id, purpose=purpose,
                                                             from_verified=from_verified)
            settings.ASSESSMENT_STEP.of(new_id).set(self.library, "profile")
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot start the re-assessment"), messages.error_text(exc))
            return
        self.home.refresh(select=firm_id)
        self.open_assessment(new_id)

    def _history_done(self, dialog: FirmHistoryDialog) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None
        dialog.deleteLater()

    def show_home(self) -> None:
        firm_id = None
        if self.assessment_id is not None:
            try:
                firm_id = self.library.assessment_info(self.assessment_id).firm_id
            except LibraryError:
                firm_id = None
        if not self._close_view():
            return
        self.stack.setCurrentWidget(self.home)
        self._remember(settings.LAST_ASSESSMENT, None)
        self.home.refresh(select=firm_id)
        self.home.table.setFocus()
        self._update_title()

    def restore_session(self) -> bool:
        """Reopen the assessment the user was on when the program last stopped; the view resumes at the
        step it showed last (:data:`settings.ASSESSMENT_STEP`, the one place that says where the user was)."""
        assessment_id = settings.LAST_ASSESSMENT.get(self.library)
        if assessment_id is None:
            return False
        try:
            info = self.library.assessment_info(assessment_id)
            firm = self.library.firm(info.firm_id)
        except LibraryError:
            self._remember(settings.LAST_ASSESSMENT, None)
            return False
        if firm.id not in {f.id for f in self.library.firms()}:
            return False  # the firm is in the bin
        return self.open_assessment(assessment_id)

    # ------------------------------------------------------------------ new, import, export

    def new_assessment(self) -> NewAssessmentDialog:
        """Ask for the firm's name (window-modal, not blocking), then create and open it."""
        from .dialogs import NewAssessmentDialog  # not needed for the first window

        if self.new_dialog is not None and self.new_dialog.isVisible():
            self.new_dialog.activateWindow()
            return self.new_dialog
        dialog = NewAssessmentDialog(self)
        dialog.select_framework(self.home.default_framework_id())
        dialog.accepted.connect(lambda: self._create_from(dialog))
        dialog.finished.connect(lambda _result: self._dialog_done(dialog))
        self.new_dialog = dialog
        dialog.open()
        return dialog

    def _dialog_done(self, dialog: NewAssessmentDialog) -> None:
        if self.new_dialog is dialog:
            self.new_dialog = None
        dialog.deleteLater()

    def _create_from(self, dialog: NewAssessmentDialog) -> None:
        from smedigital.core.assessment import Company

        from .importing import ask_same_firm

        company = Company(name=dialog.firm_name)
        try:
            similar = self.library.similar_firm(company)
            if similar is not None and ask_same_firm(self, company.name, similar):
                firm_id = similar.id  # a new assessment of the firm already there, not a duplicate
            else:
                firm_id = self.library.add_firm(company)
            assessment_id = self.library.create_assessment(firm_id, dialog.framework_id,
                                                           purpose=getattr(dialog, "purpose", ""))
            self._remember(settings.LAST_FRAMEWORK, dialog.framework_id)
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot start the assessment"), messages.error_text(exc))
            return
        self.show_home()
        self.home.refresh(select=firm_id)
        self.open_assessment(assessment_id)

    def _last_folder(self) -> str:
        folder = settings.LAST_FOLDER.get(self.library)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _file_filter(self) -> str:
        return FILE_FILTER_SEP.join([self.tr("smedigital assessments (*.smd.json)"), self.tr("JSON files (*.json)"),
                                     self.tr("All files (*)")])

    def import_dialog(self) -> FileImport | None:
        from PySide6.QtWidgets import QFileDialog  # the first window does without its class

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import assessments"), self._last_folder(),
                                                self._import_filter())
        if not paths:
            return None
        self._remember(settings.LAST_FOLDER, str(Path(paths[0]).parent))
        return self.import_files([Path(p) for p in paths])

    def _import_filter(self) -> str:
        return FILE_FILTER_SEP.join([
            self.tr("Assessments, questionnaires and plan workbooks (*.smd.json *.json *.xlsx)"),
            self.tr("smedigital assessments (*.smd.json)"),
            self.tr("Filled questionnaires and plan workbooks (*.xlsx)"), self.tr("All files (*)")])

    def import_files(self, paths: list[Path]) -> FileImport:
        """Import ``.smd.json`` files, filled questionnaires and plan workbooks into the library, read off
        the GUI thread; every file that cannot be imported is reported with its problems, the others
        are imported. ``finished(ids)`` of the returned job gives the assessments added."""
        from .importing import FileImport

        job = FileImport(self, self.library, paths)
        job.finished.connect(lambda ids: self._imported(job, ids))
        self.importing = job
        return job.start()

    def _imported(self, job: FileImport, imported: list[int]) -> None:
        from .importing import failure_details

        self.importing = None
        if job.failures:
            messages.show_error(
                self, self.tr("Import"),
                self.tr("%n file(s) could not be imported. Nothing was changed for them.", "", len(job.failures)),
                failure_details(job.failures))
        if imported:
            try:
                firm_id = self.library.assessment_info(imported[-1]).firm_id
            except LibraryError:
                firm_id = None
            self.home.refresh(select=firm_id)
            note = job.signature_note()
            self.statusBar().showMessage(" ".join(filter(None, (self.tr("%n assessment(s) imported", "", len(imported)),
                                                                note))), 15000 if note else 5000)
        if job.cancelled and job.read_count < len(job.paths):
            self.statusBar().showMessage(self.tr("Import cancelled: %1 of %2 files were read; the rest were left "
                                                 "alone").replace("%1", str(job.read_count)).replace(
                "%2", str(len(job.paths))), 8000)

    def current_assessment_id(self) -> int | None:
        if self.showing_assessment():
            return self.assessment_id
        if self.showing_office():
            return None  # the firm list's selection is not on screen
        firm = self.home.selected_firm()
        return firm.assessment_id if firm else None

    def export_current(self) -> Path | None:
        assessment_id = self.current_assessment_id()
        if assessment_id is None:
            messages.show_info(self, self.tr("Save a copy"), self.tr("Select a firm in the list first."))
            return None
        return self.export_assessment(assessment_id)

    def export_assessment(self, assessment_id: int) -> Path | None:
        from smedigital.core.assessment import SUFFIX, AssessmentError

        if self.showing_assessment() and assessment_id == self.assessment_id:
            self._flush_view()
        try:
            info = self.library.assessment_info(assessment_id)
            name = self.library.firm(info.firm_id).name
        except LibraryError as exc:
            messages.show_error(self, self.tr("Save a copy"), messages.error_text(exc))
            return None
        suggested = Path(self._last_folder()) / f"{_safe_file_name(name)} {info.assessed_on}{SUFFIX}"
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the assessment"), str(suggested),
                                              self._file_filter())
        if not path:
            return None
        try:
            written = self._export_signed(assessment_id, path)
        except (LibraryError, AssessmentError, OSError) as exc:
            messages.show_error(self, self.tr("Save a copy"),
                                self.tr("The copy could not be saved. Nothing was written."), messages.error_text(exc))
            return None
        self._remember(settings.LAST_FOLDER, str(written.parent))
        self.statusBar().showMessage(self.tr("Saved a copy as %1").replace("%1", str(written)), 5000)
        return written

    def _export_signed(self, assessment_id: int, path: str) -> Path:
        """Write the assessment as a ``.smd.json`` file signed with this installation's key (atomically), so an
        office that trusts the key sees who exported it; unsigned only when the key cannot be used (logged)."""
        from smedigital.export.record import save_signed_assessment

        target = Path(path)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + ".smd.json")
        if not save_signed_assessment(self.library.load_assessment(assessment_id), target):
            log.warning("%s was saved unsigned: this installation's signing key cannot be used", target.name)
        return target

    # ------------------------------------------------------------------ firm packs

    def _current_firm_id(self) -> int | None:
        if self.showing_assessment() and self.assessment_id is not None:
            try:
                return self.library.assessment_info(self.assessment_id).firm_id
            except LibraryError:
                return None
        return None if self.showing_office() else self.home.selected_firm_id()

    def export_pack(self) -> Any:
        """File > Export firm pack: the firm's assessments and evidence files in one .smdpack, written in the
        background (``smedigital.ui.packs``); returns the started job (``self.pack_job``) or None."""
        from smedigital.library.pack import SUFFIX

        from .packs import export_job

        title = self.tr("Export firm pack")
        if self._pack_busy(title):
            return None
        firm_id = self._current_firm_id()
        if firm_id is None:
            messages.show_info(self, title, self.tr("Select a firm in the list first."))
            return None
        self._flush_view()
        try:
            name = self.library.firm(firm_id).name
        except LibraryError as exc:
            messages.show_error(self, title, messages.error_text(exc))
            return None
        suggested = Path(self._last_folder()) / f"{_safe_file_name(name)}{SUFFIX}"
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), FILE_FILTER_SEP.join(
            [self.tr("smedigital firm packs (*.smdpack)"), self.tr("All files (*)")]))
        if not path:
            return None
        self.pack_job = export_job(self, self.library, firm_id, path)
        self.pack_job.finished.connect(self._pack_exported)
        return self.pack_job

    def _pack_busy(self, title: str) -> bool:
        job = getattr(self, "pack_job", None)
        if job is not None and job.running:
            messages.show_info(self, title, self.tr("A firm pack is still being written or read. Wait for it to "
                                                    "finish, or cancel it."))
            return True
        return False

    def _pack_exported(self, written: object) -> None:
        self.pack_job = None
        if isinstance(written, Path):
            self._remember(settings.LAST_FOLDER, str(written.parent))
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(written)), 5000)

    def import_pack(self, path: str | Path | None = None) -> Any:
        """File > Import firm pack: a .smdpack's assessments and evidence into this library, checked and added
        in the background; returns the started job (``self.pack_job``) or None."""
        from .packs import import_job

        title = self.tr("Import firm pack")
        if self._pack_busy(title):
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            chosen, _ = QFileDialog.getOpenFileName(self, title, self._last_folder(), FILE_FILTER_SEP.join(
                [self.tr("smedigital firm packs (*.smdpack)"), self.tr("All files (*)")]))
            if not chosen:
                return None
            path = chosen
        if self.showing_assessment():
            self.show_home()
        self.pack_job = import_job(self, self.library, path)
        folder = str(Path(path).parent)
        self.pack_job.finished.connect(lambda ids: self._pack_imported(ids, folder))
        return self.pack_job

    def _pack_imported(self, ids: object, folder: str) -> None:
        self.pack_job = None
        if not isinstance(ids, list) or not ids:
            return
        self._remember(settings.LAST_FOLDER, folder)
        try:
            firm_id = self.library.assessment_info(ids[-1]).firm_id
        except LibraryError:
            firm_id = None
        self.home.refresh(select=firm_id)
        self.statusBar().showMessage(self.tr("%n assessment(s) imported", "", len(ids)), 5000)

    # ------------------------------------------------------------------ plan workbook, report, questionnaire

    def _assessment_to_export(self, title: str) -> tuple[Assessment, str] | None:
        """The open assessment as it is now (or the selected firm's latest), with a file name stem."""
        assessment_id = self.current_assessment_id()
        if assessment_id is None:
            messages.show_info(self, title, self.tr("Open an assessment, or select a firm in the firm list, first."))
            return None
        try:
            info = self.library.assessment_info(assessment_id)
            name = self.library.firm(info.firm_id).name
            view = self.assessment_view
            if view is not None and self.showing_assessment() and assessment_id == self.assessment_id:
                self._flush_view()
                assessment = view.session.assessment  # the user's latest answers and plan edits
            else:
                assessment = self.library.load_assessment(assessment_id)
        except LibraryError as exc:
            messages.show_error(self, title, messages.error_text(exc))
            return None
        return assessment, f"{assessment.company.name or name} {assessment.assessed_on}"

    def export_plan(self) -> FileJob | None:
        """File > Export plan workbook (Ctrl+E)."""
        found = self._assessment_to_export(self.tr("Export plan workbook"))
        return self.exports.export_plan(*found) if found else None

    def export_report(self) -> FileJob | None:
        """File > Export diagnosis report (Ctrl+Shift+E)."""
        found = self._assessment_to_export(self.tr("Export diagnosis report"))
        return self.exports.export_report(*found) if found else None

    def print_report(self) -> Any:
        """File > Print diagnosis report and plan (Ctrl+P): A4, after a preview (``smedigital.ui.printing``)."""
        found = self._assessment_to_export(self.tr("Print the diagnosis report and plan"))
        return self.exports.print_report(found[0]) if found else None

    def export_template(self) -> TemplateDialog | None:
        """File > Blank questionnaire: for the open assessment's framework and industry, or the last used."""
        framework_id, sector = self.home.default_framework_id(), None
        view = self.assessment_view
        if view is not None and self.showing_assessment():
            framework_id = view.session.assessment.framework_id
            sector = view.session.assessment.company.industry_section or None
        return self.exports.export_template(framework_id, sector)

    def _view_export(self, kind: str) -> object:
        return {"plan": self.export_plan, "report": self.export_report,
                "template": self.export_template}.get(kind, lambda: None)()

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        from .importing import importable

        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and importable(u.toLocalFile())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = self._dropped_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        if self.showing_assessment():
            self.show_home()
        self.import_files(files)

    # ------------------------------------------------------------------ help and closing

    # ------------------------------------------------------------------ one program per library

    def set_instance_guard(self, guard: Any) -> None:
        """Keep the library's lock (:class:`~smedigital.ui.instance.InstanceGuard`) while the window
        lives; a later launch brings this window forward and has its files imported."""
        self.instance_guard = guard
        guard.setParent(self)
        guard.activated.connect(self.bring_forward)

    def release_instance_guard(self) -> None:
        guard = getattr(self, "instance_guard", None)
        if guard is not None:
            guard.release()
            self.instance_guard = None

    def bring_forward(self, files: list[str] | None = None) -> None:
        """Come to the front (a later launch asked), and import the files it was given."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        paths = [Path(f) for f in files or []]
        if paths:
            if self.showing_assessment():
                self.show_home()
                if self.showing_assessment():
                    return  # the user stayed with changes that cannot be saved
            job = self.import_files(paths)
            job.finished.connect(lambda ids: self.open_assessment(ids[-1]) if ids else None)
        self.statusBar().showMessage(self.tr("smedigital was started again; this window is the one in use"), 5000)

    def show_help(self) -> HelpDialog:
        from .dialogs import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(str(self.library.data_dir), self)
        if self.help_dialog.isVisible():
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
        else:
            self.help_dialog.show()
        return self.help_dialog

    def guide_section(self) -> str:
        """The guide's section about the screen shown now (the firm list, the regional overview
        or the assessment step)."""
        from smedigital.core import guide

        if self.showing_office():
            return guide.section_for_page("office")
        if self.assessment_view is not None and self.showing_assessment():
            return guide.section_for_page(self.assessment_view.current_step())
        return guide.section_for_page("home")

    def show_guide(self) -> GuideDialog:
        """Help > User guide (F1): the guide, at the section about the current screen."""
        from .guide import GuideDialog

        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self)
        if self.guide_dialog.isVisible():
            self.guide_dialog.raise_()
            self.guide_dialog.activateWindow()
        else:
            self.guide_dialog.show()
        self.guide_dialog.show_section(self.guide_section())
        return self.guide_dialog

    def show_about(self) -> None:
        from PySide6.QtCore import Qt

        from .dialogs import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._flush_view()
        try:
            stay = not self._unsaved_kept()
        except Exception:  # closing must never fail
            log.exception("could not keep the unsaved changes")
            stay = False
        if stay:
            event.ignore()
            return
        try:  # a file being written is dropped (nothing half-written stays), a run is stopped
            from . import tasks  # not before the first window: nothing runs in the background until then

            tasks.cancel_all()
            if self.office_view is not None:
                self.office_view.shutdown()
        except Exception:  # closing must never fail
            log.exception("could not stop the work in the background")
        try:
            self._remember(settings.WINDOW_GEOMETRY, bytes(self.saveGeometry().toBase64().data()).decode("ascii"))
        except Exception:  # closing must never fail
            log.exception("could not remember the window geometry")
        event.accept()
