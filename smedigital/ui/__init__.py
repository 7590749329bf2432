"""The desktop interface (PySide6): the only layer that imports Qt.

* :mod:`.main_window` – menus, the firm list and the hosted assessment view;
* :mod:`.home` – the firm list with search, filters, re-assess and undoable delete;
* :mod:`.assessment` – the assessment wizard, results dashboard and plan editor;
* :mod:`.exports` – the plan workbook, the PDF report and the blank questionnaire, written by
  :mod:`.tasks` off the GUI thread behind a cancelable progress dialog;
* :mod:`.office` – the regional overview for industry offices (aggregation of many firms' files);
* :mod:`.i18n`, :mod:`.theme`, :mod:`.messages`, :mod:`.crash` – language, text size and
  contrast, the one message helper, and the excepthook with its log;
* :mod:`.screenshots` – ``smedigital --screenshots DIR``.

``tools/i18n_update.py`` (outside the package) refreshes the translations.

Importing this package imports nothing else, so start-up only pays for what it uses.
"""
