"""Assessment files (``*.smd.json``): reading with every problem reported, saving atomically.

Layout (UTF-8 JSON)::

    {"format": "smedigital-assessment", "format_version": 1,
     "framework": {"id": "miit-2024-manufacturing", "version": "2024"},
     "company": {"name": …, "credit_code": …, "industry": "C", "employees": 120,
                 "revenue_wan": 5600, "assets_wan": 3000, "region": …},
     "assessed_on": "2026-11-29", "assessor": "…",
     "respondents": [{"name": …, "role": …}], "pledge": {"signed_by": …, "date": …},
     "answers": {"<question id>": {"choice" | "choices" | "raw" | "level" | "na", "note", "evidence",
                                   "evidence_items": {"<item id>": {"status": "present" | "missing" | "na",
                                                                    "files": [{"name", "size", "sha256"}]}}}},
     "plan": {…},
     "purpose": "baseline" | "after" | "reassessment",         # format_version 2 on
     "signed_off": {"by": …, "date": …}, "previous": {"id": …, "assessed_on": …, "purpose": …},
     "verification": {"who": …, "organisation": …, "date": …,
                      "answers": {"<question id>": {<answer fields>, "remark": …}}}}

A file is written as format_version 1 unless it uses a field of version 2 (purpose, sign-off,
previous version, verification, evidence items), so older programs keep reading the files they can.

Locations in problems are JSON paths such as ``answers["miit.foundation.network"].choices[1]``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .answers import EVIDENCE_STATUSES, Answer, EvidenceFile, EvidenceMark, validate_answer
from .files import json_reason, ordinary_mode, sync_folder
from .framework import Framework, Problem, ProblemsError, get_framework
from .scoring import Result, score_answers
from .text import MAX_SHOWN, Msg, cap, shown

FORMAT_NAME = "smedigital-assessment"
FORMAT_VERSION = 2
PURPOSES = ("baseline", "after", "reassessment")
PURPOSE_LABELS = {"baseline": Msg("diagnosis baseline", "诊断基线"), "after": Msg("self-assessment after the retrofit", "改造后自评"),
                  "reassessment": Msg("reassessment", "复评")}
SUFFIX = ".smd.json"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT = 32_000  # kept for callers; notes and names are no longer cut to it (cutting lost text on the next save)

_TOP_KEYS = {"format", "format_version", "framework", "company", "assessed_on", "assessor",
             "respondents", "pledge", "answers", "plan", "history_id",
             "purpose", "signed_off", "previous", "verification",
             "signature"}  # a signature block (smedigital.export.signing) is checked by its reader, not here
_COMPANY_KEYS = {"name", "credit_code", "industry", "employees", "revenue_wan", "assets_wan", "region",
                 "contact", "share_contact"}
_ANSWER_KEYS = {"choice", "choices", "raw", "level", "na", "note", "evidence", "evidence_items"}
_VERIFIED_KEYS = _ANSWER_KEYS - {"evidence", "evidence_items", "note"} | {"remark"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class Company:
    name: str = ""
    credit_code: str = ""
    industry: str = ""  # GB/T 4754-2017: section letter, optionally with division/class ("C", "F52", "K7010")
    employees: int | None = None
    revenue_wan: float | None = None
    assets_wan: float | None = None
    region: str = ""
    contact: str = ""
    share_contact: bool = False

    @property
    def industry_section(self) -> str:
        return self.industry[:1].upper() if self.industry else ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        for key in ("credit_code", "industry", "region", "contact"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("employees", "revenue_wan", "assets_wan"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.share_contact:
            out["share_contact"] = True
        return out


@dataclass(frozen=True)
class Verification:
    """The on-site rating (现场评定): who rated, for which organisation, when, and the answers they
    found, each with a remark. A question without a verified answer keeps the firm's own."""

    who: str = ""
    organisation: str = ""
    date: str = ""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    remarks: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for qid in dict.fromkeys([*self.answers, *self.remarks]):
            entry = self.answers[qid].to_dict() if qid in self.answers else {}
            if self.remarks.get(qid):
                entry["remark"] = self.remarks[qid]
            answers[qid] = entry
        return {"who": self.who, "organisation": self.organisation, "date": self.date, "answers": answers}


class FrozenAssessment(ValueError):
    """A signed-off assessment's answers cannot change: make a new version (:func:`new_version`)."""

    def __init__(self, signed_by: str, date: str):
        self.message = Msg(f"this assessment was signed off by {signed_by or '?'} on {date or '?'} and cannot be "
                           "changed; make a new version of it",
                           f"本评测已由 {signed_by or '?'} 于 {date or '?'} 签字确认，不能修改；请另建新版本", "signed-off")
        super().__init__(self.message)

    def get(self, lang: str) -> str:
        return self.message.get(lang)


@dataclass(frozen=True)
class Assessment:
    framework_id: str
    framework_version: str
    company: Company = field(default_factory=Company)
    assessed_on: str = ""
    assessor: str = ""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    respondents: tuple[Mapping[str, str], ...] = ()
    pledge: Mapping[str, str] | None = None
    plan: Mapping[str, Any] | None = None
    purpose: str = ""  # "baseline" (诊断基线), "after" (改造后自评), "reassessment"; "" = not stated (older files)
    signed_off: Mapping[str, str] | None = None  # {"by", "date"}: the answers are frozen
    previous: Mapping[str, str] | None = None  # {"id", "assessed_on", "purpose"} of the version this one follows
    verification: Verification | None = None
    # read from a file that carried a signature block (smedigital.export.signing); never written: the block
    # covers that file's content, so a file saved from this assessment is unsigned unless signed anew
    came_signed: bool = field(default=False, compare=False)

    @property
    def is_signed_off(self) -> bool:
        return bool(self.signed_off)

    @property
    def framework(self) -> Framework:
        return get_framework(self.framework_id)

    def modules(self, framework: Framework | None = None) -> frozenset[str]:
        return (framework or self.framework).modules_for(self.company.industry_section)

    def score(self, framework: Framework | None = None, explain: bool = True) -> Result:
        """The result that counts: the verified one when an on-site rating is recorded, else the self-assessment."""
        fw = framework or self.framework
        return score_answers(fw, self.verified_answers(), self.modules(fw), explain=explain)

    def score_self(self, framework: Framework | None = None, explain: bool = True) -> Result:
        """The firm's own result (the self-assessment), whatever the verification found."""
        fw = framework or self.framework
        return score_answers(fw, self.answers, self.modules(fw), explain=explain)

    def verified_answers(self) -> Mapping[str, Answer]:
        """The answers that count: the self-assessment with every verified answer in place of the firm's
        (its evidence marks kept)."""
        if self.verification is None or not self.verification.answers:
            return self.answers
        out = dict(self.answers)
        for qid, v in self.verification.answers.items():
            own = self.answers.get(qid)
            out[qid] = replace(v, note=own.note if own else "", evidence=own.evidence if own else (),
                               evidence_items=own.evidence_items if own else {})
        return out

    def with_answer(self, question_id: str, answer: Answer | None) -> Assessment:
        """A copy with one answer changed; :class:`FrozenAssessment` when the assessment is signed off."""
        if self.signed_off:
            raise FrozenAssessment(self.signed_off.get("by", ""), self.signed_off.get("date", ""))
        answers = dict(self.answers)
        if answer is None or not answer.has_content:
            answers.pop(question_id, None)
        else:
            answers[question_id] = answer
        return replace(self, answers=answers)

    def to_dict(self, list_every_question: bool = False) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        if list_every_question:
            fw = self.framework
            for q in fw.questions:
                answers[q.id] = self.answers[q.id].to_dict() if q.id in self.answers else {}
        else:
            answers = {qid: a.to_dict() for qid, a in self.answers.items()}
        out: dict[str, Any] = {
            "format": FORMAT_NAME, "format_version": self.format_version,
            "framework": {"id": self.framework_id, "version": self.framework_version},
            "company": self.company.to_dict(),
            "assessed_on": self.assessed_on, "assessor": self.assessor,
            "answers": answers,
        }
        if self.respondents:
            out["respondents"] = [dict(r) for r in self.respondents]
        if self.pledge:
            out["pledge"] = dict(self.pledge)
        if self.plan is not None:
            out["plan"] = self.plan
        if self.purpose:
            out["purpose"] = self.purpose
        if self.signed_off:
            out["signed_off"] = dict(self.signed_off)
        if self.previous:
            out["previous"] = dict(self.previous)
        if self.verification is not None:
            out["verification"] = self.verification.to_dict()
        return out

    @property
    def format_version(self) -> int:
        """2 when a field of version 2 is used, else 1 (older programs read it)."""
        uses_v2 = bool(self.purpose or self.signed_off or self.previous or self.verification is not None
                       or any(a.evidence_items for a in self.answers.values()))
        return FORMAT_VERSION if uses_v2 else 1


class AssessmentError(ProblemsError):
    """An assessment that cannot be used; ``problems`` lists every reason with its location."""


def new_assessment(framework: Framework, company: Company | None = None, assessor: str = "",
                   today: _dt.date | None = None, purpose: str = "") -> Assessment:
    if purpose and purpose not in PURPOSES:
        raise ValueError(purpose_problem(purpose))
    return Assessment(framework.id, framework.version, company or Company(),
                      (today or _dt.date.today()).isoformat(), assessor, {}, purpose=purpose)


def purpose_problem(value: Any) -> Msg:
    return Msg(f"{shown(value)} is not a purpose (baseline, after, reassessment)",
               f"{shown(value)} 不是评测用途（baseline 诊断基线、after 改造后自评、reassessment 复评）", "bad-purpose")


def assessment_id(assessment: Assessment) -> str:
    """A stable id of an assessment's content: the first 16 hex digits of the SHA-256 of its file text
    (the link a later version keeps in ``previous``)."""
    import hashlib

    return hashlib.sha256(dumps_assessment(assessment).encode("utf-8")).hexdigest()[:16]


def sign_off(assessment: Assessment, by: str, date: str) -> Assessment:
    """Freeze the answers (a baseline once the firm and the 服务商 agree on it): ValueError (a Msg) for an
    empty name or a bad date."""
    if not by.strip():
        raise ValueError(Msg("the sign-off needs a name", "签字确认须填写签字人", "sign-off-name"))
    problem = check_date_text(date)
    if problem is not None:
        raise ValueError(problem)
    return replace(assessment, signed_off={"by": by.strip(), "date": date})


def new_version(assessment: Assessment, purpose: str = "reassessment", today: _dt.date | None = None,
                assessor: str | None = None, from_verified: bool = False) -> Assessment:
    """A new, unsigned assessment that starts from this one's answers (``from_verified``: the answers the on-site
    rating found), with ``previous`` linking back to it (its id, date and purpose); the verification and the
    sign-off stay with the old version."""
    if purpose not in PURPOSES:
        raise ValueError(purpose_problem(purpose))
    link = {"id": assessment_id(assessment), "assessed_on": assessment.assessed_on,
            "purpose": assessment.purpose}
    answers = dict(assessment.verified_answers()) if from_verified else assessment.answers
    return replace(assessment, answers=answers, purpose=purpose, signed_off=None, previous=link, verification=None,
                   assessed_on=(today or _dt.date.today()).isoformat(),
                   assessor=assessment.assessor if assessor is None else assessor)


def set_verification(assessment: Assessment, verification: Verification | None) -> Assessment:
    """The assessment with the on-site rating recorded (allowed on a signed-off assessment: it does not change
    the firm's answers); every verified answer is checked as a self-assessed one is (ValueError with the
    problems otherwise)."""
    if verification is not None:
        problems = _check_verification(assessment.framework, assessment.company, verification)
        if problems:
            raise AssessmentError("verification", problems)
    return replace(assessment, verification=verification)


# --------------------------------------------------------------------- dates

FIRST_DATE = _dt.date(2000, 1, 1)
LAST_DATE = _dt.date(2100, 12, 31)
EARLIEST_DATE, LATEST_DATE = FIRST_DATE, LAST_DATE  # the names the interface uses


def check_date_range(day: _dt.date) -> Msg | None:
    """Why a date cannot be an assessment's (or a plan step's) date, or None: it must lie in 2000-2100."""
    if FIRST_DATE <= day <= LAST_DATE:
        return None
    return Msg(f"{day.isoformat()} is outside {FIRST_DATE.isoformat()} … {LAST_DATE.isoformat()}",
               f"{day.isoformat()} 不在 {FIRST_DATE.isoformat()} 至 {LAST_DATE.isoformat()} 之间", "date-range")


def check_date_text(text: str) -> Msg | None:
    """Why ISO date text cannot be used (not a date, or out of range), or None."""
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        return Msg(f"{shown(text)} is not a date (YYYY-MM-DD)", f"{shown(text)} 不是日期（YYYY-MM-DD）")
    return check_date_range(day)


# --------------------------------------------------------------------- reading

def parse_date(text: str) -> _dt.date:
    """A ``YYYY-MM-DD`` date in :data:`FIRST_DATE` … :data:`LAST_DATE`; ValueError with the
    :func:`check_date_text` message (both languages) otherwise. Plan due dates and the date
    editors go through this: a year such as 9999 would overflow the plan's quarters."""
    problem = check_date_text(text) if isinstance(text, str) else Msg(f"{text!r} is not a date", f"{text!r} 不是日期")
    if problem is not None:
        raise ValueError(problem)
    return _dt.date.fromisoformat(text)


_QPATHS: dict[str, str] = {}  # a framework's few hundred question ids, each written once per process


def _qpath(qid: str) -> str:
    where = _QPATHS.get(qid)
    if where is None:
        where = f"answers[{json.dumps(cap(qid, MAX_SHOWN), ensure_ascii=False)}]"
        if len(_QPATHS) < 4096:  # ids that are no question's (a damaged file) are not all kept
            _QPATHS[qid] = where
    return where


def _clean_text(value: str) -> str:
    return value.replace("\x00", "")


def _parse_answer(raw: Any, where: str, problems: list[Problem]) -> Answer | None:
    if type(raw) is dict and len(raw) == 1:  # most answers: one field, of the right type; the same Answer as below
        ((key, value),) = raw.items()
        if key == "level":
            return Answer(level=value)  # its value is the kind's to check (validate_answer)
        if key == "choice" and isinstance(value, str):
            return Answer(choice=value)
        if key == "raw" and isinstance(value, dict):
            return Answer(raw=value)
        if key == "choices" and isinstance(value, list) and all(isinstance(c, str) for c in value):
            return Answer(choices=tuple(value))
    if not isinstance(raw, dict):
        problems.append(Problem(where, Msg("must be an object", "必须是对象")))
        return None
    for key in raw:
        if key not in _ANSWER_KEYS:
            problems.append(Problem(f"{where}.{cap(key, MAX_SHOWN)}", Msg(f"is not a known answer field ({', '.join(sorted(_ANSWER_KEYS))})",
                                                             f"不是已知的答案字段（{'、'.join(sorted(_ANSWER_KEYS))}）")))
    choice = raw.get("choice")
    if choice is not None and not isinstance(choice, str):
        problems.append(Problem(f"{where}.choice", Msg("must be an option id (a string)", "必须是选项编号（文本）")))
        choice = None
    choices = raw.get("choices")
    if choices is not None:
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            problems.append(Problem(f"{where}.choices", Msg("must be a list of option ids", "必须是选项编号的列表")))
            choices = None
        else:
            choices = tuple(choices)
    rawnums = raw.get("raw")
    if rawnums is not None and not isinstance(rawnums, dict):
        problems.append(Problem(f"{where}.raw", Msg("must be an object of input ids to numbers", "必须是以输入项编号为键、数值为值的对象")))
        rawnums = None
    level = raw.get("level")
    na = raw.get("na", False)
    if not isinstance(na, bool):
        problems.append(Problem(f"{where}.na", Msg("must be true or false", "必须是 true 或 false")))
        na = False
    note = raw.get("note", "")
    if not isinstance(note, str):
        problems.append(Problem(f"{where}.note", Msg("must be text", "必须是文本")))
        note = ""
    evidence = raw.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problems.append(Problem(f"{where}.evidence", Msg("must be a list of texts", "必须是文本列表")))
        evidence = []
    items = _parse_evidence_items(raw.get("evidence_items"), f"{where}.evidence_items", problems)
    return Answer(choice, choices, rawnums, level, na, _clean_text(note),
                  tuple(_clean_text(e) for e in evidence), items)


def _parse_evidence_items(raw: Any, where: str, problems: list[Problem]) -> dict[str, EvidenceMark]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(Problem(where, Msg("must be an object of evidence item ids to marks", "必须是以佐证项编号为键、标记为值的对象")))
        return {}
    out: dict[str, EvidenceMark] = {}
    for iid, mark in raw.items():
        loc = f"{where}[{json.dumps(cap(iid, MAX_SHOWN), ensure_ascii=False)}]"
        if not isinstance(mark, dict):
            problems.append(Problem(loc, Msg("must be an object with status and files", "必须是含 status 和 files 的对象")))
            continue
        for key in mark:
            if key not in ("status", "files"):
                problems.append(Problem(f"{loc}.{cap(key, MAX_SHOWN)}", Msg("is not a known field (status, files)",
                                                                           "不是已知的字段（status、files）")))
        status = mark.get("status", "missing")
        if status not in EVIDENCE_STATUSES:
            problems.append(Problem(f"{loc}.status", Msg(f"{shown(status)} is not present, missing or na",
                                                         f"{shown(status)} 不是 present（已提供）、missing（缺）或 na（不适用）",
                                                         "bad-evidence-status")))
            continue
        files: list[EvidenceFile] = []
        raw_files = mark.get("files", [])
        if not isinstance(raw_files, list):
            problems.append(Problem(f"{loc}.files", Msg("must be a list", "必须是列表")))
            raw_files = []
        for j, f in enumerate(raw_files):
            floc = f"{loc}.files[{j}]"
            if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"].strip():
                problems.append(Problem(floc, Msg("must be an object with a file name", "必须是含文件名的对象")))
                continue
            size = f.get("size", 0)
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                problems.append(Problem(f"{floc}.size", Msg("must be a whole number of bytes", "必须是字节数（整数）")))
                continue
            digest = f.get("sha256", "")
            if not isinstance(digest, str) or (digest and not _SHA256.match(digest)):
                problems.append(Problem(f"{floc}.sha256", Msg("must be 64 lower-case hex digits", "必须是 64 位小写十六进制数")))
                continue
            files.append(EvidenceFile(_clean_text(f["name"]), size, digest))
        out[iid] = EvidenceMark(status, tuple(files))
    return out


def _check_verification(framework: Framework | None, company: Company, v: Verification,
                        where: str = "verification") -> list[Problem]:
    problems: list[Problem] = []
    if v.date:
        problem = check_date_text(v.date)
        if problem is not None:
            problems.append(Problem(f"{where}.date", problem))
    if framework is None:
        return problems
    modules = framework.modules_for(company.industry_section)
    for qid in dict.fromkeys([*v.answers, *v.remarks]):
        loc = f"{where}.{_qpath(qid)}"
        q = framework.question_by_id.get(qid)
        if q is None:
            problems.append(Problem(loc, Msg(f"{shown(qid)} is not a question of {framework.id}",
                                             f"{shown(qid)} 不是 {framework.id} 的题目", "unknown-question")))
            continue
        answer = v.answers.get(qid)
        if answer is None:
            continue
        if q.module is not None and q.module not in modules and not answer.is_empty:
            problems.append(Problem(loc, Msg(f"belongs to the {q.module} module, which does not apply to this firm",
                                             f"属于 {q.module} 模块，不适用于本企业")))
            continue
        for sub, msg in validate_answer(q, answer):
            problems.append(Problem(f"{loc}.{sub}", msg))
    return problems


def parse_verification(raw: Any, framework: Framework, company: Company,
                       source: str = "verification") -> Verification:
    """An on-site rating as data (``who``, ``organisation``, ``date``, ``answers``: question id to a verified
    answer with an optional ``remark``), checked as a file's ``verification`` block is; AssessmentError with
    every problem otherwise."""
    problems: list[Problem] = []
    v = _parse_verification(raw, framework, company, problems)
    if problems or v is None:
        raise AssessmentError(source, problems or [Problem("", Msg("holds no verification", "没有核定内容"))])
    return v


def _parse_verification(raw: Any, framework: Framework | None, company: Company,
                        problems: list[Problem]) -> Verification | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(Problem("verification", Msg("must be an object (who, organisation, date, answers)",
                                                    "必须是对象（who、organisation、date、answers）")))
        return None
    for key in raw:
        if key not in ("who", "organisation", "date", "answers"):
            problems.append(Problem(f"verification.{cap(key, MAX_SHOWN)}", Msg("is not a known field", "不是已知的字段")))
    texts: dict[str, str] = {}
    for key in ("who", "organisation", "date"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            problems.append(Problem(f"verification.{key}", Msg("must be text", "必须是文本")))
            value = ""
        texts[key] = _clean_text(value)
    answers: dict[str, Answer] = {}
    remarks: dict[str, str] = {}
    raw_answers = raw.get("answers", {})
    if not isinstance(raw_answers, dict):
        problems.append(Problem("verification.answers", Msg("must be an object of question ids to answers",
                                                            "必须是以题号为键、答案为值的对象")))
        raw_answers = {}
    for qid, entry in raw_answers.items():
        loc = f"verification.{_qpath(qid)}"
        if not isinstance(entry, dict):
            problems.append(Problem(loc, Msg("must be an object", "必须是对象")))
            continue
        for key in entry:
            if key not in _VERIFIED_KEYS:
                problems.append(Problem(f"{loc}.{cap(key, MAX_SHOWN)}", Msg(
                    f"is not a field of a verified answer ({', '.join(sorted(_VERIFIED_KEYS))})",
                    f"不是核定答案的字段（{'、'.join(sorted(_VERIFIED_KEYS))}）")))
        remark = entry.get("remark", "")
        if not isinstance(remark, str):
            problems.append(Problem(f"{loc}.remark", Msg("must be text", "必须是文本")))
            remark = ""
        answer = _parse_answer({k: v for k, v in entry.items() if k in _ANSWER_KEYS}, loc, problems)
        if answer is None:
            continue
        if not answer.is_empty:
            answers[qid] = answer
        if remark:
            remarks[qid] = _clean_text(remark)
        if answer.is_empty and not remark:
            remarks.setdefault(qid, "")  # listed, so an unknown id is still reported
    v = Verification(texts["who"], texts["organisation"], texts["date"], answers,
                     {k: r for k, r in remarks.items() if r or k not in answers})
    problems.extend(_check_verification(framework, company, v))
    return Verification(v.who, v.organisation, v.date, v.answers, {k: r for k, r in v.remarks.items() if r})


def _parse_company(raw: Any, problems: list[Problem], check_profile: bool) -> Company:
    if raw is None:
        return Company()
    if not isinstance(raw, dict):
        problems.append(Problem("company", Msg("must be an object", "必须是对象")))
        return Company()
    for key in raw:
        if key not in _COMPANY_KEYS:
            problems.append(Problem(f"company.{cap(key, MAX_SHOWN)}", Msg("is not a known company field", "不是已知的企业字段")))
    values: dict[str, Any] = {}
    for key in ("name", "credit_code", "industry", "region", "contact"):
        v = raw.get(key, "")
        if v is None:
            v = ""
        if not isinstance(v, str):
            problems.append(Problem(f"company.{key}", Msg("must be text", "必须是文本")))
            v = ""
        values[key] = _clean_text(v).strip()
    for key, kind in (("employees", int), ("revenue_wan", (int, float)), ("assets_wan", (int, float))):
        v = raw.get(key)
        if v is None:
            values[key] = None
            continue
        if isinstance(v, bool) or not isinstance(v, kind) or v < 0 or v != v or v == float("inf"):
            what, what_zh = ("a whole number", "整数") if kind is int else ("a number", "数")
            problems.append(Problem(f"company.{key}", Msg(f"must be {what} of at least 0, not {shown(v)}",
                                                          f"必须是不小于 0 的{what_zh}，而不是 {shown(v)}")))
            values[key] = None
        else:
            values[key] = v
    share = raw.get("share_contact", False)
    if not isinstance(share, bool):
        problems.append(Problem("company.share_contact", Msg("must be true or false", "必须是 true 或 false")))
        share = False
    values["share_contact"] = share
    company = Company(**values)
    if check_profile:
        from .profile import check_credit_code, industry_section  # keeps import light

        if company.credit_code:
            for p in check_credit_code(company.credit_code):
                problems.append(Problem("company.credit_code", Msg(p.message_en, p.message_zh)))
        try:
            known = not company.industry or bool(industry_section(company.industry))
        except ValueError:
            known = False
        if not known:
            problems.append(Problem("company.industry",
                                    Msg(f"{shown(company.industry)} is not a GB/T 4754-2017 section, division or class",
                                        f"{shown(company.industry)} 不是 GB/T 4754-2017 的门类、大类或中类")))
    return company


def parse_assessment(data: Any, source: str = "<assessment>", check_profile: bool = True) -> Assessment:
    """Check parsed JSON and build an Assessment; raise AssessmentError listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise AssessmentError(source, [Problem("", Msg("the file must hold a JSON object", "文件必须是一个 JSON 对象", "not-ours"))])
    if data.get("format") != FORMAT_NAME:
        raise AssessmentError(source, [Problem("format", Msg(f"is not {FORMAT_NAME!r}: this is not a smedigital assessment",
                                                           f"不是 {FORMAT_NAME}：这不是 smedigital 评测文件", "not-ours"))])
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(Problem("format_version", Msg("must be a whole number", "必须是整数")))
    elif version > FORMAT_VERSION:
        raise AssessmentError(source, [Problem("format_version", Msg(
            f"is {version}, made by a newer smedigital (this one reads up to {FORMAT_VERSION}); please update the "
            "program", f"为 {version}，由更新版本的 smedigital 生成（本程序最多读取版本 {FORMAT_VERSION}）；请更新程序",
            "future-version"))])
    elif version < 1:
        problems.append(Problem("format_version", Msg("must be at least 1", "必须不小于 1")))
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(Problem(cap(key, MAX_SHOWN), Msg("is not a known field", "不是已知的字段")))
    fwref = data.get("framework")
    framework: Framework | None = None
    fid = fver = ""
    if not isinstance(fwref, dict) or not isinstance(fwref.get("id"), str):
        problems.append(Problem("framework", Msg("must be an object with id and version", "必须是含 id 和 version 的对象")))
    else:
        fid, fver = fwref["id"], str(fwref.get("version", ""))
        try:
            framework = get_framework(fid)
        except KeyError:
            problems.append(Problem("framework.id", Msg(f"{shown(fid)} is not a framework this program knows",
                                                            f"{shown(fid)} 不是本程序认识的评测体系")))
        else:
            if fver != framework.version:
                problems.append(Problem("framework.version", Msg(
                    f"is {shown(fver)}; the bundled {fid} is version {framework.version!r}",
                    f"为 {shown(fver)}；本程序自带的 {fid} 版本为 {framework.version}")))
    company = _parse_company(data.get("company"), problems, check_profile)
    for key in ("assessed_on", "assessor"):
        if not isinstance(data.get(key, ""), str):
            problems.append(Problem(key, Msg("must be text", "必须是文本")))
    assessed_on = data.get("assessed_on", "") if isinstance(data.get("assessed_on", ""), str) else ""
    if assessed_on:
        problem = check_date_text(assessed_on)
        if problem is not None:
            problems.append(Problem("assessed_on", problem))
    respondents = data.get("respondents", [])
    if not isinstance(respondents, list) or not all(
            isinstance(r, dict) and all(isinstance(v, str) for v in r.values()) for r in respondents):
        problems.append(Problem("respondents", Msg("must be a list of objects with text fields (name, role)", "必须是含文本字段（name、role）的对象列表")))
        respondents = []
    pledge = data.get("pledge")
    if pledge is not None and (not isinstance(pledge, dict) or not all(isinstance(v, str) for v in pledge.values())):
        problems.append(Problem("pledge", Msg("must be an object with text fields", "必须是含文本字段的对象")))
        pledge = None
    if pledge and pledge.get("date"):
        problem = check_date_text(pledge["date"])
        if problem is not None:
            problems.append(Problem("pledge.date", problem))
    plan = data.get("plan")
    if plan is not None and not isinstance(plan, dict):
        problems.append(Problem("plan", Msg("must be an object", "必须是对象")))
        plan = None

    purpose = data.get("purpose", "")
    if purpose not in ("", *PURPOSES):
        problems.append(Problem("purpose", purpose_problem(purpose)))
        purpose = ""
    signed_off = data.get("signed_off")
    if signed_off is not None:
        if not isinstance(signed_off, dict) or not all(isinstance(signed_off.get(k), str) for k in ("by", "date")) \
                or set(signed_off) - {"by", "date"}:
            problems.append(Problem("signed_off", Msg("must be an object with by and date (text)",
                                                      "必须是含 by（签字人）和 date（日期）的对象")))
            signed_off = None
        else:
            problem = check_date_text(signed_off["date"])
            if problem is not None:
                problems.append(Problem("signed_off.date", problem))
    previous = data.get("previous")
    if previous is not None and (not isinstance(previous, dict)
                                 or not all(isinstance(v, str) for v in previous.values())):
        problems.append(Problem("previous", Msg("must be an object with text fields (id, assessed_on, purpose)",
                                                "必须是含文本字段（id、assessed_on、purpose）的对象")))
        previous = None

    answers: dict[str, Answer] = {}
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, dict):
        problems.append(Problem("answers", Msg("must be an object of question ids to answers", "必须是以题号为键、答案为值的对象")))
        raw_answers = {}
    modules = framework.modules_for(company.industry_section) if framework else frozenset()
    for qid, raw in raw_answers.items():
        where = _qpath(qid)
        answer = _parse_answer(raw, where, problems)
        if answer is None or framework is None:
            continue
        q = framework.question_by_id.get(qid)
        if q is None:
            problems.append(Problem(where, Msg(f"{shown(qid)} is not a question of {framework.id}",
                                                 f"{shown(qid)} 不是 {framework.id} 的题目")))
            continue
        if not answer.has_content:
            continue  # an empty entry: listed, not answered
        if q.module is not None and q.module not in modules and not answer.is_empty:
            sector = company.industry_section or "none given"
            problems.append(Problem(where, Msg(f"belongs to the {q.module} module, which does not apply to "
                                               f"industry {sector}", f"属于 {q.module} 模块，不适用于行业 "
                                                                     f"{company.industry_section or '（未填写）'}")))
            continue
        for sub, msg in validate_answer(q, answer):
            problems.append(Problem(f"{where}.{sub}", msg))
        for iid in answer.evidence_items:
            if q.evidence_item(iid) is None:
                problems.append(Problem(f"{where}.evidence_items[{json.dumps(cap(iid, MAX_SHOWN), ensure_ascii=False)}]",
                                        Msg(f"{shown(iid)} is not an evidence item of this question "
                                            f"({', '.join(e.id for e in q.evidence_items)})",
                                            f"{shown(iid)} 不是本题的佐证项（{'、'.join(e.id for e in q.evidence_items)}）",
                                            "unknown-evidence-item")))
        answers[qid] = answer
    verification = _parse_verification(data.get("verification"), framework, company, problems)
    if problems:
        raise AssessmentError(source, problems)
    return Assessment(fid, fver, company, assessed_on, data.get("assessor", "") or "", answers,
                      tuple(respondents), pledge, plan, purpose, signed_off, previous, verification,
                      came_signed="signature" in data)


def loads_assessment(text: str, source: str = "<assessment>") -> Assessment:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        from .words import words

        en, zh = json_reason(exc, where=False)  # the line and column in the message: "第 1 行第 2 列" in Chinese
        at = {"line": exc.lineno, "column": exc.colno}
        raise AssessmentError(source, [Problem("", Msg(
            words("en").fmt("errors.format.at", text=f"is not valid JSON: {en}", **at),
            words("zh").fmt("errors.format.at", text=f"不是有效的 JSON：{zh}", **at), "damaged"))]) from exc
    except RecursionError:
        raise AssessmentError(source, [Problem("", Msg("is nested too deeply", "嵌套层次过深", "damaged"))]) from None
    except ValueError:  # an integer of more digits than Python converts (thousands)
        raise AssessmentError(source, [Problem("", Msg("holds a number with too many digits", "含位数过多的数字",
                                                       "damaged"))]) from None
    return parse_assessment(data, source)


def load_assessment(path: str | Path) -> Assessment:
    """Load an assessment file; a FIFO, a device, a folder or an oversized file is refused at once."""
    from .files import NotReadable, read_bounded

    p = Path(path)
    try:
        data = read_bounded(p, MAX_FILE_BYTES)
    except NotReadable as exc:
        raise AssessmentError(str(p), [Problem("", Msg(exc.en, exc.zh, exc.code))]) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssessmentError(str(p), [Problem("", Msg("is not UTF-8 text", "不是 UTF-8 文本", "not-ours"))]) from exc
    return loads_assessment(text, str(p))


# --------------------------------------------------------------------- saving

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_assessment(assessment: Assessment, list_every_question: bool = False) -> str:
    """The file's JSON text; a lone surrogate (from a JSON ``\\ud800`` read earlier) stays an escape, so the
    text is valid UTF-8 and reads back the same."""
    text = json.dumps(assessment.to_dict(list_every_question), ensure_ascii=False, indent=1) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, fsync it, then replace the target."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have,
        # or keep the mode of the file it replaces
        os.chmod(tmp, ordinary_mode(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    sync_folder(target.parent)


def save_assessment(assessment: Assessment, path: str | Path, list_every_question: bool = False) -> None:
    atomic_write_bytes(path, dumps_assessment(assessment, list_every_question).encode("utf-8"))
