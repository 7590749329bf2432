"""What the program is built from, and under which licences: the data behind the About dialog.

No Qt here (the Help menu's About dialog in :mod:`smedigital.ui` shows it; ``smedigital --version``
and the self-test use it without a window). Every third-party component that an installed copy
carries is listed once in :data:`COMPONENTS`, with its licence and the files under
``resources/licenses/`` that hold the licence texts (``installers/collect_licenses.py`` copies
them from the installed packages; a test checks that every runtime dependency is listed and
every file exists).

Use::

    from smedigital import about
    about.program_line()                 # "smedigital 0.1.0 (Python 3.11.7, Qt 6.12.0)"
    for info in about.components():  # name, version, licence, purpose, url, licence files
        ...
    about.licence_text(info)             # the licence texts of one component, for a text view
    about.notice_text("en")              # all of it as one plain text (THIRD-PARTY-NOTICES)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import PRODUCT_NAME, __version__, product_name
from .core.resources import resource_path

PROGRAM = "smedigital"  # the program id: command, package, folder and file names
LICENSES_DIR = "licenses"



@dataclass(frozen=True, slots=True)
class Component:
    """A third-party part of the installed program."""

    name: str
    licence: str  # SPDX expression where there is one
    files: tuple[str, ...]  # licence texts under resources/licenses/
    url: str
    purpose_zh: str
    purpose_en: str
    distribution: str | None = None  # the Python distribution its version is read from
    version_from: str | None = None  # "python" for the interpreter itself

    def purpose(self, lang: str) -> str:
        return self.purpose_zh if lang == "zh" else self.purpose_en


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """A component with its version as found in this installation ("" when unknown)."""

    component: Component
    version: str

    @property
    def name(self) -> str:
        return self.component.name

    @property
    def licence(self) -> str:
        return self.component.licence

    def purpose(self, lang: str) -> str:
        return self.component.purpose(lang)

    @property
    def url(self) -> str:
        return self.component.url

    @property
    def files(self) -> tuple[str, ...]:
        return self.component.files


QT_FILES = ("Qt-NOTICE.txt", "LGPL-3.0.txt", "GPL-3.0.txt")

COMPONENTS: tuple[Component, ...] = (
    Component("Python", "PSF-2.0", ("Python-LICENSE.txt",), "https://www.python.org/",
              "运行本程序的 Python 解释器及其标准库", "the Python interpreter and standard library that run the program",
              version_from="python"),
    Component("Qt", "LGPL-3.0-only", QT_FILES, "https://www.qt.io/",
              "窗口、控件与文字显示（Qt 6 的 Core、Gui、Widgets、Svg 模块及其插件）",
              "windows, widgets and text (the Qt 6 Core, Gui, Widgets and Svg modules and their plugins)",
              distribution="PySide6-Essentials"),
    Component("PySide6 (Qt for Python)", "LGPL-3.0-only", QT_FILES, "https://doc.qt.io/qtforpython-6/",
              "在 Python 中使用 Qt", "Qt from Python", distribution="PySide6-Essentials"),
    Component("Shiboken6", "LGPL-3.0-only", QT_FILES, "https://doc.qt.io/qtforpython-6/shiboken6/",
              "PySide6 的绑定运行库", "the binding runtime under PySide6", distribution="shiboken6"),
    Component("matplotlib", "LicenseRef-matplotlib (PSF-style)", ("matplotlib-LICENSE.txt", "DejaVu-fonts-LICENSE.txt"),
              "https://matplotlib.org/", "图表（含 DejaVu 字体）", "charts (with the DejaVu fonts)",
              distribution="matplotlib"),
    Component("NumPy", "BSD-3-Clause", ("numpy-LICENSE.txt",), "https://numpy.org/",
              "图表的数值计算（含 OpenBLAS 与 GCC 运行库）", "numbers for the charts (with OpenBLAS and the GCC runtime)",
              distribution="numpy"),
    Component("Pillow", "MIT-CMU", ("Pillow-LICENSE.txt",), "https://python-pillow.github.io/",
              "图片读写（图表导出）", "images (chart export)", distribution="pillow"),
    Component("fontTools", "MIT", ("fonttools-LICENSE.txt",), "https://github.com/fonttools/fonttools",
              "字体读取与子集化（PDF 报告）", "reading and subsetting fonts (PDF report)", distribution="fonttools"),
    Component("contourpy", "BSD-3-Clause", ("contourpy-LICENSE.txt",), "https://github.com/contourpy/contourpy",
              "matplotlib 的等值线计算", "contours for matplotlib", distribution="contourpy"),
    Component("kiwisolver", "BSD-3-Clause", ("kiwisolver-LICENSE.txt",), "https://github.com/nucleic/kiwi",
              "matplotlib 的布局求解", "layout solver for matplotlib", distribution="kiwisolver"),
    Component("cycler", "BSD-3-Clause", ("cycler-LICENSE.txt",), "https://matplotlib.org/cycler/",
              "matplotlib 的样式循环", "style cycles for matplotlib", distribution="cycler"),
    Component("pyparsing", "MIT", ("pyparsing-LICENSE.txt",), "https://github.com/pyparsing/pyparsing",
              "matplotlib 的文本解析", "text parsing for matplotlib", distribution="pyparsing"),
    Component("python-dateutil", "Apache-2.0 OR BSD-3-Clause", ("python-dateutil-LICENSE.txt",),
              "https://github.com/dateutil/dateutil", "日期处理", "dates", distribution="python-dateutil"),
    Component("tzdata", "Apache-2.0", ("tzdata-LICENSE.txt",), "https://github.com/python/tzdata",
              "时区数据", "time zone data", distribution="tzdata"),
    Component("packaging", "Apache-2.0 OR BSD-2-Clause", ("packaging-LICENSE.txt",), "https://github.com/pypa/packaging",
              "版本号处理", "version numbers", distribution="packaging"),
    Component("openpyxl", "MIT", ("openpyxl-LICENSE.txt",), "https://openpyxl.readthedocs.io/",
              "Excel 改进计划工作簿", "the Excel improvement plan workbook", distribution="openpyxl"),
    Component("et-xmlfile", "MIT", ("et_xmlfile-LICENSE.txt",), "https://foss.heptapod.net/openpyxl/et_xmlfile",
              "openpyxl 的 XML 写入", "XML writing for openpyxl", distribution="et-xmlfile"),
    Component("PyYAML", "MIT", ("PyYAML-LICENSE.txt",), "https://pyyaml.org/",
              "读取评测体系与行动库", "reading the frameworks and action libraries", distribution="PyYAML"),
    Component("fpdf2", "LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt"), "https://py-pdf.github.io/fpdf2/",
              "PDF 诊断报告", "the PDF diagnosis report", distribution="fpdf2"),
    Component("pypdfium2 (PDFium)", "(Apache-2.0 OR BSD-3-Clause) AND BSD-3-Clause",
              ("pypdfium2-LICENSE.txt",), "https://github.com/pypdfium2-team/pypdfium2",
              "打印：按打印机分辨率绘制 PDF 页面", "printing: drawing the PDF pages at the printer's resolution",
              distribution="pypdfium2"),
    Component("python-calamine", "MIT", ("python-calamine-LICENSE.txt",), "https://github.com/dimastbk/python-calamine",
              "快速读取导入的工作簿", "fast reading of imported workbooks", distribution="python-calamine"),
    Component("defusedxml", "PSF-2.0", ("defusedxml-LICENSE.txt",), "https://github.com/tiran/defusedxml",
              "安全解析 XML", "safe XML parsing", distribution="defusedxml"),
    Component("platformdirs", "MIT", ("platformdirs-LICENSE.txt",), "https://github.com/tox-dev/platformdirs",
              "用户数据目录位置", "where the user's data lives", distribution="platformdirs"),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", ("cryptography-LICENSE.txt",), "https://cryptography.io/",
              "签名记录（Ed25519）", "signed records (Ed25519)", distribution="cryptography"),
    Component("cffi", "MIT-0", ("cffi-LICENSE.txt",), "https://cffi.readthedocs.io/",
              "cryptography 调用 C 库", "C library calls for cryptography", distribution="cffi"),
    Component("pycparser", "BSD-3-Clause", ("pycparser-LICENSE.txt",), "https://github.com/eliben/pycparser",
              "cffi 的 C 解析器", "the C parser of cffi", distribution="pycparser"),
    Component("Smedigital Sans SC (Noto Sans CJK SC)", "OFL-1.1", ("SmedigitalSansSC-OFL-1.1.txt",),
              "https://github.com/notofonts/noto-cjk",
              "中文字体：Noto Sans CJK SC 的子集（常规与粗体；常用字与生僻字两个文件）",
              "Chinese font: subsets of Noto Sans CJK SC (regular and bold; common and rarer ideographs)"),
    Component("PyInstaller bootloader", "GPL-2.0-or-later WITH Bootloader-exception", ("PyInstaller-COPYING.txt",),
              "https://pyinstaller.org/", "安装版的启动程序", "the launcher of the installed program",
              distribution="pyinstaller"),
)

def _version(c: Component) -> str:
    import platform  # here, not at the top: the window title needs the product name before the first paint
    from importlib import metadata

    if c.version_from == "python":
        return platform.python_version()
    if c.distribution is None:
        return ""
    try:
        return metadata.version(c.distribution)
    except metadata.PackageNotFoundError:
        return ""


def components() -> list[ComponentInfo]:
    """Every bundled component with the version found here (a component not installed gets "")."""
    return [ComponentInfo(c, _version(c)) for c in COMPONENTS]


def qt_version() -> str:
    """The Qt version, as packaged with PySide6 (the wheels carry the Qt of the same number)."""
    return next((i.version for i in components() if i.name == "Qt"), "")


def program_line() -> str:
    """``smedigital 0.1.0 (Python 3.11.7, Qt 6.12.0)``: what ``--version`` prints."""
    import platform

    qt = qt_version()
    parts = [f"Python {platform.python_version()}"] + ([f"Qt {qt}"] if qt else [])
    return f"{PROGRAM} {__version__} ({', '.join(parts)})"


def licences_dir() -> Path:
    return resource_path(LICENSES_DIR)


def licence_path(file_name: str) -> Path:
    return licences_dir() / file_name


def licence_text(info: ComponentInfo | Component) -> str:
    """The licence texts of a component, one after another, each under its file name."""
    component = info.component if isinstance(info, ComponentInfo) else info
    parts = []
    for name in component.files:
        path = licence_path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = f"(missing: {path})"
        parts.append(f"==== {name} ====\n\n{text.rstrip()}\n")
    return "\n".join(parts)


HEADINGS = {
    "zh": ("本程序包含以下第三方组件，各自按其许可证授权。许可证全文见 licenses 文件夹。",
           "组件", "版本", "许可证", "用途"),
    "en": ("This program includes the following third-party components, each under its own licence. "
           "The licence texts are in the licenses folder.", "Component", "Version", "Licence", "Purpose"),
}

QT_NOTE = {
    "zh": ("Qt、PySide6 与 Shiboken6 以 GNU 宽通用公共许可证第 3 版（LGPL v3）授权，以独立的动态库随程序分发，"
           "可由用户替换为自行编译的版本；其源代码可从 https://download.qt.io/ 获取。"),
    "en": ("Qt, PySide6 and Shiboken6 are licensed under the GNU Lesser General Public License version 3 and are "
           "shipped as separate shared libraries, which you may replace with versions you build yourself; their "
           "source code is available from https://download.qt.io/."),
}


def summary_rows(lang: str = "zh") -> list[tuple[str, str, str, str]]:
    """(name, version, licence, purpose) per component: the About dialog's table."""
    return [(i.name, i.version, i.licence, i.purpose(lang)) for i in components()]


def notice_text(lang: str = "zh", with_licences: bool = False) -> str:
    """A plain-text notice: the program line, the component table, the Qt note (and the licence texts)."""
    lang = "en" if lang == "en" else "zh"
    intro, *_ = HEADINGS[lang]
    lines = [program_line(), "", intro, ""]
    for name, version, licence, purpose in summary_rows(lang):
        lines.append(f"- {name} {version}".rstrip() + f" — {licence}: {purpose}")
    lines += ["", QT_NOTE[lang], ""]
    if with_licences:
        seen: set[str] = set()
        for c in COMPONENTS:
            for file_name in c.files:
                if file_name in seen:
                    continue
                seen.add(file_name)
                lines.append(licence_text(Component(c.name, c.licence, (file_name,), c.url, "", "")))
    return "\n".join(lines)


__all__ = ["COMPONENTS", "PRODUCT_NAME", "Component", "ComponentInfo", "components", "licence_path", "licence_text",
           "licences_dir", "notice_text", "product_name", "program_line", "qt_version", "summary_rows"]
