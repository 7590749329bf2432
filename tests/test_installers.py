"""The installers' sources: NSIS script, .deb layout and control file, desktop entry, MIME type,
icons, the bundled font, and the licence data behind the About dialog.

The slow part of packaging (PyInstaller, the real .deb, installing it and running the installed
self-test) is CI's: ``installers/check_installers.sh``. These checks take seconds.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from packaging.requirements import Requirement

from smedigital import __version__, about

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ROOT / "installers"
DESKTOP = INSTALLERS / "linux" / "smedigital.desktop"
MIME_XML = INSTALLERS / "linux" / "smedigital-mime.xml"
MIME_TYPE = "application/x-smedigital-assessment"
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "SmedigitalSansSC.ttc"
FONT_EXT = ROOT / "resources" / "fonts" / "SmedigitalSansSCExt.ttc"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
# A Debian dependency: a package name, optionally a version relation.
DEB_DEPENDENCY = re.compile(r"^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?( \((<<|<=|=|>=|>>) [0-9][A-Za-z0-9.+~:-]*\))?$")


def _stand_in_payload(folder: Path) -> Path:
    payload = folder / "payload"
    (payload / "_internal" / "resources").mkdir(parents=True)
    (payload / "smedigital.exe").write_bytes(b"MZ stand-in for the PyInstaller bundle")
    for name in ("smedigital", "smedigital-cli"):
        (payload / name).write_text("#!/bin/sh\necho stand-in\n", encoding="utf-8")
        (payload / name).chmod(0o755)
    (payload / "_internal" / "resources" / "README.txt").write_text("stand-in\n", encoding="utf-8")
    return payload


# --------------------------------------------------------------------- Windows

@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian: nsis) is not installed")
def test_nsis_script_compiles_around_a_stand_in_payload(tmp_path):
    payload = _stand_in_payload(tmp_path)
    out = tmp_path / "smedigital-installer.exe"  # makensis warns of names like setup.exe
    proc = subprocess.run(["makensis", "-V2", "-WX", f"-DVERSION={__version__}", f"-DPAYLOAD={payload}",
                           f"-DOUTFILE={out}", str(INSTALLERS / "windows" / "smedigital.nsi")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_script_installs_per_user_in_both_languages():
    nsi = (INSTALLERS / "windows" / "smedigital.nsi").read_text(encoding="utf-8")
    assert re.search(r"(?m)^Unicode true$", nsi)
    assert re.search(r"(?m)^RequestExecutionLevel user$", nsi)
    assert '$LOCALAPPDATA\\Programs\\${APP}' in nsi
    assert 'HKCU "Software\\Classes\\${EXT}"' in nsi and '!define EXT ".smd.json"' in nsi
    assert 'MUI_LANGUAGE "SimpChinese"' in nsi and 'MUI_LANGUAGE "English"' in nsi
    assert "HKLM" not in nsi  # nothing outside the user's own registry
    # The command line: on the user's PATH through bin\smedigital-cli.cmd, and off it again.
    assert '!define CLI "smedigital-cli.exe"' in nsi
    assert '@"%~dp0..\\${CLI}" %*' in nsi
    install, uninstall = nsi.split('Section "Uninstall"')
    assert 'WriteRegExpandStr HKCU "Environment" "Path"' in install
    assert 'Delete "$INSTDIR\\${CLI}"' in uninstall and "${un.WordReplace}" in uninstall
    # Every translated string exists in both languages.
    strings = re.findall(r"(?m)^LangString (\w+) \$\{LANG_(\w+)\}", nsi)
    by_name: dict[str, set[str]] = {}
    for name, lang in strings:
        by_name.setdefault(name, set()).add(lang)
    assert by_name and all(langs == {"SIMPCHINESE", "ENGLISH"} for langs in by_name.values()), by_name
    used = set(re.findall(r"\$\((\w+)\)", nsi))
    assert used <= set(by_name), used - set(by_name)


def test_windows_workflow_builds_self_tests_and_compiles():
    import yaml

    workflow = yaml.safe_load((INSTALLERS / "windows" / "build-windows.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["installer"]
    assert job["runs-on"] == "windows-latest"
    text = "\n".join(str(step.get("run", "")) + str(step.get("with", "")) for step in job["steps"])
    for needed in ("3.11", 'pip install -e ".[build]"', "pyinstaller --noconfirm --clean installers/smedigital.spec",
                   "--selftest", "makensis", "upload-artifact"):
        assert needed in text or any(needed in str(step.get("uses", "")) for step in job["steps"]), needed


# --------------------------------------------------------------------- Linux

def test_desktop_entry_is_valid():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "smedigital"
    assert entry["Icon"] == "smedigital"
    assert entry["Terminal"] == "false"
    for key in ("Name", "Comment", "GenericName"):
        assert entry[key] and entry[f"{key}[zh_CN]"], key
        assert re.search(r"[\u4e00-\u9fff]", entry[f"{key}[zh_CN]"]), key
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_mime_type_globs_assessment_files():
    root = ET.parse(MIME_XML).getroot()
    types = root.findall("m:mime-type", MIME_NS)
    assert [t.get("type") for t in types] == [MIME_TYPE]
    globs = [g.get("pattern") for g in types[0].findall("m:glob", MIME_NS)]
    assert globs == ["*.smd.json"]
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in
                types[0].findall("m:comment", MIME_NS)}
    assert comments.get(None) and comments.get("zh_CN")


def _control_fields(text: str) -> dict[str, str]:
    """Parse a Debian control paragraph: 'Field: value' with continuation lines starting with a space."""
    fields: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if line.startswith((" ", "\t")):
            assert last is not None, f"continuation line before any field: {line!r}"
            fields[last] += "\n" + line
        else:
            assert re.match(r"^[A-Za-z][A-Za-z0-9-]*: ", line), f"not a field: {line!r}"
            last, value = line.split(": ", 1)
            assert last not in fields, f"{last} twice"
            fields[last] = value
    return fields


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed (not Debian)")
def test_deb_has_the_layout_and_a_well_formed_control_file(tmp_path):
    payload = _stand_in_payload(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run(["bash", str(INSTALLERS / "linux" / "build_deb.sh"), "--payload", str(payload), str(out)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHON": sys.executable, "DEB_COMPRESSION": "-Zgzip"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    debs = list(out.glob("smedigital_*.deb"))
    assert len(debs) == 1, debs
    # dpkg-deb itself refused a malformed control file while building; read it back.
    control = subprocess.run(["dpkg-deb", "--field", str(debs[0])], capture_output=True, text=True, check=True).stdout
    fields = _control_fields(control)
    assert fields["Package"] == "smedigital"
    assert fields["Version"] == __version__
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert fields["Architecture"] == arch
    assert re.match(r"^.+ <[^@\s]+@[^@\s]+>$", fields["Maintainer"])
    assert int(fields["Installed-Size"]) > 0
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert all(DEB_DEPENDENCY.match(d) for d in depends), [d for d in depends if not DEB_DEPENDENCY.match(d)]
    libc = [d for d in depends if d.startswith("libc6 ")]
    assert libc and re.fullmatch(r"libc6 \(>= 2\.(\d+)\)", libc[0]), depends
    assert int(libc[0].split(".")[1].rstrip(")")) <= 31, libc  # the baseline the README claims
    for qt_needs in ("libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0"):
        assert any(d.split()[0] == qt_needs for d in depends), qt_needs
    summary, *long_lines = fields["Description"].split("\n")
    assert summary and len(summary) <= 80 and long_lines and all(line.startswith(" ") for line in long_lines)

    listing = subprocess.run(["dpkg-deb", "--contents", str(debs[0])], capture_output=True, text=True,
                             check=True).stdout
    entries = {line.split()[5].removeprefix("."): line.split()[0] for line in listing.splitlines()}
    owners = {" ".join(line.split()[1:2]) for line in listing.splitlines()}
    assert owners == {"root/root"}, owners
    for program in ("smedigital", "smedigital-cli"):
        assert entries[f"/usr/bin/{program}"].startswith("-rwxr-xr-x"), program
        assert entries[f"/opt/smedigital/{program}"].startswith("-rwx"), program
    for path in ("/usr/share/applications/smedigital.desktop", "/usr/share/mime/packages/smedigital.xml",
                 "/usr/share/icons/hicolor/scalable/apps/smedigital.svg",
                 "/usr/share/icons/hicolor/256x256/apps/smedigital.png",
                 "/usr/share/icons/hicolor/48x48/mimetypes/application-x-smedigital-assessment.png",
                 "/usr/share/doc/smedigital/copyright"):
        assert path in entries, path


def test_launcher_runs_the_bundle_under_opt():
    script = (INSTALLERS / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert 'exec /opt/smedigital/smedigital "$@"' in script
    assert 'exec /opt/smedigital/smedigital-cli "$@"' in script
    assert "--root-owner-group" in script


# --------------------------------------------------------------------- the bundle

def test_spec_is_python_and_keeps_the_promises():
    spec = (INSTALLERS / "smedigital.spec").read_text(encoding="utf-8")
    compile(spec, "smedigital.spec", "exec")
    assert "upx=True" not in spec and spec.count("upx=False") == 3  # two programs and the folder
    assert 'name="smedigital-cli"' in spec and "console=True" in spec and "[exe, exe_cli]" in spec
    assert 'os.link(_folder / "smedigital", _folder / "smedigital-cli")' in spec  # Linux: one program, two names
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert 'if s[0] != "pyi_rth_mplconfig"' in spec  # the font cache lives in the data folder
    for unused in ("QtQml", "QtQuick", "Qt3DCore", "QtWebEngineCore", "QtDesigner"):
        assert f'"{unused}"' in spec, unused
    assert '"QtNetwork"' not in spec and '"Qt6Network"' not in spec  # its local socket: a second launch brings the first window forward


def _launcher():
    import importlib.util

    spec = importlib.util.spec_from_file_location("smedigital_launcher", INSTALLERS / "launcher.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines _is_cli; runs nothing (not __main__)
    return module


@pytest.mark.parametrize(("executable", "cli"), [
    ("/opt/smedigital/smedigital-cli", True), (r"C:\Users\a\AppData\Local\Programs\smedigital\smedigital-cli.exe", True),
    ("SMEDIGITAL-CLI.EXE", True), ("/opt/smedigital/smedigital", False), ("smedigital.exe", False),
    ("/usr/bin/python3", False),
])
def test_launcher_picks_the_command_line_by_the_executables_name(executable, cli):
    assert _launcher()._is_cli(executable.replace("\\", "/")) is cli


# --------------------------------------------------------------------- glibc baseline (objdump -T)

def _glibc_check():
    import importlib.util

    spec = importlib.util.spec_from_file_location("glibc_check", INSTALLERS / "linux" / "glibc_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glibc_check_reads_objdump_output(tmp_path, monkeypatch):
    gc = _glibc_check()
    elf = tmp_path / "libx.so"
    elf.write_bytes(b"\x7fELF" + b"\0" * 60)
    (tmp_path / "notes.txt").write_text("not an ELF file")
    assert gc.elf_files(tmp_path) == [elf]
    output = f"""
{elf}:     file format elf64-x86-64

DYNAMIC SYMBOL TABLE:
0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.2.5) free
0000000000000000      DF *UND*  0000000000000000  GLIBC_2.29  pow
0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.14) memcpy
0000000000001000 g    DF .text  0000000000000010  Base        x_init
"""

    class Done:
        returncode, stdout, stderr = 0, output, ""

    monkeypatch.setattr(gc.subprocess, "run", lambda *a, **k: Done)
    needs = gc.needed_versions([elf])
    assert needs[elf] == {"2.2.5": {"free"}, "2.29": {"pow"}, "2.14": {"memcpy"}}
    assert gc.newest(needs) == "2.29"
    assert gc.main([str(tmp_path), "--max", "2.31"]) == 0
    assert gc.main([str(tmp_path), "--max", "2.28"]) == 1
    assert gc.version_key("2.2.5") < gc.version_key("2.14") < gc.version_key("2.31")


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
def test_glibc_check_on_this_machines_interpreter():
    gc = _glibc_check()
    files = [Path(sys.executable).resolve()]
    needs = gc.needed_versions(files)
    assert gc.newest(needs) and gc.version_key(gc.newest(needs)) >= (2, 2)


def _built_bundles() -> list[Path]:
    """Bundles that build_deb.sh --arch left in its cache (CI builds them after the tests)."""
    cache = Path(os.environ.get("SMEDIGITAL_BUILD_CACHE") or
                 Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "smedigital-build")
    return sorted(cache.glob("build/bullseye-*/build/pyinstaller/dist/smedigital"))


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
@pytest.mark.parametrize("bundle", _built_bundles() or [None], ids=lambda b: b.parent.parent.parent.parent.name if b else "none")
def test_no_file_of_a_built_bundle_needs_a_glibc_newer_than_the_baseline(bundle):
    if bundle is None:
        pytest.skip("no bundle built yet (installers/linux/build_deb.sh --arch amd64|arm64)")
    proc = subprocess.run([sys.executable, str(INSTALLERS / "linux" / "glibc_check.py"), str(bundle), "--max", "2.31"],
                          capture_output=True, text=True, timeout=600)
    if "cannot read these files" in proc.stdout + proc.stderr:
        pytest.skip("this objdump cannot read that architecture (binutils-multiarch)")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "newest version needed: GLIBC_2." in proc.stdout


def test_linux_bundle_pins_fit_the_projects_requirements():
    """The Linux bundle's wheels (older where glibc 2.31 needs it) still satisfy pyproject.toml."""
    import tomllib

    from packaging.markers import default_environment

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {Requirement(r).name.lower(): Requirement(r) for r in project["dependencies"]}
    pins: dict[tuple[str, str], str] = {}
    for line in (INSTALLERS / "linux" / "bundle-requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        (version,) = [spec.version for spec in req.specifier if spec.operator == "=="]
        for machine in ("x86_64", "aarch64"):
            if req.marker is None or req.marker.evaluate({**default_environment(), "platform_machine": machine}):
                pins[(req.name.lower(), machine)] = version
    for machine in ("x86_64", "aarch64"):
        for name, req in wanted.items():
            assert (name, machine) in pins, f"{name} is not pinned for {machine}"
            assert req.specifier.contains(pins[(name, machine)]), (name, machine, pins[(name, machine)])
    assert pins[("pyside6-essentials", "x86_64")] == pins[("shiboken6", "x86_64")]
    assert pins[("pyside6-essentials", "aarch64")] == pins[("shiboken6", "aarch64")]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icons_in_every_size():
    assert ET.parse(ICONS / "smedigital.svg").getroot().tag.endswith("svg")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size(ICONS / f"smedigital-{size}.png") == (size, size)
    ico = (ICONS / "smedigital.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5


def test_bundled_font_has_regular_and_bold_and_every_character_the_program_shows():
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(FONT), lazy=True)
    second = TTCollection(str(FONT_EXT), lazy=True)
    try:
        _check_font_faces(collection.fonts, second.fonts)
    finally:
        collection.close()
        second.close()


def test_the_second_bundled_font_has_the_rarer_ideographs_of_names():
    from fontTools.ttLib import TTCollection

    with TTCollection(str(FONT), lazy=True) as first, TTCollection(str(FONT_EXT), lazy=True) as second:
        styles = [(f["name"].getDebugName(1), f["name"].getDebugName(2)) for f in second.fonts]
        assert styles == [("Smedigital Sans SC Ext", "Regular"), ("Smedigital Sans SC Ext", "Bold")]
        wanted = {chr(c) for c in range(0x4E00, 0x9FE0, 7)} | {chr(c) for c in range(0x3400, 0x4DB6, 13)}
        wanted |= set("䶮㐀㛃﨑𫖯𬱖𠀾昇玥喆珺")  # Extension A, compatibility, Extensions B and C, names beyond GB 2312
        for regular_or_bold in (0, 1):
            cmap = {**second.fonts[regular_or_bold].getBestCmap(), **first.fonts[regular_or_bold].getBestCmap()}
            missing = sorted(f"U+{ord(ch):04X}" for ch in wanted if ord(ch) not in cmap)
            assert not missing, missing


def _check_font_faces(faces: list, second: list) -> None:
    """Both weights of the first font have every character the program shows and GB 2312's hanzi and
    CJK punctuation: a report of the program's own texts (the framework's notes with 〈〉, say) reads the
    second font only for a rarer ideograph of a name, which costs the report a third of a second."""
    styles = [(f["name"].getDebugName(1), f["name"].getDebugName(2), f["OS/2"].usWeightClass) for f in faces]
    assert styles == [("Smedigital Sans SC", "Regular", 400), ("Smedigital Sans SC", "Bold", 700)]
    sources = [p for p in (ROOT / "resources").rglob("*") if p.suffix in (".yaml", ".json", ".md", ".ts")]
    shown = {ch for p in sources for ch in p.read_text(encoding="utf-8") if ord(ch) > 0x7E}
    gb2312 = {chr(c) for c in range(0x4E00, 0xA000, 97) if _in_gb2312(chr(c))}  # a sample of GB 2312's hanzi
    gb2312 |= {chr(c) for c in range(0x3000, 0x3040) if _in_gb2312(chr(c))}  # its CJK punctuation: 〈〉「」【】〖〗
    for face in faces:
        cmap = face.getBestCmap()
        assert not sorted(f"U+{ord(ch):04X}" for ch in gb2312 if ord(ch) not in cmap)
        missing = sorted(f"U+{ord(ch):04X}" for ch in shown if ord(ch) not in cmap)
        assert not missing, missing
    assert len(second) == len(faces)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# --------------------------------------------------------------------- About: components and licences

def _runtime_distributions() -> set[str]:
    """Every distribution the installed program carries: smedigital's requirements, recursively."""
    seen: set[str] = set()
    todo = ["smedigital"]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for spec in requires:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen - {"smedigital"}


def test_every_runtime_dependency_is_listed_with_its_licence():
    listed = {re.sub(r"[-_.]+", "-", c.distribution).lower() for c in about.COMPONENTS if c.distribution}
    missing = sorted(_runtime_distributions() - listed)
    assert not missing, f"bundled but not in smedigital.about.COMPONENTS (add them and run " \
                        f"installers/collect_licenses.py): {missing}"


def test_every_licence_file_exists_and_says_something():
    for component in about.COMPONENTS:
        assert component.files, component.name
        for name in component.files:
            path = about.licence_path(name)
            assert path.is_file(), f"{component.name}: {path} is missing"
            assert len(path.read_text(encoding="utf-8")) > 500, path
    assert "SIL OPEN FONT LICENSE Version 1.1" in about.licence_path("SmedigitalSansSC-OFL-1.1.txt").read_text("utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in about.licence_path("LGPL-3.0.txt").read_text("utf-8")


def test_about_names_the_licences_the_brief_asks_for():
    rows = {name: licence for name, _, licence, _ in about.summary_rows("en")}
    assert rows["Qt"] == "LGPL-3.0-only" and rows["PySide6 (Qt for Python)"] == "LGPL-3.0-only"
    assert rows["openpyxl"] == "MIT" and rows["PyYAML"] == "MIT" and rows["python-calamine"] == "MIT"
    assert rows["platformdirs"] == "MIT" and rows["fpdf2"] == "LGPL-3.0-only"
    assert rows["defusedxml"] == "PSF-2.0" and rows["Python"] == "PSF-2.0"
    assert "PSF" in rows["matplotlib"]
    assert any(licence == "OFL-1.1" for licence in rows.values())
    versions = {i.name: i.version for i in about.components()}
    assert versions["Python"] == ".".join(map(str, sys.version_info[:3]))
    assert versions["openpyxl"] == metadata.version("openpyxl")
    assert about.program_line().startswith(f"smedigital {__version__} (Python ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notice_text_lists_every_component(lang):
    text = about.notice_text(lang, with_licences=True)
    for component in about.COMPONENTS:
        assert component.name in text
        assert component.purpose(lang) in text
    assert "(missing:" not in text
    assert ("许可证" in text) if lang == "zh" else ("licence" in text)


def test_about_imports_no_qt():
    code = "import sys, smedigital.about as a; a.notice_text('zh'); " \
           "sys.exit(1 if any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
