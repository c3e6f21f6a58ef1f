using System.Security.Cryptography;
using System.Text;

namespace NanshanBot.Channels;

/// <summary>Chat and user ids as logs show them: hashed, so that logs can correlate one chat's messages
/// without storing who the user is.</summary>
public static class ChatIds
{
    public static string Hash(string channel, string id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channel + ":" + id)))[..12];
}
