"""The core: frameworks, assessments, scoring and planning.

Pure Python; it imports nothing of Qt, matplotlib or openpyxl (see tests/test_layers.py).
"""
