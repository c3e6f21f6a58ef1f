using System.Text.RegularExpressions;
using NanshanBot.Knowledge.Model;

namespace NanshanBot.Knowledge.Loading;

/// <summary>The parts of bot.kb that channels act on rather than say: the <c>[menu]</c> list, the command menu's
/// descriptions, and the placeholder of <c>heard_zh</c>/<c>heard_en</c>.</summary>
internal sealed partial class BlockReader
{
    /// <summary>Telegram's limit for a command's description.</summary>
    private const int MaxCommandDescription = 256;

    private static readonly string MenuCommands = string.Join(", ", Enum.GetValues<MenuAction>().Skip(1).Select(a => "/" + a.ToString().ToLowerInvariant()));

    /// <summary>The <c>[menu]</c> list: every line <c>key: 中文问题 | English question</c> or <c>key: /command</c>.
    /// A malformed line is reported at its line and left out.</summary>
    public IReadOnlyDictionary<string, MenuItem> ReadMenu(Block b)
    {
        CheckFields(b, allowed: null);
        var menu = new Dictionary<string, MenuItem>(StringComparer.Ordinal);
        foreach (var (key, field) in b.Fields)
        {
            if (!MenuKeyPattern().IsMatch(key))
            {
                errors.Add(new(b.File, field.Line, $"menu key '{key}' must be 1-64 letters, digits, '-' or '_': a WeChat menu button and a Telegram start link carry it"));
            }
            else if (MenuItemOf(key, field.Value) is { } item)
            {
                menu[key] = item;
            }
            else
            {
                errors.Add(new(b.File, field.Line, MenuProblem(key, field.Value)));
            }
        }

        return menu;
    }

    private static MenuItem? MenuItemOf(string key, string value)
    {
        if (value.StartsWith('/'))
        {
            return Enum.TryParse<MenuAction>(value[1..], ignoreCase: true, out var action) && action != MenuAction.Ask && value[1..].All(char.IsAsciiLetter)
                ? new MenuItem(key, action)
                : null;
        }

        var parts = value.Split('|', StringSplitOptions.TrimEntries);
        return parts is [{ Length: > 0 } zh, { Length: > 0 } en] && HasChinese(zh) && !HasChinese(en) && en.Any(char.IsAsciiLetter)
            ? new MenuItem(key, MenuAction.Ask, zh, en)
            : null;
    }

    private static string MenuProblem(string key, string value) => value.StartsWith('/')
        ? $"menu '{key}': '{Shorten(value)}' is not a command a menu can run ({MenuCommands})"
        : $"menu '{key}' must be 'Chinese question | English question' (Chinese first) or a command ({MenuCommands}); found '{Shorten(value)}'";

    /// <summary>The command menu's descriptions; null (with the problems reported) when one is missing or too long.</summary>
    private List<CommandDescription>? Commands(Block b)
    {
        var commands = new List<CommandDescription>();
        foreach (var name in Enum.GetValues<BotCommandName>())
        {
            var field = CommandDescription.Field(name);
            if (Required(b, field + "_zh") is { } zh && Required(b, field + "_en") is { } en && FitsCommandMenu(b, field, zh, en))
            {
                commands.Add(new CommandDescription(name, zh, en));
            }
        }

        return commands.Count == Enum.GetValues<BotCommandName>().Length ? commands : null;
    }

    private bool FitsCommandMenu(Block b, string field, string zh, string en)
    {
        foreach (var (suffix, text) in new[] { ("_zh", zh), ("_en", en) })
        {
            if (text.Length > MaxCommandDescription)
            {
                Error(b, field + suffix, $"'{field}{suffix}:' is {text.Length} characters; a command menu shows at most {MaxCommandDescription}");
                return false;
            }
        }

        return true;
    }

    /// <summary>heard_zh and heard_en must say where the recognised words go.</summary>
    private void CheckHeard(Block b)
    {
        foreach (var suffix in new[] { "_zh", "_en" })
        {
            var key = NoticeFields.Key(Notice.Heard) + suffix;
            if (Optional(b, key) is { } text && !text.Contains(BotTexts.HeardPlaceholder, StringComparison.Ordinal))
            {
                Error(b, key, $"'{key}:' must say where the words heard go, as {BotTexts.HeardPlaceholder} (你问的是：{BotTexts.HeardPlaceholder})");
            }
        }
    }

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf');

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex MenuKeyPattern();
}
