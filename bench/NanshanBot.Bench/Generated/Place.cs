namespace NanshanBot.Bench.Generated;

/// <summary>
/// A place the generated articles are about, never Nanshan: its names, its city, and the rough size of its
/// economy (GDP in 亿元 in 2024) and population (万人) the figures are drawn around.
/// </summary>
/// <param name="NoGdpFor2025">The knowledge must not answer this place's 2025 GDP: the dev sets ask it as a
/// question the bot has to decline (罗湖区2025年GDP, 福田区2025年GDP), so the articles state other years only.</param>
/// <param name="NoAiCompanies">Likewise for its number of AI companies (罗湖区有多少家人工智能企业).</param>
public sealed record Place(
    string Zh, string ShortZh, string En, string ShortEn, string CityZh, string CityEn, double Gdp, double Population,
    bool NoGdpFor2025 = false, bool NoAiCompanies = false)
{
    public static IReadOnlyList<Place> All { get; } =
    [
        new("福田区", "福田", "Futian District", "Futian", "深圳", "Shenzhen", 6100, 153, NoGdpFor2025: true),
        new("罗湖区", "罗湖", "Luohu District", "Luohu", "深圳", "Shenzhen", 2750, 110, NoGdpFor2025: true, NoAiCompanies: true),
        new("宝安区", "宝安", "Bao'an District", "Bao'an", "深圳", "Shenzhen", 5000, 450),
        new("龙岗区", "龙岗", "Longgang District", "Longgang", "深圳", "Shenzhen", 4900, 400),
        new("龙华区", "龙华", "Longhua District", "Longhua", "深圳", "Shenzhen", 3000, 253),
        new("坪山区", "坪山", "Pingshan District", "Pingshan", "深圳", "Shenzhen", 1050, 55),
        new("光明区", "光明", "Guangming District", "Guangming", "深圳", "Shenzhen", 1500, 115),
        new("盐田区", "盐田", "Yantian District", "Yantian", "深圳", "Shenzhen", 800, 21),
        new("大鹏新区", "大鹏", "Dapeng New Area", "Dapeng", "深圳", "Shenzhen", 450, 16),
        new("天河区", "天河", "Tianhe District", "Tianhe", "广州", "Guangzhou", 6300, 225),
        new("黄埔区", "黄埔", "Huangpu District", "Huangpu", "广州", "Guangzhou", 4300, 128),
        new("滨江区", "滨江", "Binjiang District", "Binjiang", "杭州", "Hangzhou", 2400, 55),
        new("余杭区", "余杭", "Yuhang District", "Yuhang", "杭州", "Hangzhou", 3100, 140),
        new("松山湖高新区", "松山湖", "Songshan Lake Hi-tech Zone", "Songshan Lake", "东莞", "Dongguan", 900, 32),
        new("苏州工业园区", "园区", "Suzhou Industrial Park", "the park", "苏州", "Suzhou", 3700, 115),
        new("徐汇区", "徐汇", "Xuhui District", "Xuhui", "上海", "Shanghai", 2800, 111),
        new("成都高新区", "高新区", "Chengdu Hi-tech Zone", "the zone", "成都", "Chengdu", 3200, 150),
        new("东湖高新区", "光谷", "Wuhan East Lake Hi-tech Zone", "Optics Valley", "武汉", "Wuhan", 2800, 130),
        new("横琴粤澳深度合作区", "横琴", "Hengqin Cooperation Zone", "Hengqin", "珠海", "Zhuhai", 500, 6),
        new("顺德区", "顺德", "Shunde District", "Shunde", "佛山", "Foshan", 4200, 330),
    ];
}
