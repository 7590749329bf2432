"""The first two steps: the firm's profile with the framework choice, and the interview details.

Every field is saved as it is typed, except what would make the assessment invalid: a
credit code that fails the GB 32100-2015 check or a figure that is not a number is shown
with its problem in words beside the field and kept out of the assessment until corrected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.assessment import Company
from smedigital.core.framework import bundled_frameworks
from smedigital.core.profile import (
    check_credit_code,
    load_industries,
    load_size_standard,
    normalise_credit_code,
    parse_industry,
    size_class,
)
from smedigital.ui import messages

from .session import AssessmentSession
from .widgets import date_in_range, fmt_number, parse_number, qdate, set_accessible


def _problem_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("fieldProblem")
    label.hide()
    return label


def _add_row(form: QFormLayout, text: str, buddy: QWidget, field: QWidget | QHBoxLayout | QVBoxLayout) -> None:
    """A form row whose label's mnemonic focuses ``buddy`` even when the field is a layout."""
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    form.addRow(label, field)


def _show_problem(label: QLabel, text: str) -> None:
    label.setText(("⚠ " + text) if text else "")
    label.setVisible(bool(text))
    label.setAccessibleName(text)


class ProfilePage(QWidget):
    """Company name, credit code, industry, size figures, region, size class and framework."""

    def __init__(self, session: AssessmentSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        heading = QLabel(self.tr("The firm"), body)
        heading.setObjectName("pageHeading")
        scroll.setAccessibleName(heading.text())
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)

        self.name = QLineEdit(body)
        set_accessible(self.name, self.tr("Firm name"), self.tr("The name on the business licence"))
        form.addRow(self.tr("Firm &name:"), self.name)

        self.credit_code = QLineEdit(body)
        self.credit_code.setMaxLength(40)
        self.credit_code.setPlaceholderText("91310000XXXXXXXXXX")
        set_accessible(self.credit_code, self.tr("Unified social credit code"),
                       self.tr("18 characters, checked as you type"))
        self.credit_problem = _problem_label(body)
        code_box = QVBoxLayout()
        code_box.setSpacing(2)
        code_box.addWidget(self.credit_code)
        code_box.addWidget(self.credit_problem)
        _add_row(form, self.tr("Unified social &credit code:"), self.credit_code, code_box)

        self.section_combo = QComboBox(body)
        set_accessible(self.section_combo, self.tr("Industry section (GB/T 4754-2017)"),
                       self.tr("The firm's main industry: a section letter A to T"))
        self.division_combo = QComboBox(body)
        set_accessible(self.division_combo, self.tr("Industry division (GB/T 4754-2017)"),
                       self.tr("The two-digit division within the section; needed for some size classes"))
        self.class_combo = QComboBox(body)
        set_accessible(self.class_combo, self.tr("Industry class (GB/T 4754-2017)"),
                       self.tr("The four-digit class; needed only where the size standard asks for it"))
        industries = load_industries()
        self.section_combo.addItem(self.tr("— choose —"), "")
        for code, sec in industries.sections.items():
            self.section_combo.addItem(f"{code}  {sec.name.get(lang)}", code)
        ind_box = QVBoxLayout()
        ind_box.setSpacing(2)
        ind_box.addWidget(self.section_combo)
        ind_box.addWidget(self.division_combo)
        ind_box.addWidget(self.class_combo)
        _add_row(form, self.tr("&Industry:"), self.section_combo, ind_box)

        standard = load_size_standard()
        self.figures: dict[str, QLineEdit] = {}
        self.figure_problems: dict[str, QLabel] = {}
        captions = {"employees": self.tr("&Employees:"), "revenue_wan": self.tr("Annual &revenue:"),
                    "assets_wan": self.tr("Total &assets:")}
        for key in ("employees", "revenue_wan", "assets_wan"):
            fig = standard.figures[key]
            edit = QLineEdit(body)
            edit.setMaximumWidth(200)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText(self.tr("unknown"))
            set_accessible(edit, fig.name.get(lang), fig.unit.get(lang))
            problem = _problem_label(body)
            row = QHBoxLayout()
            row.addWidget(edit)
            unit = QLabel(fig.unit.get(lang), body)
            row.addWidget(unit)
            row.addWidget(problem, 1)
            _add_row(form, captions[key], edit, row)
            self.figures[key] = edit
            self.figure_problems[key] = problem

        self.region = QLineEdit(body)
        self.region.setPlaceholderText(self.tr("e.g. 浙江省宁波市"))
        set_accessible(self.region, self.tr("Region"), self.tr("Province and city where the firm operates"))
        form.addRow(self.tr("Re&gion:"), self.region)

        self.size_label = QLabel(body)
        self.size_label.setTextFormat(Qt.TextFormat.PlainText)
        self.size_label.setWordWrap(True)
        self.size_label.setObjectName("sizeClass")
        # as wide as the other fields (a form grows only expanding fields): else it wraps narrow and is cut off
        self.size_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.size_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form.addRow(self.tr("SME size class:"), self.size_label)

        self.framework_box = QGroupBox(self.tr("Framework"), body)
        fw_layout = QVBoxLayout(self.framework_box)
        self.framework_group = QButtonGroup(self)
        self.framework_buttons: dict[str, QRadioButton] = {}
        for fw in bundled_frameworks().values():
            sectors = fw.sectors
            text = fw.title.get(lang)
            if sectors:
                text += "  " + self.tr("(for industry sections %1 only)").replace("%1", ", ".join(sectors))
            button = QRadioButton(text, self.framework_box)
            set_accessible(button, self.tr("Framework: %1").replace("%1", fw.title.get(lang)),
                           fw.description.get(lang))
            button.setToolTip(fw.description.get(lang))
            self.framework_group.addButton(button)
            self.framework_buttons[fw.id] = button
            fw_layout.addWidget(button)
            button.toggled.connect(lambda checked, fid=fw.id: self._framework_toggled(fid, checked))
        self.framework_note = QLabel(self.framework_box)
        self.framework_note.setWordWrap(True)
        self.framework_note.setTextFormat(Qt.TextFormat.PlainText)
        fw_layout.addWidget(self.framework_note)
        layout.addWidget(self.framework_box)
        layout.addStretch(1)

        self.load()
        self.name.textEdited.connect(self._commit)
        self.credit_code.textEdited.connect(self._commit)
        self.region.textEdited.connect(self._commit)
        for edit in self.figures.values():
            edit.textEdited.connect(self._commit)
        self.section_combo.currentIndexChanged.connect(self._section_changed)
        self.division_combo.currentIndexChanged.connect(self._division_changed)
        self.class_combo.currentIndexChanged.connect(self._commit)

    # ---------------------------------------------------------------- loading

    def load(self) -> None:
        """Show the session's company and framework."""
        self._loading = True
        c = self.session.assessment.company
        self.name.setText(c.name)
        self.credit_code.setText(c.credit_code)
        self.region.setText(c.region)
        for key, edit in self.figures.items():
            v = getattr(c, key)
            edit.setText("" if v is None else fmt_number(v, 4))
        try:
            code = parse_industry(c.industry) if c.industry else None
        except ValueError:
            code = None
        self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(code.section if code else "")))
        self._fill_divisions(code.division if code else None)
        self._fill_classes(code.class_code if code else None)
        fid = self.session.assessment.framework_id
        if fid in self.framework_buttons:
            self.framework_buttons[fid].setChecked(True)
        self._loading = False
        self._update_feedback()

    def _fill_divisions(self, selected: str | None) -> None:
        was = self._loading
        self._loading = True
        self.division_combo.clear()
        section = self.section_combo.currentData() or ""
        industries = load_industries()
        self.division_combo.addItem(self.tr("— whole section —"), "")
        if section:
            for d in industries.sections[section].divisions:
                self.division_combo.addItem(f"{d}  {industries.divisions[d].name.get(self.lang)}", d)
        self.division_combo.setEnabled(bool(section))
        self.division_combo.setCurrentIndex(max(0, self.division_combo.findData(selected or "")))
        self._loading = was

    def _fill_classes(self, selected: str | None) -> None:
        was = self._loading
        self._loading = True
        self.class_combo.clear()
        division = self.division_combo.currentData() or ""
        classes = [c for c in load_industries().classes.values() if c.division == division]
        self.class_combo.addItem(self.tr("— whole division —"), "")
        for c in classes:
            self.class_combo.addItem(f"{c.code}  {c.name.get(self.lang)}", c.code)
        self.class_combo.setVisible(bool(classes))
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(selected or "")))
        self._loading = was

    def _section_changed(self) -> None:
        if self._loading:
            return
        self._fill_divisions(None)
        self._fill_classes(None)
        self._commit()

    def _division_changed(self) -> None:
        if self._loading:
            return
        self._fill_classes(None)
        self._commit()

    # ---------------------------------------------------------------- values

    def industry_code(self) -> str:
        section = self.section_combo.currentData() or ""
        division = self.division_combo.currentData() or ""
        cls = (self.class_combo.currentData() or "") if division else ""
        if cls:
            return section + cls
        if division:
            return section + division
        return section

    def credit_code_problems(self) -> list[str]:
        code = normalise_credit_code(self.credit_code.text())
        if not code:
            return []
        return [p.message.get(self.lang) for p in check_credit_code(code)]

    def _figures(self) -> tuple[dict[str, float | int | None], dict[str, str]]:
        values: dict[str, float | int | None] = {}
        problems: dict[str, str] = {}
        for key, edit in self.figures.items():
            try:
                v = parse_number(edit.text())
            except ValueError:
                problems[key] = self.tr("Not a number of at least 0 (not saved until corrected)")
                v = None
            if key == "employees" and v is not None and not float(v).is_integer():
                problems[key] = self.tr("A whole number of persons (not saved until corrected)")
                v = None
            values[key] = int(v) if key == "employees" and v is not None else v
        return values, problems

    def company(self) -> Company:
        """The company as the fields give it; invalid entries are left out."""
        old = self.session.assessment.company
        code = normalise_credit_code(self.credit_code.text())
        if code and check_credit_code(code):
            code = ""
        values, _ = self._figures()
        return Company(name=self.name.text().strip(), credit_code=code, industry=self.industry_code(),
                       employees=values["employees"], revenue_wan=values["revenue_wan"],  # type: ignore[arg-type]  # _figures checked employees is whole
                       assets_wan=values["assets_wan"], region=self.region.text().strip(), contact=old.contact,
                       share_contact=old.share_contact)

    def _commit(self) -> None:
        if self._loading:
            return
        self.session.set_company(self.company())
        self._update_feedback()

    def _update_feedback(self) -> None:
        problems = self.credit_code_problems()
        text = " ".join(problems)
        if problems:
            text += " " + self.tr("(not saved until corrected)")
        _show_problem(self.credit_problem, text)
        _, fig_problems = self._figures()
        for key, label in self.figure_problems.items():
            _show_problem(label, fig_problems.get(key, ""))
        self.size_label.setText(self._size_text())
        section = self.section_combo.currentData() or ""
        current = self.session.assessment.framework_id
        notes = []
        for fid, button in self.framework_buttons.items():
            sectors = bundled_frameworks()[fid].sectors
            fits = not sectors or section in sectors
            button.setEnabled(fits or fid == current)
            if fid == current and not fits:
                notes.append(self.tr("The chosen framework is meant for other industries; consider another."))
        self.framework_note.setText(" ".join(notes))
        self.framework_note.setVisible(bool(notes))

    def _size_text(self) -> str:
        c = self.session.assessment.company
        try:
            r = size_class(c.industry or None, c.employees, c.revenue_wan, c.assets_wan)
        except ValueError:
            return self.tr("Cannot be determined")
        if r.size != "unknown":
            category = r.category_name.get(self.lang) if r.category_name else ""
            return f"{r.label.get(self.lang)} ({category})" if category else r.label.get(self.lang)
        standard = load_size_standard()
        words = {"industry": self.tr("the industry"), "division": self.tr("the industry division"),
                 "class": self.tr("the industry class")}
        missing = [words.get(m) or standard.figures[m].name.get(self.lang) for m in r.missing]
        return self.tr("Cannot be determined yet: give %1").replace("%1", ", ".join(missing))

    # ---------------------------------------------------------------- framework

    def _framework_toggled(self, framework_id: str, checked: bool) -> None:
        if self._loading or not checked or framework_id == self.session.assessment.framework_id:
            return
        count = len(self.session.assessment.answers)
        if count and not messages.ask(self, self.tr("Change the framework?"),
                             self.tr("The %1 answers given so far belong to the current framework. They are set "
                                     "aside and come back if you switch back before closing this assessment; "
                                     "otherwise they are lost.").replace("%1", str(count))):
            self._loading = True
            self.framework_buttons[self.session.assessment.framework_id].setChecked(True)
            self._loading = False
            return
        self.session.set_framework(framework_id)
        self._update_feedback()


class DetailsPage(QWidget):
    """The interview: assessor and date, respondents and their roles, the firm's pledge."""

    def __init__(self, session: AssessmentSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self._loading = False
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("The interview"), self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        form = QFormLayout()
        layout.addLayout(form)
        self.assessor = QLineEdit(self)
        set_accessible(self.assessor, self.tr("Assessor"), self.tr("The consultant who carries out the assessment"))
        form.addRow(self.tr("A&ssessor:"), self.assessor)
        self.assessed_on = date_in_range(QDateEdit(self))
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setDisplayFormat("yyyy-MM-dd")
        set_accessible(self.assessed_on, self.tr("Assessment date"), self.tr("The day of the interview"))
        form.addRow(self.tr("Assessment &date:"), self.assessed_on)

        box = QGroupBox(self.tr("Respondents"), self)
        box_layout = QVBoxLayout(box)
        self.respondents = QTableWidget(0, 2, box)
        self.respondents.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.respondents.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.respondents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.respondents.setTabKeyNavigation(False)
        set_accessible(self.respondents, self.tr("Respondents"),
                       self.tr("The people interviewed and their roles; F2 edits a cell"))
        box_layout.addWidget(self.respondents)
        buttons = QHBoxLayout()
        self.add_respondent = QPushButton(self.tr("Add &respondent"), box)
        set_accessible(self.add_respondent, self.tr("Add respondent"), self.tr("Adds a row to the table"))
        self.remove_respondent = QPushButton(self.tr("Remo&ve respondent"), box)
        set_accessible(self.remove_respondent, self.tr("Remove respondent"), self.tr("Removes the selected row"))
        buttons.addWidget(self.add_respondent)
        buttons.addWidget(self.remove_respondent)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        layout.addWidget(box)

        pledge = QGroupBox(self.tr("Truthfulness pledge"), self)
        pledge_form = QFormLayout(pledge)
        self.pledge_box = QCheckBox(self.tr("The firm &pledges that the information it has given is true, "
                                            "complete and its own"), pledge)
        set_accessible(self.pledge_box, self.tr("Truthfulness pledge"),
                       self.tr("Ticked when the firm's representative has signed the pledge"))
        pledge_form.addRow(self.pledge_box)
        self.signer = QLineEdit(pledge)
        set_accessible(self.signer, self.tr("Signed by"), self.tr("Name and post of the person who signs"))
        pledge_form.addRow(self.tr("Si&gned by:"), self.signer)
        self.pledge_problem = _problem_label(pledge)
        pledge_form.addRow(self.pledge_problem)
        layout.addWidget(pledge)
        layout.addStretch(1)

        self.load()
        self.assessor.textEdited.connect(self._commit)
        self.assessed_on.dateChanged.connect(self._commit)
        self.respondents.itemChanged.connect(self._commit)
        self.add_respondent.clicked.connect(self._add_row)
        self.remove_respondent.clicked.connect(self._remove_row)
        self.pledge_box.toggled.connect(self._commit)
        self.signer.textEdited.connect(self._commit)

    def load(self) -> None:
        self._loading = True
        a = self.session.assessment
        self.assessor.setText(a.assessor)
        self.assessed_on.setDate(qdate(a.assessed_on))
        self.respondents.setRowCount(0)
        for r in a.respondents:
            self._append(r.get("name", ""), r.get("role", ""))
        self.pledge_box.setChecked(bool(a.pledge))
        self.signer.setText((a.pledge or {}).get("signed_by", ""))
        self._loading = False
        self._update_feedback()

    def _append(self, name: str, role: str) -> int:
        row = self.respondents.rowCount()
        self.respondents.insertRow(row)
        self.respondents.setItem(row, 0, QTableWidgetItem(name))
        self.respondents.setItem(row, 1, QTableWidgetItem(role))
        return row

    def _add_row(self) -> None:
        self._loading = True
        row = self._append("", "")
        self._loading = False
        self.respondents.setFocus()
        self.respondents.setCurrentCell(row, 0)
        item = self.respondents.item(row, 0)
        if item is not None:  # _append made it
            self.respondents.editItem(item)

    def _remove_row(self) -> None:
        row = self.respondents.currentRow()
        if row >= 0:
            self.respondents.removeRow(row)
            self._commit()

    def respondent_rows(self) -> list[dict[str, str]]:
        rows = []
        for r in range(self.respondents.rowCount()):
            cells = [self.respondents.item(r, c) for c in (0, 1)]
            name, role = ((c.text().strip() if c else "") for c in cells)
            if name or role:
                rows.append({"name": name, "role": role})
        return rows

    def _commit(self) -> None:
        if self._loading:
            return
        signer = self.signer.text().strip()
        pledge = None
        if self.pledge_box.isChecked():
            pledge = {"signed_by": signer, "date": self.assessed_on.date().toString("yyyy-MM-dd")}
        self.session.set_details(assessor=self.assessor.text().strip(),
                                 assessed_on=self.assessed_on.date().toString("yyyy-MM-dd"),
                                 respondents=self.respondent_rows(), pledge=pledge)
        self._update_feedback()

    def _update_feedback(self) -> None:
        text = ""
        if self.pledge_box.isChecked() and not self.signer.text().strip():
            text = self.tr("Give the name of the person who signed the pledge.")
        _show_problem(self.pledge_problem, text)
