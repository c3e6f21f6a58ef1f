using static NanshanBot.Bench.Generated.Topic;

namespace NanshanBot.Bench.Generated;

/// <summary>The Chinese paragraphs: the kinds of figure users ask about Nanshan, about another place.</summary>
public static class ChineseTopics
{
    public static string Day(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>A year as a report dated in <paramref name="d"/>'s year writes it: 去年, 今年, or the number.</summary>
    private static string Year(ArticleDraft d, int year) =>
        year == d.Year - 1 && d.Chance(0.5) ? "去年" : year == d.Year && d.Chance(0.5) ? "今年" : $"{year}年";

    private static readonly string[] Industries = ["新能源汽车", "生物医药", "低空经济", "集成电路", "跨境电商", "工业软件", "智能终端", "海洋经济", "绿色建筑"];

    /// <summary>Sentences without figures (what officials, experts and residents said), as real reports have
    /// between their figures.</summary>
    public static IReadOnlyList<Func<ArticleDraft, string>> Narrative { get; } =
    [
        d => $"{d.Place.Zh}相关负责人表示，下一步将继续优化营商环境，推动产业链上下游协同发展，为企业提供更加精准的服务。",
        d => $"业内人士认为，这一成绩得益于{d.Place.ShortZh}近年来在科技创新和产业升级方面的持续投入，也与{d.Place.CityZh}整体经济回暖密切相关。",
        d => $"据介绍，{d.Place.ShortZh}将进一步完善配套设施，加快补齐教育、医疗和交通等民生短板，让居民有更多获得感。",
        d => "不少市民在接受采访时表示，近几年家门口的变化看得见、摸得着，出行和办事都比以前方便了许多。",
        d => "记者在现场看到，不少企业负责人和市民早早赶来，现场秩序井然，工作人员耐心引导。",
        d => $"专家指出，区域之间的竞争正从拼规模转向拼质量，{d.Place.ShortZh}需要在稳增长的同时更加注重结构优化。",
    ];

    public static IReadOnlyList<Topic> All { get; } =
    [
        new(d => d.Pick([$"{d.Place.Zh}经济运行稳中有进", $"{d.Place.ShortZh}发布{d.StatYear}年经济数据", $"{d.Place.Zh}GDP增速领跑{d.Place.CityZh}"]),
            d => $"{Year(d, d.StatYear)}，{d.Place.Zh}实现地区生产总值{Z(d.Gdp(d.StatYear))}亿元，同比增长{Z(d.Dec(2, 9))}%。",
            [
                d => $"当年，全区规模以上工业增加值{Z(d.Gdp(d.StatYear) * d.Dec(0.2, 0.5))}亿元，增长{Z(d.Dec(1, 12))}%。",
                d => $"其中，战略性新兴产业增加值占GDP比重达到{Z(d.Dec(30, 58))}%。",
                d => $"按常住人口计算，{d.Place.ShortZh}人均GDP约{Z(d.Dec(12, 45))}万元，在{d.Place.CityZh}各区中排名第{d.Int(2, 8)}。",
                d => $"全年固定资产投资{Z(d.Dec(300, 1500))}亿元，社会消费品零售总额{Z(d.Dec(400, 2500))}亿元。",
                d => $"{d.Place.Zh}经济总量约占{d.Place.CityZh}全市的{Z(d.Dec(3, 20))}%，比上年提高{Z(d.Dec(0.1, 1.5))}个百分点。",
                d => $"单位面积GDP约为{Z(d.Dec(5, 40))}亿元每平方公里。",
                d => $"{d.Place.Zh}区级一般公共预算收入{Z(d.Dec(60, 400))}亿元，税收总额{Z(d.Dec(300, 1500))}亿元。",
                d => d.Place.NoGdpFor2025 ? null : $"今年一季度，{d.Place.ShortZh}GDP同比增长{Z(d.Dec(2, 8))}%，高于全市平均水平。",
                d => $"从{d.StatYear - 5}年的{Z(d.Gdp(d.StatYear - 5))}亿元算起，{d.Place.ShortZh}五年间GDP年均增长{Z(d.Dec(4, 9))}%。",
                d => d.Place.CityZh == "深圳" && d.Chance(0.3) ? $"{d.Place.Zh}经济总量在全市各区中仅次于南山区和{d.Neighbour().Zh}。" : null,
            ]),
        new(d => d.Pick([$"{d.Place.Zh}常住人口突破{(int)d.Place.Population}万", $"{d.Place.ShortZh}发布{d.StatYear}年人口数据"]),
            d => $"截至{d.StatYear}年末，{d.Place.Zh}常住人口{Z(d.Population(d.StatYear))}万人，比上年末增加{Z(d.Dec(0.3, 6))}万人。",
            [
                d => $"其中户籍人口{Z(d.Population(d.StatYear) * d.Dec(0.3, 0.6))}万人。",
                d => $"全区面积{d.Int(40, 400)}平方公里，人口密度约为每平方公里{d.Int(1500, 20000)}人。",
                d => $"常住人口中，15至59岁人口占{Z(d.Dec(65, 82))}%，60岁及以上人口占{Z(d.Dec(4, 14))}%。",
                d => $"{d.Place.ShortZh}现有各类人才{Z(d.Dec(20, 90))}万人，其中海归人才约{Z(d.Dec(0.5, 6))}万人，博士{d.Int(800, 6000)}人。",
                d => $"当年全区出生人口{d.Int(3000, 40000)}人，新增公办学位{d.Int(2000, 30000)}个。",
                d => $"{Year(d, d.Year)}，{d.Place.Zh}新引进各类人才{d.Int(5000, 60000)}人，发放人才住房{d.Int(500, 8000)}套。",
            ]),
        new(d => d.Pick([$"{d.Place.Zh}公园城市建设提速", $"{d.Place.ShortZh}今年新增{d.Int(5, 40)}个公园"]),
            d => $"{d.Place.Zh}现有各类公园{d.Scaled(60)}个，其中综合公园{d.Int(5, 30)}个、社区公园{d.Scaled(45)}个。",
            [
                d => $"{Year(d, d.StatYear)}，{d.Place.ShortZh}新建、改造公园{d.Int(5, 40)}个，公园绿地面积达到{d.Int(500, 6000)}公顷。",
                d => $"{d.Park().Zh}于{Day(d.DayBefore())}正式开园，占地约{Z(d.Dec(5, 120))}公顷，环湖步道长{Z(d.Dec(1, 9))}公里。",
                d => $"全区人均公园绿地面积{Z(d.Dec(8, 20))}平方米，公园500米服务半径覆盖率{Z(d.Dec(75, 98))}%。",
                d => $"{Year(d, d.Year)}{d.Place.ShortZh}计划再建成{d.Int(5, 30)}个口袋公园，并贯通绿道{d.Int(10, 120)}公里。",
                d => $"{d.Park().Zh}{d.Int(2, 5)}月举办的花展吸引游客{Z(d.Dec(5, 80))}万人次。",
            ]),
        new(d => d.Pick([$"{d.Place.Zh}医疗资源扩容", $"{d.Hospital().Zh}新院区开诊"]),
            Hospitals,
            [
                d => $"全区医院实有病床{d.Scaled(3500)}张，每千人口床位数{Z(d.Dec(2, 7))}张。",
                d => $"{d.Hospital().Zh}二期工程于{d.Year - 1}年{d.Int(1, 12)}月动工，建成后将新增床位{d.Int(300, 1500)}张。",
                d => $"{Year(d, d.StatYear)}，全区医疗机构总诊疗量{d.Int(500, 4000)}万人次，同比增长{Z(d.Dec(1, 15))}%。",
                d => $"{d.Place.ShortZh}社区健康服务中心达到{d.Scaled(25)}家，家庭医生签约率{Z(d.Dec(30, 80))}%。",
                d => $"{Year(d, d.Year)}，{d.Place.Zh}引进高层次医学团队{d.Int(3, 40)}个。",
            ]),
        new(d => $"{d.Company().Zh}总部落户{d.Place.Zh}",
            d => $"{d.Place.Zh}现有国家高新技术企业{d.Scaled(900)}家，境内外上市公司{d.Int(10, 160)}家。",
            [
                d => Founded(d),
                d => $"{d.Company().Zh}{Year(d, d.StatYear)}营收{Z(d.Dec(5, 900))}亿元，同比增长{Z(d.Dec(-5, 40))}%，研发投入占营收的{Z(d.Dec(3, 25))}%。",
                d => d.Place.NoAiCompanies ? null : $"{d.Place.ShortZh}人工智能企业{d.Int(100, 2500)}家，其中规上企业{d.Int(30, 900)}家。",
                d => d.Place.NoAiCompanies ? null : $"全区机器人整机企业{d.Int(3, 30)}家，产业链上下游企业超过{d.Int(50, 800)}家。",
                d => $"{Year(d, d.Year)}以来，{d.Place.ShortZh}新增经营主体{Z(d.Dec(1, 9))}万户，累计达到{Z(d.Dec(15, 90))}万户。",
                d => $"{d.Company().Zh}宣布在{d.Place.Zh}设立区域总部，计划投资{Z(d.Dec(2, 120))}亿元。",
            ]),
        new(d => d.Pick([$"{d.Place.ShortZh}国际{d.Pick(Industries)}博览会开幕", $"{d.Place.Zh}马拉松鸣枪开跑"]),
            d => $"{Day(d.DayBefore())}，第{d.Int(2, 20)}届{d.Place.ShortZh}国际{d.Pick(Industries)}博览会在{d.Place.Zh}会展中心开幕，为期{d.Int(2, 5)}天。",
            [
                d => $"本届展会吸引{Z(d.Dec(2, 60))}万人次参观，共有{d.Int(100, 1800)}家企业参展。",
                d => $"展会期间共签约项目{d.Int(10, 150)}个，意向投资额{Z(d.Dec(20, 900))}亿元。",
                d => $"该展会首届于{d.Year - d.Int(3, 15)}年举办，由{d.Place.CityZh}市政府和行业协会共同主办。",
                d => $"{Day(d.DayAfter())}，{d.Place.Zh}还将举办{d.Place.ShortZh}马拉松，预计参赛选手{d.Int(8000, 30000)}人。",
                d => $"{d.Company().Zh}在展会上发布了新一代{d.Pick(Industries)}产品。",
            ]),
        new(d => $"{d.Place.Zh}重大项目建设加速",
            d => $"{Year(d, d.Year)}，{d.Place.Zh}安排重大项目{d.Int(80, 600)}个，年度计划投资{Z(d.Dec(200, 1500))}亿元。",
            [
                d => $"其中，{d.Place.ShortZh}{d.Pick(Industries)}产业园总投资{Z(d.Dec(20, 300))}亿元，预计{d.Year + d.Int(1, 3)}年竣工。",
                d => $"截至{d.Int(3, 11)}月底，重大项目完成投资{Z(d.Dec(80, 900))}亿元，完成年度计划的{Z(d.Dec(40, 95))}%。",
                d => $"当年新开工项目{d.Int(20, 200)}个，新增产业空间{d.Int(50, 800)}万平方米。",
                d => $"连接{d.Place.ShortZh}和{d.Neighbour().ShortZh}的地铁延长线预计{d.Year + d.Int(1, 4)}年通车。",
            ]),
        new(d => $"{d.Place.Zh}跻身全国百强区前列",
            d => $"在{d.StatYear}年全国综合实力百强区榜单中，{d.Place.Zh}位列第{d.Int(2, 60)}位，比上年上升{d.Int(1, 9)}位。",
            [
                d => $"{d.Place.Zh}GDP首次突破{d.Milestone(d.StatYear)}亿元，成为全国第{d.Int(4, 40)}个迈过这一台阶的城区。",
                d => $"在{d.Place.CityZh}各区高质量发展评价中，{d.Place.ShortZh}排名第{d.Int(2, 9)}。",
                d => $"{d.Place.Zh}与{d.Neighbour().Zh}一同进入全国经济百强区前{d.Pick([10, 20, 30])}名。",
                d => d.Place.NoGdpFor2025 ? null : $"{d.Place.ShortZh}区长{d.Person().Zh}表示，{d.Year + 1}年全区GDP力争增长{Z(d.Dec(4, 8))}%左右。",
            ]),
    ];

    private static string Hospitals(ArticleDraft d)
    {
        var hospitals = d.Scaled(12);
        return $"{d.Place.Zh}共有医疗卫生机构{d.Scaled(400)}家，其中医院{hospitals}家、三甲医院{d.Int(1, 1 + (hospitals / 3))}家。";
    }

    private static string Founded(ArticleDraft d)
    {
        var (company, founder) = (d.Company().Zh, d.Person().Zh);
        return $"{company}由{founder}于{d.Int(1995, d.Year - 1)}年创立，总部位于{d.Place.Zh}，员工约{d.Int(200, 20000)}人，主营{d.Pick(Industries)}。";
    }
}
