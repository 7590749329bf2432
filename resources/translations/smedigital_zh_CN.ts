<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../smedigital/ui/dialogs.py" line="+203"/>
        <source>About %1</source>
        <translation>关于%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smedigital %1

Where a small or medium firm stands on the cloud-data-intelligence path (上云用数赋智) and under the MIIT SME digital level indicators, and what to do next.

Frameworks:
%2</source>
        <translation>smedigital %1

评测中小企业在“上云用数赋智”路径上所处的阶段、按工业和信息化部中小企业数字化水平评测指标所达到的等级，以及下一步该做什么。

评测体系：
%2</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location line="+50"/>
        <source>Back to the &amp;components</source>
        <translation>返回组件列表(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show &amp;licence texts</source>
        <translation>显示许可证全文(&amp;L)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bundled components and their licences:</source>
        <translation>随附组件及其许可证：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bundled components</source>
        <translation>随附组件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each component with its version, licence and purpose</source>
        <translation>各组件的版本、许可证和用途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence texts</source>
        <translation>许可证全文</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../smedigital/ui/application.py" line="+126"/>
        <source>Cannot open the firm library</source>
        <translation>无法打开企业库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The firm library could not be opened, so the program cannot start. Backups are kept in the backups folder beside it.</source>
        <translation>企业库无法打开，程序不能启动。备份保存在企业库旁边的 backups 文件夹中。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>smedigital is already running</source>
        <translation>smedigital 已在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another smedigital window (process %1) is using the firm library in %2 but does not answer. Only one window at a time may use the library, so that no one&apos;s changes overwrite another&apos;s: close the other window (or end that process) and start again.</source>
        <translation>另一个 smedigital 窗口（进程 %1）正在使用 %2 中的企业库，但没有响应。同一时间只能有一个窗口使用企业库，以免彼此的更改互相覆盖：请关闭另一个窗口（或结束该进程）后重新启动。</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>The program closed unexpectedly</source>
        <translation>程序意外关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The program closed unexpectedly last time. Your work up to the last change was saved.</source>
        <translation>程序上次意外关闭。最后一次修改之前的工作都已保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Crash record: %1</source>
        <translation>崩溃记录：%1</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <location filename="../../smedigital/ui/assessment/view.py" line="+224"/>
        <source>S&amp;teps</source>
        <translation>步骤(&amp;T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The steps of the assessment; choosing one goes there</source>
        <translation>评测的各个步骤；选中即跳转</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;New version…</source>
        <translation>新建版本(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New version</source>
        <translation>新建版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts a new, unsigned assessment from these answers; this signed-off one stays as it is</source>
        <translation>以这些答案为起点新建一次未签字的评测；这次已签字的评测保持不变</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Previous step (Alt+Left)</source>
        <translation>上一步（Alt+左箭头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Next step (Alt+Right or Ctrl+Enter)</source>
        <translation>下一步（Alt+右箭头 或 Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Every change is saved at once; this saves again (Ctrl+S)</source>
        <translation>每项修改都会立即保存；点此再保存一次（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next to revie&amp;w</source>
        <translation>下一个待复核(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next to review</source>
        <translation>下一个待复核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Goes to the next answer carried over from the earlier assessment that nobody has checked again</source>
        <translation>转到下一个沿用自上次评测、尚未重新核对的答案</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>Reviewed: changed since %1</source>
        <translation>已复核：与 %1 相比有改动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reviewed: still true since %1</source>
        <translation>已复核：与 %1 相同，仍然属实</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carried over from %1: tick when checked again</source>
        <translation>沿用自 %1 的答案：重新核对后请勾选</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every carried-over answer was checked again</source>
        <translation>所有沿用的答案都已重新核对</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Signed off by %1 on %2: this assessment is read-only. To change answers, make a new version; this one stays as it was agreed.</source>
        <translation>已由 %1 于 %2 签字确认：本评测为只读。如需修改答案，请新建版本；本评测保持双方确认时的内容。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Firm and framework</source>
        <translation>企业与评测体系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Interview</source>
        <translation>访谈信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>核对答案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Results</source>
        <translation>评测结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Improvement plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · %2 to review</source>
        <translation>%1 · 待复核 %2 项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 of %3 answered</source>
        <translation>%1：已答 %2/%3</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+11"/>
        <source>Firm already in the library</source>
        <translation>企业已在库中</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>“%1”%2 is already in the library with the same credit code, or the same name and region. Is it the firm being assessed? Yes makes this assessment one of that firm&apos;s; No keeps the two apart.</source>
        <translation>企业库中已有“%1”%2，其统一社会信用代码相同，或名称与地区相同。它就是正在评测的企业吗？选择“是”将本次评测归入该企业；选择“否”则两者分开保存。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <location filename="../../smedigital/ui/firm_history.py" line="+478"/>
        <source>Cannot read the library</source>
        <translation>无法读取企业库</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Compare two assessments</source>
        <translation>对比两次评测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;From (before):</source>
        <translation>之前(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To (after):</source>
        <translation>之后(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier assessment</source>
        <translation>较早的评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later assessment</source>
        <translation>较晚的评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary of the comparison</source>
        <translation>对比摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts of the comparison</source>
        <translation>对比的各部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level gates</source>
        <translation>等级条件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Measured results</source>
        <translation>成效指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed answers</source>
        <translation>改动的答案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plan items done</source>
        <translation>已完成的计划项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saves this comparison as a PDF report</source>
        <translation>将此对比保存为 PDF 报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;sheet…</source>
        <translation>导出表格(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves this comparison as an Excel sheet</source>
        <translation>将此对比保存为 Excel 工作表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prints the before/after report on A4 after a preview</source>
        <translation>预览后在 A4 纸上打印改造前后对比报告</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This firm has fewer than two assessments: there is nothing to compare.</source>
        <translation>该企业的评测不足两次，无可对比。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>These two assessments use different frameworks and cannot be compared. Choose two of the same framework.</source>
        <translation>这两次评测使用不同的指标体系，无法对比。请选择同一指标体系的两次评测。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These assessments cannot be compared: %1</source>
        <translation>这两次评测无法对比：%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Total score: %1 → %2 (%3)</source>
        <translation>总分：%1 → %2（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level: %1 → %2</source>
        <translation>等级：%1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage: %1 → %2</source>
        <translation>阶段：%1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: the earlier side is dated after the later one.</source>
        <translation>注意：“之前”一侧的日期晚于“之后”一侧。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>total score at least %1</source>
        <translation>总分不低于 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>scenes at level %1 or higher: at least %2</source>
        <translation>达到 %1 级及以上的场景：不少于 %2 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>of them mandatory: at least %1</source>
        <translation>其中约束性场景：不少于 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>met</source>
        <translation>已达到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>newly met</source>
        <translation>新达到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After: met?</source>
        <translation>之后是否达到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (mandatory)</source>
        <translation>（必选）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Indicator (latest period)</source>
        <translation>指标（最近一期）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change in %</source>
        <translation>变化率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer before</source>
        <translation>之前的答案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer after</source>
        <translation>之后的答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points before</source>
        <translation>之前得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Points after</source>
        <translation>之后得分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan item</source>
        <translation>计划项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../smedigital/ui/crash.py" line="+163"/>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The program ran into a problem it did not expect. Your work up to the last change is saved. If this happens again, please send the log file to whoever supports you.</source>
        <translation>程序遇到了意料之外的问题。最后一次修改之前的工作都已保存。如果再次发生，请把日志文件发给为您提供支持的人员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
</context>
<context>
    <name>DateDelegate</name>
    <message>
        <location filename="../../smedigital/ui/assessment/plan_page.py" line="+281"/>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The date the action should be finished</source>
        <translation>该行动应完成的日期</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <location filename="../../smedigital/ui/assessment/profile_page.py" line="+383"/>
        <source>The interview</source>
        <translation>访谈信息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Assessor</source>
        <translation>评测人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The consultant who carries out the assessment</source>
        <translation>开展评测的顾问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ssessor:</source>
        <translation>评测人(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assessment date</source>
        <translation>评测日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The day of the interview</source>
        <translation>访谈当天的日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessment &amp;date:</source>
        <translation>评测日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Respondents</source>
        <translation>受访人</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The people interviewed and their roles; F2 edits a cell</source>
        <translation>接受访谈的人员及其职务；按 F2 编辑单元格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;respondent</source>
        <translation>添加受访人(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add respondent</source>
        <translation>添加受访人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adds a row to the table</source>
        <translation>在表格中新增一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remo&amp;ve respondent</source>
        <translation>删除受访人(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove respondent</source>
        <translation>删除受访人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removes the selected row</source>
        <translation>删除选中的行</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+4"/>
        <source>Truthfulness pledge</source>
        <translation>真实性承诺</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The firm &amp;pledges that the information it has given is true, complete and its own</source>
        <translation>企业承诺(&amp;P)所提供的信息真实、完整，且为本企业自身情况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ticked when the firm&apos;s representative has signed the pledge</source>
        <translation>企业代表签署承诺后勾选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed by</source>
        <translation>签署人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name and post of the person who signs</source>
        <translation>签署人的姓名和职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;gned by:</source>
        <translation>签署人(&amp;G)：</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Give the name of the person who signed the pledge.</source>
        <translation>请填写签署承诺的人员姓名。</translation>
    </message>
</context>
<context>
    <name>DialogJob</name>
    <message>
        <location filename="../../smedigital/ui/tasks.py" line="+258"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EvidenceItemsDialog</name>
    <message>
        <location filename="../../smedigital/ui/assessment/evidence_items.py" line="+42"/>
        <source>Not marked (counts as missing)</source>
        <translation>未标记（按缺计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Present</source>
        <translation>已提供</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Evidence items: none needed for the answer claimed</source>
        <translation>佐证项：所报答案不需要</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 present</source>
        <translation>%1 项已提供</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 missing</source>
        <translation>%1 项缺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 not applicable</source>
        <translation>%1 项不适用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 not marked</source>
        <translation>%1 项未标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence items: %1</source>
        <translation>佐证项：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (%1 of %2 items are needed for the answer claimed)</source>
        <translation>（所报答案需要其中 %1 项，共 %2 项）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Evidence items — %1</source>
        <translation>佐证项 — %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark each item the answer rests on as present, missing or not applicable, and link the attached files that show it. An item not marked counts as missing for the level or points claimed; an item marked with a level is asked for only from that level up. The lists are this program&apos;s reading of the evidence the MIIT indicators ask for (a public assessment tool&apos;s lists), and the levels its reading of the level texts, not official guidance.</source>
        <translation>请将答案所依据的每个佐证项标为已提供、缺或不适用，并关联能证明它的已添加文件。未标记的项按所申报等级或得分“缺”计；标有等级的项只在申报该级或更高等级时需要。这些清单是本软件对工信部指标所需佐证的理解（取自一个公开评测工具的清单），各项的等级是本软件对各级描述的理解，并非官方指引。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence item</source>
        <translation>佐证项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked by the answer</source>
        <translation>当前答案需要</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evidence items</source>
        <translation>佐证项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per item; the Status column sets its mark, the list below links files to the selected item</source>
        <translation>每行一项；“状态”列设定标记，下方列表为所选项关联文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (from level %1)</source>
        <translation>（%1级起）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status of %1</source>
        <translation>%1 的状态</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Attached files linked to the selected item</source>
        <translation>与所选项关联的已添加文件</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Linked, but no longer attached to the question</source>
        <translation>已关联，但已不在本题的附件中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files linked to %1 (tick to link):</source>
        <translation>与 %1 关联的文件（勾选即关联）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No file is attached to this question yet: attach files on the question card, then link them here.</source>
        <translation>本题尚未添加文件：请先在题目卡片上添加佐证材料，再在此关联。</translation>
    </message>
</context>
<context>
    <name>ExportBar</name>
    <message>
        <location filename="../../smedigital/ui/assessment/export_bar.py" line="+24"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan &amp;workbook (.xlsx)…</source>
        <translation>改进计划工作簿(&amp;W) (.xlsx)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export plan workbook</source>
        <translation>导出改进计划工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the improvement plan, answers, roadmap and charts as an Excel workbook (Ctrl+E)</source>
        <translation>将改进计划、答题明细、路线图和图表保存为 Excel 工作簿（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnosis &amp;report (PDF)…</source>
        <translation>诊断报告(&amp;R) (PDF)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export diagnosis report</source>
        <translation>导出诊断报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the diagnosis report with its charts and the plan as a PDF document (Ctrl+Shift+E)</source>
        <translation>将含图表和改进计划的诊断报告保存为 PDF 文档（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank &amp;questionnaire…</source>
        <translation>空白问卷(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blank questionnaire</source>
        <translation>空白问卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves an empty questionnaire workbook of this framework for a firm to fill in</source>
        <translation>保存本评测体系的空白问卷工作簿，供企业填写</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../../smedigital/ui/exports.py" line="+283"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An export is still being written. Wait for it to finish, or cancel it.</source>
        <translation>仍有文件正在导出。请等待完成，或取消它。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export plan workbook</source>
        <translation>导出改进计划工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>improvement plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <location line="+130"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+13"/>
        <location line="+18"/>
        <location line="+16"/>
        <location line="+18"/>
        <location line="+96"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Writing the improvement plan workbook…</source>
        <translation>正在生成改进计划工作簿…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export diagnosis report</source>
        <translation>导出诊断报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diagnosis report</source>
        <translation>诊断报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <location line="+16"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Writing the diagnosis report with its charts…</source>
        <translation>正在生成含图表的诊断报告…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the comparison</source>
        <translation>导出改造前后对比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>before and after</source>
        <translation>改造前后对比</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the comparison…</source>
        <translation>正在写入改造前后对比…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export the verification sheet</source>
        <translation>导出现场核查表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verification sheet</source>
        <translation>现场核查表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the verification sheet…</source>
        <translation>正在写入现场核查表…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the evidence file (一企一档)</source>
        <translation>导出一企一档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evidence file</source>
        <translation>一企一档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the evidence file…</source>
        <translation>正在写入一企一档…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evidence file was written; some things are missing or were left out:</source>
        <translation>一企一档已写入；以下内容缺失或未收入：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Print the diagnosis report and plan</source>
        <translation>打印诊断报告与改进计划</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Print the verification sheet</source>
        <translation>打印现场核查表</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print the before/after report</source>
        <translation>打印改造前后对比报告</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Blank questionnaire</source>
        <translation>空白问卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing the blank questionnaire…</source>
        <translation>正在生成空白问卷…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>FileImport</name>
    <message>
        <location filename="../../smedigital/ui/importing.py" line="+71"/>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>could not be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>is nested too deeply to be read</source>
        <translation>嵌套层级过深，无法读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is too large to be read</source>
        <translation>文件过大，无法读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>could not be imported: %1</source>
        <translation>无法导入：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>… and %1 more problems</source>
        <translation>……另有 %1 个问题</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 of the files carried a signature, which was not kept: the firm library stores the answers, and a change to them would void it. The original files keep their signature; a copy saved from here is signed by this installation.</source>
        <translation>其中 %1 个文件带有签名，签名未予保留：企业库只保存答案，答案一经修改签名即失效。原文件仍保留其签名；从本程序另存的副本由本机签名。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 more files could not be imported: %2</source>
        <translation>另有 %1 个文件无法导入：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“%1” in %2 looks like the firm “%3”%4 already in the library. Add the assessment to that firm? No adds a new firm.</source>
        <translation>%2 中的“%1”似乎就是企业库中已有的企业“%3”%4。要将该评测添加到这家企业吗？选择“否”将新建一家企业。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” looks like the firm “%3”%4 already in the library. Add the new assessment to that firm? No adds a new firm.</source>
        <translation>“%1”似乎就是企业库中已有的企业“%3”%4。要将新评测添加到这家企业吗？选择“否”将新建一家企业。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Firm already in the library</source>
        <translation>企业已在库中</translation>
    </message>
</context>
<context>
    <name>FileJob</name>
    <message>
        <location filename="../../smedigital/ui/tasks.py" line="+97"/>
        <source>“%1” could not be saved in %2. Nothing was written. If the file is open in another program, close it there and try again.</source>
        <translation>“%1”无法保存到 %2，未写入任何内容。如果该文件正在其他程序中打开，请先关闭后重试。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“%1” is saved in %2. Open the folder?</source>
        <translation>“%1”已保存到 %2。要打开所在文件夹吗？</translation>
    </message>
</context>
<context>
    <name>FileLogModel</name>
    <message>
        <location filename="../../smedigital/ui/office/models.py" line="+215"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>需核查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>accepted</source>
        <translation>已采用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>skipped</source>
        <translation>未读取</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../smedigital/ui/office/files_tab.py" line="+48"/>
        <source>File &amp;log</source>
        <translation>文件日志(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show files</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows all files, or only those of one status</source>
        <translation>显示全部文件，或只显示某一状态的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files</source>
        <translation>全部文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted</source>
        <translation>已采用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter te&amp;xt:</source>
        <translation>筛选文字(&amp;X)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File name, folder or reason</source>
        <translation>文件名、文件夹或原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the file log</source>
        <translation>筛选文件日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows only the files whose name, folder or reason contains this text</source>
        <translation>只显示文件名、文件夹或原因中包含此文字的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File log</source>
        <translation>文件日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every file read, its status and the reason</source>
        <translation>读取的每个文件及其状态和原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 of %2 files shown</source>
        <translation>显示 %2 个文件中的 %1 个</translation>
    </message>
</context>
<context>
    <name>FirmHistoryDialog</name>
    <message>
        <location filename="../../smedigital/ui/office/history.py" line="+180"/>
        <source>History of %1</source>
        <translation>%1 的评测历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code %1</source>
        <translation>统一社会信用代码 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 assessment(s) in the files</source>
        <translation>文件中共有 %1 次评测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Assessments, oldest first:</source>
        <translation>评测记录（按时间先后）(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../smedigital/ui/firm_history.py" line="-481"/>
        <source>Cannot delete the assessment</source>
        <translation>无法删除该评测</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot bring the assessment back</source>
        <translation>无法恢复该评测</translation>
    </message>
    <message>
        <location line="+86"/>
        <location line="+1"/>
        <location filename="../../smedigital/ui/office/history.py" line="+1"/>
        <source>Assessments of the firm</source>
        <translation>该企业的评测记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each assessment of this firm, oldest first. Press Enter to open one, Delete to delete it.</source>
        <translation>该企业的每一次评测，按时间从早到晚排列。按回车键打开，按 Delete 键删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opens the selected assessment</source>
        <translation>打开所选评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare…</source>
        <translation>对比(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows two assessments of this firm side by side, the first and the latest unless you choose others</source>
        <translation>并排显示该企业的两次评测，默认为第一次与最近一次，也可另选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete assessment</source>
        <translation>删除评测(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes the selected assessment only; the firm and its other assessments stay. You can undo this</source>
        <translation>只删除所选评测；企业及其其他评测保留。可以撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On-site &amp;verification…</source>
        <translation>现场核查(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records, beside each of the firm&apos;s answers, the answer found on site and a remark; shows the verified rating and every difference</source>
        <translation>在企业每个答案旁记录现场核实的答案和备注；显示核实后的评级及每一处差异</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence &amp;file (一企一档)…</source>
        <translation>一企一档(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the selected assessment&apos;s 一企一档 zip: reports, plan, verification sheet, the comparison with the diagnosis baseline and the evidence files</source>
        <translation>保存所选评测的一企一档压缩包：报告、改进计划、现场核查表、与诊断基线的对比及佐证材料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closes this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Brings the deleted assessment back</source>
        <translation>恢复刚删除的评测</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete assessment</source>
        <translation>删除评测</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+86"/>
        <location line="+15"/>
        <source>Cannot read the library</source>
        <translation>无法读取企业库</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1, signed off</source>
        <translation>%1，已签字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>signed off</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Delete the assessment of %1</source>
        <translation>删除 %1 的评测</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The assessment of %1 was deleted; the firm stays.</source>
        <translation>%1 的评测已删除；企业仍保留。</translation>
    </message>
    <message>
        <location filename="../../smedigital/ui/office/history.py" line="+1"/>
        <source>Date, framework, total score, level, stage, whether it is in the firm library, and the file; Enter opens the selected one</source>
        <translation>评测日期、评测体系、总分、等级、阶段、是否已在企业库中以及来源文件；按回车键打开所选评测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open in the assessment view</source>
        <translation>在评测视图中打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in the assessment view</source>
        <translation>在评测视图中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the selected assessment from the firm library</source>
        <translation>从企业库中打开所选评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import into the firm library</source>
        <translation>导入企业库(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+83"/>
        <source>Import into the firm library</source>
        <translation>导入企业库</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Adds the selected assessment&apos;s file to the firm library, so it can be opened</source>
        <translation>将所选评测的文件加入企业库，以便打开</translation>
    </message>
    <message>
        <location filename="../../smedigital/ui/firm_history.py" line="-73"/>
        <location filename="../../smedigital/ui/office/history.py" line="+2"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../smedigital/ui/office/history.py" line="+1"/>
        <source>Back to the regional overview</source>
        <translation>返回区域汇总</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total score over time</source>
        <translation>总分变化</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Imported into the firm library without the file&apos;s signature: the firm library stores the answers, and a change to them would void it. The file keeps its signature; a copy saved from the library is signed by this installation.</source>
        <translation>已导入企业库，但未保留文件的签名：企业库只保存答案，答案一经修改签名即失效。原文件仍保留其签名；从企业库另存的副本由本机签名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This assessment is in the firm library.</source>
        <translation>该评测已在企业库中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This assessment is not in the firm library yet; import it to open it.</source>
        <translation>该评测尚未在企业库中；导入后即可打开。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>“%1” could not be imported. Nothing was changed.</source>
        <translation>“%1”无法导入，未做任何更改。</translation>
    </message>
</context>
<context>
    <name>FirmModel</name>
    <message>
        <location filename="../../smedigital/ui/office/models.py" line="-69"/>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size class</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assessments</source>
        <translation>评测次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last assessed</source>
        <translation>最近评测日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>需核查</translation>
    </message>
</context>
<context>
    <name>FirmTableModel</name>
    <message>
        <location filename="../../smedigital/ui/home.py" line="+101"/>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digital level</source>
        <translation>数字化水平等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assessed on</source>
        <translation>评测日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not assessed</source>
        <translation>未评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>FirmsTab</name>
    <message>
        <location filename="../../smedigital/ui/office/firms_tab.py" line="+39"/>
        <source>Fir&amp;ms</source>
        <translation>企业(&amp;M)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Histor&amp;y…</source>
        <translation>评测历史(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>评测历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the selected firm&apos;s assessments over time (Enter or double-click does too)</source>
        <translation>显示所选企业历次评测（也可按回车键或双击）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Firms</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each firm with its newest assessment; Enter shows its history</source>
        <translation>各企业及其最近一次评测；按回车键查看评测历史</translation>
    </message>
</context>
<context>
    <name>GroupModel</name>
    <message>
        <location filename="../../smedigital/ui/office/models.py" line="-51"/>
        <source>Industry (GB/T 4754 section)</source>
        <translation>行业（GB/T 4754 门类）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size class</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prefecture-level division</source>
        <translation>地级行政区划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Province-level division</source>
        <translation>省级行政区划</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Firms</source>
        <translation>企业数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Assessed with %1</source>
        <translation>按%1评测的企业数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share at level 2 or above (of the firms assessed with %1)</source>
        <translation>二级及以上占比（按%1评测的企业）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share at level 3 or above (of the firms assessed with %1)</source>
        <translation>三级及以上占比（按%1评测的企业）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean total</source>
        <translation>平均总分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mean %1</source>
        <translation>%1平均分</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <location filename="../../smedigital/ui/office/groups_tab.py" line="+82"/>
        <source>By gro&amp;up</source>
        <translation>分组统计(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Group by:</source>
        <translation>分组依据(&amp;G)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regions to resolve</source>
        <translation>待确认的地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each region as given, why it names no single division, how many firms gave it and the divisions it may mean</source>
        <translation>每个填写的地区、无法确定唯一区划的原因、填写该地区的企业数及可能的区划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the table and the chart by industry, size class, region or framework</source>
        <translation>按行业、企业规模、地区或评测体系显示统计表和图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size class</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region (county level)</source>
        <translation>地区（县级）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region (prefecture level)</source>
        <translation>地区（地级）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region (province level)</source>
        <translation>地区（省级）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firms per level and stage, the shares at level 2 and 3 or above and the mean scores of each group</source>
        <translation>各组的等级和阶段企业数、二级及以上和三级及以上占比以及平均分</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Each framework&apos;s levels are its own: the table shows the firms of the framework chosen, never added to another&apos;s. The shares at level 2 and 3 or above count only the firms assessed with %1.</source>
        <translation>各评测体系的等级各自独立：表格只显示所选评测体系的企业，从不与其他评测体系相加。二级、三级及以上占比只统计按%1评测的企业。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Firms by industry</source>
        <translation>按行业统计企业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Firms by size class</source>
        <translation>按规模统计企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms by region (county level)</source>
        <translation>按地区（县级）统计企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms by region (prefecture level)</source>
        <translation>按地区（地级）统计企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms by region (province level)</source>
        <translation>按地区（省级）统计企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms by framework, each on its own scale</source>
        <translation>按评测体系统计企业（各按本体系的等级）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Levels by group</source>
        <translation>分组等级分布</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Regions to resolve (%1): each names no administrative division, or several; correct the firm&apos;s file and aggregate again.</source>
        <translation>待确认的地区（%1 个）：无法识别为行政区划，或可能指多处；请更正企业文件后重新汇总。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every region names exactly one administrative division (GB/T 2260).</source>
        <translation>所有地区都已识别为唯一的行政区划（GB/T 2260）。</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../smedigital/ui/guide.py" line="+66"/>
        <location line="+1"/>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guide, at the section about the current screen</source>
        <translation>用户指南，停在讲当前页面的一节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;PDF…</source>
        <translation>另存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the whole guide as a PDF document to print</source>
        <translation>把整本指南存成 PDF 文档，以便打印</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The user guide could not be read: %1</source>
        <translation>无法读取用户指南：%1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save the user guide</source>
        <translation>保存用户指南</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing the user guide…</source>
        <translation>正在生成用户指南…</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../smedigital/ui/dialogs.py" line="-116"/>
        <source>Help text</source>
        <translation>帮助内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to use the program</source>
        <translation>如何使用本程序</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where does the firm stand, and what next?</source>
        <translation>企业处在哪一步，下一步做什么？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smedigital assesses a small or medium firm against the MIIT 2024 SME digital level indicators and places it on the path 上云 (cloud) → 用数 (data) → 赋智 (intelligence). It works offline; all data stays on this computer.</source>
        <translation>smedigital 按工业和信息化部《中小企业数字化水平评测指标（2024年版）》评测中小企业，并确定其在“上云 → 用数 → 赋智”路径上所处的阶段。程序离线运行，所有数据都保存在本机。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new assessment (Ctrl+N), or import a .smd.json file, a filled questionnaire or a plan workbook (Ctrl+O, or drop the files on the window).</source>
        <translation>新建评测（Ctrl+N），或导入 .smd.json 文件、已填写的问卷或改进计划工作簿（Ctrl+O，或把文件拖到窗口上）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import .smd.json files, questionnaires and plan workbooks</source>
        <translation>导入 .smd.json 文件、问卷和计划工作簿</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Fill in the firm&apos;s profile, then answer the questions page by page. Every answer is saved at once; the program reopens where you left off.</source>
        <translation>填写企业基本信息，然后逐页回答问题。每个回答都会立即保存；再次打开程序时会回到上次的位置。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1: quick help</source>
        <translation>%1：快速帮助</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Review the results: total score, digital level, stage on the cloud-data-intelligence path, and what stands between the firm and the next level.</source>
        <translation>查看结果：总分、数字化水平等级、在“上云用数赋智”路径上的阶段，以及距下一级还差什么。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Build the improvement plan, and save a copy of the assessment (Ctrl+S) to send or archive.</source>
        <translation>制定改进计划，并另存一份评测文件（Ctrl+S）用于发送或存档。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A year later, select the firm and choose Re-assess: the new assessment starts from the last answers.</source>
        <translation>一年后，选中该企业并点击“复评”：新评测将从上次的回答开始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User guide, at the section about the current screen</source>
        <translation>用户指南（打开讲当前页面的一节）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New assessment</source>
        <translation>新建评测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a copy of the assessment</source>
        <translation>另存评测副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger / smaller text</source>
        <translation>放大 / 缩小文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo deleting a firm (on the firm list)</source>
        <translation>撤销删除企业（在企业列表中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your data</source>
        <translation>您的数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The firm library, attached evidence, backups and logs are in %1.</source>
        <translation>企业库、证明材料附件、备份和日志保存在 %1。</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../smedigital/ui/assessment/pages.py" line="+38"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Explanation, judging standard and evidence checklist of the current question</source>
        <translation>当前题目的说明、评判标准和佐证材料清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a question to see why it matters, how to judge it and what evidence to ask for.</source>
        <translation>选择一道题目，即可查看其意义、评判方法以及应索取的佐证材料。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (from level %1)</source>
        <translation>（%1级起）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why it matters</source>
        <translation>为什么重要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to judge</source>
        <translation>如何评判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence to ask for</source>
        <translation>应索取的佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An item marked with a level is asked for only when that level or a higher one is claimed. These levels are this program&apos;s reading of the level texts, not official guidance.</source>
        <translation>标有等级的项只在申报该级或更高等级时需要。这些等级是本软件对各级描述的理解，并非官方指引。</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../smedigital/ui/office/models.py" line="+133"/>
        <source>Assessed on</source>
        <translation>评测日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the firm library</source>
        <translation>是否在企业库中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../smedigital/ui/home.py" line="+57"/>
        <source>Cannot delete the firm</source>
        <translation>无法删除企业</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot bring the firm back</source>
        <translation>无法恢复企业</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Firms</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each firm with its latest assessment. Open one to continue it, or re-assess a firm to start next year&apos;s assessment from its last answers.</source>
        <translation>每家企业及其最近一次评测。打开即可继续评测；选择“复评”则以上次的回答为起点开始新一年的评测。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, credit code or region</source>
        <translation>名称、统一社会信用代码或地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search firms</source>
        <translation>搜索企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the firms whose name, unified social credit code or region contains this text</source>
        <translation>显示名称、统一社会信用代码或地区中包含此文字的企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Industry:</source>
        <translation>行业(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry filter</source>
        <translation>行业筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows only firms of one GB/T 4754 industry section</source>
        <translation>只显示某一 GB/T 4754 行业门类的企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;evel:</source>
        <translation>等级(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level filter</source>
        <translation>等级筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows only firms whose latest assessment reached this digital level</source>
        <translation>只显示最近一次评测达到此数字化水平等级的企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firm list</source>
        <translation>企业列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms with their latest digital level, stage, score and assessment date. Press Enter to open the selected firm.</source>
        <translation>企业及其最近一次评测的数字化水平等级、阶段、总分和日期。按回车键打开选中的企业。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brings the deleted firm back</source>
        <translation>恢复刚删除的企业</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hides this message</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete firm</source>
        <translation>删除企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the selected firm&apos;s latest assessment</source>
        <translation>打开选中企业最近一次的评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Re-assess</source>
        <translation>复评(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re-assess</source>
        <translation>复评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts a new assessment of the selected firm, dated today, from its last answers</source>
        <translation>以今天为评测日期、以上次的回答为起点，为选中企业开始一次新评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History…</source>
        <translation>历次评测(&amp;H)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History</source>
        <translation>历次评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lists every assessment of the selected firm, to open, compare or delete one</source>
        <translation>列出所选企业的每一次评测，可打开、对比或删除其中一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a &amp;sample firm</source>
        <translation>打开示例企业(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+194"/>
        <location line="+7"/>
        <source>Open a sample firm</source>
        <translation>打开示例企业</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>Adds a made-up firm with a diagnosis baseline and an after-transformation self-assessment, to try the program on</source>
        <translation>添加一家虚构企业，含诊断基线和改造后自评，用来试用本程序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes the selected firm and its assessments; you can undo this</source>
        <translation>删除选中企业及其全部评测；可以撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New assessment…</source>
        <translation>新建评测(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New assessment</source>
        <translation>新建评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts an assessment of a new firm</source>
        <translation>为一家新企业开始评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Im&amp;port…</source>
        <translation>导入(&amp;P)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds assessments from .smd.json files</source>
        <translation>从 .smd.json 文件添加评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the selected firm&apos;s latest assessment as a .smd.json file</source>
        <translation>把选中企业最近一次的评测保存为 .smd.json 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gional overview…</source>
        <translation>区域汇总(&amp;G)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Regional overview</source>
        <translation>区域汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For industry offices: aggregates a folder of firms&apos; workbooks and assessment files</source>
        <translation>供行业主管部门使用：汇总一个文件夹中各企业的工作簿和评测文件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All levels</source>
        <translation>全部等级</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n firm(s) match</source>
        <translation>
            <numerusform>%n 家企业符合条件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n firm(s)</source>
        <translation>
            <numerusform>共 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No firms yet. Start a new assessment, or import .smd.json files (you can also drop them on this window).</source>
        <translation>还没有企业。请新建评测，或导入 .smd.json 文件（也可以把文件拖到此窗口上）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No firm matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的企业。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot read the library</source>
        <translation>无法读取企业库</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cannot start the assessment</source>
        <translation>无法开始评测</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot start the re-assessment</source>
        <translation>无法开始复评</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The sample firm is missing from this installation.</source>
        <translation>本安装中缺少示例企业。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sample firm could not be added.</source>
        <translation>无法添加示例企业。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” was deleted with its assessments.</source>
        <translation>已删除“%1”及其全部评测。</translation>
    </message>
</context>
<context>
    <name>LevelInput</name>
    <message>
        <location filename="../../smedigital/ui/assessment/widgets.py" line="+325"/>
        <source>Not done: even level 1 is not met in daily work.</source>
        <translation>未开展：日常工作中连一级也未达到。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level %1</source>
        <translation>%1 级</translation>
    </message>
</context>
<context>
    <name>LibraryEvidence</name>
    <message>
        <location filename="../../smedigital/ui/assessment/view.py" line="-571"/>
        <source>Evidence not attached</source>
        <translation>佐证材料未能添加</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the evidence</source>
        <translation>无法打开佐证材料</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is named in the answer but its file is not in the firm library (it was attached on another computer, or before this version kept files).</source>
        <translation>答案中列有“%1”，但企业库中没有该文件（它是在另一台电脑上添加的，或是在本版本开始保存文件之前添加的）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot rename the evidence</source>
        <translation>无法重命名佐证材料</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot move the evidence</source>
        <translation>无法移动佐证材料</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../smedigital/ui/main_window.py" line="+203"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New assessment…</source>
        <translation>新建评测(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start an assessment of a new firm</source>
        <translation>为一家新企业开始评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save a copy…</source>
        <translation>另存副本(&amp;S)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the assessment as a .smd.json file</source>
        <translation>把评测保存为 .smd.json 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export plan &amp;workbook…</source>
        <translation>导出改进计划工作簿(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the improvement plan, answers and charts as an Excel workbook</source>
        <translation>将改进计划、答题明细和图表保存为 Excel 工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export diagnosis &amp;report (PDF)…</source>
        <translation>导出诊断报告(&amp;R) (PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the diagnosis report as a PDF document</source>
        <translation>将诊断报告保存为 PDF 文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;rint diagnosis report and plan…</source>
        <translation>打印诊断报告与改进计划(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the diagnosis report with its improvement plan on A4, after a preview</source>
        <translation>预览后在 A4 纸上打印诊断报告及其改进计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Blank questionnaire…</source>
        <translation>空白问卷(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save an empty questionnaire workbook for a firm to fill in</source>
        <translation>保存空白问卷工作簿，供企业填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export firm &amp;pack (.smdpack)…</source>
        <translation>导出企业档案包(&amp;P)（.smdpack）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the firm&apos;s assessments and evidence files in one file, for another computer</source>
        <translation>将企业的各次评测和佐证材料保存为一个文件，供另一台电脑使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import firm pac&amp;k…</source>
        <translation>导入企业档案包(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a firm&apos;s assessments and evidence files from a .smdpack made on another computer</source>
        <translation>从另一台电脑制作的 .smdpack 文件中添加企业的各次评测和佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regional overview</source>
        <translation>区域汇总(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aggregate many firms&apos; workbooks and assessment files, for industry offices</source>
        <translation>汇总多家企业的工作簿和评测文件，供行业主管部门使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Firm list</source>
        <translation>企业列表(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Back to the list of firms</source>
        <translation>返回企业列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the program; everything is already saved</source>
        <translation>关闭程序；所有内容都已保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make all text larger</source>
        <translation>放大所有文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make all text smaller</source>
        <translation>缩小所有文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normal text size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return to the usual text size</source>
        <translation>恢复默认文字大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>White text on black, for low vision</source>
        <translation>黑底白字，便于弱视用户阅读</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version and sources</source>
        <translation>版本和依据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;About this program</source>
        <translation>关于本程序(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main area</source>
        <translation>主区域</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Regional overview</source>
        <translation>区域汇总</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Text size: %1 pt</source>
        <translation>文字大小：%1 磅</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+12"/>
        <source>Cannot open the assessment</source>
        <translation>无法打开评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This assessment could not be shown. The details are in the log file.</source>
        <translation>无法显示此评测。详细信息已写入日志文件。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Changes not saved</source>
        <translation>更改未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the assessment</source>
        <translation>该评测</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The last changes to “%1” could not be saved in the firm library, nor in a file of their own (the disk may be full). Close anyway and lose them? Choose No to stay, free some space and save again with Ctrl+S.</source>
        <translation>对“%1”的最近更改既未能保存到企业库，也未能另存为文件（磁盘可能已满）。仍要关闭并丢弃这些更改吗？选择“否”留在此处，腾出空间后按 Ctrl+S 再次保存。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Changes kept in files</source>
        <translation>更改已另存为文件</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n assessment(s) that could not be saved in the firm library earlier are kept in %1. Import them (File &gt; Import), then delete them there.</source>
        <translation>
            <numerusform>此前未能保存到企业库的 %n 项评测已另存在 %1 中。请导入它们（文件 &gt; 导入），然后在该处删除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+17"/>
        <source>Cannot start the re-assessment</source>
        <translation>无法开始新的评测</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Cannot start the assessment</source>
        <translation>无法开始评测</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+16"/>
        <source>smedigital assessments (*.smd.json)</source>
        <translation>smedigital 评测文件 (*.smd.json)</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <location line="+125"/>
        <location line="+33"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>Import assessments</source>
        <translation>导入评测</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Assessments, questionnaires and plan workbooks (*.smd.json *.json *.xlsx)</source>
        <translation>评测文件、问卷与计划工作簿 (*.smd.json *.json *.xlsx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filled questionnaires and plan workbooks (*.xlsx)</source>
        <translation>已填写的问卷与计划工作簿 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <location line="+150"/>
        <source>%n assessment(s) imported</source>
        <translation>
            <numerusform>已导入 %n 份评测</numerusform>
        </translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Import cancelled: %1 of %2 files were read; the rest were left alone</source>
        <translation>已取消导入：已读取 %2 个文件中的 %1 个，其余未处理</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Export firm pack</source>
        <translation>导出企业档案包</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+33"/>
        <source>smedigital firm packs (*.smdpack)</source>
        <translation>smedigital 企业档案包 (*.smdpack)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Print the diagnosis report and plan</source>
        <translation>打印诊断报告与改进计划</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import firm pack</source>
        <translation>导入企业档案包</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>smedigital was started again; this window is the one in use</source>
        <translation>smedigital 被再次启动；正在使用的是本窗口</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-415"/>
        <source>Add assessments from .smd.json files, filled questionnaires and plan workbooks</source>
        <translation>从 .smd.json 文件、已填写的问卷和计划工作簿添加评测</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The user guide, at the section about this screen</source>
        <translation>打开用户指南中讲当前页面的一节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quick help</source>
        <translation>快速帮助(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The steps, the keys and where your data is</source>
        <translation>操作步骤、快捷键和数据保存位置</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>The last changes to “%1” could not be saved in the firm library. They are kept in %2; import that file (File &gt; Import) once the disk has room again.</source>
        <translation>对“%1”的最近更改未能保存到企业库中，已另存为 %2；磁盘空间恢复后，请导入该文件（文件 &gt; 导入）。</translation>
    </message>
    <message numerus="yes">
        <location line="+255"/>
        <source>%n file(s) could not be imported. Nothing was changed for them.</source>
        <translation>
            <numerusform>%n 个文件无法导入，未因这些文件做任何更改。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+13"/>
        <location line="+12"/>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+66"/>
        <source>Select a firm in the list first.</source>
        <translation>请先在列表中选中一家企业。</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Save a copy of the assessment</source>
        <translation>另存评测副本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The copy could not be saved. Nothing was written.</source>
        <translation>副本无法保存，未写入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved a copy as %1</source>
        <translation>已另存为 %1</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>A firm pack is still being written or read. Wait for it to finish, or cancel it.</source>
        <translation>企业包仍在写入或读取。请等待完成，或取消。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Open an assessment, or select a firm in the firm list, first.</source>
        <translation>请先打开一项评测，或在企业列表中选择一家企业。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export plan workbook</source>
        <translation>导出改进计划工作簿</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export diagnosis report</source>
        <translation>导出诊断报告</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <location filename="../../smedigital/ui/dialogs.py" line="-106"/>
        <source>New assessment</source>
        <translation>新建评测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which firm is being assessed? You can add its credit code, industry and size on the first page of the assessment.</source>
        <translation>要评测哪家企业？统一社会信用代码、行业和规模可以在评测的第一页填写。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firm &amp;name:</source>
        <translation>企业名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As on the business licence</source>
        <translation>与营业执照一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firm name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registered name of the firm being assessed</source>
        <translation>被评测企业的登记名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Framework:</source>
        <translation>评测体系(&amp;F)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Purpose:</source>
        <translation>用途(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the assessment is for in the pilot: the diagnosis baseline, the self-assessment after the transformation, or a re-assessment</source>
        <translation>这次评测在试点中的用途：诊断基线、改造后自评或复评</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The set of indicators the firm is assessed against</source>
        <translation>评测企业所依据的指标体系</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please enter the firm&apos;s name.</source>
        <translation>请填写企业名称。</translation>
    </message>
</context>
<context>
    <name>OfficeView</name>
    <message>
        <location filename="../../smedigital/ui/office/view.py" line="+276"/>
        <location line="+34"/>
        <location line="+184"/>
        <location line="+58"/>
        <source>Regional overview</source>
        <translation>区域汇总</translation>
    </message>
    <message>
        <location line="-275"/>
        <source>For local industry offices: choose a folder (or files) of firms&apos; plan workbooks, filled questionnaires and .smd.json files, then aggregate them. Every file is checked; the file log says why one was not used.</source>
        <translation>供地方行业主管部门使用：选择存放企业改进计划工作簿、已填写问卷和 .smd.json 文件的文件夹（或文件），然后进行汇总。每个文件都会经过检查；未被采用的文件可在文件日志中查看原因。</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Trusted keys</source>
        <translation>信任的密钥</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Save be&amp;nchmark file…</source>
        <translation>保存对标文件(&amp;N)…</translation>
    </message>
    <message>
        <location line="+387"/>
        <source>%1 frameworks in these files: showing %2. Each framework&apos;s levels are its own; choose another to see its firms.</source>
        <translation>这些文件共涉及 %1 个评测体系：当前显示 %2。各评测体系的等级各自独立；选择其他体系可查看其企业。</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>benchmark</source>
        <translation>对标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benchmark files (*.json)</source>
        <translation>对标文件 (*.json)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the benchmark file…</source>
        <translation>正在生成对标文件…</translation>
    </message>
    <message>
        <location line="-528"/>
        <source>Save &amp;summary workbook…</source>
        <translation>保存汇总工作簿(&amp;S)…</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The benchmark file holds counts only, per framework: firms per level, per total score and per band of each dimension, for all firms and by industry division (GB/T 4754), size class and county (GB/T 2260). Groups of fewer than %1 firms are left out (this program&apos;s rule, so that a small group does not reveal a firm); no firm&apos;s name, credit code or file is in it. Firms compare themselves with it (smedigital-cli score --benchmark).</source>
        <translation>对标文件只含计数，按评测体系分列：全部企业以及按行业大类（GB/T 4754）、规模和县级区划（GB/T 2260）分组的各等级企业数、各总分企业数和各维度每 10 分段企业数。少于 %1 家企业的分组已隐去（本程序的规则，以免小组暴露个别企业）；不含任何企业的名称、信用代码或文件。企业可用它对标（smedigital-cli score --benchmark）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+480"/>
        <source>Save summary workbook</source>
        <translation>保存汇总工作簿</translation>
    </message>
    <message>
        <location line="-479"/>
        <source>Saves the overview, the tables by industry, size and region, the charts, the firm list and the file log as an Excel workbook</source>
        <translation>将总览、按行业/规模/地区的统计表、图表、企业名单和文件日志保存为 Excel 工作簿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save long &amp;CSV…</source>
        <translation>保存长格式 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+495"/>
        <source>Save long CSV</source>
        <translation>保存长格式 CSV</translation>
    </message>
    <message>
        <location line="-494"/>
        <source>Saves one row per firm and indicator, for pivot tables and statistics programs</source>
        <translation>每家企业每项指标一行，便于数据透视表和统计软件使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+511"/>
        <source>Save benchmark file</source>
        <translation>保存对标文件</translation>
    </message>
    <message>
        <location line="-509"/>
        <source>&amp;Back to the firm list</source>
        <translation>返回企业列表(&amp;B)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Back to the firm list</source>
        <translation>返回企业列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returns to the list of firms; the overview stays as it is</source>
        <translation>返回企业列表；汇总结果保留不变</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a folder of firms&apos; workbooks and assessment files, then press Aggregate.</source>
        <translation>请选择存放企业工作簿和评测文件的文件夹，然后点击“汇总”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Framework shown</source>
        <translation>显示的评测体系</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose a folder of firms&apos; files</source>
        <translation>选择存放企业文件的文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add firms&apos; files</source>
        <translation>添加企业文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workbooks and assessment files (*.xlsx *.xlsm *.json)</source>
        <translation>工作簿和评测文件 (*.xlsx *.xlsm *.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+37"/>
        <location line="+40"/>
        <location line="+353"/>
        <location line="+18"/>
        <location line="+18"/>
        <location line="+30"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="-460"/>
        <source>Choose the trusted-keys file</source>
        <translation>选择信任密钥文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted-keys files (*.yaml *.yml)</source>
        <translation>信任密钥文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This trusted-keys file cannot be used:</source>
        <translation>此信任密钥文件无法使用：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose the stages file</source>
        <translation>选择阶段文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stages files (*.csv *.yaml *.yml)</source>
        <translation>阶段文件 (*.csv *.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the targets file</source>
        <translation>选择目标文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Targets files (*.yaml *.yml)</source>
        <translation>目标文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Programme files</source>
        <translation>项目文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file cannot be used: %1</source>
        <translation>此文件无法使用：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a folder or files first.</source>
        <translation>请先选择文件夹或文件。</translation>
    </message>
    <message>
        <location line="+327"/>
        <source>Save 推荐汇总表</source>
        <translation>保存推荐汇总表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This rule pack cannot be used: %1</source>
        <translation>此规则包无法使用：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>推荐汇总表</source>
        <translation>推荐汇总表</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Writing the 推荐汇总表…</source>
        <translation>正在写入推荐汇总表…</translation>
    </message>
    <message>
        <location line="-541"/>
        <source>Frame&amp;work shown:</source>
        <translation>显示的评测体系(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Levels of different frameworks are never added together: the charts and tables show one framework&apos;s firms</source>
        <translation>不同评测体系的等级从不相加：图表和表格只显示一个评测体系的企业</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>The files could not be aggregated. Check that the folders and files still exist and can be read, then try again.</source>
        <translation>无法汇总这些文件。请确认文件夹和文件仍然存在且可以读取，然后重试。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>⚠ The run was cancelled before every file was read (files not read: %1). The figures cover only the files read.</source>
        <translation>⚠ 汇总在读完全部文件前已取消（未读取的文件：%1 个）。以上数字只包括已读取的文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Files rejected: %1. The file log says why.</source>
        <translation>⚠ 被拒绝的文件：%1 个。原因见文件日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No usable assessment was found.</source>
        <translation>没有找到可用的评测。</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>regional summary</source>
        <translation>区域汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Writing the summary workbook…</source>
        <translation>正在生成汇总工作簿…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>indicators</source>
        <translation>指标明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the long CSV…</source>
        <translation>正在生成长格式 CSV…</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../smedigital/ui/office/overview_tab.py" line="+66"/>
        <source>O&amp;verview</source>
        <translation>总览(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the files not used…</source>
        <translation>查看未采用的文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the files not used</source>
        <translation>查看未采用的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the rejected files in the file log, with the reason for each</source>
        <translation>在文件日志中显示被拒绝的文件及各自原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files read:</source>
        <translation>读取文件数：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted:</source>
        <translation>已采用：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rejected:</source>
        <translation>已拒绝：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates:</source>
        <translation>重复：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not read (cancelled, or this program&apos;s own outputs):</source>
        <translation>未读取（已取消，或为本程序的输出）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check:</source>
        <translation>核对：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Firms:</source>
        <translation>企业数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms assessed more than once:</source>
        <translation>有多次评测的企业：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+45"/>
        <source>Share at level 2 or above:</source>
        <translation>二级及以上占比：</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+47"/>
        <source>Share at level 3 or above:</source>
        <translation>三级及以上占比：</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Mean total score:</source>
        <translation>平均总分：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Frameworks:</source>
        <translation>评测体系：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 files = %2 accepted + %3 rejected + %4 duplicates</source>
        <translation>%1 个文件 = %2 已采用 + %3 已拒绝 + %4 重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ %1 not read</source>
        <translation>+ %1 未读取</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Share at level 2 or above (of the firms assessed with %1):</source>
        <translation>二级及以上占比（按%1评测的企业）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share at level 3 or above (of the firms assessed with %1):</source>
        <translation>三级及以上占比（按%1评测的企业）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Levels 2 and 3 are the national SME digital levels: only the firms whose newest assessment used %1 count.</source>
        <translation>二级、三级指国家中小企业数字化水平等级：只统计最新一次评测使用%1的企业。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No firm was assessed with a framework of the national SME digital levels (%1), so there is no share at level 2 or 3 or above.</source>
        <translation>没有企业按国家中小企业数字化水平等级的评测体系（%1）评测，无法计算二级、三级及以上占比。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2 of %3 firms)</source>
        <translation>%1（%3 家企业中的 %2 家）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no firm was assessed with the national indicators: %1)</source>
        <translation>（没有企业按国家等级评测体系%1评测）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Distribution of total scores</source>
        <translation>总分分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms per band of total score: %1</source>
        <translation>各总分段的企业数：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean pillar scores</source>
        <translation>各分项平均分</translation>
    </message>
</context>
<context>
    <name>PackJob</name>
    <message>
        <location filename="../../smedigital/ui/packs.py" line="+96"/>
        <location filename="../../smedigital/ui/screenshots.py" line="+449"/>
        <source>Writing %1 with its evidence files…</source>
        <translation>正在写入 %1 及其佐证文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../smedigital/ui/screenshots.py" line="-1"/>
        <source>Export firm pack</source>
        <translation>导出企业包</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../smedigital/ui/screenshots.py" line="+3"/>
        <source>The pack could not be saved. Nothing was written.</source>
        <translation>企业包无法保存，未写入任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking and adding %1…</source>
        <translation>正在核对并添加 %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import firm pack</source>
        <translation>导入企业包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pack could not be imported. Nothing was added.</source>
        <translation>企业包无法导入，未添加任何内容。</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <location filename="../../smedigital/ui/assessment/plan_page.py" line="-152"/>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action and step</source>
        <translation>行动与改进步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cost (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subsidy</source>
        <translation>补助资格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What if</source>
        <translation>必选或排除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: level %2 → %3</source>
        <translation>%1：%2 级 → %3 级</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(no action in the library)</source>
        <translation>（行动库中无对应行动）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(kept by you)</source>
        <translation>（由您保留）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(unblocks a gate)</source>
        <translation>（突破门槛）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No rule pack chosen</source>
        <translation>未选择规则包</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(no date)</source>
        <translation>（无日期）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a rule pack to see whether this step is eligible spend</source>
        <translation>选择规则包后可看到此步骤是否属于可补助支出</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>As planned</source>
        <translation>按计划</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pinned: we will do it</source>
        <translation>必选：一定要做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excluded: we will not</source>
        <translation>排除：不会做</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location line="+73"/>
        <source>Improvement plan</source>
        <translation>改进计划</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target of the plan</source>
        <translation>计划目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next level, a chosen level, or the next stage</source>
        <translation>下一等级、指定等级或下一阶段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Optimise for:</source>
        <translation>优化目标(&amp;O)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lowest cost (middle of the cost bands)</source>
        <translation>成本最低（按费用区间中值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest cost (low end of the cost bands)</source>
        <translation>成本最低（按费用区间下限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest cost (high end of the cost bands)</source>
        <translation>成本最低（按费用区间上限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Least effort</source>
        <translation>工作量最少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewest months</source>
        <translation>工期最短</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the plan minimises</source>
        <translation>计划要最小化的指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan is the proven best for this choice</source>
        <translation>计划是该选择下经证明的最优方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Budget:</source>
        <translation>预算(&amp;B)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No budget</source>
        <translation>不限预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ×10,000 yuan</source>
        <translation> 万元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Budget in 10,000 yuan</source>
        <translation>预算（万元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With a budget the plan reaches the best level, then score, the budget allows</source>
        <translation>设定预算后，计划在预算内达到尽可能高的等级，其次是尽可能高的总分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Rule pack:</source>
        <translation>规则包(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>City rule pack</source>
        <translation>城市规则包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A city&apos;s subsidy rules: each step&apos;s eligibility, the eligible cost and the estimated subsidy with its conditions</source>
        <translation>城市的补助规则：各步骤是否可补助、可补助支出、估算补助及其条件</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Actions</source>
        <translation>行动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per action; F2 or typing edits owner, due date, status and notes; Delete clears a due date</source>
        <translation>每行一项行动；按 F2 或直接输入可编辑负责人、截止日期、状态和备注；按 Delete 清除截止日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pin a step the plan does not take</source>
        <translation>将计划未包含的步骤设为必选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps you will take anyway, such as a contract already signed; the plan is optimised around them</source>
        <translation>无论如何都会做的步骤（例如已签合同）；计划围绕它们重新优化</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Clear pins and exclusions</source>
        <translation>清除必选和排除(&amp;C)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The next level</source>
        <translation>下一等级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level: %1</source>
        <translation>等级：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next stage</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No rule pack (no subsidy estimate)</source>
        <translation>不选规则包（不估算补助）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>[example]</source>
        <translation>[示例]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[re-post]</source>
        <translation>[转载]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pack file: %1</source>
        <translation>规则包文件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a pack file…</source>
        <translation>打开规则包文件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a rule pack</source>
        <translation>打开规则包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule packs (*.yaml *.yml)</source>
        <translation>规则包 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The plan could not be made: %1</source>
        <translation>无法生成改进计划：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: level %2</source>
        <translation>%1：%2 级</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pin a step the plan does not take…</source>
        <translation>将计划未包含的步骤设为必选…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The rule pack cannot be read: %1</source>
        <translation>规则包无法读取：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no estimate (the pack gives no rate)</source>
        <translation>无法估算（规则包未给出比例）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subsidy (%1): eligible cost %2 · estimated subsidy %3</source>
        <translation>补助估算（%1）：可补助支出 %2 · 估算补助 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>met</source>
        <translation>已满足</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open</source>
        <translation>待定</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 actions (%2 done, %3 dropped) · cost %4–%5 yuan · %6 months, from %7</source>
        <translation>共 %1 项行动（已完成 %2 项，已放弃 %3 项）· 费用 %4–%5 元 · 历时 %6 个月，自 %7 起</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>After the plan: %1, stage %2, score %3 (now %4, stage %5, score %6)</source>
        <translation>计划完成后：%1，阶段 %2，总分 %3（目前 %4，阶段 %5，总分 %6）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Within %1 yuan the best reachable is %2.</source>
        <translation>在 %1 元预算内，最高可达 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proven the best plan for this choice.</source>
        <translation>已证明为该选择下的最优计划。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pinned: %1.</source>
        <translation>必选：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Excluded: %1.</source>
        <translation>排除：%1。</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../smedigital/ui/printing.py" line="+62"/>
        <source>The document cannot be read for printing: %1</source>
        <translation>无法读取文档以打印：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The printer cannot be started: check that it is switched on and connected.</source>
        <translation>无法启动打印机：请检查打印机是否已开机并连接。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>“%1” could not be printed.</source>
        <translation>“%1”无法打印。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../smedigital/ui/assessment/profile_page.py" line="-413"/>
        <source>The firm</source>
        <translation>企业信息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Firm name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The name on the business licence</source>
        <translation>营业执照上的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firm &amp;name:</source>
        <translation>企业名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18 characters, checked as you type</source>
        <translation>18 位，输入时即校验</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unified social &amp;credit code:</source>
        <translation>统一社会信用代码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Industry section (GB/T 4754-2017)</source>
        <translation>行业门类（GB/T 4754-2017）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The firm&apos;s main industry: a section letter A to T</source>
        <translation>企业的主营行业：门类字母 A 至 T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Industry division (GB/T 4754-2017)</source>
        <translation>行业大类（GB/T 4754-2017）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The two-digit division within the section; needed for some size classes</source>
        <translation>门类下的两位数大类；部分行业划型时需要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Industry class (GB/T 4754-2017)</source>
        <translation>行业小类（GB/T 4754-2017）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The four-digit class; needed only where the size standard asks for it</source>
        <translation>四位数小类；仅在划型标准要求时需要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Industry:</source>
        <translation>所属行业(&amp;I)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Employees:</source>
        <translation>从业人员(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Annual &amp;revenue:</source>
        <translation>年营业收入(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total &amp;assets:</source>
        <translation>资产总额(&amp;A)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. 浙江省宁波市</source>
        <translation>例如：浙江省宁波市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>所在地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Province and city where the firm operates</source>
        <translation>企业经营所在的省和市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gion:</source>
        <translation>所在地区(&amp;G)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SME size class:</source>
        <translation>企业规模：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(for industry sections %1 only)</source>
        <translation>（仅适用于门类 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Framework: %1</source>
        <translation>评测体系：%1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>— whole section —</source>
        <translation>— 整个门类 —</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>— whole division —</source>
        <translation>— 整个大类 —</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Not a number of at least 0 (not saved until corrected)</source>
        <translation>不是大于等于 0 的数字（改正前不保存）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A whole number of persons (not saved until corrected)</source>
        <translation>人数应为整数（改正前不保存）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(not saved until corrected)</source>
        <translation>（改正前不保存）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The chosen framework is meant for other industries; consider another.</source>
        <translation>所选评测体系适用于其他行业，请考虑改选。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot be determined</source>
        <translation>无法判定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the industry division</source>
        <translation>行业大类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the industry class</source>
        <translation>行业小类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot be determined yet: give %1</source>
        <translation>暂无法判定：请填写%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the framework?</source>
        <translation>更换评测体系？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 answers given so far belong to the current framework. They are set aside and come back if you switch back before closing this assessment; otherwise they are lost.</source>
        <translation>目前已作答的 %1 道题属于当前评测体系。更换后这些答案将被暂存，在关闭本次评测前换回即可恢复；否则将会丢失。</translation>
    </message>
</context>
<context>
    <name>ProgrammeTab</name>
    <message>
        <location filename="../../smedigital/ui/office/programme_tab.py" line="+281"/>
        <source>&amp;Programme</source>
        <translation>项目进展(&amp;P)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Firms per stage (each firm under the framework of its newest assessment; frameworks are never added together)</source>
        <translation>各阶段企业数（每家企业按其最新一次评测所用的评测体系计入；不同评测体系从不合并）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firms per stage</source>
        <translation>各阶段企业数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For each framework, how many firms are at each stage of the programme</source>
        <translation>每个评测体系中，处于项目各阶段的企业数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show sta&amp;ge:</source>
        <translation>显示阶段(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show stage</source>
        <translation>显示阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows every firm, the firms at one stage, or those the office set behind what their files show</source>
        <translation>显示全部企业、某一阶段的企业，或单位设置的阶段落后于文件显示阶段的企业</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set by the office behind their files (to check)</source>
        <translation>单位设置落后于文件（请核对）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Firms and their stage</source>
        <translation>企业及其阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each firm&apos;s stage in the programme, what it rests on, its 服务商, its levels and the date of each stage</source>
        <translation>每家企业在项目中的阶段、阶段依据、服务商、等级及各阶段日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each target&apos;s progress, per framework and by group, whether it is met, and where the target comes from</source>
        <translation>每个目标按评测体系和分组的进展、是否达成，以及目标的来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule pack for the e&amp;xport:</source>
        <translation>导出用规则包(&amp;X)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule pack for the export</source>
        <translation>导出用规则包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The city rule pack whose rules estimate each firm&apos;s eligible cost and subsidy in the 推荐汇总表 (an estimate only: the authority decides)</source>
        <translation>用于估算推荐汇总表中各企业可补贴费用和补贴的城市规则包（仅为估算，以主管部门核定为准）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save 推荐汇总表 (recommendation summar&amp;y)…</source>
        <translation>保存推荐汇总表(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save 推荐汇总表</source>
        <translation>保存推荐汇总表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saves the 推荐汇总表 workbook: one row per firm with its levels, stage, 服务商 and dates, the firms per stage, the targets&apos; progress and the 服务商 scorecard</source>
        <translation>保存推荐汇总表工作簿：每家企业一行（等级、阶段、服务商和日期），以及各阶段企业数、目标进展和服务商评分</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No rule pack (no subsidy estimate)</source>
        <translation>不用规则包（不估算补贴）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>[example]</source>
        <translation>[示例]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[re-post]</source>
        <translation>[转载]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pack file: %1</source>
        <translation>规则包文件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a pack file…</source>
        <translation>打开规则包文件…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a rule pack</source>
        <translation>打开规则包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule packs (*.yaml *.yml)</source>
        <translation>规则包 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Stages file: %1. A firm&apos;s stage is the furthest its files show or the office set; filing and payout only the office can set.</source>
        <translation>阶段文件：%1。企业的阶段取文件显示的与单位设置的阶段中靠后的一个；备案、兑现只能由单位设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stages file: the stages come from the firms&apos; files alone (diagnosis, retrofit, acceptance); filing and payout only the office can set, in its stages file.</source>
        <translation>无阶段文件：阶段只取自企业文件（诊断、改造、验收）；备案、兑现只能由单位在阶段文件中设置。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>⚠ The office set %1 firms at a stage behind what their files show (override): %2. Choose “Set by the office behind their files” above to check them.</source>
        <translation>⚠ 单位将 %1 家企业设置在落后于其文件显示的阶段（以此为准）：%2。请在上方选择“单位设置落后于文件”逐一核对。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Firms of the stages file not found in this run: %1 (%2)</source>
        <translation>阶段文件中未在本次汇总里找到的企业：%1 家（%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No targets file: choose the office&apos;s targets file (smedigital-targets YAML) beside the trusted keys; it counts at once.</source>
        <translation>无目标文件：请在信任密钥旁选择单位的目标文件（smedigital-targets YAML），选择后立即计入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not met</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 of %2 firms shown</source>
        <translation>显示 %1 家，共 %2 家</translation>
    </message>
</context>
<context>
    <name>ProvidersTab</name>
    <message>
        <location filename="../../smedigital/ui/office/providers_tab.py" line="+89"/>
        <source>服务商 provi&amp;ders</source>
        <translation>服务商(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务商 scorecard: firms served, level uplift from the baseline to after the retrofit, cost per level gained and the on-site ratings&apos; differences, per framework</source>
        <translation>服务商评分：服务企业数、从诊断基线到改造后的等级提升、每提升一级的费用，以及现场评定与自评的差异，按评测体系分列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务商 scorecard</source>
        <translation>服务商评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per 服务商 and framework</source>
        <translation>每个服务商和评测体系一行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cost per level gained</source>
        <translation>每提升一级的费用</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../smedigital/ui/i18n.py" line="+45"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <location filename="../../smedigital/ui/assessment/widgets.py" line="+239"/>
        <location line="+113"/>
        <source>Attach evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not applicable to this firm</source>
        <translation>不适用于本企业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The question does not count towards the score</source>
        <translation>该题不计入得分</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+12"/>
        <source>Clear answer</source>
        <translation>清除答案</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Move evidence</source>
        <translation>移动佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question the file shows:</source>
        <translation>该文件所证明的问题：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename evidence</source>
        <translation>重命名佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name of the file:</source>
        <translation>文件的新名称：</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removes the answer; the note and evidence stay</source>
        <translation>清除答案；备注和佐证材料保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attach evidence…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose files that show the answer is true</source>
        <translation>选择能证明答案属实的文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evidence items…</source>
        <translation>佐证项…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence items</source>
        <translation>佐证项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark each evidence item present, missing or not applicable and link its files</source>
        <translation>将每个佐证项标为已提供、缺或不适用，并关联其文件</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Move to another question…</source>
        <translation>移到另一个问题…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Note (what was seen, who said it)</source>
        <translation>备注（现场所见、由谁说明）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A note for the report</source>
        <translation>写入报告的备注</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 pts</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mandatory scene</source>
        <translation>约束性场景</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>up to %1</source>
        <translation>最高 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not scored; counts for the level</source>
        <translation>不计分；用于判定等级</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+136"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Attached evidence: Enter opens the selected file, F2 renames it, Delete removes it; the context menu has the same</source>
        <translation>已添加的佐证材料：回车键打开所选文件，F2 重命名，Delete 删除；右键菜单中也有这些操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>guiding scene</source>
        <translation>引导性场景</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>○ Not answered</source>
        <translation>○ 未作答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Answered: %1 of %2</source>
        <translation>✓ 已作答：%1 / %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ Answered: level %1</source>
        <translation>✓ 已作答：%1 级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Answered</source>
        <translation>✓ 已作答</translation>
    </message>
</context>
<context>
    <name>RatioInput</name>
    <message>
        <location line="-331"/>
        <source>Or, when the figures are not known, choose the band directly:</source>
        <translation>如不清楚具体数字，也可直接选择区间：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ratio %1 → band: %2 (%3)</source>
        <translation>比例 %1 → 区间：%2（%3）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is 0, so there is no ratio.</source>
        <translation>%1为 0，无法计算比例。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be more than %2.</source>
        <translation>%1不能大于%2。</translation>
    </message>
</context>
<context>
    <name>ReassessDialog</name>
    <message>
        <location filename="../../smedigital/ui/firm_history.py" line="-175"/>
        <source>Re-assess</source>
        <translation>复评</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a new assessment of “%1”, dated today, from the answers of %2? The earlier assessment stays as it is; go through the answers and change those that are no longer true.</source>
        <translation>以 %2 的答案为起点，为“%1”开始一次新的评测（日期为今天）？之前的评测保持不变；请逐项检查答案，修改已不再符合实际的部分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happens</source>
        <translation>将会发生什么</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is this assessment for?</source>
        <translation>这次评测的用途是？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose of the new assessment</source>
        <translation>新评测的用途</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start from the answers found on site (the on-site rating), not the firm&apos;s own</source>
        <translation>以现场核实的答案（现场评定）为起点，而不是企业自评的答案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start from the answers found on site</source>
        <translation>以现场核实的答案为起点</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Start the re-assessment</source>
        <translation>开始新的评测</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RegionIssueModel</name>
    <message>
        <location filename="../../smedigital/ui/office/models.py" line="-97"/>
        <source>may mean several places</source>
        <translation>可能指多处</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not recognised</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Region as given</source>
        <translation>填写的地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firms</source>
        <translation>企业数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible divisions</source>
        <translation>可能的区划</translation>
    </message>
</context>
<context>
    <name>RegionLabels</name>
    <message>
        <location filename="../../smedigital/ui/office/labels.py" line="+51"/>
        <source>No level yet</source>
        <translation>未达一级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level %1</source>
        <translation>%1级</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stage %1</source>
        <translation>阶段 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+11"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>(to resolve: see the list below)</source>
        <translation>（待确认：见下方列表）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cloud</source>
        <translation>上云</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>用数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intelligence</source>
        <translation>赋智</translation>
    </message>
</context>
<context>
    <name>RegionScale</name>
    <message>
        <location line="-56"/>
        <source>No level yet</source>
        <translation>未达第1级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level %1</source>
        <translation>第%1级</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <location filename="../../smedigital/ui/assessment/dashboard.py" line="+90"/>
        <source>Results</source>
        <translation>评测结果</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>To reach the next level</source>
        <translation>距下一等级</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Stage ladder</source>
        <translation>阶段阶梯</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Dimension scores, with the previous assessment</source>
        <translation>各维度得分（含上次评测）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pillar scores against the stage thresholds</source>
        <translation>分项得分与阶段门槛</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scene levels</source>
        <translation>场景等级</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Score history</source>
        <translation>历次得分</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Total %1 / 100 · Level: %2 · Stage: %3</source>
        <translation>总分 %1 / 100 · 等级：%2 · 阶段：%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>⚠ %1 questions are unanswered; they count as 0 until answered.</source>
        <translation>⚠ 尚有 %1 道题未作答，作答前按 0 分计。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every question is answered.</source>
        <translation>所有题目均已作答。</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>To reach %1</source>
        <translation>距%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stage: already at the last stage.</source>
        <translation>阶段：已处于最高阶段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 pillar %2 of %3 needed</source>
        <translation>%1分项 %2 分，需达 %3 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To reach the stage %1: %2.</source>
        <translation>进入“%1”阶段：%2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dimensions: %1. Pillars (0-100): %2.</source>
        <translation>维度：%1。分项（0–100）：%2。</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../smedigital/ui/assessment/pages.py" line="+208"/>
        <source>Review</source>
        <translation>核对答案</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click an entry, or select it and press Enter, to go there.</source>
        <translation>点击条目，或选中后按 Enter，即可跳转。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Still missing</source>
        <translation>尚缺内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unanswered questions and missing details; Enter goes to the entry</source>
        <translation>未作答的题目和缺少的信息；按 Enter 跳转</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The firm&apos;s name is missing</source>
        <translation>缺少企业名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The firm&apos;s industry is missing (it decides the sector modules)</source>
        <translation>缺少所属行业（行业决定适用的行业模块）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The assessor is missing</source>
        <translation>缺少评测人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No respondent is listed</source>
        <translation>未填写受访人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The truthfulness pledge is not signed</source>
        <translation>真实性承诺尚未签署</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pledge has no signer</source>
        <translation>承诺缺少签署人</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 of %2 questions answered; %3 unanswered, %4 details missing.</source>
        <translation>已答 %1/%2 题；%3 题未作答，缺少 %4 项信息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything is answered and the details are complete.</source>
        <translation>所有题目均已作答，信息完整。</translation>
    </message>
</context>
<context>
    <name>RunBar</name>
    <message>
        <location filename="../../smedigital/ui/office/run_bar.py" line="+86"/>
        <source>&amp;Folders and files to aggregate:</source>
        <translation>要汇总的文件夹和文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders and files to aggregate</source>
        <translation>要汇总的文件夹和文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every file in these folders (and their subfolders) and every file listed is read</source>
        <translation>将读取这些文件夹（含子文件夹）中的每个文件以及列出的每个文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose f&amp;older…</source>
        <translation>选择文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds a folder of firms&apos; workbooks and assessment files</source>
        <translation>添加存放企业工作簿和评测文件的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add f&amp;iles…</source>
        <translation>添加文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds single workbooks or assessment files</source>
        <translation>添加单个工作簿或评测文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removes the selected folders and files from the list</source>
        <translation>从列表中移除所选文件夹和文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cl&amp;ear</source>
        <translation>清空(&amp;E)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Empties the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trusted keys…</source>
        <translation>信任的密钥(&amp;T)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trusted keys</source>
        <translation>信任的密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chooses the office&apos;s trusted-keys file: files signed by one of its keys show who signed them</source>
        <translation>选择本单位的信任密钥文件：由其中密钥签名的文件会显示签名人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stages file (&amp;K)…</source>
        <translation>阶段文件(&amp;K)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stages file</source>
        <translation>阶段文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chooses the office&apos;s stages file (CSV or smedigital-stages YAML): the stages only the office knows (filing, payout), a 服务商 or declared spend per firm, read at every run</source>
        <translation>选择单位的阶段文件（CSV 或 smedigital-stages YAML）：只有单位知道的阶段（备案、兑现）、各企业的服务商或申报投入；每次汇总时重新读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets file (&amp;J)…</source>
        <translation>目标文件(&amp;J)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Targets file</source>
        <translation>目标文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chooses the office&apos;s targets file (smedigital-targets YAML): shares at a level or above and counts by a date, each with its source, read at every run</source>
        <translation>选择单位的目标文件（smedigital-targets YAML）：等级及以上的占比、截止日期前的企业数，每个目标注明来源；每次汇总时重新读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stages or targets</source>
        <translation>不用阶段和目标文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops using the stages and targets files; the programme tab then shows the stages the firms&apos; files show</source>
        <translation>不再使用阶段文件和目标文件；项目进展页只显示企业文件反映的阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Aggregate</source>
        <translation>汇总(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aggregate</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads every file and builds the regional overview</source>
        <translation>读取所有文件并生成区域汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops reading files (Esc); what was read so far is shown</source>
        <translation>停止读取文件（Esc）；显示已读取部分的结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many of the files have been read</source>
        <translation>已读取的文件数</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 个文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No trusted-keys file: signed files show as signed by an unknown key</source>
        <translation>未选择信任密钥文件：已签名的文件将显示为由未知密钥签名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trusted keys: %1 (%2 keys)</source>
        <translation>信任的密钥：%1（%2 个密钥）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stages file: %1</source>
        <translation>阶段文件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No stages file: the stages come from the firms&apos; files</source>
        <translation>无阶段文件：阶段取自企业文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets file: %1</source>
        <translation>目标文件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No targets file</source>
        <translation>无目标文件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Looking for files…</source>
        <translation>正在查找文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading files: %1 of %2</source>
        <translation>正在读取文件：%1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled after %1 of %2 files.</source>
        <translation>已在读取 %1 / %2 个文件后取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read %1 files.</source>
        <translation>已读取 %1 个文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run failed.</source>
        <translation>汇总失败。</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <location filename="../../smedigital/ui/screenshots.py" line="-367"/>
        <source>%1 on a %3 screen</source>
        <translation>窗口 %1，屏幕为 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>needs at least %2 on a %3 screen</source>
        <translation>至少需要 %2，屏幕为 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, needs at least %2 on a %3 screen</source>
        <translation>窗口 %1，至少需要 %2，屏幕为 %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>does not fit the screen: %1</source>
        <translation>超出屏幕：%1</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <location filename="../../smedigital/ui/assessment/pages.py" line="-132"/>
        <source>%1: entered at question %2 (change it there)</source>
        <translation>%1：在第 %2 题填写（请在该题修改）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: also used for question(s) %2</source>
        <translation>%1：也用于第 %2 题</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 of %2 questions answered in this part</source>
        <translation>本部分已答 %1/%2 题</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../smedigital/ui/assessment/side.py" line="+29"/>
        <source>Live result</source>
        <translation>实时结果</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Questions answered</source>
        <translation>已答题目</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Answered:</source>
        <translation>已答：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total score:</source>
        <translation>总分：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pillars:</source>
        <translation>分项：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 / 100</source>
        <translation>%1 / 100</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answered</source>
        <translation>已答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total score</source>
        <translation>总分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pillars</source>
        <translation>分项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ Saved</source>
        <translation>✓ 已保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ Not saved: %1</source>
        <translation>⚠ 未保存：%1</translation>
    </message>
</context>
<context>
    <name>StatusDelegate</name>
    <message>
        <location filename="../../smedigital/ui/assessment/plan_page.py" line="-496"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Planned, in progress, done or dropped</source>
        <translation>计划中、进行中、已完成或已放弃</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../smedigital/ui/exports.py" line="-264"/>
        <source>Blank questionnaire</source>
        <translation>空白问卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A questionnaire workbook for a firm to fill in Excel; import it back with smedigital-cli import. It is written in the interface&apos;s language.</source>
        <translation>供企业在 Excel 中填写的问卷工作簿；填好后用 smedigital-cli import 导入。问卷使用当前界面语言。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Framework:</source>
        <translation>评测体系(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framework</source>
        <translation>评测体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The maturity framework whose questions the questionnaire asks</source>
        <translation>问卷所用题目的评测体系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Industry:</source>
        <translation>行业(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The firm&apos;s GB/T 4754 industry section: the questions of its sector modules are included; with all industries, every module&apos;s questions are</source>
        <translation>企业的 GB/T 4754 行业门类：包含该行业模块的题目；选择“所有行业”则包含全部模块的题目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All industries (every sector module)</source>
        <translation>所有行业（全部行业模块）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The core questions and those of: %1.</source>
        <translation>包含通用题目以及：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The core questions only (no sector module applies to this industry).</source>
        <translation>仅包含通用题目（该行业没有适用的行业模块）。</translation>
    </message>
</context>
<context>
    <name>TrendInput</name>
    <message>
        <location filename="../../smedigital/ui/assessment/widgets.py" line="+7"/>
        <source>Or, when the figures are not known, choose the direction directly:</source>
        <translation>如不清楚具体数字，也可直接选择变化方向：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the better direction</source>
        <translation>向好的方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not the better direction</source>
        <translation>非向好的方向</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before %1, after %2: %3 %4, %5 (%6)</source>
        <translation>之前 %1，之后 %2：%3 %4，%5（%6）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is 0, so the value cannot be computed.</source>
        <translation>%1为 0，无法计算。</translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <location filename="../../smedigital/ui/verification.py" line="+74"/>
        <source>Differs on site</source>
        <translation>现场不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — differs on site</source>
        <translation>%1 — 现场不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — remark</source>
        <translation>%1 — 备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark (what was seen)</source>
        <translation>备注（现场所见）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — the firm&apos;s answer</source>
        <translation>%1 — 企业自评答案</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+40"/>
        <source>On-site verification</source>
        <translation>现场核查</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>&amp;Assessor:</source>
        <translation>核查人(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assessor</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date (YYYY-MM-DD):</source>
        <translation>日期(&amp;D)（年-月-日）：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date of the verification</source>
        <translation>核查日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The firm&apos;s answer</source>
        <translation>企业自评答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found on site</source>
        <translation>现场核实</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answers to verify</source>
        <translation>待核查的答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified rating and differences</source>
        <translation>核实后的评级与差异</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save the verification</source>
        <translation>保存核查结果(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the verification</source>
        <translation>保存核查结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification &amp;sheet (PDF)…</source>
        <translation>现场核查表(&amp;S)（PDF）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification sheet (PDF)</source>
        <translation>现场核查表（PDF）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the 现场核查表: each answer of the firm with the one found on site, to print and sign</source>
        <translation>保存现场核查表：企业的每个答案与现场核实的答案并列，供打印签字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print the sheet…</source>
        <translation>打印核查表(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the verification sheet</source>
        <translation>打印现场核查表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prints the 现场核查表 on A4 after a preview</source>
        <translation>预览后在 A4 纸上打印现场核查表</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+3"/>
        <source>The verification was not saved:</source>
        <translation>核查结果未保存：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No verification recorded yet: tick “Differs on site” where the answer found on site is not the firm&apos;s, add remarks, then save.</source>
        <translation>尚未记录核查结果：在现场核实的答案与企业不同处勾选“现场不一致”，填写备注，然后保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verified rating: %1, total %2 (the firm&apos;s own: %3, total %4)</source>
        <translation>核实后评级：%1，总分 %2（企业自评：%3，总分 %4）</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n difference(s):</source>
        <translation>
            <numerusform>%n 处差异：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The answers found on site are the firm&apos;s.</source>
        <translation>现场核实的答案与企业自评一致。</translation>
    </message>
</context>
<context>
    <name>WhatIfDelegate</name>
    <message>
        <location filename="../../smedigital/ui/assessment/plan_page.py" line="+12"/>
        <source>What if</source>
        <translation>必选或排除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the step as planned, pin it or exclude it</source>
        <translation>按计划保留该步骤、设为必选或排除</translation>
    </message>
</context>
<context>
    <name>_NumbersInput</name>
    <message>
        <location filename="../../smedigital/ui/assessment/widgets.py" line="-189"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A number of at least 0, in %1</source>
        <translation>大于等于 0 的数字，单位：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A number of at least 0</source>
        <translation>大于等于 0 的数字</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Not a number of at least 0: %1 (not saved until corrected)</source>
        <translation>不是大于等于 0 的数字：%1（改正前不保存）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(not saved until corrected)</source>
        <translation>（改正前不保存）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter every figure to compute the answer, or choose it below.</source>
        <translation>填写全部数字即可自动得出答案，也可在下方直接选择。</translation>
    </message>
</context>
<context>
    <name>purpose</name>
    <message>
        <location filename="../../smedigital/ui/firm_history.py" line="-70"/>
        <source>Diagnosis baseline</source>
        <translation>诊断基线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-assessment after the transformation</source>
        <translation>改造后自评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-assessment</source>
        <translation>复评</translation>
    </message>
</context>
</TS>
