"""Words of the pilot-cycle exports (verification sheet, comparison report, 一企一档 pack), in both languages."""

from __future__ import annotations

PILOT_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "page": "第 {n} 页 / 共 {m} 页",
        "sheet.title": "现场核查表", "sheet.blank": "现场访谈表（空白）",
        "sheet.intro": "评测人员逐题核对企业自评答案与佐证材料，在“核定答案”栏填写核实后的答案（选项或场景等级），"
                       "不同之处在“备注”栏写明理由。佐证：√ 已提供，× 缺，— 不适用，□ 未标记。",
        "sheet.intro.blank": "逐题访谈并查看佐证材料，在“核定答案”栏填写答案（选项或场景等级 0-4），在“备注”栏记录依据。",
        "sheet.own": "本表格式为本项目自拟，非官方表样；评测以工信部平台或现场评定机构的要求为准。",
        "col.no": "序号", "col.question": "指标", "col.self": "企业自评", "col.evidence": "佐证材料",
        "col.verified": "核定答案", "col.remark": "备注",
        "firm": "企业名称", "credit_code": "统一社会信用代码", "industry": "行业", "region": "地区",
        "assessed_on": "自评日期", "purpose": "评测用途", "assessor": "服务商 / 评测人", "self_result": "自评结果",
        "framework": "评测体系", "date_on_site": "现场评定日期",
        "sign.firm": "企业（盖章）负责人签字", "sign.provider": "服务商签字", "sign.assessor": "评测人员签字",
        "sign.date": "日期：", "options": "选项", "levels": "等级 0 1 2 3 4", "inputs": "填写数值",
        "total": "总分", "level": "等级",
        "cmp.title": "改造前后对比报告", "cmp.before": "改造前（诊断基线）", "cmp.after": "改造后",
        "cmp.gates": "一、等级与门槛", "cmp.scores": "二、总分与维度", "cmp.scenes": "三、场景等级",
        "cmp.answers": "四、改动的答案", "cmp.indicators": "五、成效指标（各自最近一期，原始数值计算）",
        "cmp.done": "六、两次评测之间完成的计划项及佐证", "cmp.none": "无",
        "col.level": "等级", "col.condition": "条件", "col.required": "要求", "col.before": "改造前",
        "col.after": "改造后", "col.change": "变化", "col.met": "达到", "col.item": "项目", "col.unit": "单位",
        "col.relative": "相对变化", "col.points": "得分变化", "col.mandatory": "约束性", "col.evidence_done": "完成佐证",
        "gate.score": "总分 ≥ {x}", "gate.scenes": "{k}级及以上场景 ≥ {x} 个", "gate.mandatory": "其中约束性场景 ≥ {x} 个",
        "yes": "是", "no": "否", "missing_data": "缺数据",
        "cmp.verified": "{side}的结果为现场评定核定结果。",
        "cmp.sheet": "改造前后对比",
        "idx.title": "一企一档 目录", "idx.sheet": "目录", "idx.missing": "所申报等级或得分缺少的佐证",
        "idx.none_missing": "所申报的场景等级和得分选项都有佐证（已提供或不适用）。",
        "idx.contents": "档案内容", "idx.file": "文件", "col.dimension": "维度", "col.claim": "申报答案",
        "col.item_text": "佐证项", "col.status": "状态", "col.files": "文件（档案内路径）", "col.sha256": "SHA-256",
        "absent": "缺", "file_missing": "文件缺失", "file_differs": "文件与记录不符",
        "idx.report": "诊断报告", "idx.plan": "改进计划工作簿", "idx.compare": "改造前后对比报告",
        "idx.assessment": "评测数据（.smd.json）", "idx.index_xlsx": "目录（工作簿）", "idx.index_pdf": "目录（PDF）",
        "idx.rule": "“缺少的佐证”按本项目规则判断：场景等级 ≥1 或得分选项所需的佐证项未标记“已提供”或“不适用”；"
                    "标有“N级起”的项只在所报等级达到 N 级时需要。各佐证项取自公开的 2024 版指标工具，"
                    "各项的起始等级是本项目对各级描述的理解，均未与官方要求逐条核对。",
        "scenes": "场景",
        "report.rated": "本报告的结果为现场评定核定结果（{who}，{org}，{date}）；企业自评为总分 {total}，{level}。",
    },
    "en": {
        "page": "Page {n} of {m}",
        "sheet.title": "On-site verification sheet", "sheet.blank": "On-site interview form (blank)",
        "sheet.intro": "The assessor checks each answer and its evidence, writes the verified answer (option or scene "
                       "level) and, where it differs, the reason in Remarks. Evidence: √ present, × missing, "
                       "— not applicable, □ not marked.",
        "sheet.intro.blank": "Ask each question, look at the evidence, write the answer (option or scene level 0-4) "
                             "and the grounds in Remarks.",
        "sheet.own": "This layout is the project's own, not an official form; the MIIT platform's or the rating "
                     "body's requirements prevail.",
        "col.no": "No.", "col.question": "Indicator", "col.self": "Self-assessed", "col.evidence": "Evidence",
        "col.verified": "Verified answer", "col.remark": "Remarks",
        "firm": "Firm", "credit_code": "Credit code", "industry": "Industry", "region": "Region",
        "assessed_on": "Self-assessed on", "purpose": "Purpose", "assessor": "Service provider / assessor",
        "self_result": "Self-assessed result", "framework": "Framework", "date_on_site": "Date of the on-site rating",
        "sign.firm": "Firm (seal), signed by", "sign.provider": "Service provider", "sign.assessor": "Assessor",
        "sign.date": "Date:", "options": "Options", "levels": "Level 0 1 2 3 4", "inputs": "Figures",
        "total": "Total", "level": "Level",
        "cmp.title": "Before and after the retrofit", "cmp.before": "Before (diagnosis baseline)", "cmp.after": "After",
        "cmp.gates": "1. Level and gates", "cmp.scores": "2. Total and dimensions", "cmp.scenes": "3. Scene levels",
        "cmp.answers": "4. Answers changed", "cmp.indicators": "5. Measured results (latest period each, from the raw figures)",
        "cmp.done": "6. Plan items done in between, with their evidence", "cmp.none": "none",
        "col.level": "Level", "col.condition": "Condition", "col.required": "Required", "col.before": "Before",
        "col.after": "After", "col.change": "Change", "col.met": "Met", "col.item": "Item", "col.unit": "Unit",
        "col.relative": "Relative", "col.points": "Points change", "col.mandatory": "Mandatory",
        "col.evidence_done": "Evidence of completion",
        "gate.score": "total ≥ {x}", "gate.scenes": "scenes at level {k}+ ≥ {x}", "gate.mandatory": "of them mandatory ≥ {x}",
        "yes": "yes", "no": "no", "missing_data": "no data",
        "cmp.verified": "The {side} result is the on-site rating.",
        "cmp.sheet": "Before and after",
        "idx.title": "Evidence file (一企一档): index", "idx.sheet": "Index",
        "idx.missing": "Evidence missing for a claimed level or scored option",
        "idx.none_missing": "Every claimed scene level and scored option has its evidence (present or not applicable).",
        "idx.contents": "Contents", "idx.file": "File", "col.dimension": "Dimension", "col.claim": "Answer claimed",
        "col.item_text": "Evidence item", "col.status": "Status", "col.files": "File(s) (path in the pack)",
        "col.sha256": "SHA-256", "absent": "missing", "file_missing": "file not found",
        "file_differs": "file differs from the record",
        "idx.report": "Diagnosis report", "idx.plan": "Improvement plan workbook", "idx.compare": "Before/after report",
        "idx.assessment": "Assessment data (.smd.json)", "idx.index_xlsx": "Index (workbook)", "idx.index_pdf": "Index (PDF)",
        "idx.rule": "Missing evidence follows the project's own rule: an item a scene level of 1+ or a scored option "
                    "needs that is not marked present or not applicable; an item marked \"LN+\" is needed only when "
                    "level N or higher is claimed. The items come from a public tool for the 2024 indicators, the "
                    "level each is needed from is the project's reading of the level texts, and neither was checked "
                    "against official guidance.",
        "scenes": "Scenes",
        "report.rated": "The results in this report are the on-site rating ({who}, {org}, {date}); the firm's "
                        "self-assessment was total {total}, {level}.",
    },
}

STATUS_MARK = {"present": "√", "missing": "×", "na": "—", "unmarked": "□"}


def pw(lang: str) -> dict[str, str]:
    return PILOT_WORDS["en" if lang == "en" else "zh"]
