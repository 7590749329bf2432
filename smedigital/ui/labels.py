"""The names the firm list shows for levels, stages and industries, without reading YAML at start-up.

They come from the framework files and the GB/T 4754 reference file, which take a good
part of a second to read. The names are kept in the app state (key ``list_labels``)
together with the size and modification time of those files; the first window uses the
kept names, and they are read again only when a file has changed (or a new industry code
appears).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from smedigital.core.resources import resource_path
from smedigital.library import Library, settings

log = logging.getLogger("smedigital.ui")

FORMAT = 1


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _pick(text: Any, lang: str) -> str:
    return str(text.get(lang) or text.get("zh") or "") if isinstance(text, dict) else ""


class ListLabels:
    """Level, stage and industry names for the firm list, in either language."""

    def __init__(self, library: Library):
        self.library = library
        self._data: dict[str, Any] | None = None

    @staticmethod
    def _sources() -> list[Path]:
        return [*sorted(resource_path("frameworks").glob("*.yaml")), resource_path("reference", "gbt4754-2017.yaml")]

    def _signature(self) -> list[list[Any]]:
        out = []
        for p in self._sources():
            try:
                st = p.stat()
            except OSError:
                continue
            out.append([p.name, st.st_mtime_ns, st.st_size])
        return out

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            signature = self._signature()
            kept = settings.LIST_LABELS.get(self.library)
            if kept.get("format") == FORMAT and kept.get("signature") == signature:
                self._data = kept
            else:
                self._data = self._read(signature)
                self._keep()
        return self._data

    def _keep(self) -> None:
        settings.LIST_LABELS.remember(self.library, self._data)

    @staticmethod
    def _read(signature: list[list[Any]]) -> dict[str, Any]:
        from smedigital.core.framework import bundled_frameworks
        from smedigital.core.profile import load_industries

        frameworks = {}
        for fw in bundled_frameworks().values():
            frameworks[fw.id] = {
                "levels": {str(lv.index): lv.label.to_dict() for lv in fw.levels},
                "no_level": fw.level_rule.no_level_label.to_dict(),
                "stages": [st.label.to_dict() for st in fw.stages],
            }
        sections = {code: s.name.to_dict() for code, s in load_industries().sections.items()}
        return {"format": FORMAT, "signature": signature, "frameworks": frameworks, "order": list(frameworks),
                "sections": sections, "industries": {}}

    # ------------------------------------------------------------------ names

    def _framework(self, framework_id: str | None) -> dict[str, Any]:
        fws = self.data["frameworks"]
        if framework_id in fws:
            return fws[framework_id]
        return fws[self.data["order"][0]] if self.data["order"] else {"levels": {}, "no_level": {}, "stages": []}

    def level(self, framework_id: str | None, index: int | None, lang: str) -> str:
        if index is None:
            return ""
        fw = self._framework(framework_id)
        return _pick(fw["levels"].get(str(index)) or fw["no_level"], lang)

    def stage(self, framework_id: str | None, index: int | None, lang: str) -> str:
        stages = self._framework(framework_id)["stages"]
        return _pick(stages[index], lang) if index is not None and 0 <= index < len(stages) else ""

    def level_choices(self, lang: str) -> list[tuple[int, str]]:
        """(index, name) for the level filter: 0 (no level yet) then each level, the names of
        every framework joined where they differ ("一级 / 起步级")."""
        indexes = sorted({0} | {int(i) for fw in self.data["frameworks"].values() for i in fw["levels"]})
        out = []
        for i in indexes:
            names: list[str] = []
            for fw_id in self.data["order"]:
                name = self.level(fw_id, i, lang)
                if name and name not in names:
                    names.append(name)
            out.append((i, " / ".join(names)))
        return out

    def section(self, code: str, lang: str) -> str:
        return _pick(self.data["sections"].get(code), lang) or code

    def industry(self, code: str, lang: str) -> str:
        """The name of an industry code; call :meth:`know_industries` first for codes new to the list."""
        if not code:
            return ""
        return _pick(self.data["industries"].get(code), lang) or code

    def know_industries(self, codes: set[str]) -> None:
        """Look up names of codes not seen before (reads the GB/T 4754 file) and keep them."""
        known = self.data["industries"]
        new = {c for c in codes if c and c not in known}
        if not new:
            return
        from smedigital.core.profile import industry_name

        for code in sorted(new):
            try:
                known[code] = industry_name(code).to_dict()
            except ValueError:
                known[code] = _t(code, code)
        self._keep()
