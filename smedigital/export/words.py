"""The words of the exports, in Chinese and English, and answers told in words.

Questionnaire text comes from the framework file; only the labels of the
workbooks and the report live here, one table per language with the same keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction

from smedigital.core.answers import Answer, AnswerInvalid, computed_option, ratio_of, trend_values
from smedigital.core.framework import Framework, Question
from smedigital.core.kinds import KINDS

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        # sheets
        "sheet.summary": "概览", "sheet.answers": "答题明细", "sheet.plan": "改进计划", "sheet.roadmap": "路线图",
        "sheet.scenes": "场景热力图", "sheet.instructions": "填写说明", "sheet.profile": "企业信息",
        # summary
        "title.workbook": "数字化水平诊断与改进计划", "firm": "企业名称", "credit_code": "统一社会信用代码",
        "industry": "所属行业", "assessed_on": "评测日期", "assessor": "评测人", "framework": "评测体系",
        "total": "总分", "of100": "（满分100）", "level": "数字化水平等级", "stage": "上云用数赋智阶段",
        "gap": "距下一级", "dimension": "维度", "points": "得分", "max_points": "满分", "score": "得分率（百分制）",
        "pillar": "分项", "pillar_score": "分项得分（百分制）", "radar": "各维度得分（百分制）",
        "bars": "上云、用数、赋智得分", "cloud": "上云", "data": "用数", "intelligence": "赋智",
        "record_note": "本工作簿含一张隐藏工作表“_smedigital”：它保存导出时的完整评测记录（全部答案、得分和校验和），"
                       "供 smedigital 重新导入和核验。请勿修改；若修改了本页的得分，导入时会被识别为“导出后被改动”。",
        "exported": "导出时间", "incomplete": "尚有 {n} 道题未作答，得分按未作答计 0 分。",
        # answers
        "section": "分项", "question_id": "题号", "question": "问题", "answer": "回答", "na": "不适用",
        "note": "备注", "evidence": "佐证材料", "yes": "是", "no": "否", "not_answered": "未作答",
        "not_applicable": "不适用", "level_n": "{n}级", "scene_not_done": "未开展",
        "invalid_numbers": "（数据无效：{why}）",
        # plan
        "phase": "阶段", "priority": "优先级", "action": "改进行动", "from_to": "现状 → 目标", "effort": "投入",
        "cost": "费用（元）", "duration": "工期（月）", "start": "开始季度", "owner": "负责人", "due": "完成期限",
        "status": "状态", "done_evidence": "完成佐证材料", "no_plan": "尚未生成改进计划。",
        "status.planned": "计划", "status.in_progress": "进行中", "status.done": "已完成", "status.dropped": "已放弃",
        "effort.1": "低", "effort.2": "中", "effort.3": "高",
        "priority.1": "高", "priority.2": "中", "priority.3": "低",
        "expected": "完成计划后预计", "plan_total": "预计总分", "plan_level": "预计等级", "plan_stage": "预计阶段",
        "cost_total": "费用合计（元）",
        "status_hint": "状态可从下拉列表中选择：计划、进行中、已完成、已放弃。",
        # roadmap
        "roadmap_note": "■ 表示该季度在进行的行动（无颜色打印时也可辨认）。",
        # scenes
        "group": "环节", "scene": "场景", "mandatory": "约束性", "current": "当前等级", "target": "目标等级",
        "scenes_note": "● 当前等级　○ 改进计划的目标等级　★ 约束性场景。颜色越深等级越高；0 级为未开展。",
        # template
        "title.template": "数字化水平评测问卷", "profile.value": "填写内容", "profile.field": "项目",
        "profile.hint": "说明", "region": "所在地区", "contact": "联系人及电话", "employees": "从业人员（人）",
        "revenue_wan": "营业收入（万元）", "assets_wan": "资产总额（万元）",
        "hint.credit_code": "18 位，见营业执照", "hint.industry": "从列表中选择国民经济行业门类",
        "hint.number": "填写不小于 0 的数字", "hint.whole": "填写不小于 0 的整数", "hint.date": "如 2026-11-20",
        "option": "选项", "input": "填写数值", "band": "或直接选择区间（数值未知时）",
        "direction": "或直接选择变化方向（数值未知时）", "levels": "等级说明", "your_answer": "您的回答",
        "pick_level": "请选择 0-4 级", "pick_one": "请从列表中选择一项", "yes_no": "是 / 否",
        "module_only": "（仅适用于 {sectors} 门类企业）",
        "instructions": (
            "1. 请在“企业信息”及各维度工作表中，只在浅黄色的单元格内填写；其余单元格已锁定。\n"
            "2. 单选题请从下拉列表选择一项；多选题在每个适用的选项后选择“是”。\n"
            "3. 比例类和趋势类题目请优先填写原始数值，系统将自动计算区间或变化方向；数值未知时可直接选择区间或方向。\n"
            "4. 场景题请对照等级说明，选择企业在日常工作中完全满足的最高等级（0-4 级）。\n"
            "5. 允许“不适用”的题目，可在“不适用”一列选择“是”。\n"
            "6. 备注和佐证材料可自由填写；佐证材料请每行写一项。\n"
            "7. 填好后用 smedigital 导入：smedigital-cli import 本文件.xlsx -o 评测.smd.json。"
            "若有问题，导入时会逐项指出“工作表!单元格：问题”。\n"
            "8. 请勿删除、重命名或移动工作表和行：隐藏工作表“_smedigital”记录了每个单元格对应的题目。"),
        # report
        "title.report": "数字化水平诊断报告", "cover.firm": "受评企业", "cover.assessor": "评测人",
        "cover.date": "评测日期", "cover.framework": "评测依据", "report.summary": "一、诊断结论",
        "report.charts": "二、维度与场景", "report.findings": "三、优势与差距", "report.plan": "四、改进计划",
        "report.evidence": "五、晋级所需佐证材料", "report.basis": "六、依据与说明",
        "report.sign": "七、签字确认", "basis.source": "评测依据", "basis.checked": "核对情况",
        "basis.notes": "评分与映射说明", "basis.stages": "阶段门槛说明", "strengths": "优势",
        "gaps": "差距", "page": "第 {n} 页 / 共 {m} 页", "sign.assessor": "评测人（签字）",
        "sign.firm": "企业负责人（签字并盖章）", "sign.date": "日期", "stage_ladder": "上云用数赋智阶段",
        "no_evidence": "已是最高等级，无需晋级佐证材料。", "scene_levels": "场景等级",
        "dim_line": "{name}：{points} / {max} 分（{score}%）", "pillar_line": "{name} {score} 分",
        "strength_line": "{name}：{points} / {max} 分", "reach_line": "{name}：{note}", "gap_line": "{name}：{points} / {max} 分，尚差 {short} 分",
        "scene_strength": "场景“{name}”达到 {lv} 级", "scene_gap": "场景“{name}”仅 {lv} 级",
        "phase_total": "本阶段费用：{lo} – {hi} 元", "for_question": "对应题目",
        "charts_missing": "（图表模块不可用，未绘制图表。）",
        # subsidy (a city rule pack chosen with the plan)
        "sheet.subsidy": "补助估算", "report.subsidy": "补助估算（城市规则包）",
        "subsidy.pack": "规则包", "subsidy.eligible_cost": "可补助支出（元）", "subsidy.estimate": "估算补助（元）",
        "subsidy.no_rate": "规则包未给出补助比例，无法估算", "subsidy.eligibility": "补助资格",
        "subsidy.item_cost": "计入的支出（元）", "subsidy.reason": "说明", "subsidy.conditions": "申报条件",
        "subsidy.state": "状态", "subsidy.met": "已满足", "subsidy.not_met": "未满足", "subsidy.open": "待定",
        "subsidy.caveats": "注意（任何补助数字都须连同以下说明一起看）", "subsidy.unreadable": "计划所选的规则包无法读取：{why}",
        "subsidy.line": "补助估算（{pack}）：可补助支出 {elig}；估算补助 {est}。见“{sheet}”工作表及其说明。",
        "subsidy.range": "{lo} – {hi} 元", "subsidy.total": "合计",
        "subsidy.low": "最低", "subsidy.high": "最高",
    },
    "en": {
        "sheet.summary": "Summary", "sheet.answers": "Answers", "sheet.plan": "Plan", "sheet.roadmap": "Roadmap",
        "sheet.scenes": "Scenes", "sheet.instructions": "Instructions", "sheet.profile": "Company",
        "title.workbook": "Digital level diagnosis and improvement plan", "firm": "Firm",
        "credit_code": "Unified social credit code", "industry": "Industry", "assessed_on": "Assessed on",
        "assessor": "Assessor", "framework": "Framework", "total": "Total score", "of100": " (of 100)",
        "level": "Digital level", "stage": "Cloud-data-intelligence stage", "gap": "To the next level",
        "dimension": "Dimension", "points": "Points", "max_points": "Maximum", "score": "Score (of 100)",
        "pillar": "Pillar", "pillar_score": "Pillar score (of 100)", "radar": "Dimension scores (of 100)",
        "bars": "Cloud, data and intelligence scores", "cloud": "Cloud", "data": "Data",
        "intelligence": "Intelligence",
        "record_note": "This workbook has a hidden sheet \"_smedigital\" holding the complete record of the export "
                       "(every answer, the scores and a checksum) so that smedigital can import and verify it. "
                       "Do not edit it; a score changed on this sheet is recognised on import as edited after export.",
        "exported": "Exported", "incomplete": "{n} questions are unanswered and count as 0 points.",
        "section": "Section", "question_id": "Id", "question": "Question", "answer": "Answer",
        "na": "Not applicable", "note": "Note", "evidence": "Evidence", "yes": "yes", "no": "no",
        "not_answered": "not answered", "not_applicable": "not applicable", "level_n": "Level {n}",
        "scene_not_done": "not done", "invalid_numbers": " (invalid numbers: {why})",
        "phase": "Phase", "priority": "Priority", "action": "Action", "from_to": "From → to", "effort": "Effort",
        "cost": "Cost (yuan)", "duration": "Months", "start": "Start quarter", "owner": "Owner", "due": "Due",
        "status": "Status", "done_evidence": "Evidence of completion", "no_plan": "No improvement plan yet.",
        "status.planned": "planned", "status.in_progress": "in progress", "status.done": "done",
        "status.dropped": "dropped", "effort.1": "low", "effort.2": "medium", "effort.3": "high",
        "priority.1": "high", "priority.2": "medium", "priority.3": "low",
        "expected": "Expected once the plan is done", "plan_total": "Expected total",
        "plan_level": "Expected level", "plan_stage": "Expected stage", "cost_total": "Total cost (yuan)",
        "status_hint": "Pick the status from the list: planned, in progress, done, dropped.",
        "roadmap_note": "■ marks the quarters an action runs in (readable without colour).",
        "group": "Area", "scene": "Scene", "mandatory": "Mandatory", "current": "Current level",
        "target": "Target level",
        "scenes_note": "● current level   ○ target level of the plan   ★ mandatory scene. Darker means a higher "
                       "level; level 0 is not done.",
        "title.template": "Digital level questionnaire", "profile.value": "Your answer", "profile.field": "Item",
        "profile.hint": "Hint", "region": "Region", "contact": "Contact and phone", "employees": "Employees",
        "revenue_wan": "Revenue (10k yuan)", "assets_wan": "Total assets (10k yuan)",
        "hint.credit_code": "18 characters, see the business licence",
        "hint.industry": "Pick the GB/T 4754 industry section from the list",
        "hint.number": "A number of at least 0", "hint.whole": "A whole number of at least 0",
        "hint.date": "e.g. 2026-11-20", "option": "Option", "input": "Enter the number",
        "band": "or pick the band (when the numbers are unknown)",
        "direction": "or pick the direction (when the numbers are unknown)", "levels": "Levels",
        "your_answer": "Your answer", "pick_level": "Pick a level 0-4", "pick_one": "Pick one from the list",
        "yes_no": "yes / no", "module_only": " (only for firms in section {sectors})",
        "instructions": (
            "1. Fill in only the light yellow cells on the Company sheet and the dimension sheets; the rest is locked.\n"
            "2. Single-choice questions: pick one entry from the list. Multiple choice: pick \"yes\" after every "
            "option that applies.\n"
            "3. Ratio and trend questions: enter the raw numbers if you can; the band or direction is computed. "
            "When the numbers are unknown, pick the band or direction instead.\n"
            "4. Scenes: compare with the level descriptions and pick the highest level (0-4) the firm fully meets "
            "in daily work.\n"
            "5. Where a question allows it, pick \"yes\" under Not applicable.\n"
            "6. Notes and evidence are free text; one piece of evidence per line.\n"
            "7. Import the filled file with smedigital: smedigital-cli import this.xlsx -o assessment.smd.json. "
            "Every problem is reported as Sheet!Cell: what is wrong.\n"
            "8. Do not delete, rename or move sheets or rows: the hidden sheet \"_smedigital\" records which cell "
            "holds which question."),
        "title.report": "Digital level diagnosis report", "cover.firm": "Firm", "cover.assessor": "Assessor",
        "cover.date": "Date", "cover.framework": "Framework", "report.summary": "1. Findings",
        "report.charts": "2. Dimensions and scenes", "report.findings": "3. Strengths and gaps",
        "report.plan": "4. Improvement plan", "report.evidence": "5. Evidence needed for the next level",
        "report.basis": "6. Basis and notes", "report.sign": "7. Signatures", "basis.source": "Source",
        "basis.checked": "What was checked", "basis.notes": "How it is scored and mapped",
        "basis.stages": "Stage thresholds", "strengths": "Strengths", "gaps": "Gaps", "page": "Page {n} of {m}",
        "sign.assessor": "Assessor (signature)", "sign.firm": "For the firm (signature and company seal)",
        "sign.date": "Date", "stage_ladder": "Cloud-data-intelligence stages",
        "no_evidence": "Already at the top level: no evidence needed.", "scene_levels": "Scene levels",
        "dim_line": "{name}: {points} of {max} points ({score}%)", "pillar_line": "{name} {score}",
        "strength_line": "{name}: {points} of {max} points", "reach_line": "{name}: {note}",
        "gap_line": "{name}: {points} of {max} points, {short} short",
        "scene_strength": "Scene \"{name}\" at level {lv}", "scene_gap": "Scene \"{name}\" only at level {lv}",
        "phase_total": "Cost of this phase: {lo} – {hi} yuan", "for_question": "Question",
        "charts_missing": "(The charts module is not available; no charts drawn.)",
        # subsidy (a city rule pack chosen with the plan)
        "sheet.subsidy": "Subsidy", "report.subsidy": "Subsidy estimate (city rule pack)",
        "subsidy.pack": "Rule pack", "subsidy.eligible_cost": "Eligible cost (yuan)",
        "subsidy.estimate": "Estimated subsidy (yuan)", "subsidy.no_rate": "The pack gives no rate: no estimate",
        "subsidy.eligibility": "Eligibility", "subsidy.item_cost": "Counted cost (yuan)", "subsidy.reason": "Why",
        "subsidy.conditions": "Conditions", "subsidy.state": "State", "subsidy.met": "met",
        "subsidy.not_met": "not met", "subsidy.open": "open",
        "subsidy.caveats": "Note (read any subsidy figure with these)",
        "subsidy.unreadable": "The rule pack chosen with the plan cannot be read: {why}",
        "subsidy.line": "Subsidy estimate ({pack}): eligible cost {elig}; estimated subsidy {est}. See the sheet "
                        "\"{sheet}\" and its notes.",
        "subsidy.range": "{lo} – {hi} yuan", "subsidy.total": "Total",
        "subsidy.low": "min", "subsidy.high": "max",
    },
}

STATUSES = ("planned", "in_progress", "done", "dropped")


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


def fmt_number(x: Fraction | float | int, places: int = 2) -> str:
    """``12.5``, ``12``, ``0.33``: at most ``places`` decimals, no trailing zeros."""
    return f"{float(x):.{places}f}".rstrip("0").rstrip(".") or "0"


def fmt_money(x: int | float) -> str:
    return f"{x:,.0f}"


def list_sep(lang: str) -> str:
    return "；" if lang != "en" else "; "


def level_words(q: Question, level: int, lang: str) -> str:
    """``2级：<descriptor>`` for a scene or scale level."""
    w = words(lang)
    descriptor = q.levels.get(level)
    text = descriptor.get(lang) if descriptor else (w["scene_not_done"] if level == 0 else "")
    head = w["level_n"].format(n=level)
    return f"{head}：{text}" if lang != "en" else f"{head}: {text}"


def _raw_value(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def answer_in_words(q: Question, answer: Answer | None, lang: str) -> str:
    """An answer as a person reads it: option labels, raw numbers with the band they give, or a level."""
    w = words(lang)
    if answer is None or answer.is_empty:
        return w["not_answered"]
    if answer.na:
        return w["not_applicable"]
    return ANSWER_WORDS[q.kind](q, answer, lang)


def _level_answer(q: Question, answer: Answer, lang: str) -> str:
    return level_words(q, answer.level or 0, lang) if answer.level is not None else words(lang)["not_answered"]


def _multi_answer(q: Question, answer: Answer, lang: str) -> str:
    labels = [(o.label.get(lang) if (o := q.option(c)) else c) for c in answer.choices or ()]
    return list_sep(lang).join(labels)


def _ratio_shown(q: Question, answer: Answer, parts: list[str]) -> bool:
    """Add the ratio the numbers give; they give an option (when complete)."""
    ratio = ratio_of(q, answer.raw)
    if ratio is not None:
        parts[-1] += f" = {fmt_number(ratio * 100, 1)}%"
    return True


def _trend_shown(q: Question, answer: Answer, parts: list[str]) -> bool:
    """Whether the numbers give a direction (both years given)."""
    return trend_values(q, answer.raw) is not None


def _option_answer(q: Question, answer: Answer, lang: str,
                   numbers: Callable[[Question, Answer, list[str]], bool] = lambda q, a, parts: True) -> str:
    """The raw numbers (with what ``numbers`` adds) and the option they give, else the option chosen."""
    w = words(lang)
    parts: list[str] = []
    if answer.raw:
        labels = {i.id: i for i in q.inputs}
        shown = []
        for key, value in answer.raw.items():
            inp = labels.get(key)
            unit = inp.unit.get(lang) if inp and inp.unit else ""
            name = inp.label.get(lang) if inp else key
            shown.append(f"{name} {_raw_value(value)}{(' ' + unit) if unit and lang == 'en' else unit}")
        parts.append(("，" if lang != "en" else ", ").join(shown))
        try:
            opt = computed_option(q, answer)
            if not numbers(q, answer, parts):
                opt = None
        except AnswerInvalid as exc:
            opt = None
            parts[-1] += w["invalid_numbers"].format(why=exc.get(lang))
        if opt is not None:
            parts.append(opt.label.get(lang))
            return " → ".join(parts)
    if answer.choice is not None:
        opt = q.option(answer.choice)
        parts.append(opt.label.get(lang) if opt else answer.choice)
    return " → ".join(parts) if parts else w["not_answered"]


# An answer in words, per question kind (tests/test_kinds_tables.py: one per kind of the core registry).
ANSWER_WORDS: dict[str, Callable[[Question, Answer, str], str]] = {
    "single": _option_answer,
    "multi": _multi_answer,
    "ratio_band": functools.partial(_option_answer, numbers=_ratio_shown),
    "trend": functools.partial(_option_answer, numbers=_trend_shown),
    "scene": _level_answer,
    "scale": _level_answer,
}


def section_path(fw: Framework, q: Question, lang: str) -> str:
    """``数字化基础 / 设备系统``: the question's section below its dimension."""
    chain = list(reversed(fw.ancestors(q.section)))
    return " / ".join(fw.sections[s].title.get(lang) for s in chain)


def step_words(fw: Framework, question_id: str, from_value: str | int | None, to_value: str | int | None,
               lang: str) -> str:
    """``1级 → 2级`` or ``无 → 20%以上-40%（含）``: a step of a question in words."""
    q = fw.question(question_id)
    w = words(lang)

    def one(v: str | int | None) -> str:
        if v is None or v == "":
            return "—"
        if q.is_leveled:
            return w["level_n"].format(n=v)
        opt = q.option(str(v))
        return opt.label.get(lang) if opt else str(v)

    if KINDS[q.kind].set_valued:  # a step adds an option
        return f"+ {one(to_value)}"
    return f"{one(from_value)} → {one(to_value)}"
