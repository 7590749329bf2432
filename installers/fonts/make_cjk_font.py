"""Make the CJK fonts bundled in ``resources/fonts/``: subsets of Noto Sans CJK SC.

Debian's ``fonts-noto-cjk`` ships every CJK language in ~20 MB collections per weight.
The program needs simplified Chinese only, so this keeps the SC faces (Regular and Bold)
with Latin, punctuation, symbols, every CJK Unified Ideograph (U+4E00–U+9FFF), Extension A
(U+3400–U+4DBF), the compatibility ideographs (U+F900–U+FAFF) and the 2,365 ideographs of
Extensions B to H the font has (those of GB 18030-2022, the 通用规范汉字表 and the Hong Kong
and Taiwan standards: the rare characters of personal, firm and place names, such as 䶮, 㛃,
﨑, 𫖯, 𬱖), so a name prints as it is written, in two collections of both faces:

* ``SmedigitalSansSC.ttc``, "Smedigital Sans SC": Latin, punctuation, symbols, the 6,763
  hanzi of GB 2312 and every character of the program's own texts (frameworks, action
  libraries, translations, the strings in its code): ~8,800 glyphs, nearly every text;
* ``SmedigitalSansSCExt.ttc``, "Smedigital Sans SC Ext": every other ideograph above.

Split, a report reads and subsets a font a quarter of the size (fpdf2 parses the whole cmap
and the widths of every glyph of a font it is given), and takes the second font only when a
text needs it; the window and the charts list both families, one after the other. The
report falls back to a third font, found on the machine, for the rarer ideographs.

The subsets are renamed (a modified version under the SIL OFL 1.1 keeps the copyright and
licence, and gets a name of its own so it never shadows an installed Noto Sans CJK SC). The
licence text goes beside them in ``resources/licenses/``.

Run once when the font or the program's texts gain a character outside GB 2312 (a few
minutes); the output is committed:

    .venv/bin/python installers/fonts/make_cjk_font.py [--source-dir /usr/share/fonts/opentype/noto]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "fonts" / "SmedigitalSansSC.ttc"
OUT_EXT = ROOT / "resources" / "fonts" / "SmedigitalSansSCExt.ttc"
FAMILY = "Smedigital Sans SC"
FAMILY_EXT = "Smedigital Sans SC Ext"
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SC_FACE = "Noto Sans CJK SC"

RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 and Latin Extended-A/B (names, ×, ÷, °)
    (0x0370, 0x03FF),  # Greek (units, formulas)
    (0x2000, 0x206F),  # general punctuation (— … ‰ ‘’ “”)
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20CF),  # currency signs (¥ is Latin-1, € here)
    (0x2100, 0x218F),  # letter-like symbols and number forms (℃ № Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≥ ≤ ≈)
    (0x2460, 0x24FF),  # enclosed numbers ①
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes ■ ● ▲
    (0x2600, 0x26FF),  # miscellaneous symbols ★ ☑
    (0x2700, 0x27BF),  # dingbats ✓ ✔
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals (text copied out of PDFs often carries them)
    (0x2FF0, 0x2FFF),  # ideographic description characters
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31EF),  # bopomofo extended, CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK and compatibility (㈠ ㎡)
    (0x3400, 0x4DBF),  # CJK Extension A (䶮 㐀 㛃: rare characters of personal and firm names)
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs (﨑)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x323AF),  # Extensions B to H and the compatibility supplement: those the font has
)

IDEOGRAPHS = ((0x2E80, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
# The program's own texts: every character of these goes in the first font.
TEXT_SOURCES = (("resources", (".yaml", ".json", ".md", ".ts")), ("smedigital", (".py", ".tsv")))

NAME_IDS_REPLACED = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= cp <= end for start, end in ranges)


def split_unicodes(root: Path = ROOT) -> tuple[set[int], set[int]]:
    """The code points of the first font (common) and of the second (the rarer ideographs)."""
    every = {cp for start, end in RANGES for cp in range(start, end + 1)}
    common = {cp for cp in every if not _in(cp, IDEOGRAPHS)}
    for cp in every:  # GB 2312's hanzi and its CJK punctuation (〈〉「」『』【】〖〗 are in an ideograph range)
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        common.add(cp)
    for folder, suffixes in TEXT_SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in suffixes and path.is_file():
                common |= {ord(ch) for ch in path.read_text(encoding="utf-8") if ord(ch) in every}
    return common, every - common


def find_face(collection: Path, family: str) -> TTFont:
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(1) == family or font["name"].getDebugName(16) == family:
            return font
    raise SystemExit(f"{collection}: no face {family!r}")


def subset_face(font: TTFont, unicodes: set[int]) -> TTFont:
    options = subset.Options()
    # The default features (ligatures, kerning, vertical forms, proportional punctuation) without
    # 'locl': in the SC face its other language systems map to Japanese, Korean and traditional
    # glyph variants, which would double the glyph count for text this program never shows.
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    # No subroutines: a document's subset copies each glyph's charstring as it is, where a font with
    # subroutines has every kept glyph decompiled, its subroutine calls renumbered and compiled again
    # (0.16 s a face for a report's 650 glyphs, against 0.03 s); the file grows by 4 %.
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    return font


def rename(font: TTFont, style: str, version: str, family: str = FAMILY) -> None:
    """Give the subset its own family name, in the name table and in the CFF table."""
    name = font["name"]
    name.names = [rec for rec in name.names if rec.nameID not in NAME_IDS_REPLACED]
    postscript = family.replace(" ", "") + "-" + style
    full = f"{family} {style}" if style != "Regular" else family
    contents = ("Latin, symbols, GB 2312 and the program's texts" if family == FAMILY else
                "the CJK ideographs beyond GB 2312: Unified, Extension A, compatibility, those of Extensions B-H")
    description = (f"Subset of Noto Sans CJK SC {version} {style} ({contents}), renamed; "
                   "SIL Open Font License 1.1.")
    for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(family, 1, platform, encoding, language)
        name.setName(style, 2, platform, encoding, language)
        name.setName(f"{version};{postscript}", 3, platform, encoding, language)
        name.setName(full, 4, platform, encoding, language)
        name.setName(postscript, 6, platform, encoding, language)
        name.setName(description, 10, platform, encoding, language)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName = family
        top.FullName = full
    os2 = font["OS/2"]
    os2.usWeightClass = 700 if style == "Bold" else 400
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if style == "Bold" else 0b1000000)
    font["head"].macStyle = 1 if style == "Bold" else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR,
                        help="folder with NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc (Debian's fonts-noto-cjk)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--out-ext", type=Path, default=OUT_EXT)
    args = parser.parse_args()
    common, rare = split_unicodes()
    for family, unicodes, out in ((FAMILY, common, args.out), (FAMILY_EXT, rare, args.out_ext)):
        faces = []
        for style in ("Regular", "Bold"):
            started = time.monotonic()
            font = find_face(args.source_dir / f"NotoSansCJK-{style}.ttc", SC_FACE)
            version = font["name"].getDebugName(5).split(";")[0].replace("Version ", "")
            subset_face(font, unicodes)
            rename(font, style, version, family)
            faces.append(font)
            print(f"{family} {style}: {len(font.getGlyphOrder())} glyphs in {time.monotonic() - started:.0f} s")
        collection = TTCollection()
        collection.fonts = faces  # Regular first: readers that take face 0 get the regular weight
        out.parent.mkdir(parents=True, exist_ok=True)
        collection.save(str(out), shareTables=True)
        print(f"{out}: {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
