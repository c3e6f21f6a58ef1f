namespace NanshanBot.Bench.Generated;

/// <summary>
/// The random choices of one article: its place and date, and figures drawn around the place's size so that
/// a district's GDP, population and parks look like a district's (and like what users ask about Nanshan).
/// Everything comes from the one seeded <see cref="Random"/>, so that a seed gives the same articles.
/// </summary>
public sealed class ArticleDraft(Random random, Place place, DateOnly date)
{
    private static readonly (string Zh, string En)[] Syllables =
    [
        ("星", "Xing"), ("云", "Yun"), ("启", "Qi"), ("瀚", "Han"), ("铭", "Ming"), ("拓", "Tuo"), ("微", "Wei"),
        ("智", "Zhi"), ("澜", "Lan"), ("芯", "Xin"), ("锐", "Rui"), ("航", "Hang"), ("元", "Yuan"), ("泰", "Tai"),
        ("川", "Chuan"), ("极", "Ji"), ("晟", "Sheng"), ("朗", "Lang"), ("度", "Du"), ("衡", "Heng"),
    ];

    private static readonly (string Zh, string En)[] Surnames =
        [("陈", "Chen"), ("李", "Li"), ("王", "Wang"), ("张", "Zhang"), ("刘", "Liu"), ("周", "Zhou"), ("吴", "Wu"), ("许", "Xu"), ("何", "He"), ("郑", "Zheng"), ("梁", "Liang"), ("罗", "Luo")];

    private static readonly (string Zh, string En)[] GivenNames =
        [("建华", "Jianhua"), ("志强", "Zhiqiang"), ("晓明", "Xiaoming"), ("丽娟", "Lijuan"), ("海涛", "Haitao"), ("文博", "Wenbo"), ("思远", "Siyuan"), ("嘉怡", "Jiayi"), ("国栋", "Guodong"), ("雅琴", "Yaqin")];

    public Place Place => place;

    public DateOnly Date => date;

    public int Year => date.Year;

    /// <summary>The year the article's annual figures are for: last year, except where the dev sets need a
    /// place's 2025 GDP to stay unknown.</summary>
    public int StatYear => place.NoGdpFor2025 && Year - 1 == 2025 ? 2024 : Year - 1;

    public int Int(int min, int max) => random.Next(min, max + 1);

    public double Dec(double min, double max) => Math.Round(min + (random.NextDouble() * (max - min)), 1);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];

    /// <summary>Distinct items of <paramref name="list"/> in random order.</summary>
    public List<T> Some<T>(IReadOnlyList<T> list, int count) => list.OrderBy(_ => random.Next()).Take(count).ToList();

    /// <summary>GDP in 亿元 for a year, around the place's size, growing about 5.5% a year.</summary>
    public double Gdp(int year) => Math.Round(place.Gdp * Math.Pow(1.055, year - 2024) * (0.96 + (0.08 * random.NextDouble())), 1);

    /// <summary>Resident population in 万人 for a year.</summary>
    public double Population(int year) => Math.Round(place.Population * Math.Pow(1.015, year - 2024) * (0.97 + (0.06 * random.NextDouble())), 2);

    /// <summary>A count that scales with the place's population (parks, schools, hospitals).</summary>
    public int Scaled(int perMillion) => Math.Max(1, (int)(place.Population / 100 * perMillion * (0.7 + (0.6 * random.NextDouble()))));

    /// <summary>A day in the months before the article (an event it reports).</summary>
    public DateOnly DayBefore() => date.AddDays(-Int(1, 150));

    /// <summary>A day in the months after the article (an event it announces).</summary>
    public DateOnly DayAfter() => date.AddDays(Int(7, 150));

    /// <summary>The highest round figure (亿元) a GDP has passed, for "first passed" sentences.</summary>
    public int Milestone(int year) => new[] { 10000, 5000, 3000, 2000, 1000, 500, 300 }.First(m => m <= Gdp(year) || m == 300);

    /// <summary>An invented company name, e.g. 星澜科技 / Xinglan Technology.</summary>
    public (string Zh, string En) Company()
    {
        var (a, b) = (Pick(Syllables), Pick(Syllables));
        var (zh, en) = Pick<(string, string)>([("科技", "Technology"), ("智能", "Intelligence"), ("生物", "Biotech"), ("半导体", "Semiconductor"), ("新能源", "New Energy"), ("机器人", "Robotics")]);
        return ($"{a.Zh}{b.Zh}{zh}", $"{a.En}{b.En.ToLowerInvariant()} {en}");
    }

    public (string Zh, string En) Person()
    {
        var (surname, given) = (Pick(Surnames), Pick(GivenNames));
        return (surname.Zh + given.Zh, $"{surname.En} {given.En}");
    }

    /// <summary>An invented park, e.g. 福田云澜公园 / Yunlan Park.</summary>
    public (string Zh, string En) Park()
    {
        var (a, b) = (Pick(Syllables), Pick(Syllables));
        return ($"{place.ShortZh}{a.Zh}{b.Zh}公园", $"{a.En}{b.En.ToLowerInvariant()} Park");
    }

    public (string Zh, string En) Hospital() => Pick<(string, string)>(
    [
        ($"{place.ShortZh}区人民医院", $"{place.ShortEn} People's Hospital"),
        ($"{place.ShortZh}中医院", $"{place.ShortEn} Hospital of Traditional Chinese Medicine"),
        ($"{place.CityZh}市第{Int(2, 9)}人民医院{place.ShortZh}院区", $"the {place.ShortEn} campus of {place.CityEn} No. {Int(2, 9)} People's Hospital"),
        ($"{place.ShortZh}妇幼保健院", $"{place.ShortEn} Maternal and Child Health Hospital"),
    ]);

    /// <summary>Another place of the same city (or any other place), for comparisons and rankings.</summary>
    public Place Neighbour() =>
        Pick(Place.All.Where(p => p != place && p.CityZh == place.CityZh).DefaultIfEmpty(Pick(Place.All.Where(p => p != place).ToList())).ToList());
}
