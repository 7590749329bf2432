"""The words of the aggregation: file reasons and the summary workbook, in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence

from smedigital.core.text import Text

# Reason codes of a file's status; the detail after the label says exactly what was found.
REASONS: dict[str, Text] = {
    # accepted
    "workbook": Text("改进计划工作簿，记录已核验", "plan workbook, record verified"),
    "template": Text("已填写的问卷", "filled questionnaire"),
    "assessment": Text("评测文件", "assessment file"),
    # rejected
    "unreadable": Text("无法打开", "cannot be opened"),
    "empty": Text("空文件", "empty file"),
    "too-large": Text("文件过大", "file too large"),
    "too-many-cells": Text("单元格范围或文本过多", "too many cells or too much text"),
    "not-ours": Text("不是 smedigital 的评测文件", "not a smedigital assessment"),
    "damaged": Text("文件损坏或不完整", "damaged or truncated"),
    "zip-bomb": Text("压缩包异常（疑似压缩炸弹）", "suspicious archive (zip bomb?)"),
    "xml-entities": Text("含 XML 实体声明（疑似实体膨胀攻击）", "XML entity declarations (entity-expansion attack?)"),
    "encrypted": Text("受密码保护或已加密", "password-protected or encrypted"),
    "old-xls": Text("旧版 Excel 97-2003 (.xls) 文件", "old Excel 97-2003 (.xls) file"),
    "future-version": Text("由更新版本的 smedigital 生成", "made by a newer smedigital"),
    "invalid": Text("答案无效", "invalid answers"),
    "blank": Text("问卷未填写", "questionnaire not filled in"),
    "edited": Text("导出后被改动（校验未通过）", "edited after export (checksum failed)"),
    "timeout": Text("读取超时", "took too long to read"),
    "run-timeout": Text("汇总时间已用完", "the run's time limit was reached"),
    "crashed": Text("读取时出错退出", "the reader crashed on it"),
    "nested-archive": Text("压缩包中的压缩包，未读取", "a zip inside a zip: not read"),
    # duplicate
    "same-content": Text("与另一文件内容相同", "same content as"),
    "same-assessment": Text("同一企业、同一评测日期、同一评测体系", "same firm, date and framework as"),
    "conflicting": Text("同一企业、同一评测日期、同一评测体系，但答案或企业信息不一致；采用的是后导出的",
                        "same firm, date and framework, but the answers or company details disagree; kept the one "
                        "exported later"),
    # skipped
    "cancelled": Text("已取消，未读取", "not read: the run was cancelled"),
    "own-output": Text("本程序生成的汇总输出，不作为输入", "this program's own aggregation output, not an input"),
}

# A file's signature (smedigital.export.signing): who exported its record, and is it unchanged since.
SIGNATURES: dict[str, Text] = {
    "trusted": Text("已签名（信任的密钥）", "signed by a trusted key"),
    "unknown_key": Text("已签名，但密钥不在信任列表中", "signed by a key not on the trusted list"),
    "unsigned": Text("未签名", "unsigned"),
    "invalid": Text("签名无效（签名后被改动）", "signature invalid (changed after signing)"),
    "": Text("无记录可签名（填写的问卷）", "no record to sign (a filled questionnaire)"),
}

# Plausibility flags (see checks.py): a firm's numbers to look at twice; never a rejection.
FLAGS: dict[str, Text] = {
    "raw-vs-band": Text("原始数值与所选档位不符", "raw numbers give another band than the one chosen"),
    "raw-disagree": Text("同一原始数值在不同题目中不一致", "one raw number given different values in two questions"),
    "raw-impossible": Text("原始数值不可能（部分大于整体或为负数）", "impossible raw numbers (a part larger than its whole, "
                                                             "or negative)"),
    "scene-no-evidence": Text("所报场景等级需要的佐证项已标记，但没有一项标为已提供或附有文件（括号内：已提供/所需项数）",
                              "scene level claimed whose evidence items were marked, none present or with a file "
                              "attached (in brackets: present of needed)"),
    "scene-lower-evidence": Text("场景等级缺少较低等级的佐证材料", "scene level claimed without the lower levels' evidence"),
    "same-answers": Text("与其他企业的答案完全相同", "exactly the same answers as other firms"),
    "code-conflict": Text("同一信用代码下的企业信息相互矛盾", "one credit code with conflicting company details"),
    "conflicting-files": Text("同一次评测有答案不同的文件", "files of the same assessment disagree"),
    "assessor-same-answers": Text("同一服务商评测的企业答案全部相同", "every firm of one assessor (服务商) has the same "
                                                                 "answers"),
}


def flag_text(flag: tuple[str, str, str], lang: str) -> str:
    """A flag as people read it: its label, then what was found."""
    code, en, zh = flag
    label = FLAGS.get(code, Text(code, code)).get(lang)
    detail = zh if lang == "zh" else en
    if not detail:
        return label
    return f"{label}（{detail}）" if lang == "zh" else f"{label} ({detail})"


STATUS_WORDS: dict[str, Text] = {
    "accepted": Text("已采用", "accepted"),
    "rejected": Text("已拒绝", "rejected"),
    "duplicate": Text("重复", "duplicate"),
    "skipped": Text("未读取", "skipped"),
}

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet.overview": "总览", "sheet.industry": "按行业", "sheet.size": "按规模", "sheet.region": "按地区",
        "sheet.gaps": "常见差距", "sheet.progress": "进展", "sheet.firms": "企业名单", "sheet.files": "文件日志",
        "signature": "签名", "flags": "需核查（合理性提示）",
        "regions_note": "按 GB/T 2260 行政区划代码分组（由企业填写的地区识别）；无法识别或可能指多处的地区列在最后，请核实后更正企业文件",
        "division.province": "按省级行政区划", "division.city": "按地级行政区划", "division.county": "按县级行政区划",
        "division_code": "区划代码", "unresolved": "待确认（见下表）", "to_resolve": "待确认的地区",
        "none_to_resolve": "所有地区都已识别到唯一的行政区划。", "region_text": "填写的地区", "problem": "问题",
        "candidates": "可能的区划", "region.ambiguous": "可能指多处", "region.none": "无法识别",
        "per_framework_note": "各评测体系的等级、阶段和平均分分别统计，从不相加（如工信部“一级”与 smedigital-cdi“起步级”不是同一等级）",
        "title": "中小企业数字化水平区域汇总", "generated": "生成时间", "inputs": "输入文件", "number": "数量",
        "files": "文件数", "accepted": "已采用", "rejected": "已拒绝", "duplicates": "重复", "skipped": "未读取",
        "firms": "企业数", "firms_with_history": "有多次评测的企业", "check": "核对：文件数 = 已采用 + 已拒绝 + 重复",
        "ok": "相符", "share_l2": "二级及以上占比", "share_l3": "三级及以上占比", "mean_total": "平均总分",
        "levels": "等级分布", "stages": "上云用数赋智阶段分布", "level": "等级", "stage": "阶段", "count": "企业数",
        "share": "占比", "pillars": "分项平均分", "pillar": "分项", "mean": "平均分",
        "cloud": "上云", "data": "用数", "intelligence": "赋智", "framework": "评测体系",
        "industry": "行业（GB/T 4754 门类）", "size": "企业规模", "region": "地区", "not_given": "未填写",
        "gap_kind": "类型", "gap.question": "需提升的题目", "gap.scene": "需达标的场景",
        "gap.mandatory": "未达标的约束性场景", "question_id": "题号", "question": "题目", "dimension": "维度",
        "gap_firms": "企业数", "gap_share": "占有下一级的企业比例",
        "gaps_note": "统计各企业最新一次评测中，为达到下一级建议提升的题目和场景，以及尚未达标的约束性场景。",
        "firm": "企业名称", "credit_code": "统一社会信用代码", "first_date": "首次评测", "last_date": "最近评测",
        "assessments": "评测次数", "first_total": "首次总分", "last_total": "最近总分", "total_change": "总分变化",
        "first_level": "首次等级", "last_level": "最近等级", "level_change": "等级变化", "first_stage": "首次阶段",
        "last_stage": "最近阶段", "assessed_on": "评测日期", "total": "总分", "contact": "联系方式",
        "contact_note": "仅列出同意共享联系方式的企业的联系方式。", "file": "文件", "path": "路径",
        "status": "状态", "reason": "原因", "size_class": "规模",
        "chart.levels": "各行业等级分布", "chart.histogram": "总分分布", "chart.pillars": "上云、用数、赋智平均分",
        "band": "分数段", "no_progress": "尚无企业有两次及以上评测。", "no_firms": "没有可用的评测。",
        "level_n": "{n}级", "level_names": "未达一级|一级|二级|三级|四级",
        "level_n_own": "第{n}级", "level_names_own": "未达第1级|第1级|第2级|第3级|第4级",
        "level_own": "等级（按各评测体系自身的等级序号）",
        "chart.levels_own": "各行业等级分布（按各评测体系自身的等级序号）",
        "levels_note": "等级按各评测体系自身的等级序号合计（第1级…第4级）：各评测体系的等级名称不同，只有{names}的"
                       "等级是国家中小企业数字化水平等级（一级至四级）。二级、三级及以上占比只统计按{names}评测的企业。",
        "share_l2_of": "二级及以上占比（按{names}评测的 {n} 家企业）",
        "share_l3_of": "三级及以上占比（按{names}评测的 {n} 家企业）",
        "share_l2_col": "二级及以上占比（按{names}评测的企业）",
        "share_l3_col": "三级及以上占比（按{names}评测的企业）",
        "national_firms": "按{names}评测的企业数",
        "national_note": "二级、三级指国家中小企业数字化水平等级：只统计最新一次评测使用{names}的企业。"
                         "其他评测体系的等级不是国家等级，按各自的名称列在下面。",
        "no_national": "没有企业按国家中小企业数字化水平等级的评测体系（{names}）评测，无法计算二级、三级及以上占比。",
        "national_generic": "国家等级评测体系", "list_sep": "、", "list_last": "、",
    },
    "en": {
        "signature": "Signature", "flags": "To check (plausibility)",
        "regions_note": "Grouped by GB/T 2260 division code (read from the region each firm gave); regions naming no "
                        "division or several are listed last, for the office to check and correct",
        "division.province": "By province-level division", "division.city": "By prefecture-level division",
        "division.county": "By county-level division", "division_code": "Division code",
        "unresolved": "To resolve (see below)", "to_resolve": "Regions to resolve",
        "none_to_resolve": "Every region names exactly one division.", "region_text": "Region as given",
        "problem": "Problem", "candidates": "Possible divisions", "region.ambiguous": "may mean several places",
        "region.none": "not recognised",
        "per_framework_note": "Levels, stages and means are counted per framework and never added together (MIIT's "
                              "一级 and smedigital-cdi's 起步级 are not the same level)",
        "sheet.overview": "Overview", "sheet.industry": "By industry", "sheet.size": "By size",
        "sheet.region": "By region", "sheet.gaps": "Common gaps", "sheet.progress": "Progress",
        "sheet.firms": "Firms", "sheet.files": "File log",
        "title": "SME digital level: regional summary", "generated": "Generated", "inputs": "Input files",
        "number": "Number",
        "files": "Files", "accepted": "Accepted", "rejected": "Rejected", "duplicates": "Duplicates",
        "skipped": "Skipped", "firms": "Firms", "firms_with_history": "Firms assessed more than once",
        "check": "Check: files = accepted + rejected + duplicates", "ok": "adds up",
        "share_l2": "Share at level 2 or above", "share_l3": "Share at level 3 or above", "mean_total": "Mean total",
        "levels": "Levels", "stages": "Cloud, data, intelligence stages", "level": "Level", "stage": "Stage",
        "count": "Firms", "share": "Share", "pillars": "Pillar means", "pillar": "Pillar", "mean": "Mean",
        "cloud": "Cloud", "data": "Data", "intelligence": "Intelligence", "framework": "Framework",
        "industry": "Industry (GB/T 4754 section)", "size": "Size class", "region": "Region",
        "not_given": "not given", "gap_kind": "Kind", "gap.question": "Question to improve",
        "gap.scene": "Scene to reach", "gap.mandatory": "Mandatory scene missing", "question_id": "Question id",
        "question": "Question", "dimension": "Dimension", "gap_firms": "Firms",
        "gap_share": "Share of firms with a next level",
        "gaps_note": "From each firm's newest assessment: the questions and scenes suggested to reach the next "
                     "level, and the mandatory scenes not yet at the level it asks for.",
        "firm": "Firm", "credit_code": "Credit code", "first_date": "First assessed", "last_date": "Last assessed",
        "assessments": "Assessments", "first_total": "First total", "last_total": "Last total",
        "total_change": "Total change", "first_level": "First level", "last_level": "Last level",
        "level_change": "Level change", "first_stage": "First stage", "last_stage": "Last stage",
        "assessed_on": "Assessed on", "total": "Total", "contact": "Contact",
        "contact_note": "Contact details only of firms that agreed to share them.", "file": "File", "path": "Path",
        "status": "Status", "reason": "Reason", "size_class": "Size",
        "chart.levels": "Levels by industry", "chart.histogram": "Distribution of total scores",
        "chart.pillars": "Mean cloud, data and intelligence scores", "band": "Score band",
        "no_progress": "No firm has been assessed twice yet.", "no_firms": "No usable assessment.",
        "level_n": "Level {n}", "level_names": "No level yet|Level 1|Level 2|Level 3|Level 4",
        "level_n_own": "Level {n}", "level_names_own": "Below level 1|Level 1|Level 2|Level 3|Level 4",
        "level_own": "Level (by each framework's own scale)",
        "chart.levels_own": "Levels by industry (by each framework's own scale)",
        "levels_note": "Levels are added up by number on each framework's own scale (Level 1 … Level 4): frameworks "
                       "name their levels differently, and only the levels of {names} are the national SME digital "
                       "levels (Level 1–4). The shares at level 2 and 3 or above count only the firms assessed "
                       "with {names}.",
        "share_l2_of": "Share at level 2 or above (of the {n} {firms} assessed with {names})",
        "share_l3_of": "Share at level 3 or above (of the {n} {firms} assessed with {names})",
        "share_l2_col": "Share at level 2 or above (of the firms assessed with {names})",
        "share_l3_col": "Share at level 3 or above (of the firms assessed with {names})",
        "national_firms": "Firms assessed with {names}",
        "national_note": "Levels 2 and 3 here are the national SME digital levels: only firms whose newest "
                         "assessment used {names} count. The levels of other frameworks are not national levels; "
                         "they are listed below under their own names.",
        "no_national": "No firm was assessed with a framework of the national SME digital levels ({names}), so "
                       "there is no share at level 2 or 3 or above.",
        "national_generic": "a national-levels framework", "list_sep": ", ", "list_last": " or ",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


NO_SHARE = "—"  # a share at 二级 or above when no firm was assessed with the national levels


def national_names(framework_ids: Sequence[str], lang: str) -> str:
    """The short titles of the frameworks whose levels are the national levels, as a list in words.

    ``framework_ids``: those the firms used (``Tables.national_frameworks``); when there are none,
    every bundled framework with ``national_levels`` is named (what the firms would have needed).
    """
    from smedigital.core.framework import bundled_frameworks

    known = bundled_frameworks()
    ids = [fid for fid in framework_ids if fid in known] or [fid for fid, fw in known.items() if fw.national_levels]
    names = [(known[fid].short_title or known[fid].title).get(lang) for fid in ids]
    w = words(lang)
    if not names:
        return w["national_generic"]
    if len(names) == 1:
        return names[0]
    return w["list_sep"].join(names[:-1]) + w["list_last"] + names[-1]


# --------------------------------------------------------------------------- the programme (pipeline.py)

# The stages of the pilot programme's cycle, as pilot cities' notices name them (诊断评估 → 项目备案 → 改造实施 →
# 评测验收 → 兑现; e.g. Liuzhou's 2025 notice, Kunming's acceptance list, Xiamen 2025 [re-post]).
STAGE_NAMES: dict[str, Text] = {
    "diagnosis": Text("诊断", "Diagnosis"),
    "filing": Text("备案", "Filing"),
    "retrofit": Text("改造", "Retrofit"),
    "acceptance": Text("验收", "Acceptance"),
    "payout": Text("兑现", "Payout"),
}

# What a firm's stage rests on.
STAGE_BASIS: dict[str, Text] = {
    "diagnosis": Text("文件：有诊断基线评测", "files: a baseline assessment"),
    "retrofit": Text("文件：有改造后自评", "files: a self-assessment after the retrofit"),
    "acceptance": Text("文件：已记录现场评定", "files: an on-site rating is recorded"),
    "office": Text("单位设置（阶段文件）", "set by the office (stages file)"),
}

# The 推荐汇总表 workbook (recommend.py) and the JSON's programme parts.
RECOMMEND_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "sheet.recommend": "推荐汇总表", "sheet.pipeline": "阶段统计", "sheet.targets": "目标进展",
        "sheet.providers": "服务商评分", "title": "推荐汇总表",
        "layout_note": "推荐汇总表见于试点城市的县级审核环节（如柳州 2025 年通知附件4）；其列的格式未公开，"
                       "本表的列布局为本项目自定，请按本地通知的附件格式核对、调整后再报送。",
        "generated": "生成时间", "no": "序号", "firm": "企业名称", "credit_code": "统一社会信用代码",
        "region": "地区", "county": "县级区划", "industry": "行业", "size": "规模", "framework": "评测体系",
        "baseline_level": "诊断基线等级", "after_level": "改造后自评等级", "verified_level": "现场评定等级",
        "stage": "阶段", "basis": "阶段依据", "provider": "服务商",
        "date.diagnosis": "诊断日期", "signed_off": "基线签字确认日期", "date.filing": "备案日期",
        "date.retrofit": "改造后自评日期", "date.acceptance": "验收（现场评定）日期", "date.payout": "兑现日期",
        "plan_cost_min": "计划费用下限（元）", "plan_cost_max": "计划费用上限（元）", "spend": "申报投入（元，单位填写）",
        "eligible_min": "可补贴费用下限（元）", "eligible_max": "可补贴费用上限（元）",
        "subsidy_min": "补贴估算下限（元）", "subsidy_max": "补贴估算上限（元）", "conditions": "未满足的条件",
        "flags": "需核查（合理性提示）", "notes": "备注", "file": "最新文件",
        "pack_note": "补贴估算按规则包“{pack}”计算（城市规则，见规则包中注明的来源）：只计入计划中各步骤的行动费用，"
                     "等级按现场评定等级（无则按改造后或最新等级）判断；仅为估算，以主管部门核定为准。",
        "no_pack": "未指定规则包：不估算可补贴费用和补贴（命令行加 --rules）。",
        "cost_note": "计划费用：企业文件中改进计划保留的步骤（未放弃的）按行动库的费用合计，不含按营业收入比例的额外投入。",
        "stage_rules": "阶段依据：诊断 = 有诊断基线评测；改造 = 有改造后自评；验收 = 已记录现场评定；"
                       "备案、兑现只能由单位在阶段文件中设置。取文件显示的与单位设置的阶段中靠后的一个；单位标明 override（以此为准）的行，"
                       "不论文件显示什么都以它为准。",
        "stages_file": "阶段文件", "none": "无", "total": "合计", "unmatched": "阶段文件中未在本次汇总里找到的企业",
        "where": "位置", "behind": "单位设置的阶段落后于文件显示的阶段（请核对）", "files_stage": "文件显示的阶段",
        "office_stage": "单位设置的阶段",
        "target": "目标", "target_id": "编号", "source": "来源", "group": "分组", "group_key": "组",
        "firms": "企业数", "achieved": "已达成", "share": "占比", "goal": "目标值", "met": "是否达成",
        "yes": "是", "no_": "否", "by": "截止日期", "days_left": "剩余天数", "undated": "日期未知（未计入）",
        "all_firms": "全部", "not_given": "未填写", "no_targets": "未指定目标文件（命令行加 --targets）。",
        "no_framework": "没有符合此目标的评测体系的企业（等级目标只按国家等级评测体系计算，或目标指定的评测体系）。",
        "targets_note": "进展按评测体系分别计算，从不合并；等级指各评测体系自身的等级（国家等级评测体系中 2 = 二级）。"
                        "目标及其来源由单位在目标文件中填写。",
        "group.industry": "行业", "group.size": "规模", "group.county": "县级区划", "group.provider": "服务商",
        "kind.share-at-level": "等级及以上占比", "kind.count-by-date": "截止日期前的企业数",
        "pairs": "有改造前后评测的企业", "mean_level_uplift": "平均等级提升", "mean_points_uplift": "平均总分提升",
        "costed": "有费用的企业", "declared": "其中按申报投入", "cost_min": "费用合计下限（元）",
        "cost_max": "费用合计上限（元）", "cpl_min": "每提升一级费用下限（元）", "cpl_max": "每提升一级费用上限（元）",
        "verified": "现场评定企业数", "differences": "评定与自评不同的答案数", "points_effect": "评定对总分的影响（合计）",
        "levels_changed": "评定等级与自评不同的企业",
        "providers_note": "本表的计算方法为本项目自定（无通知规定公式）：等级提升 = 改造后等级 − 诊断基线等级（有现场评定时用评定等级）；"
                          "每提升一级费用 = 有费用企业的费用合计 ÷ 其等级提升合计；费用取单位阶段文件中的申报投入，"
                          "无则取基线文件改进计划的行动费用。评定影响为负表示企业自评高于现场评定。",
    },
    "en": {
        "sheet.recommend": "Recommendation summary", "sheet.pipeline": "Pipeline", "sheet.targets": "Targets",
        "sheet.providers": "Provider scorecard", "title": "Recommendation summary (推荐汇总表)",
        "layout_note": "Pilot cities ask for a 推荐汇总表 at the county review (e.g. Liuzhou's 2025 notice, annex 4); its "
                       "columns are not published, so this layout is the project's own: check it against your "
                       "notice's annex before submitting.",
        "generated": "Generated", "no": "No.", "firm": "Firm", "credit_code": "Credit code", "region": "Region",
        "county": "County-level division", "industry": "Industry", "size": "Size", "framework": "Framework",
        "baseline_level": "Baseline level", "after_level": "Level after retrofit (self-assessed)",
        "verified_level": "Level rated on site", "stage": "Stage", "basis": "Stage rests on", "provider": "服务商 (provider)",
        "date.diagnosis": "Diagnosed on", "signed_off": "Baseline signed off on", "date.filing": "Filed on",
        "date.retrofit": "After-retrofit self-assessment on", "date.acceptance": "Accepted (rated on site) on",
        "date.payout": "Paid out on", "plan_cost_min": "Plan cost, min (yuan)", "plan_cost_max": "Plan cost, max (yuan)",
        "spend": "Declared spend (yuan, from the office)", "eligible_min": "Eligible cost, min (yuan)",
        "eligible_max": "Eligible cost, max (yuan)", "subsidy_min": "Subsidy estimate, min (yuan)",
        "subsidy_max": "Subsidy estimate, max (yuan)", "conditions": "Conditions not met",
        "flags": "To check (plausibility)", "notes": "Notes", "file": "Newest file",
        "pack_note": "Subsidy estimated with the rule pack '{pack}' (a city's rules: see the sources the pack names): only "
                     "the action costs of the plan's steps count, and the level gate is judged on the level rated on "
                     "site (else after the retrofit, else the newest); an estimate only: the authority decides.",
        "no_pack": "No rule pack given: no eligible cost or subsidy estimated (add --rules).",
        "cost_note": "Plan cost: the steps kept in the improvement plan of the firm's file (not dropped), at the action "
                     "library's costs, without extra spending set as a share of revenue.",
        "stage_rules": "Stage rests on: diagnosis = a baseline assessment; retrofit = a self-assessment after the "
                       "retrofit; acceptance = an on-site rating recorded; filing and payout only the office can set, "
                       "in its stages file. The further of what the files show and what the office set counts; a row the "
                       "office marks override counts whatever the files show.",
        "stages_file": "Stages file", "none": "none", "total": "Total",
        "unmatched": "Firms of the stages file not found in this run", "where": "Place",
        "behind": "Firms the office set at a stage behind what their files show (to check)",
        "files_stage": "Stage the files show", "office_stage": "Stage the office set",
        "target": "Target", "target_id": "Id", "source": "Source", "group": "Group by", "group_key": "Group",
        "firms": "Firms", "achieved": "Achieved", "share": "Share", "goal": "Goal", "met": "Met",
        "yes": "yes", "no_": "no", "by": "By", "days_left": "Days left", "undated": "Date not known (not counted)",
        "all_firms": "all", "not_given": "not given", "no_targets": "No targets file given (add --targets).",
        "no_framework": "No firm of a framework this target applies to (a level target counts only frameworks of "
                        "the national levels, or the framework it names).",
        "targets_note": "Progress is computed per framework and never pooled; a level is a number on the framework's "
                        "own scale (on the national-levels frameworks 2 = 二级). The targets and their sources are "
                        "the office's, from its targets file.",
        "group.industry": "Industry", "group.size": "Size", "group.county": "County", "group.provider": "Provider",
        "kind.share-at-level": "share at level or above", "kind.count-by-date": "firms by a date",
        "pairs": "Firms with baseline and after", "mean_level_uplift": "Mean level uplift",
        "mean_points_uplift": "Mean total uplift", "costed": "Firms with a cost", "declared": "of which declared",
        "cost_min": "Cost, min (yuan)", "cost_max": "Cost, max (yuan)", "cpl_min": "Cost per level, min (yuan)",
        "cpl_max": "Cost per level, max (yuan)", "verified": "Firms rated on site",
        "differences": "Verified answers unlike the firm's", "points_effect": "Rating's effect on the total (sum)",
        "levels_changed": "Firms whose rated level is not their own",
        "providers_note": "How this table is computed is the project's own (no notice sets a formula): uplift = level "
                          "after the retrofit − baseline level (the rated level where an on-site rating is recorded); "
                          "cost per level = the costed firms' costs / their level uplifts; a cost is the spend declared "
                          "in the office's stages file, else the action costs of the baseline file's plan. A negative "
                          "rating effect: the firms rated themselves higher than the on-site rating.",
    },
}
