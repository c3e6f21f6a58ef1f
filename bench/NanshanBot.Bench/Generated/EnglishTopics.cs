using static NanshanBot.Bench.Generated.Topic;

namespace NanshanBot.Bench.Generated;

/// <summary>The English paragraphs: the same kinds of figure as <see cref="ChineseTopics"/>, as an English
/// report about another place words them.</summary>
public static class EnglishTopics
{
    public static string Day(DateOnly d) => d.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A year as a report dated in <paramref name="d"/>'s year writes it: last year, this year, or the number.</summary>
    private static string Year(ArticleDraft d, int year) =>
        year == d.Year - 1 && d.Chance(0.5) ? "last year" : year == d.Year && d.Chance(0.5) ? "this year" : $"in {year}";

    private static string Cap(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly string[] Industries = ["New Energy Vehicle", "Biomedicine", "Low-altitude Economy", "Integrated Circuit", "Cross-border E-commerce", "Industrial Software", "Smart Device"];

    /// <summary>Sentences without figures (what officials, analysts and residents said), as real reports have
    /// between their figures.</summary>
    public static IReadOnlyList<Func<ArticleDraft, string>> Narrative { get; } =
    [
        d => $"Officials in {d.Place.ShortEn} said they would keep improving the business environment and help companies along the supply chain work more closely together.",
        d => $"Analysts attribute the result to years of steady investment in research and industrial upgrading, as well as a broader recovery across {d.Place.CityEn}.",
        d => "Residents interviewed said the changes close to home were easy to see, with shorter commutes and simpler paperwork than a few years ago.",
        d => "The district also plans to fill gaps in schools, clinics and public transport so that newcomers settle in more easily.",
        d => $"Experts say competition between districts is shifting from sheer size to quality, and {d.Place.ShortEn} will need to balance growth with structural change.",
    ];

    public static IReadOnlyList<Topic> All { get; } =
    [
        new(d => d.Pick([$"{d.Place.En} economy grows steadily", $"{d.Place.ShortEn} publishes its {d.StatYear} economic figures"]),
            d => $"{Cap(Year(d, d.StatYear))}, {d.Place.En} reported a GDP of {F(d.Gdp(d.StatYear) / 10)} billion yuan, up {F(d.Dec(2, 9))}% year on year.",
            [
                d => $"That year, industrial value added above designated size reached {F(d.Gdp(d.StatYear) * d.Dec(0.2, 0.5) / 10)} billion yuan, growing {F(d.Dec(1, 12))}%.",
                d => $"Strategic emerging industries contributed {F(d.Dec(30, 58))}% of the district's output.",
                d => $"Per capita GDP was about {F(d.Int(120, 450) * 1000)} yuan, ranking {Ordinal(d.Int(2, 8))} among {d.Place.CityEn}'s districts.",
                d => $"Fixed-asset investment came to {F(d.Dec(30, 150))} billion yuan and retail sales of consumer goods to {F(d.Dec(40, 250))} billion yuan.",
                d => $"The district accounts for about {F(d.Dec(3, 20))}% of {d.Place.CityEn}'s economy.",
                d => $"Output per square kilometre was about {F(d.Dec(0.5, 4))} billion yuan.",
                d => d.Place.NoGdpFor2025 ? null : $"In the first quarter of this year, {d.Place.ShortEn}'s GDP grew {F(d.Dec(2, 8))}%, faster than the city as a whole.",
                d => $"Over the five years since {d.StatYear - 5}, when output stood at {F(d.Gdp(d.StatYear - 5) / 10)} billion yuan, the economy grew an average {F(d.Dec(4, 9))}% a year.",
                d => d.Place.CityEn == "Shenzhen" && d.Chance(0.3) ? $"Among Shenzhen's districts, only Nanshan and {d.Neighbour().ShortEn} have a larger economy." : null,
            ]),
        new(d => $"{d.Place.En} population passes {(int)(d.Place.Population / 100 * 10) / 10.0} million",
            d => $"At the end of {d.StatYear}, {d.Place.En} had {F(d.Population(d.StatYear) * 10_000)} permanent residents, {F(d.Int(3000, 60000))} more than a year earlier.",
            [
                d => $"Of them, {F(d.Population(d.StatYear) * d.Dec(0.3, 0.6) * 10_000)} held a local hukou.",
                d => $"The district covers {d.Int(40, 400)} square kilometres, with about {F(d.Int(1500, 20000))} people per square kilometre.",
                d => $"People aged 60 and over made up {F(d.Dec(4, 14))}% of the population.",
                d => $"The district counts some {F(d.Int(5, 60) * 1000)} returned overseas graduates and {F(d.Int(800, 6000))} holders of doctorates.",
                d => $"That year {F(d.Int(3000, 40000))} babies were born and {F(d.Int(2000, 30000))} new public school places were added.",
            ]),
        new(d => $"{d.Place.ShortEn} to open {d.Int(5, 40)} new parks",
            d => $"{d.Place.En} now has {d.Scaled(60)} parks, {d.Int(5, 30)} of them large municipal parks and {d.Scaled(45)} community parks.",
            [
                d => $"{Cap(Year(d, d.StatYear))}, the district built or renovated {d.Int(5, 40)} parks, bringing park green space to {F(d.Int(500, 6000))} hectares.",
                d => $"{d.Park().En} opened on {Day(d.DayBefore())}, covering about {F(d.Dec(5, 120))} hectares with a lakeside trail of {F(d.Dec(1, 9))} kilometres.",
                d => $"Each resident has {F(d.Dec(8, 20))} square metres of park space, and {F(d.Dec(75, 98))}% of homes are within 500 metres of a park.",
                d => $"A spring flower show at {d.Park().En} drew {F(d.Dec(5, 80) * 10_000)} visitors.",
            ]),
        new(d => $"{d.Hospital().En} opens new wing",
            Hospitals,
            [
                d => $"Its hospitals have {F(d.Scaled(3500))} beds, or {F(d.Dec(2, 7))} beds per thousand residents.",
                d => $"Work on the second phase of {d.Hospital().En} began in {d.Year - 1} and will add {F(d.Int(300, 1500))} beds.",
                d => $"{Cap(Year(d, d.StatYear))}, the district's medical institutions handled {F(d.Int(5, 40))} million patient visits.",
                d => $"There are {d.Scaled(25)} community health centres, and {F(d.Dec(30, 80))}% of residents have signed up with a family doctor.",
            ]),
        new(d => $"{d.Company().En} moves its headquarters to {d.Place.ShortEn}",
            d => $"{d.Place.En} is home to {F(d.Scaled(900))} national high-tech enterprises and {d.Int(10, 160)} listed companies.",
            [
                d => Founded(d),
                d => $"{d.Company().En} had revenue of {F(d.Dec(0.5, 90))} billion yuan {Year(d, d.StatYear)}, up {F(d.Dec(-5, 40))}%.",
                d => d.Place.NoAiCompanies ? null : $"The district has {F(d.Int(100, 2500))} artificial intelligence companies, {d.Int(30, 900)} of them above designated size.",
                d => $"{F(d.Dec(1, 9) * 10_000)} new businesses registered {Year(d, d.Year)}, bringing the total to {F(d.Dec(15, 90) * 10_000)}.",
                d => $"{d.Company().En} said it would set up a regional headquarters in {d.Place.ShortEn}, investing {F(d.Dec(0.2, 12))} billion yuan.",
            ]),
        new(d => $"{d.Place.ShortEn} International {d.Pick(Industries)} Expo opens",
            d => $"The {Ordinal(d.Int(2, 20))} {d.Place.ShortEn} International {d.Pick(Industries)} Expo opened on {Day(d.DayBefore())} at the {d.Place.ShortEn} Convention Center and ran for {d.Int(2, 5)} days.",
            [
                d => $"It drew {F(d.Int(20, 600) * 1000)} visitors and {F(d.Int(100, 1800))} exhibitors.",
                d => $"Deals for {d.Int(10, 150)} projects worth {F(d.Dec(2, 90))} billion yuan were signed during the fair.",
                d => $"The expo was first held in {d.Year - d.Int(3, 15)}.",
                d => $"The {d.Place.ShortEn} Marathon follows on {Day(d.DayAfter())}, with about {F(d.Int(8000, 30000))} runners expected.",
            ]),
        new(d => $"{d.Place.En} speeds up major projects",
            d => $"{Cap(Year(d, d.Year))}, {d.Place.En} lined up {d.Int(80, 600)} major projects with planned investment of {F(d.Dec(20, 150))} billion yuan.",
            [
                d => $"The largest, the {d.Place.ShortEn} {d.Pick(Industries)} Industrial Park, costing {F(d.Dec(2, 30))} billion yuan, is due to be finished in {d.Year + d.Int(1, 3)}.",
                d => $"By the end of {Month(d.Int(3, 11))}, {F(d.Dec(40, 95))}% of the year's planned investment had been completed.",
                d => $"A metro extension linking {d.Place.ShortEn} with {d.Neighbour().ShortEn} is expected to open in {d.Year + d.Int(1, 4)}.",
            ]),
        new(d => $"{d.Place.En} climbs the national ranking of districts",
            d => $"In the {d.StatYear} ranking of China's top 100 districts, {d.Place.En} came {Ordinal(d.Int(2, 60))}, up {d.Int(1, 9)} places.",
            [
                d => $"Its GDP passed {d.Milestone(d.StatYear) / 10} billion yuan for the first time, making it the {Ordinal(d.Int(4, 40))} district in China to do so.",
                d => $"{d.Place.ShortEn} and {d.Neighbour().ShortEn} are both among the country's top {d.Pick([10, 20, 30])} districts by output.",
                d => d.Place.NoGdpFor2025 ? null : $"District head {d.Person().En} said the district would aim for growth of around {F(d.Dec(4, 8))}% next year.",
            ]),
    ];

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Month(int month) => new DateOnly(2000, month, 1).ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hospitals(ArticleDraft d)
    {
        var hospitals = d.Scaled(12);
        return $"{d.Place.En} has {hospitals} hospitals, {d.Int(1, 1 + (hospitals / 3))} of them top-grade (Grade 3A), and {F(d.Scaled(400))} health institutions in all.";
    }

    private static string Founded(ArticleDraft d)
    {
        var (company, founder) = (d.Company().En, d.Person().En);
        return $"{company}, founded by {founder} in {d.Int(1995, d.Year - 1)}, is headquartered in {d.Place.ShortEn} and employs about {F(d.Int(200, 20000))} people.";
    }
}
