"""What each figure means (contract v2), case by case: its metric, target, change, year and
region, on sentences written for these tests in the styles of reports, bulletins, plans and
wire copy. Each row is (text, figure text, field, expected); issue numbers in the group names.
"""

import pytest

from extractor import extract


def field_of(text: str, figure: str, field: str):
    records = [r for r in extract(text) if r.text == figure]
    assert records, f"no record {figure!r} in {[r.text for r in extract(text)]}"
    return getattr(records[0], field)


def cases(group: str, rows):
    return [pytest.param(*row, id=f"{group}:{row[1]}:{row[2]}") for row in rows]


# Issue 11, item 5: naming reaches as far as people write.
NAMING = cases("naming", [
    ("凭借4950.8亿元地区生产总值，该市位列全省第三。", "4950.8亿元", "metric", "gdp"),
    ("全市68.5%的城镇化率在全省居首。", "68.5%", "metric", "urbanization_rate"),
    ("城镇化率，即城镇常住人口在总人口中的占比，从44.2%升至58.8%。", "58.8%", "metric", "urbanization_rate"),
    ("年末城镇常住人口占总人口的比重为63.25%。", "63.25%", "metric", "urbanization_rate"),
    ("推动约2000万人在省内就近实现城镇化。", "2000万人", "metric", "migrant_settlement"),
    ("推动1亿非户籍人口在城市落户。", "1亿", "metric", "migrant_settlement"),
    ("Some 6,000 km of the planned railways will be built.", "Some 6,000 km", "metric", "rail_length"),
    ("Officials want to help 800,000 rural migrants make cities their home.", "800,000 rural migrants", "metric",
     "migrant_settlement"),
    ("Output reached 2.1 trillion yuan of GDP in 2022, marking a 4.6% rise.", "4.6%", "metric", "gdp_growth"),
    ("The city's GDP grew 8.1%. The pace was 1.3 percentage points above the national average.",
     "1.3 percentage points", "metric", "gdp_growth"),
    ("首批60个试点县中，东部18个，中部22个；按层级分，县级单位31个。", "31个", "metric", "pilot_counties"),
    ("城镇人口和农村人口届时均为2100万人。", "2100万人", "metric", "urban_population"),
    ("《某都市圈协同发展行动计划（2024-2026年）》印发。", "2024-2026年", "metric", "plan_period"),
    ("《某省国土空间规划纲要（2021—2035年）》获批。", "2021—2035年", "metric", "plan_period"),
    ("常住人口城镇化率与户籍人口城镇化率相差15.2个百分点。", "15.2个百分点", "metric", "percentage"),
    ("全市GDP增长5.2%，规模以上工业增加值增长6.1%。", "6.1%", "metric", "percentage"),
    ("2024年末，全省户籍人口城镇化率为52.3%，常住人口城镇化率为65.8%。", "52.3%", "metric", "hukou_urbanization_rate"),
    ("城镇居民人均可支配收入48000元，增长4.5%。", "4.5%", "metric", "urban_disposable_income_growth"),
    ("一般公共预算收入3200亿元，增长4.5%。", "3200亿元", "metric", "fiscal_revenue"),
    ("社会消费品零售总额2.1万亿元，增长5.3%。", "5.3%", "metric", "retail_sales_growth"),
    ("截至去年底，全市常住人口1280万人，比上年增加18万人。", "18万人", "metric", "resident_population"),
    ("城区常住人口300万以上的城市全面取消落户限制。", "300万", "metric", "resident_population"),
    ("城镇新增就业68.2万人，城镇调查失业率5.1%。", "5.1%", "metric", "urban_unemployment_rate"),
    ("长春市城市轨道交通运营里程达到129公里。", "129公里", "metric", "rail_length"),
    ("The average commute in the 18 metropolitan areas took 38 minutes.", "38 minutes", "metric", "commute_time"),
    ("全国已批复17个国家级都市圈发展规划。", "17个", "metric", "metropolitan_areas"),
])

# Issue 11, items 3 and 4: a goal is a target; a change is not a level.
TARGET_CHANGE = cases("target-change", [
    ("到2030年，常住人口城镇化率力争达到70%左右。", "70%", "target", True),
    ("2024年末，常住人口城镇化率为65.8%。", "65.8%", "target", False),
    ("到2030年，城镇化率达到70%，届时城镇人口将超过5000万人。", "5000万人", "target", True),
    ("城镇调查失业率控制在5.5%以内。", "5.5%", "target", True),
    ("全省城镇化率达到66%，超额完成“十四五”规划目标（65%）。", "65%", "target", True),
    ("全省城镇化率达到66%，超额完成“十四五”规划目标（65%）。", "66%", "target", False),
    ("全年城镇新增就业25.1万人，为年初确定目标的114.1%。", "114.1%", "target", False),
    ("The province aims to lift its urbanization rate to 70% by 2030.", "70%", "target", True),
    ("GDP is expected to grow about 5% this year.", "about 5%", "target", True),
    ("截至去年底，全市常住人口1280万人，比上年增加18万人。", "18万人", "change", True),
    ("截至去年底，全市常住人口1280万人，比上年增加18万人。", "1280万人", "change", False),
    ("全省常住人口城镇化率由2020年的55.43%提高到2024年的59.22%。", "55.43%", "change", False),
    ("全省常住人口城镇化率由2020年的55.43%提高到2024年的59.22%。", "59.22%", "change", False),
    ("城镇化率比上年末提高0.9个百分点。", "0.9个百分点", "change", True),
    ("第一、二、三产业增加值分别增长4.5%、3.1%和5.0%。", "5.0%", "change", True),
    ("全年新增城市轨道交通运营里程125公里。", "125公里", "change", True),
    ("GDP grew 6.1 percent to 3.2 trillion yuan.", "3.2 trillion yuan", "change", False),
    ("The province added 2.87 million urban residents and 38 new cities.", "38 new cities", "change", True),
    ("It set up 20 new-type urbanization pilot counties.", "20 new-type urbanization pilot counties", "change", False),
])

# Issue 11, round 3: how far a target word reaches, and what is never a target.
TARGET_SCOPE = cases("target-scope", [
    # 计划 / 规划 as a verb of planning, not in a plan's name or extent (simplified and traditional)
    ("今年全市计划新开工改造老旧小区1200个。", "1200个", "target", True),
    ("《某市城市更新行动计划》明确，规划范围包括6个区，总面积320平方公里。", "320平方公里", "target", False),
    ("按照《某都會區發展規劃》，規劃範圍涵蓋4個城市。", "4個", "target", False),
    ("规划中的城际铁路全长约46公里。", "46公里", "target", True),
    # a target word's statement ends at a semicolon (the next item of an enumeration, another indicator)
    ("一是城中村改造，计划新开工改造城中村3000套；二是县城建设，在全省80个县中选择12个示范县。", "3000套", "target", True),
    ("一是城中村改造，计划新开工改造城中村3000套；二是县城建设，在全省80个县中选择12个示范县。", "80个", "target", False),
    ("预计全年地区生产总值增长2.5%左右；一般公共预算收入2100亿元，下降3.2%。", "2100亿元", "target", False),
    ("预计全年地区生产总值增长2.5%左右；一般公共预算收入2100亿元，下降3.2%。", "2.5%", "target", True),
    # the start of a from -> to pair after a target word, a pool to choose from, a focus group of places
    ("建成后两地通行时间将由1小时以上缩短至35分钟左右。", "1小时", "target", False),
    ("我们还将在全省76个县中选择15个左右开展试点。", "76个", "target", False),
    ("今后三年将以甲、乙、丙等5市为重点推进都市圈建设。", "5市", "target", False),
    ("Tibet set the highest goal, at 7%, while Shanghai aimed for about 5%.", "7%", "target", True),
    ("In 2025, ten provinces set targets of 6% or above, against 14 a year earlier.", "14", "target", False),
    ("The new lines will serve towns with populations between 150,000 and 600,000.", "150,000", "target", False),
    ("The 85-km intercity railway linking the two cities is scheduled to open by 2027.", "85-km", "target", True),
    # 由目前的X缩短至Y: the value of today is X, the target Y
    ("建成后两地通行时间将由目前的近2小时缩短至40分钟左右。", "40分钟", "target", True),
    ("建成后两地通行时间将由目前的近2小时缩短至40分钟左右。", "2小时", "target", False),
    # 以内 after a level reached is its bound, not a goal
    ("两市之间的通勤时间已普遍压缩到45分钟以内。", "45分钟", "target", False),
    ("两市之间的通勤时间普遍压缩到45分钟以内。", "45分钟", "target", False),
    # a share of a plan, a gap to a target, the figure after a target in parentheses
    ("全年城镇新增就业7.2万人，完成全年计划6.5万人的110.8%。", "110.8%", "target", False),
    ("全年城镇新增就业7.2万人，完成全年计划6.5万人的110.8%。", "6.5万人", "target", True),
    ("年末城镇调查失业率4.8%，比年度调控目标5.5%低0.7个百分点。", "0.7个百分点", "target", False),
    ("城镇化率达到63%，超额完成规划目标（62%），但仍低于全国平均水平4个百分点。", "4个百分点", "target", False),
    # a verb of estimating before a comma opens its clause
    ("他估计，未来五年区内每日跨境往来可达15万人次。", "15万人次", "target", True),
    # words of holding a level: a goal only in a goal's context, within their clause
    ("全市经济增速保持在全省前列；常住人口突破900万人。", "900万人", "target", False),
    ("2024年，城镇调查失业率控制在5.1%。2025年，城镇调查失业率控制在5.5%左右。", "5.1%", "target", False),
    ("2024年，城镇调查失业率控制在5.1%。2025年，城镇调查失业率控制在5.5%左右。", "5.5%", "target", True),
    # never a target: the threshold of a class of cities, a plan's own parts
    ("今后将对城区常住人口100万以下的城市全面取消落户限制。", "100万", "target", False),
    ("方案将部署6个专项行动、25项重点任务。", "25项", "target", False),
    ("The plan aims to upgrade county towns through 24 specific tasks.", "24 specific tasks", "target", False),
    # a leading target year holds through its paragraph, until another year is stated
    ("到2030年，全省城镇化率达到70%。两个都市圈地区生产总值分别达到3万亿元和2万亿元。", "3万亿元", "target", True),
    ("到2030年，市区常住人口突破600万人（2024年为520万人）。", "520万人", "target", False),
    ("到2030年，城镇化率达到70%。\n2024年，全省城镇化率为61%。", "61%", "target", False),
    # English: more words of intent, a goal noun after the figure, a subject with a future verb
    ("Officials want to lift the rate to 75% within five years.", "75%", "target", True),
    ("Twelve stations will be built along the line.", "Twelve stations", "target", True),
    ('Chengdu has a "45-minute" commuting target.', "45-minute", "target", True),
    ("In 2025, ten provinces set targets of 6% or above.", "ten provinces", "target", False),
    ("The city will expand the program from 80 pilot counties to 150 by 2028.", "80 pilot counties", "target", False),
    ("The official said land sales had fallen 25% since 2021, well short of the goal.", "25%", "target", False),
])

# Issue 11, round 3: additions against volumes of works, rates named by their words, ranges.
CHANGE_CLASSES = cases("change-classes", [
    ("全年新建城市公园48个、口袋公园130个。", "130个", "change", True),
    ("全年新建和改造供水管网860公里。", "860公里", "change", False),
    ("全年新建改扩建中小学45所。", "45所", "change", False),
    ("今年全市计划新开工改造老旧小区1200个。", "1200个", "change", False),
    ("新建的物流园区已吸纳就业2.3万人。", "2.3万人", "change", False),
    ("新开通的地铁5号线全长42.6公里。", "42.6公里", "change", False),
    ("比公路运输可缩短运输时间约6天。", "6天", "change", True),
    ("两地通行时间由2小时缩短至45分钟。", "45分钟", "change", False),
    ("全市人口年增率达1.25%。", "1.25%", "change", True),
    ("十年来人口增加逾30万人，增长幅度约12.6%。", "12.6%", "change", True),
    ("到2027年，全省力争新增3至5个千亿县。", "5个", "change", True),
    ("The program could add 10 million to 12 million urban residents.", "12 million urban residents", "change", True),
    ("The rate rose 0.8 percentage points to 66.1%.", "66.1%", "change", False),
    ("当年新增城镇人口占全国的四成以上。", "四成", "change", False),
    ("Land revenue had fallen 18% since 2021.", "18%", "change", True),
])

# Issue 11, held-out texts: projections in words of estimate and of completion, sections of the
# year's work, a plan not yet begun, what a target word does not reach.
PROJECTIONS = cases("projections", [
    ("统计部门推算，全市人口将在2040年增至约560万人，其中老年人口的比例将由2024年的19%升至31%。", "31%", "target", True),
    ("统计部门推算，全市人口将在2040年增至约560万人，其中老年人口的比例将由2024年的19%升至31%。", "19%", "target", False),
    ("该区预估2030年常住人口可达48万人。", "48万人", "target", True),
    ("新区发展完成后可容纳约40万人居住，并提供约12万个职位。", "12万个", "target", True),
    ("新线落成后由东站往西站的车程约12分钟。", "12分钟", "target", True),
    ("The county expects its output to grow by about 6% this year.", "about 6%", "target", True),
    ("The mayor pledged to resettle 80,000 rural migrants and to rebuild 900 old compounds.", "900 old compounds", "target", True),
    ("The city has earmarked 30 billion yuan for new metro lines in 2026.", "30 billion yuan", "target", True),
    ("Output is expected to grow 5%, after rising 5.6% last year.", "5.6%", "target", False),
    ("Output is expected to grow 5%, after rising 5.6% last year.", "5%", "target", True),
    ("業界估計缺口至少還有2,000個名額。", "2,000個", "target", False),
    ("該市今年度總預算歲入約新台幣380億元。", "新台幣380億元", "target", True),
    ("青年人才計劃吸引逾9萬人來港。", "9萬人", "target", False),
    # a heading of the year's main work opens a section of goals; a report's look back does not
    ("一、2024年工作回顾\n\n全年新开工项目320个。\n\n二、2025年重点工作\n\n全市安排重点项目800个左右。", "800个", "target", True),
    ("一、2024年工作回顾\n\n全年新开工项目320个。\n\n二、2025年重点工作\n\n全市安排重点项目800个左右。", "320个", "target", False),
    # a plan period that has not begun governs its figures; one under way does not
    ("2024年末，全市城镇化率为61%。“十五五”期间推动约30万人落户城镇。", "30万人", "target", True),
    ("2024年末，全市城镇化率为61%。“十四五”期间累计推动约30万人落户城镇。", "30万人", "target", False),
    # the start of a from -> to pair per head or month; a goal noun after the figure's own noun
    ("市府明年起将把生育补贴由每月3,000元提高至4,000元。", "3,000元", "target", False),
    ("市府明年起将把生育补贴由每月3,000元提高至4,000元。", "4,000元", "target", True),
    ("全市每年引进不少于2万名青年人才的目标已提前完成。", "2万名", "target", True),
    # a class of places is bounded (以下, 以上) or counted in people; a fund of a metropolitan area is no class
    ("将设立总规模80亿元的都市圈产业投资基金。", "80亿元", "target", True),
    ("城区常住人口300万以下的城市将全面取消落户限制。", "300万", "target", False),
    # 同时 goes on with the sentence before it
    ("走廊将向东延伸，面积约900平方公里。同时，设立总规模50亿元的发展基金。", "50亿元", "target", True),
    ("走廊已向东延伸，面积约900平方公里。同时，设立了总规模50亿元的发展基金。", "50亿元", "target", False),
])

# Held-out texts: a comparison word right before the figure names the level compared with; Taiwan's
# growth rate; additions by 增设; an English increase without its noun.
CHANGE_WORDS = cases("change-words", [
    ("部分县的城镇化率仍低于50%。", "50%", "change", False),
    ("该县城镇化率低于全省平均水平3.2个百分点。", "3.2个百分点", "change", True),
    ("去年全縣經濟成長率為3.8%。", "3.8%", "change", True),
    ("縣府爭取增設3所國小。", "3所", "change", True),
    ("The urban population stood at 921 million, an increase of 9.6 million over the year before.", "9.6 million", "change", True),
    ("The urban population stood at 921 million, an increase of 9.6 million over the year before.", "9.6 million", "kind", "population"),
])

# Issue 11, round 3: naming classes still open on real text.
NAMING_CLASSES = cases("naming-classes", [
    # percentage points between two indicators are of neither
    ("户籍人口城镇化率为48.2%，低于常住人口城镇化率11.6个百分点。", "11.6个百分点", "metric", "percentage"),
    ("户籍人口城镇化率提高到47.3%，与常住人口城镇化率相差12.9个百分点。", "12.9个百分点", "metric", "percentage"),
    ("常住人口城镇化率62.1%，户籍人口城镇化率49.5%，两者差距比上年缩小0.4个百分点。", "0.4个百分点", "metric",
     "percentage"),
    ("缩小户籍人口城镇化率与常住人口城镇化率之间约14个百分点的差距。", "14个百分点", "metric", "percentage"),
    ("全市城镇化率达到71.2%，比全国平均水平高出约4个百分点。", "4个百分点", "metric", "urbanization_rate"),
    # a keyword naming two subjects, its 分别 list taken in turn
    ("城镇和农村居民人均可支配收入分别达到52480元和26310元。", "52480元", "metric", "urban_disposable_income"),
    ("城镇和农村居民人均可支配收入分别达到52480元和26310元。", "26310元", "metric", "rural_disposable_income"),
    ("城乡居民人均可支配收入分别增长4.6%和6.2%。", "6.2%", "metric", "rural_disposable_income_growth"),
    ("城乡居民人均可支配收入增长5.1%。", "5.1%", "metric", "disposable_income_growth"),
    # a count of places before an indicator does not take the indicator as its noun
    ("甲、乙、丙三区常住人口城镇化率分别为88.4%、76.5%、70.3%。", "76.5%", "metric", "urbanization_rate"),
    ("沿线五市地区生产总值合计超过4.2万亿元。", "4.2万亿元", "metric", "gdp"),
    # English: a keyword set off by a comma, a keyword a few words before, bare residents
    ("The city's urban population, 8.6 million in 2024, is expected to keep rising.", "8.6 million", "metric",
     "urban_population"),
    ("The urban population grew by 210,000 last year to 8.6 million.", "8.6 million", "metric", "urban_population"),
    ("The prefecture had 4.1 million residents at the end of 2024.", "4.1 million residents", "metric",
     "resident_population"),
    ("About 58 percent of Guizhou's residents lived in cities in 2024.", "About 58 percent", "metric",
     "urbanization_rate"),
    # a measure goes on about the rail keyword across a count of lines; a road stays plain length
    ("全市地铁运营线路增至9条，运营里程达到286公里；新建城市道路45公里。", "286公里", "metric", "rail_length"),
    ("全市地铁运营线路增至9条，运营里程达到286公里；新建城市道路45公里。", "45公里", "metric", "length"),
    ("The 74-kilometer Xiamen-Zhangzhou intercity line opened in June.", "74-kilometer", "metric", "rail_length"),
    ("The NDRC plans to add 1,500 kilometers of intercity and suburban railways.", "1,500 kilometers", "metric",
     "rail_length"),
    ("桃園捷運綠線全長約27.8公里。", "27.8公里", "metric", "rail_length"),
    # thresholds of one indicator that define classes of cities, in parallel clauses
    ("城区常住人口200万以下的城市全面放开落户，200万至400万的城市有序放宽。", "400万", "metric", "resident_population"),
    # a short qualifier in parentheses is no definition; a pool to choose from is not the chosen
    ("全市示范县（市）计划实施补短板项目210个。", "210个", "metric", "count"),
    ("全省96个县（市）中，确定18个县（市）开展试点。", "96个", "metric", "count"),
    ("都市圈内现有国家级园区9个、省级园区27个。", "27个", "metric", "count"),
    ("Inland provinces hold growth goals near 5% for 2025.", "5%", "metric", "gdp_growth"),
    ("推动约4万人在本地就近就地实现城镇化。", "4万人", "metric", "migrant_settlement"),
    # the plan of the indicator just named
    ("全年城镇新增就业9.4万人，完成全年计划8万人的117.5%。", "8万人", "metric", "new_urban_jobs"),
    ("全年城镇新增就业9.4万人，超额完成8万人的年度目标。", "8万人", "metric", "new_urban_jobs"),
    ("The city's GDP rose 6.2% to 980 billion yuan in 2024, beating its target of 5.8%.", "5.8%", "metric", "gdp_growth"),
])

# Issue 12, classes 11-15: years stated elsewhere, the way people write them.
YEARS = cases("year", [
    ("2022年，全市筹集保障性住房3.2万套。其中，公租房1.1万套。", "1.1万套", "year", 2022),
    ("到2030年，城镇化率达到70%。届时城镇人口将达到5000万人。", "5000万人", "year", 2030),
    ("某省2024年国民经济和社会发展统计公报\n\n年末常住人口9785万人。", "9785万人", "year", 2024),
    ("2005至2020年间，全省城镇化率由35.2%提高到61.4%。", "35.2%", "year", 2005),
    ("2005至2020年间，全省城镇化率由35.2%提高到61.4%。", "61.4%", "year", 2020),
    ("GDP grew 6.1 percent to 3.2 trillion yuan (roughly 450 billion dollars) in 2021.",
     "roughly 450 billion dollars", "year", 2021),
    ("全市户籍人口1845.6万人（2010）。", "1845.6万人", "year", 2010),
    ("2021年，全省城镇化率为60.3%，比上年的59.8%提高0.5个百分点。", "59.8%", "year", 2020),
    ("与“十二五”末的4.2个百分点相比，差距明显缩小。", "4.2个百分点", "year", 2015),
    ("常住人口城镇化率较2019年的54.7%明显提高。", "54.7%", "year", 2019),
    ("Growth was 2.3 percentage points faster than in 2019.", "2.3 percentage points", "year", None),
    ("The rate should reach 70-75% by 2040.", "70", "year", 2040),
    ("“十四五”以来，全省累计新增城镇人口160万人。", "160万人", "year", None),
    ("Output rose 5% in 2024 [1] - The province has 20 pilot counties [2]", "20 pilot counties", "year", None),
    # 11: a year carries through its paragraph, but not from a headline's goal year, past a span
    # reaching to now (十余年来), into figures of every year, of the future or set within N years.
    ("某都市圈行动计划印发：到2027年轨道里程突破400公里\n\n都市圈规划面积约2.6万平方公里。", "2.6万平方公里", "year", None),
    ("某市2025年政府工作报告摘要：经济总量突破2.3万亿元\n\n一、过去一年工作回顾\n\n全市经济稳中有进。", "2.3万亿元", "year", None),
    ("2012年，城际线开通运营。十余年来累计运送乘客20亿人次。如今单程仅需约40分钟。", "40分钟", "year", None),
    ("2024年末，全省常住人口6000万人。“十四五”以来，全省新增城镇人口约300万人。都市圈总面积5.2万平方公里。", "5.2万平方公里", "year", 2024),
    ("2024年，都市圈开通城际铁路2条。目前，日均开行城际列车80对。", "80对", "year", 2024),
    ("到2025年，衔接线路达到9条。未来还将有3至5条线路建成。", "5条", "year", None),
    ("到2026年，试点县城镇化率达到60%。省财政每年安排2亿元专项资金。", "2亿元", "year", None),
    ("In 2025, the province named 12 pilot counties. Each should raise its urbanization rate by 1.2 percentage points a year.",
     "1.2 percentage points", "year", None),
    ("In 2024, GDP grew 5%. The plan aims to lift the urbanization rate to nearly 70% within five years.",
     "nearly 70%", "year", None),
    ("2024年城镇化率为67%。计划用5年左右时间，使城镇化率接近70%。", "70%", "year", None),
    ("Rail lines reached 48,000 kilometers at the end of 2024, and planners aim for 70,000 kilometers by 2035. The new line will cut travel to about 50 minutes.",
     "about 50 minutes", "year", None),
    # 15: 今年 / 去年 count from when the article was written (dateline, date line, 去（2025）年);
    # 上年 from the year in force, else the report headline's.
    ("某市推进县城建设\n发布时间：2024年6月21日  来源：某某发布\n\n2023年，全省地区生产总值增长6%。\n\n该市去年城镇人口增加2.3万人。", "2.3万人", "year", 2023),
    ("老旧小区改造提速\n发布时间：2025年3月12日  来源：某某发布\n\n今年计划新开工改造老旧小区2.5万个。", "2.5万个", "year", 2025),
    ("2024年，全区经济平稳增长。\n\n截至去年底，区内铁路运营里程超过2500公里。", "2500公里", "year", None),
    ("某市人口逾234万 去年净迁入近2万人\n\n统计显示，去（2025）年全国迁徙人口达212万人。", "2万人", "year", 2025),
    ("政府工作报告\n——2025年1月在市人民代表大会上\n\n去年GDP2.67万亿元。城镇化率达到82.5%，比上年的82.1%提高0.4个百分点。", "82.1%", "year", 2023),
    ("政府工作报告\n——2025年1月在市人民代表大会上\n\n去年GDP2.67万亿元。城镇化率达到82.5%，比上年的82.1%提高0.4个百分点。", "2.67万亿元", "year", 2024),
    ("某市2024年国民经济和社会发展统计公报\n\n常住人口城镇化率为58.91%，比上年的58.04%提高0.87个百分点。", "58.04%", "year", 2023),
    # 12: spans and plan ends: “十二五”末 states 2015; a nearer stated year wins; 达到 is no 'to';
    # a span from a stated year (自2018年…以来) dates nothing; 今年以来 is this year; titles and
    # other clauses hold their spans.
    ("“十二五”末，两者差距为9.6个百分点；2022年缩小到8.2个百分点，到2025年力争缩小到7个百分点以内。", "9.6个百分点", "year", 2015),
    ("“十二五”末，两者差距为9.6个百分点；2022年缩小到8.2个百分点，到2025年力争缩小到7个百分点以内。", "8.2个百分点", "year", 2022),
    ("“十二五”末，两者差距为9.6个百分点；2022年缩小到8.2个百分点，到2025年力争缩小到7个百分点以内。", "7个百分点", "year", 2025),
    ("“十四五”以来，新增城际铁路68公里，运营里程达到186公里。", "186公里", "year", None),
    ("自2018年通车以来，累计运送旅客逾1.1亿人次。", "1.1亿人次", "year", None),
    ("2014年底升格时人口约205.8万人；十年来增加逾28万人。", "28万人", "year", None),
    ("2023年，县城人口达到312万人，三年间新增城镇人口约38万人。", "38万人", "year", None),
    ("跨城地铁客流创新高\n发布时间：2024年12月30日  来源：某某交通\n\n今年以来，跨市地铁日均客流超过100万人次。", "100万人次", "year", 2024),
    ("2024年，《轨道交通建设三年行动计划（2023－2025）》顺利推进，运营里程达到410公里。", "410公里", "year", 2024),
    ("某市部署全年工作\n发布时间：2025年1月20日  来源：某某发布\n\n今年重点抓好：安排重点项目900个；加快推进“十五五”规划编制；改造老旧小区600个。", "600个", "year", 2025),
    # 13: English trailing years: appositives share them, comparisons do not carry, 'a year
    # earlier', 'as late as', months and plan ends.
    ("The urbanization rate reached 74.2 percent in 2024, 1.5 percentage points higher than in 2022.",
     "1.5 percentage points", "year", 2024),
    ("The delta generated 33.17 trillion yuan of GDP in 2024, about 24.6% of the national total.",
     "about 24.6%", "year", 2024),
    ("The rate reached 62.5% at the end of 2024, compared with 58.33% in 2020. Its permanent population stood at 61.23 million.",
     "61.23 million", "year", 2024),
    ("The number of such counties rose to 59 in 2024, up from 54 a year earlier.", "54", "year", 2023),
    ("At the end of 2024, the rate stood at 67%, up 0.84 percentage points from a year earlier.",
     "0.84 percentage points", "year", 2024),
    ("Only about 10 percent of the population lived in cities as late as 1949.", "about 10 percent", "year", 1949),
    ("Intercity railways topped 3,500 kilometers by the end of October 2025.", "3,500 kilometers", "year", 2025),
    ("The province aims to extend the network to 3,000 kilometers by the end of the 15th Five-Year Plan.",
     "3,000 kilometers", "year", 2030),
    ("The hukou-based rate was 48.3% in 2023, leaving about 250 million people without local registration.",
     "about 250 million people", "year", 2023),
    # 13: appositives of the subject, years before 1900, the start of a pair a goal year ends.
    ("The metro area, home to 8.6 million people, produced 1.1 trillion yuan of GDP in 2023.",
     "8.6 million people", "year", 2023),
    ("The city's first tramway, a 9-km line, opened in 1899.", "9-km", "year", 1899),
    ("The ministry will widen the program from 80 pilot towns to about 150 by 2028.", "80 pilot towns", "year", None),
    ("The ministry will widen the program from 80 pilot towns to about 150 by 2028.", "about 150", "year", 2028),
    ("The rate for registered residents reached 48% at the end of 2023, while that for residents stood at 66%.",
     "66%", "year", 2023),
    ("Intercity railways topped 3,500 kilometers in 2025, an increase of 1,200 kilometers since the start of the plan.",
     "1,200 kilometers", "year", None),
    ("The delta, spanning 358,000 square kilometers and 41 cities across four provinces, generated 33 trillion yuan in 2024.",
     "41 cities", "year", 2024),
    # 11: a plan (将, 计划, will) takes no year before the text's own from the sentences before.
    ("该线路于2016年建成通车。按照规划，沿线将新增车站9座。\n\n2024年全市经济平稳增长。", "9座", "year", None),
    ("2025年，省级安排补短板资金15亿元。我们还将选择20个左右县开展试点。", "20个", "year", 2025),
    ("某市发布统计公报\n发布时间：2025年3月1日  来源：某某发布\n\n2024年，全市经济平稳增长。全年新增城镇人口将近12万人。",
     "12万人", "year", 2024),
    # 15: 提前一年 is no year; a list of years is dated by its last; 较“十三五”末 is a base.
    ("城镇化率由2020年的72.14%提升至2024年的73.6%，提前一年实现“十四五”规划确定的73%目标。", "73%", "year", None),
    ("2022年、2023年先后确定两批共20个试点县。", "20个", "year", 2023),
    ("2023年，县城城镇化率达到58.7%，较“十三五”末提高4.1个百分点；县城城镇人口达到312万人。", "312万人", "year", 2023),
])

# Issue 12, held-out styles: years written as adjectives, before a when-clause, before an
# appositive with 'still'; 一年来 is the one year in force; a future verb after 'and' ends a clause.
YEARS_STYLES = cases("year-styles", [
    ("Meanwhile, the city's 2023 retail sales rose 7 percent to 412 billion yuan. Its fiscal revenue was 61 billion yuan.",
     "7 percent", "year", 2023),
    ("Meanwhile, the city's 2023 retail sales rose 7 percent to 412 billion yuan. Its fiscal revenue was 61 billion yuan.",
     "61 billion yuan", "year", 2023),
    ("The 2030 target is 75 percent.", "75 percent", "year", None),
    ("Exports have doubled since 2019, when a flood cut them by 12% to 80 billion yuan.", "80 billion yuan", "year", 2019),
    ("The hukou rate rose to about 52 percent in 2023, still some 15 percentage points below the headline rate.",
     "some 15 percentage points", "year", 2023),
    ("The old line runs about 120 km and is set to reach 180 km by 2027.", "about 120 km", "year", None),
    ("The old line runs about 120 km and is set to reach 180 km by 2027.", "180 km", "year", 2027),
    ("某市政府工作报告\n\n2023年是全面贯彻落实的开局之年。一年来，全市地区生产总值增长4.8%。", "4.8%", "year", 2023),
    ("某市政府工作报告\n\n一、2023年工作回顾\n\n一年来，全市新增城镇就业12.3万人。", "12.3万人", "year", 2023),
    ("2013年，该线开通。十一年来累计运送乘客3亿人次。", "3亿人次", "year", None),
    ("The plan seeks to lift the rate to 68 percent by 2027 and to cut the average commute to 40 minutes.",
     "40 minutes", "year", 2027),
])

# Issue 11, held-out styles: Taiwan and Hong Kong vocabulary, rail nouns, trips to work,
# the economy's growth in English, indicators that stop a metric's reach.
NAMING_STYLES = cases("naming-styles", [
    ("主計總處統計，去年全國經濟成長率為3.8%。", "3.8%", "metric", "gdp_growth"),
    ("縣內總人口達41萬2,000人，年增率0.9%。", "0.9%", "metric", "resident_population_growth"),
    ("市府規劃的輕軌綠線全長約9.6公里。", "9.6公里", "metric", "rail_length"),
    ("全市轻轨一期工程全长18公里。", "18公里", "metric", "rail_length"),
    ("新开通的5号线全长约27公里。", "27公里", "metric", "rail_length"),
    ("全縣海岸線全長約120公里。", "120公里", "metric", "length"),
    ("Its trains run on some 700 km of high-speed track.", "some 700 km", "metric", "rail_length"),
    ("The area will have 450 km of urban and suburban rail by 2030.", "450 km", "metric", "rail_length"),
    ("她每天坐地铁上班单程约35分钟。", "35分钟", "metric", "commute_time"),
    ("Many commuters spend over an hour each way.", "over an hour", "metric", "commute_time"),
    ("全縣總預算歲入約新台幣188億元。", "新台幣188億元", "metric", "fiscal_revenue"),
    ("The county's economy has grown by nearly 30% since 2018.", "nearly 30%", "metric", "gdp_growth"),
    ("About 900,000 people have transferred their household registration to the county seats.", "About 900,000 people",
     "metric", "migrant_settlement"),
    ("The city plans to add 150,000 urban jobs this year.", "150,000 urban jobs", "metric", "new_urban_jobs"),
    ("其中，城镇常住人口210万人，乡村常住人口95万人。", "95万人", "metric", "population"),
    ("今年經濟增長預計為2.5%，基本通脹率約1.8%。", "1.8%", "metric", "percentage"),
    ("都市圈内跨市通办事项达到150项。", "150项", "metric", "count"),
    # a dash sets off a definition, whose keywords name nothing
    ("The urbanization rate of the registered population -- the share of people holding urban hukou -- reached 51 percent.",
     "51 percent", "metric", "hukou_urbanization_rate"),
    # a group named alone after an income of the whole is that income of the group
    ("居民人均可支配收入增长5.1%，其中城镇居民增长4.2%。", "4.2%", "metric", "urban_disposable_income_growth"),
    ("Per-capita disposable income of urban residents rose 3.9 percent, while that of rural residents grew 5.8 percent to 20,400 yuan.",
     "20,400 yuan", "metric", "rural_disposable_income"),
    ("农村居民人均消费支出增长6.1%，其中农村居民增长7%。", "7%", "metric", "percentage"),
])

# Held-out round ho2: classes that unseen bulletins, plans and wire copy wrote differently.
NAMING_HO2 = cases("naming-ho2", [
    # a conversion in parentheses between an amount and the words after it that name it
    ("The delta generated 4.1 trillion yuan ($570 billion) of output last year.", "4.1 trillion yuan", "metric", "gdp"),
    ("The delta generated 4.1 trillion yuan ($570 billion) of output last year.", "$570 billion", "metric", "gdp"),
    ("全市完成投资1.2万亿元（其中民间投资5000亿元）地区生产总值", "5000亿元", "metric", "money"),
    # a share of an amount: its change in points is the share's, not the amount's growth
    ("The county's economy grew 6.1%, and its share of the province's GDP rose by 0.4 percentage points.",
     "0.4 percentage points", "metric", "percentage"),
    ("The county's economy grew 6.1%, 0.4 percentage points faster than the province.",
     "0.4 percentage points", "metric", "gdp_growth"),
    # migrants named by what they obtained, after the figure
    ("Last year 64,000 people from rural areas obtained urban hukou in the prefecture.", "64,000 people", "metric",
     "migrant_settlement"),
    ("Last year 64,000 people from rural areas obtained urban hukou in the prefecture.", "64,000 people", "change", True),
    # the total of the things a count counts
    ("The city will open four new metro lines totaling 96 km.", "96 km", "metric", "rail_length"),
    ("The city will open four new metro lines totaling 96 km.", "four new metro lines", "metric", "count"),
    ("The county built 12 new roads totaling 96 km.", "96 km", "metric", "length"),
    # more of what the figure before it measured
    ("The city has 380 km of metro lines and will build another 120 km by 2028.", "120 km", "metric", "rail_length"),
    ("The city has 380 km of metro lines and another 45 square kilometers of parks.", "45 square kilometers", "metric", "area"),
    # what counted things are worth is not the indicator named before them
    ("Retail sales rose 5.1%, and the city signed 86 investment deals worth 42 billion yuan.", "42 billion yuan",
     "metric", "money"),
    ("Fixed-asset investment reached 42 billion yuan, up 3.2%.", "42 billion yuan", "metric", "fixed_asset_investment"),
    # a gap with another level is no growth rate
    ("Per-capita disposable income was 52,000 yuan, about 18% below the provincial capital's.", "about 18%", "metric",
     "percentage"),
    ("Per-capita disposable income was 52,000 yuan, a 5.2% rise.", "5.2%", "metric", "disposable_income_growth"),
    # the gap with the nation, in the sentence after a rate, is a gap of that rate
    ("The county's urbanization rate reached 61.3 percent. The gap with the national average shrank to 5.7 percentage points.",
     "5.7 percentage points", "metric", "urbanization_rate"),
    # a verb ends the noun a count is of
    ("支持18个县城开展新型城镇化建设示范。", "18个", "metric", "pilot_counties"),
    # the measure of what a count counts, in the clause after it; the total of added lines is added
    ("两条市域（郊）铁路建成通车，新增运营里程约85公里。", "85公里", "metric", "rail_length"),
    ("The city will open 3 new metro lines totalling 74 km by 2027.", "74 km", "change", True),
    ("The city has 3 metro lines totalling 74 km.", "74 km", "change", False),
    ("The plan would stretch the high-speed network to 5,200 kilometers.", "5,200 kilometers", "metric", "rail_length"),
])

YEARS_HO2 = cases("year-ho2", [
    # a trailing year's clause goes on through "with" and "compared with", not to the figures of another year
    ("The network will reach 900 km by 2030, with trains linking every county within 1-2 hours.", "2 hours", "year", 2030),
    ("The line will reach 40 km by 2026 and 70 km by 2029, with 20 stations.", "20 stations", "year", 2029),
    ("The rate stood at 64.2% at the end of 2024, compared with 67% nationwide.", "67%", "year", 2024),
    ("The rate rose to 60.1% in 2024, with an addition of 1.2 million urban residents since the start of the plan.",
     "1.2 million urban residents", "year", None),
    ("The rate stood at 64.2% in 2024, compared with 51% two decades ago.", "51%", "year", None),
    # a span written after the figure: a sum over it, no one year's
    ("The city had 320 km of metro in 2024 and plans to add another 90 km over the next four years.", "90 km", "year", None),
    ("The plan aims at 65% by 2027 and to settle 400,000 migrants in towns from 2025 to 2027.", "400,000 migrants",
     "year", None),
    ("The plan aims at 65% by 2027 and to settle 400,000 migrants in towns from 2025 to 2027.", "65%", "year", 2027),
])

# Reported speech and phrasal verbs: a target word inside a closed quote reaches no figure after
# it; "adding that" adds words, not a figure; "lined up" is no rise.
SPEECH_HO2 = cases("speech-ho2", [
    ('"Towns will take in more people," the mayor said, adding that 42 counties had been named pilots.', "42 counties",
     "target", False),
    ('"Towns will take in more people," the mayor said, adding that 42 counties had been named pilots.', "42 counties",
     "change", False),
    ('The mayor said towns will take in 42,000 people.', "42,000 people", "target", True),
    ("The city added 42 parks last year.", "42 parks", "change", True),
    ("The province has lined up 120 projects for the year.", "120 projects", "change", False),
    ("Output was up 12 percent.", "12 percent", "change", True),
])

# Held-out round ho3: news, SCMP copy and a report of the 十五五 years.
HO3 = cases("ho3", [
    # 2025年前三季度 is the first three quarters of 2025, not "before 2025"
    ("2025年前三季度，全县地区生产总值同比增长5.9%。", "5.9%", "target", False),
    ("力争2027年前建成城际铁路2条。", "2条", "target", True),
    # 五年累计: a sum over a span
    ("“十四五”时期，城镇化率由2020年的55.1%提高到2025年的60.3%，五年累计提高5.2个百分点。", "5.2个百分点", "year", None),
    # new and renewed works are a volume
    ("全年新建改建城镇老旧小区960个。", "960个", "change", False),
    ("全年新建保障性住房1.2万套。", "1.2万套", "change", True),
    ("“十五五”时期，全市经济年均增长6%左右。", "6%", "metric", "gdp_growth"),
    ("The province had 1,480km of intercity and high-speed lines in operation.", "1,480km", "metric", "rail_length"),
    # a growth rate after a plain figure with its own noun is that figure's, not the keyword's before it
    ("Macau residents made 21.3 million trips to Zhuhai last year, up 18 per cent.", "18 per cent", "metric", "percentage"),
    ("The GDP of its eleven cities grew 4.4% last year.", "4.4%", "metric", "gdp_growth"),
    # a year that dates a document's release dates none of its goals
    ("Under a plan issued in 2024, the new district will house 800,000 people.", "800,000 people", "year", None),
    ("The new district housed 800,000 people in 2024.", "800,000 people", "year", 2024),
    # a part of the whole named in the sentence before, and its growth
    ("The delta's GDP reached 9.1 trillion yuan. Suzhou alone accounted for 2.67 trillion yuan, growing 6 per cent.",
     "2.67 trillion yuan", "metric", "gdp"),
    ("The delta's GDP reached 9.1 trillion yuan. Suzhou alone accounted for 2.67 trillion yuan, growing 6 per cent.",
     "6 per cent", "metric", "gdp_growth"),
    ("The delta's GDP reached 9.1 trillion yuan. Suzhou has 12.9 million people.", "12.9 million people", "metric",
     "population"),
    # a figure in an appositive of a subject whose verb looks ahead
    ("The link, a 26km line between the two ports, is expected to open in 2028.", "26km", "target", True),
    ("The old line, a 30km route between the two towns, opened in 2010.", "30km", "target", False),
])

# A plan's table of indicators: each cell's year is its column's, the last year's column of a
# plan's table holds its goals; a plan's box of works (专栏) is goals unless it looks back.
_PLAN_TABLE = "某省城镇化规划\n\n表2　主要指标\n指标\t2023年\t2027年\t属性\n户籍人口城镇化率\t48.5%\t55%\t预期性\n\n专栏2　城市更新行动\n\n改造城镇老旧小区约300个。"
_STATS_TABLE = "某市统计公报\n\n指标　　2023年　　2024年\n地区生产总值　　5100亿元　　5400亿元\n\n全年新增城镇就业3万人。"
TABLES_HO2 = cases("tables-ho2", [
    (_PLAN_TABLE, "48.5%", "year", 2023),
    (_PLAN_TABLE, "48.5%", "target", False),
    (_PLAN_TABLE, "55%", "year", 2027),
    (_PLAN_TABLE, "55%", "target", True),
    (_PLAN_TABLE, "300个", "year", None),
    (_PLAN_TABLE, "300个", "target", True),
    (_STATS_TABLE, "5100亿元", "year", 2023),
    (_STATS_TABLE, "5400亿元", "year", 2024),
    (_STATS_TABLE, "5400亿元", "target", False),
    ("某省规划\n\n专栏1　“十三五”时期主要成就\n\n建成保障性住房5万套。", "5万套", "target", False),
])

# A table of places names its indicator above its cells: the header cell of the column, else
# the caption over the table; a column of growth takes the growth of the column left of it.
_CAPTIONED = "成渝城市观察\n\n表3　2023—2024年户籍人口城镇化率\n城市\t2023年\t2024年\n成都\t69.8%\t70.3%\n重庆\t54.1%\t55.0%\n"
_HEADED = ("西部省会经济\n\n地区\t地区生产总值\t同比增长\t常住人口\n西安\t12010亿元\t4.6%\t1307万人\n"
           "兰州\t3487亿元\t5.3%\t442万人\n\n全年新增城镇就业12万人。")
COLUMNS = cases("columns", [
    (_CAPTIONED, "69.8%", "metric", "hukou_urbanization_rate"),
    (_CAPTIONED, "55.0%", "metric", "hukou_urbanization_rate"),
    (_CAPTIONED, "55.0%", "year", 2024),
    (_CAPTIONED, "54.1%", "region", "重庆"),
    (_HEADED, "12010亿元", "metric", "gdp"),
    (_HEADED, "4.6%", "metric", "gdp_growth"),
    (_HEADED, "4.6%", "change", True),
    (_HEADED, "5.3%", "metric", "gdp_growth"),
    (_HEADED, "442万人", "metric", "resident_population"),
    (_HEADED, "442万人", "region", "兰州"),
    (_HEADED, "12万人", "metric", "new_urban_jobs"),
    # A row that names its own indicator keeps it (常住人口城镇化率 under a header of years).
    ("某市统计公报\n\n【主要指标】\n指标\t2023年\t2024年\n常住人口城镇化率\t61.2%\t62.0%\n", "62.0%", "metric",
     "urbanization_rate"),
    # No table: a short line over a sentence is no caption.
    ("常住人口城镇化率\n全市新增5个试点镇。", "5个", "metric", "count"),
])

# Issue 12, classes 16-19: the place each figure is about.
REGIONS = cases("region", [
    ("以洛阳、开封、新乡等8市为重点推进都市圈建设。", "8市", "region", None),
    ("南京、苏州、无锡三市城镇化率分别为87.1%、82.5%、78.9%。", "82.5%", "region", "苏州"),
    ("全省城镇化率首次突破60%，达到59.22%的河南仍低于全国。", "59.22%", "region", "河南"),
    ("中西部地区城镇化率提高到58.4%。", "58.4%", "region", "中西部地区"),
    ("中国城镇化率达到67%。", "67%", "region", "中国"),
    ("China's urbanization rate reached 67% at the end of 2024.", "67%", "region", "China"),
    ("全省城镇化率高于全国平均水平2.1个百分点。", "2.1个百分点", "region", None),
    ("郑州东站日均发送旅客12万人次。", "12万人次", "region", None),
    ("广州与佛山之间每天往返通勤约57万人。", "57万人", "region", None),
    ("Travel time from Changchun to Changbai Mountain fell from 5 hours to about 2 hours.", "5 hours", "region",
     "Changchun"),
    ("The State Council has approved ten regions, including the Yangtze River Delta.", "ten regions", "region", None),
    ("河南省发展改革委介绍\n全省城镇化率达到59.22%。", "59.22%", "region", "河南省"),
    ("12个城市拥有地铁。", "12个", "subject", "城市"),
])


# Issue 12, classes 16-18: words that refer back to a place (全省, 该市, 都市圈, the circle, Its)
# stand for the last place of their type named before; partners, destinations and comparison
# bases are not what a figure is about.
REFERRING_BACK = cases("refer", [
    ("杭州都市圈范围包括杭州、湖州、嘉兴等城市。2024年，都市圈地区生产总值达到4.1万亿元。", "4.1万亿元", "region",
     "杭州都市圈"),
    ("圈内日均开行城际列车80对。西安都市圈建设提速，目前都市圈内跨市公交线路达到31条。", "31条", "region", "西安都市圈"),
    ("The Wuhan metropolitan area spans nine cities. In 2024 the circle's GDP reached 3.6 trillion yuan.",
     "3.6 trillion yuan", "region", "Wuhan metropolitan area"),
    ("潍坊北部的寿光市是蔬菜之乡。该市城镇化率达到66.8%。", "66.8%", "region", "寿光市"),
    ("北流市位于广西东南部，该市陶瓷产业园规划面积12平方公里。", "12平方公里", "region", "北流市"),
    ("Hefei is the capital of Anhui. Its economy grew 6.1% last year.", "6.1%", "region", "Hefei"),
    ("Anhui's GDP grew 5.8%, with carmakers around the capital, Hefei. The province's permanent population"
     " stood at 61.2 million.", "61.2 million", "region", "Anhui"),
    ("昆山全市总面积931平方公里。为破解用地瓶颈，当地新建高标准农田3.6万亩。", "3.6万亩", "region", "昆山"),
    ("安徽省发展改革委介绍\n合肥放宽落户条件，全省城镇常住人口达到3800万人。", "3800万人", "region", "安徽省"),
    ("无锡市发布统计公报\n宜兴市地区生产总值2500亿元。全市常住人口750万人。", "750万人", "region", "无锡市"),
    ("福州都市圈城镇化率为72.6%，高出全省平均水平约1.6个百分点。", "1.6个百分点", "region", "福州都市圈"),
    ("简阳市紧邻成都天府国际机场，距成都主城区约50公里。该市城镇人口增加2.3万人。", "2.3万人", "region", "简阳市"),
    ("合肥与都市圈内其他城市基本实现1小时通达。", "1小时", "region", None),
    ("合肥与淮南、六安等城市的通勤时间缩短到40分钟。", "40分钟", "region", None),
    ("郑州至都市圈各城市的通达时间控制在30分钟以内。", "30分钟", "region", "郑州"),
    ("全省已形成两个都市圈，都市圈人口合计2000万人。", "2000万人", "region", None),
    # A place that opens the next line is not the subject of a figure that ends one (a table's
    # next row, the next paragraph); hard-wrapped English may break around its preposition.
    ("湖北发布数据\n常住人口城镇化率\t66.1%\n武汉\t84.7%", "66.1%", "region", "湖北"),
    ("湖北发布数据\n常住人口城镇化率\t66.1%\n武汉\t84.7%", "84.7%", "region", "武汉"),
    ("Hubei data\nThe urbanization rate stood at 66.1%\nWuhan plans more subway lines.", "66.1%", "region", "Hubei"),
    ("Retail sales rose 6.3% in\nWuhan last year.", "6.3%", "region", "Wuhan"),
    # The speaker's own province named only by its government; a bare 都市圈 after 省级 is no
    # word referring back.
    ("长株潭都市圈建设提速\n湖南省人民政府新闻办公室今天举行发布会。我省还将安排省级都市圈专项资金15亿元。",
     "15亿元", "region", "湖南省"),
    # A comparison base with a superlative between (比最低的郑州) is still no subject.
    ("成都城镇化率最高，为81.3%，比最低的巴中高28.4个百分点。", "28.4个百分点", "region", "成都"),
    # A direction and one place word (the southwestern province) name the province named before again.
    ("Yunnan report\nGuizhou set a target. The southwestern province wants 62% of residents in towns by 2030.", "62%",
     "region", "Guizhou"),
])

# Issue 12, class 16: the places a group consists of (包括, 由…组成, 以X为中心, covers) are its
# members; figures after them, and a count of them all, are about the group.
MEMBERS = cases("members", [
    ("杭州都市圈由杭州、湖州、嘉兴、绍兴等6座城市组成，总面积约5.4万平方公里。", "6座", "region", "杭州都市圈"),
    ("杭州都市圈由杭州、湖州、嘉兴、绍兴等6座城市组成，总面积约5.4万平方公里。", "5.4万平方公里", "region", "杭州都市圈"),
    ("太原都市圈以太原为中心，包括晋中市全域以及忻州的部分区县，常住人口约900万人。", "900万人", "region", "太原都市圈"),
    ("大连都市圈以大连为中心，2024年常住人口800万左右。", "800万", "region", "大连都市圈"),
    ("郑州都市圈发展规划获批。都市圈范围包括郑州、开封、许昌3市及兰考县，面积约3.2万平方公里。", "3.2万平方公里", "region",
     "郑州都市圈"),
    ("郑州都市圈发展规划获批。都市圈范围包括郑州、开封、许昌3市及兰考县，面积约3.2万平方公里。", "3市", "region", None),
    ("重庆都市圈包括重庆市21个区和广安市全域。", "21个", "region", "重庆市"),
])

# Issue 12, class 17: places the rules know by name, so a headline's 全國 does not win over them
# (Taiwan's cities in either script, groups written as one name); a list joined by a Chinese
# comma is two clauses, not a list.
KNOWN_PLACES = cases("places", [
    ("全國人口連續下降。桃園市淨遷入1萬9,394人居冠。", "1萬9,394人", "region", "桃園市"),
    ("台中市、新北市分別淨遷入1萬5,839人、1萬2,306人。", "1萬2,306人", "region", "新北市"),
    ("新北市人口外溢到桃園，北北桃三地合計人口約700萬人。", "700萬人", "region", "北北桃"),
    ("广佛跨市地铁日均客流超过100万人次。", "100万人次", "region", "广佛"),
    ("兰州—白银都市圈常住人口约580万人。", "580万人", "region", "兰州—白银都市圈"),
    ("陸推縣城新型城鎮化\n首批示範縣累計吸納約460萬農業轉移人口落戶。", "460萬農業轉移人口", "region", "陸"),
    ("豫发布新型城镇化报告\n全年新增城镇人口50万人。", "50万人", "region", "豫"),
])

# Issue 12, held-out region classes: a paper's word for its own place (本港 in a Hong Kong
# headline is 香港).
OWN_PLACES = cases("own places", [
    ("本港失業率回落至3.0%\n\n第三季勞動人口約為370萬人。", "370萬人", "region", "香港"),
    ("本港出口連升五個月\n\n上月整體出口貨值按年上升8.1%。", "8.1%", "region", "香港"),
    ("本澳旅客人次創新高\n\n首季入境旅客約980萬人次。", "980萬人次", "region", "澳門"),
    # a headline's country before its province (China's Hubei, 中国湖北) names the province
    ("China's Anhui eyes faster growth\n\nThe province's GDP grew 5.8% last year. Exports rose 7.1%.", "7.1%",
     "region", "Anhui"),
    ("中国四川：城乡融合提速\n\n全年新增城镇人口约40万人。", "40万人", "region", "四川"),
    # Taiwan's county-administered cities are places; a headline naming one and then its county is
    # about the county
    ("員林市人口突破12萬人，年增約1.2%。", "1.2%", "region", "員林市"),
    ("斗六人口創新高 雲林縣人口續減\n\n去年全年人口減少約8,000人。", "8,000人", "region", "雲林縣"),
    ("Zhubei's population passed 230,000 last year.", "230,000", "region", "Zhubei"),
    # a province's part by direction in a breakdown (皖北地区 9个), only that value
    ("全省30个试点县中，皖北地区9个、皖南地区21个；试点县新增就业约2万人。", "21个", "region", "皖南地区"),
    ("全省30个试点县中，皖北地区9个、皖南地区21个；试点县新增就业约2万人。", "9个", "region", "皖北地区"),
    ("安徽省30个试点县中，皖北9个，皖南21个；试点县新增就业约2万人。", "2万人", "region", "安徽省"),
    # a place left out (除X以外, X之外) is not what a figure is about
    ("湖南省全面放开除长沙市主城区以外的落户限制，新增落户约9万人。", "9万人", "region", "湖南省"),
    ("贵州全面取消贵阳市之外城市的落户限制，全年新增城镇人口约30万人。", "30万人", "region", "贵州"),
    ("Guangdong lifted curbs in all cities except Guangzhou, adding 1.2 million new urban residents.", "1.2 million new urban residents",
     "region", "Guangdong"),
    # a headline's issuing agency (X发展改革委, X人民政府) is not its place when it names another
    ("河南省发展改革委就《郑州都市圈发展规划》答记者问\n\n问：规划面积多大？答：总面积约3.2万平方公里。", "3.2万平方公里",
     "region", "郑州都市圈"),
    ("四川省统计局发布2024年统计公报\n\n全年地区生产总值增长5.7%。", "5.7%", "region", "四川省"),
    # a group's members after 'straddles' (The X metropolitan area, which straddles A and B provinces)
    ("The Hefei metropolitan area, which straddles Anhui and Jiangsu provinces, has 300 km of metro lines.",
     "300 km", "region", "Hefei metropolitan area"),
    # a set of places with no name stops at a new clause ('…, and the rate … rose to 48 percent')
    ("India's urbanization picks up\n\nMany cities have eased rules on residence, and the urbanization rate rose "
     "to 37 percent in 2024.", "37 percent", "region", "India"),
    ("Land revenue in some provinces fell 25 percent in 2024.", "25 percent", "region", None),
    # an English trip from a place to another with words between is about neither
    ("His commute from a flat in Foshan to a bank in central Guangzhou now takes about 40 minutes.", "about 40 minutes",
     "region", None),
    ("The drive from Changchun to Changbai Mountain takes about 3 hours.", "about 3 hours", "region", "Changchun"),
    # 大 + a Taiwanese city: the city with its neighbours, never cut to another place (大新)
    ("「大新竹」常住人口約105萬人。", "105萬人", "region", "大新竹"),
    ("大台中地區人口已逾280萬人。", "280萬人", "region", "大台中地區"),
    # one of a set of places: the set's count and the threshold that defines it are about no one place
    ("Chengdu's GDP reached 2.35 trillion yuan, making it one of 4 cities with output above 2 trillion yuan.",
     "above 2 trillion yuan", "region", None),
    ("Chengdu's GDP reached 2.35 trillion yuan, making it one of 4 cities with output above 2 trillion yuan.",
     "2.35 trillion yuan", "region", "Chengdu"),
    ("成都由此成为全国4个GDP超2万亿元城市之一。", "4个", "region", None),
    # the places left when one is taken out (X以外N市) are a set with no name
    ("郑州都市圈规划印发\n\n规划提出，全面取消郑州市以外5市的落户限制。", "5市", "region", None),
    # 《规划》范围包括…N市: the plan's area, which its headline names
    ("关于《长株潭都市圈发展规划》的解读\n\n《规划》范围包括长沙、株洲、湘潭3市，面积1.89万平方公里。", "3市", "region",
     "长株潭都市圈"),
    # a county name kept only with its prefecture (应城市: 适应城市) is a place between two places of a list
    ("分县市看，安陆市、应城市、汉川市地区生产总值分别增长5.9%、6.2%、6.8%。", "6.2%", "region", "应城市"),
    ("分县市看，安陆市、应城市、汉川市地区生产总值分别增长5.9%、6.2%、6.8%。", "6.8%", "region", "汉川市"),
    ("孝感市努力适应城市发展新要求，全年新增城镇人口3万人。", "3万人", "region", "孝感市"),
    # a group of cities written as one name, counted and travelled between
    ("武鄂黄黄四市之间日均跨城通勤约9万人次。", "9万人次", "region", "武鄂黄黄"),
    # a list closed by 等市 is a set with no name (not 等县城: 每个县城 is the subject)
    ("长沙领跑全省，岳阳、常德等市的城镇化率仍低于62%。", "62%", "region", None),
    # X等地: where something happens, not what a figure is about
    ("湖南发布劳务输出报告\n\n湘籍劳动力在广东等地务工人数约700万人。", "700万人", "region", "湖南"),
    # the places a line links, counted: about no one place
    ("Chengdu's new metro line, linking the two city centres, opened in June.", "two city centres", "region", None),
    # a set pointed back to (这5个试点县) is what its figures are about: no one place
    ("浙江公布首批试点名单\n\n据了解，这5个试点县2024年地区生产总值合计2100亿元，平均增速6.5%。", "6.5%", "region", None),
])

# Issue 12, class 17: routes and points of reference. X至Y is a route about neither place (from
# 从X: about X); 距X / 通往X name a point of reference, not the place a figure is about; names
# are whole (长株潭地区), but the 地区 of 地区生产总值 is the indicator's.
ROUTES = cases("routes", [
    ("机场至宜宾城区的车程缩短到15分钟。", "15分钟", "region", None),
    ("从宜宾经泸州港出海，可缩短运输时间约5天。", "5天", "region", "宜宾"),
    ("货物从宜宾经水路运至上海，可缩短运输时间约5天。", "5天", "region", "宜宾"),
    ("眉山市紧邻天府国际机场，距成都主城区约60公里。", "60公里", "region", "眉山市"),
    ("长株潭地区城际铁路运营里程95公里。", "95公里", "region", "长株潭地区"),
    ("长三角地区生产总值达到33.2万亿元。", "33.2万亿元", "region", "长三角"),
    ("南昌至九江等3条城际铁路加快建设。", "3条", "region", None),
    ("南昌、九江之间开通城际公交线路12条。", "12条", "region", None),
    ("中心城区与周边县城之间基本实现1小时通达。", "1小时", "region", None),
    ("广佛之间将形成半小时交通圈。", "半小时", "region", "广佛"),
    ("都市圈建设提速，圈内主要城市之间基本实现1小时通达。杭州都市圈范围包括六市。", "1小时", "region", None),
    ("杭州都市圈范围包括六市。都市圈建设提速，圈内主要城市之间基本实现1小时通达。", "1小时", "region", "杭州都市圈"),
    ("西安地铁16号线将向咸阳方向延伸，全线共设车站21座。", "21座", "region", "西安"),
])

# Issue 12, class 16: a list of places is a group: a sum over it (合计) and a count of it (三市,
# before 分别) are about no one of them; a place in an organisation's name (重庆市发展改革委表示)
# is the speaker; a plan is about the first place of its sentence.
GROUPS = cases("groups", [
    ("合肥、芜湖城市轨道交通运营里程合计突破200公里。", "200公里", "region", None),
    ("中西部地区县城占比接近六成，其中河南、四川、湖南各入选6个。", "6个", "region", None),
    ("岳阳、衡阳、怀化三市交通投资分别为96.5亿元、80.1亿元和77.3亿元。", "三市", "region", None),
    ("岳阳、衡阳、怀化三市交通投资分别为96.5亿元、80.1亿元和77.3亿元。", "80.1亿元", "region", "衡阳"),
    ("全省9个市（州）均通高铁。", "9个", "region", None),
    ("贵州省统计公报\n全省9个市（州）均通高铁。", "9个", "region", "贵州省"),
    ("重庆市发展改革委表示，川渝共同推进的重大项目超过300个。", "300个", "region", "川渝"),
    ("“十四五”期间，广东在大湾区交通建设上投资超过万亿元。", "十四五", "region", "广东"),
    ("广佛之间每天往返通勤的人数约为57万人。", "57万人", "region", "广佛"),
    ("六盘水、毕节两市的外出务工人数降至180万人左右。", "180万人", "region", None),
    ("Greater Bay Area output rose, and the GDP of its nine mainland cities grew 4.1%.", "4.1%", "region", None),
    ("It will put Ningde within an hour of downtown Fuzhou.", "an hour", "region", None),
    ("The line offers a 45-minute commute between Harbin and Wuchang.", "45-minute", "region", None),
    ("The Chengdu metropolitan area now offers a one-hour commute between all four cities.", "one-hour", "region",
     "Chengdu metropolitan area"),
    ("重庆中心城区至周边区及广安的平均通勤时间控制在45分钟以内。", "45分钟", "region", None),
    ("福建省内已形成福州、厦漳泉2个都市圈。", "2个", "region", "福建省"),
    ("以洛阳、开封、新乡等8市为重点推进都市圈建设。", "8市", "region", None),
    ("全国首批60个试点县中，东部18个，中部22个；按层级分，县31个，县级市29个。", "31个", "region", "全国"),
    ("全国首批60个试点县中，东部18个，中部22个；按层级分，县31个，县级市29个。", "22个", "region", "中部"),
    ("杭州、宁波、金华—义乌等都市区城市轨道交通运营里程合计超过1000公里。", "1000公里", "region", None),
    ("首批40个试点县中，滇中地区14个，滇西地区11个；按类型分，城市群周边县城12个。", "12个", "region", None),
    ("首批40个试点县中，滇中地区14个，滇西地区11个；按类型分，城市群周边县城12个。", "11个", "region", "滇西地区"),
    ("全省示范县增至28个，其中成都平原经济区13个、川南经济区5个。", "5个", "region", "川南经济区"),
    ("成都至德阳、眉山的市域铁路全面贯通，运营里程达到630公里。", "630公里", "region", None),
    ("湖北：武汉都市圈通勤圈基本形成 城镇化率达到65.59%\n正文。", "65.59%", "region", "湖北"),
    ("四川成都都市圈经济总量迈上新台阶 “十四五”以来新增城镇人口逾500万人\n正文。", "500万人", "region", "四川"),
    ("德阳城区常住人口79万人；城镇化率已超过80%的涪城区集中了大量人口。", "80%", "region", "涪城区"),
    ("贵州城镇化率提高较快，同达到67%的全国平均水平相比仍然偏低。", "67%", "region", "全国"),
    ("合肥市发布报告\n主要指标增速保持在全国同类城市前列；常住人口突破1000万人。", "1000万人", "region", "合肥市"),
    ("成都市政府工作报告\n世界500强企业在蓉落户累计达到315家。", "315家", "region", "成都市"),
    ("郑州都市圈规划\n郑州与周边城市之间实现1小时通勤，新增城际铁路运营里程120公里。", "120公里", "region",
     "郑州都市圈"),
    ("江苏省政府工作报告\n新增国家级专精特新企业200家。", "200家", "region", "江苏省"),
    ("南宁、柳州、桂林各有2个县入选，其余2个分别位于梧州和贵港。", "2个", "region", None),
    ("大湾区以不足全国1%的土地面积，集中了全国约6%的人口。", "6%", "region", "大湾区"),
    ("连接北京大兴国际机场与雄安新区的R1线全长约85公里。", "85公里", "region", None),
    ("雄安新区交通提速，预计开通后机场至新区的通行时间在30分钟左右。", "30分钟", "region", None),
    ("长三角生态绿色一体化发展示范区横跨上海青浦、江苏吴江和浙江嘉善，总面积约2413平方公里。", "2413平方公里", "region",
     "长三角生态绿色一体化发展示范区"),
    ("河北雄安新区设立以来发展迅速。截至2024年底，新区常住人口约135万人。", "135万人", "region", "河北雄安新区"),
    ("昆明主城与滇中新区、安宁等周边组团之间形成30分钟通勤圈。", "30分钟", "region", None),
    ("河南高铁网建成\n省辖市之间基本实现1小时通勤圈。", "1小时", "region", "河南"),
    ("重庆市地区生产总值3.22万亿元，成都市地区生产总值2.35万亿元，两座城市合计占经济圈总量的六成以上。", "六成", "region",
     None),
    ("区内铁路运营里程超过2500公里。全长约55公里的港珠澳大桥把香港和珠海连在一起。", "55公里", "region", None),
])

# Issue 12, class 17: lines, bridges, canals and parks are not regions; a project is about the
# place it is named after, else about none; a trip between stations is about no region.
PROJECTS = cases("projects", [
    ("湖南日报讯\n京雄城际铁路全长约92公里。", "92公里", "region", None),
    ("广佛线全长约39.6公里，共设车站25座。", "39.6公里", "region", "广佛"),
    ("The 55-kilometer Hong Kong-Zhuhai-Macao Bridge opened in 2018.", "55-kilometer", "region", None),
    ("从北京西站到雄安站最快仅需50分钟。", "50分钟", "region", None),
    ("顺德区至广州南站的通勤时间缩短至20分钟左右。", "20分钟", "region", "顺德区"),
    ("在三台县，新建的芦溪工业园区已吸纳就业1.6万人。", "1.6万人", "region", "三台县"),
    ("通道物流网络已覆盖中国西部18个省区市，辐射全球124个国家和地区。", "124个", "region", "全球"),
    ("Analysts at a Beijing think tank say the program could add 15 million urban residents.", "15 million urban residents",
     "region", None),
    ("In 2024, twelve provinces had urbanization rates above 70 percent.", "above 70 percent", "region", None),
    ("Henan steps up urbanization\nThe urbanization rate rose to 59.22% in 2024, with 38 new cities.", "38 new cities",
     "region", "Henan"),
    ("Sichuan lifts its urbanization target\nUnder a draft outline for the 15th Five-Year Plan, the province wants"
     " to catch up with Chongqing.", "15th Five-Year Plan", "region", "Sichuan"),
])


# Issue 12, real-text regions: the municipalities' districts by their short names (rules/counties.toml), and
# Taiwan's towns.
DISTRICTS = cases("districts", [
    ("从区县看，璧山、永川、荣昌三区常住人口城镇化率分别为70.3%、68.1%、60.2%。", "68.1%", "region", "永川"),
    ("以铜梁、潼南、大足等5区为重点推进同城化。", "5区", "region", None),
    ("闵行全年地区生产总值增长5.1%。", "5.1%", "region", "闵行"),
    ("绿水青山就是金山银山，沪郊森林覆盖率达到19%。", "19%", "region", None),
    # Taiwan's towns (鎮) and the districts that were county-administered cities (rules/regions.toml)
    ("竹東鎮人口達9萬6,000人，年增1.2%。", "1.2%", "region", "竹東鎮"),
    ("彰化縣\n鹿港、溪湖等鎮人口持續增加，二林鎮則減少約3%。", "3%", "region", "二林鎮"),
    ("新北市\n板橋常住人口約55萬人。", "55萬人", "region", "板橋"),
])

# Issue 12, real-text regions: a ranking's places (百强县) are a set with no name; a place's name
# never takes the 县 / 市 / 区 of the word after it (河南|县城, 浙江|县域, 长三角|区域).
SETS_AND_NAMES = cases("sets-and-names", [
    ("浙江县域经济\n2024年，百强县地区生产总值合计约13万亿元，约占全国GDP的10%。", "13万亿元", "region", None),
    ("河南县城常住人口城镇化率达到50%。", "50%", "region", "河南"),
    ("浙江县域经济发展报告\n2024年，全省千亿县达到10个。", "10个", "region", "浙江"),
    ("长三角区域生产总值增长5%。", "5%", "region", "长三角"),
    ("四川市域铁路里程达到200公里。", "200公里", "region", "四川"),
    ("雄安新区承接北京非首都功能疏解，每年完成投资约2000亿元。", "2000亿元", "region", "雄安新区"),
    ("兰州新区生产总值增长12%。", "12%", "region", "兰州新区"),
    ("江西统计公报\n赣江新区生产总值增长8%。", "8%", "region", "赣江新区"),
])

# Issue 12, real-text regions: the government of the article's own place (縣府, 市府, 省府) stands
# for it, as 全市 does.
OWN_GOVERNMENT = cases("own-government", [
    ("新竹縣人口成長\n縣府規劃的輕軌藍線全長約11.4公里。", "11.4公里", "region", "新竹縣"),
    ("苏州市政府工作报告\n结合昆山试点经验，市府计划新增公租房1.2万套。", "1.2万套", "region", "苏州市"),
])

# Issue 12, real-text regions: a list of places summed or counted is the named group the text
# makes of them, by one character of each member (广州、佛山 -> 广佛), else no one place.
GROUP_BY_MEMBERS = cases("group-by-members", [
    ("广佛同城化提速。广州、佛山两市常住人口合计约2840万人。", "2840万人", "region", "广佛"),
    ("推进长株潭一体化，长沙、株洲、湘潭三市地区生产总值合计2.1万亿元。", "2.1万亿元", "region", "长株潭"),
    ("推进长株潭一体化，长沙、株洲、湘潭三市地区生产总值合计2.1万亿元。", "三市", "region", "长株潭"),
    ("广州、佛山两市常住人口合计约2840万人。", "2840万人", "region", None),
    ("广佛同城化提速。广州、深圳两市常住人口合计约3600万人。", "3600万人", "region", None),
    ("四川省内，成都城镇化率达到80%，而德阳、眉山的城镇化率则在50%左右。", "50%", "region", None),
    ("长株潭一体化。株洲市城镇化率72%，长沙、株洲、湘潭的GDP总量超过2万亿元。", "2万亿元", "region", "长株潭"),
    ("Guangdong is the richest province, while Shanghai and Jiangsu together account for 18% of output.", "18%",
     "region", None),
])

# Issue 12, real-text regions: English parts of the country by direction (the west, the central and
# western regions; a bare adjective only before a word for places), a place inside a figure's own
# words (eight western provinces), and Their carrying what the sentence before is about.
DIRECTIONS_EN = cases("directions-en", [
    ("The eight western provinces cover 56% of the land. Their combined output grew 5.4%.", "eight western provinces",
     "region", "western"),
    ("The eight western provinces cover 56% of the land. Their combined output grew 5.4%.", "5.4%", "region", "western"),
    ("Beijing plans 30 new stations. Their cost is put at 12 billion yuan.", "12 billion yuan", "region", "Beijing"),
    ("Nine cities in the central and western regions opened metro lines.", "Nine cities", "region",
     "central and western regions"),
    ("Rail investment in the west rose 8% last year.", "8%", "region", "the west"),
    ("Western medicine accounts for 60% of spending in western Xi'an.", "60%", "region", None),
    ("Southwest China's Sichuan sees faster urbanization\nThe rate rose 1.2 percentage points.", "1.2 percentage points",
     "region", "Sichuan"),
])

# Issue 12, real-text regions: an English sentence naming no place goes on about the place the
# sentence right before names (or took so), within its paragraph (a national average it is compared
# with is no place of its own); Chinese sentences do not (the headline's place), but in an
# interview's answer (答：) they do, up to a new item of a list (二是…).
CARRY_EN = cases("carry-en", [
    ("Hunan news\nChangsha's economy grew 6.2%. The pace was 1.1 percentage points above the national average.",
     "1.1 percentage points", "region", "Changsha"),
    ("Anhui plans\nHefei's GDP grew 5.8% in 2024. Officials expect about 6% this year.\nInvestment rose 4%.",
     "about 6%", "region", "Hefei"),
    ("Anhui plans\nHefei's GDP grew 5.8% in 2024. Officials expect about 6% this year.\nInvestment rose 4%.",
     "4%", "region", "Anhui"),
    ("江苏经济\n南京市GDP增长5.8%。全年新增就业30万人。", "30万人", "region", "江苏"),
    ("Hebei news\nShijiazhuang's GDP grew 5.1%. Investment rose 3%. Retail sales added 4%.", "4%", "region",
     "Shijiazhuang"),
    # an interview's answer goes on about what it names, sentence after sentence, but not into a new item
    ("湖南推进城镇化\n问：进展如何？\n答：长株潭都市圈地区生产总值达到2.1万亿元。已建成城际铁路3条，跨市公交线路增至20条。",
     "20条", "region", "长株潭都市圈"),
    ("湖南推进城镇化\n答：一是长株潭都市圈地区生产总值达到2.1万亿元。二是推进公共服务共享，新增医联体15个。", "15个", "region",
     "湖南"),
])

# Issue 12, real-text regions: a travel time around a place is about it; the difference between two
# places' values is about neither; a place in a railway's name (the Chengdu-Ziyang intercity
# railway) is no region; English places joined by hyphens are one name, never cut to the last.
AROUND_AND_APART = cases("around-and-apart", [
    ("The plan aims to build a \"half-hour commuting circle\" around Hefei by 2027.", "half-hour", "region", "Hefei"),
    ("Wuxi's urbanization rate was 83.1 percent, while the rate in Suqian stood at 65.2 percent, a difference of 17.9"
     " percentage points.", "17.9 percentage points", "region", None),
    ("南京城镇化率87.2%，宿迁66.1%，两地相差21.1个百分点。", "21.1个百分点", "region", None),
    ("江苏省常住人口城镇化率与户籍人口城镇化率相差15个百分点。", "15个百分点", "region", "江苏省"),
    ("The Chengdu-Ziyang intercity railway carries 30,000 passengers a day.", "30,000 passengers", "region", None),
    ("Officials say the Wuhan-Ezhou-Huanggang \"one-hour\" commuting target is close.", "one-hour", "region",
     "Wuhan-Ezhou-Huanggang"),
])


def test_a_word_refers_back_to_a_place_named_in_an_earlier_segment(monkeypatch):
    import extractor.engine as engine

    text = "调研报告\n" + "推进新型城镇化，完善公共服务。\n" * 10 + "寿光市城镇化率达到66.8%。\n" + \
        "各地要结合实际推进城市更新。\n" * 30 + "该市新增城镇人口2.3万人。\n"
    whole = [r.region for r in extract(text) if r.text == "2.3万人"]
    monkeypatch.setattr(engine, "SEGMENT_CHARS", 300)
    assert len(engine.segment_bounds(text, 300)) > 2
    assert [r.region for r in extract(text) if r.text == "2.3万人"] == whole == ["寿光市"]


# Issue 12, real-text regions in wire copy (English): words referring back to an area, an autonomous region or a
# municipality; places named aside (an appositive's province, a destination, the place another lies in, a part
# of the country by direction); a comparison base's own value; a survey's sample; a trip; the sum of a
# group's parts; a commute to a centre; a count of a province's own counties.
WIRE_PLACES = cases("wire-places", [
    ("The Wuhan metropolitan area reported output of 3 trillion yuan. The region's economy grew 5.5% last year.",
     "5.5%", "region", "Wuhan metropolitan area"),
    ("Guangxi Zhuang Autonomous Region opened two railways. The region's GDP rose 4.2%.", "4.2%", "region",
     "Guangxi Zhuang Autonomous Region"),
    ("The Changsha-Zhuzhou-Xiangtan metropolitan area is growing. Officials want the cluster's metro to reach 400 km.",
     "400 km", "region", "Changsha-Zhuzhou-Xiangtan metropolitan area"),
    ("Shanghai added jobs in 2024. The city's population fell 0.1 per cent to 24.8 million.", "24.8 million",
     "region", "Shanghai"),
    ("Macau welcomed more visitors. The city's GDP grew 8.8 per cent.", "8.8 per cent", "region", "Macau"),
    ("The Xi'an metropolitan area, a group of cities in China's northwest with 18 million people, grew fast.",
     "18 million people", "region", "Xi'an metropolitan area"),
    ("Guiyang, capital of Guizhou province, reported GDP of 560 billion yuan.", "560 billion yuan", "region", "Guiyang"),
    ("Wuhan's economy grew 5.2%, and its share of China's GDP rose by 0.1 percentage points.",
     "0.1 percentage points", "region", "Wuhan"),
    ("Wuhan's economy grew 5.2%, faster than China's 5.0% pace.", "5.0%", "region", "China"),
    ("Jiangsu's urbanization rate reached 75.8%, compared with 67% nationwide.", "67%", "region", "nationwide"),
    ("Fujian's urbanization rate reached 71%, against 63% in Jiangxi.", "63%", "region", "Jiangxi"),
    ("Macau residents made 20 million trips to mainland China, up 18 per cent.", "18 per cent", "region", "Macau"),
    ("Xiong'an New Area in Hebei will house 300,000 people.", "300,000 people", "region", "Xiong'an New Area"),
    ("The Guangzhou-Foshan Circular Line, a 35km railway, opens soon.", "35km", "region", None),
    ("Shenzhen residents cheered the new line, which cuts the journey to about 25 minutes.", "about 25 minutes", "region",
     None),
    ("A poll of workers in Suzhou found that 38 per cent of the 900 respondents drive to work.", "38 per cent",
     "region", None),
    ("Jiangsu's surveyed urban unemployment rate stood at 4.8%.", "4.8%", "region", "Jiangsu"),
    ("The Yangtze River Delta's 27 core cities plus Shanghai produced a combined GDP of 30 trillion yuan.",
     "30 trillion yuan", "region", "Yangtze River Delta"),
    ("Hunan plans new lines that will put 13 cities within a two-hour commute of Changsha.", "two-hour", "region",
     "Changsha"),
    ("Shaanxi lifts hukou curbs\nOfficials said 20 counties had been picked as pilots.", "20 counties", "region",
     "Shaanxi"),
])

# Issue 12, real-text regions in Chinese reports and press conferences: a share of the country's total by a
# set (以全国约3%的国土面积), sets with no name (这5个都市圈, 重点都市圈, a listed set chosen and named again by
# its count), the speaker's 我们, a line named after places the article names only in line names, and a
# part's clause inside a sentence about the province.
SETS_AND_SPEAKERS = cases("sets-and-speakers", [
    ("这5个都市圈以全国约3%的国土面积，集聚了约12%的人口。", "3%", "region", None),
    ("这5个都市圈以全国约3%的国土面积，集聚了约12%的人口。", "12%", "region", None),
    ("长三角以全国不到4%的国土面积，创造了近四分之一的经济总量。", "4%", "region", "长三角"),
    ("上述4个都市圈常住人口合计约9000万人。", "9000万人", "region", None),
    ("南京都市圈GDP达到5万亿元。重点都市圈中心城市至周边城市的通勤时间控制在45分钟以内。", "45分钟", "region", None),
    ("国家发展改革委新闻发布会\n我国现有县级市397个。我们已支持100个县开展试点。", "100个", "region", "我国"),
    ("四川省发展改革委新闻发布会\n我们已支持30个县开展试点。", "30个", "region", "四川省"),
    ("在第二批名单中，河北有定州市、辛集市2个县（市）入选。", "2个", "region", None),
    ("河北有定州市、辛集市2个县（市）入选。今年上半年，2个示范县（市）地区生产总值增长5.5%。", "5.5%", "region", None),
    ("河北有定州市、辛集市2个县（市）入选。今年上半年，2个示范县（市）地区生产总值增长5.5%。", "2个", "region", None),
    ("福建省内已形成福州、厦漳泉2个都市圈。", "2个", "region", "福建省"),
    ("河北交通建设提速\n京津冀城际铁路全长约400公里。", "400公里", "region", "河北"),
    ("广佛同城化提速\n广佛线全长约39.6公里。", "39.6公里", "region", "广佛"),
    ("江西省政府工作报告\n全省经济增长5%左右，南昌都市圈常住人口达到1000万人，城市轨道交通运营里程突破200公里。",
     "200公里", "region", "江西省"),
    ("江西省政府工作报告\n全省经济增长5%左右，南昌都市圈常住人口达到1000万人，增长1.2%。", "1.2%", "region",
     "南昌都市圈"),
])

@pytest.mark.parametrize("text,figure,field,expected", REFERRING_BACK + MEMBERS + KNOWN_PLACES + OWN_PLACES + ROUTES + GROUPS + PROJECTS
                         + DISTRICTS + GROUP_BY_MEMBERS + DIRECTIONS_EN + CARRY_EN
                         + AROUND_AND_APART + OWN_GOVERNMENT + SETS_AND_NAMES + WIRE_PLACES
                         + SETS_AND_SPEAKERS)
def test_the_place_a_word_refers_back_to(text, figure, field, expected):
    assert field_of(text, figure, field) == expected


@pytest.mark.parametrize("text,figure,field,expected", NAMING + TARGET_CHANGE + TARGET_SCOPE + CHANGE_CLASSES + NAMING_CLASSES
                         + PROJECTIONS + CHANGE_WORDS + YEARS + REGIONS + YEARS_STYLES + NAMING_STYLES
                         + NAMING_HO2 + YEARS_HO2 + TABLES_HO2 + COLUMNS + SPEECH_HO2 + HO3)
def test_what_a_figure_means(text, figure, field, expected):
    assert field_of(text, figure, field) == expected
