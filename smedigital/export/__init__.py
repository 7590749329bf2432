"""Exports: the improvement plan workbook, the blank questionnaire, importing them, the PDF report.

This layer builds on :mod:`smedigital.core` with openpyxl, fpdf2 and (for the
report's charts) :mod:`smedigital.charts`; it never imports Qt. Importing the
package loads none of them: import the module you need.
"""
