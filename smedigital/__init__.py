"""smedigital: where a small or medium firm stands on the 上云用数赋智 path."""

__version__ = "0.1.0"

#: The product's name as people read it: the window title, the desktop entry (``Name``), the
#: Windows installer (``AppName``, the Start-menu entry, Apps & features) and the .deb's
#: description all say this pair (``tests/test_installers.py`` reads them and checks). Here, not
#: in :mod:`smedigital.about` (which re-exports it), so that the first window's title does not
#: build the list of components (~1.5 ms of start-up, issue 17).
PRODUCT_NAME = {"zh": "中小企业数字化水平自评", "en": "SME Digital Self-Assessment"}


def product_name(lang: str) -> str:
    """The product's name in ``lang`` (Chinese unless ``en``)."""
    return PRODUCT_NAME["en" if lang == "en" else "zh"]
