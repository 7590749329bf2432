"""The window, the desktop entry, the Windows installer and the .deb say one product name.

Read as text from the installer sources: a name changed in one place and not the others is
what a user would see as two different programs (the window says one thing, the Start menu
another).
"""

from __future__ import annotations

import re
from pathlib import Path

from smedigital import about

INSTALLERS = Path(__file__).resolve().parent.parent / "installers"


def _desktop_names(text: str) -> dict[str, str]:
    return dict(re.findall(r"(?m)^Name(?:\[(\w+)\])?=(.*)$", text))


def test_the_desktop_entry_names_the_product():
    names = _desktop_names((INSTALLERS / "linux" / "smedigital.desktop").read_text(encoding="utf-8"))
    assert names == {"": about.PRODUCT_NAME["en"], "zh_CN": about.PRODUCT_NAME["zh"]}


def test_the_windows_installer_names_the_product_in_both_languages():
    nsi = (INSTALLERS / "windows" / "smedigital.nsi").read_text(encoding="utf-8")
    app_names = dict(re.findall(r'(?m)^LangString AppName \$\{LANG_(\w+)\} "(.*)"$', nsi))
    assert app_names == {"SIMPCHINESE": about.PRODUCT_NAME["zh"], "ENGLISH": about.PRODUCT_NAME["en"]}
    assert re.search(r'(?m)^Name "\$\(AppName\)"$', nsi)  # the installer's own window
    product = re.search(r'(?m)^VIAddVersionKey /LANG=0 "ProductName" "(.*)"$', nsi)
    assert product and product.group(1).startswith(about.PRODUCT_NAME["en"])


def test_the_deb_description_names_the_product_and_keeps_the_program_id():
    script = (INSTALLERS / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert re.search(r"(?m)^Package: smedigital$", script)
    description = re.search(r"(?m)^Description: (.*)$", script)
    assert description is not None
    assert about.PRODUCT_NAME["en"] in description.group(1) and about.PRODUCT_NAME["zh"] in description.group(1)


def test_the_product_name_follows_the_language_and_the_program_id_stays():
    assert about.product_name("zh") == "中小企业数字化水平自评"
    assert about.product_name("en") == "SME Digital Self-Assessment"
    assert about.product_name("fr") == about.product_name("zh")  # Chinese first
    assert about.PROGRAM == "smedigital"
