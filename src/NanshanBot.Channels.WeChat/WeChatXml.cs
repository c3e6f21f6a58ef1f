using System.Text;
using System.Xml;

namespace NanshanBot.Channels.WeChat;

/// <summary>
/// Reads and writes WeChat's flat XML messages. Reading prohibits DTDs and resolves nothing (no XXE, no entity
/// expansion) and caps the document size; a malformed document is a <see cref="XmlException"/>.
/// </summary>
public static class WeChatXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 256 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>The child elements of the root, by name (the last wins).</summary>
    public static Dictionary<string, string> Parse(string xml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new XmlException("No root element.");
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                var name = reader.Name;
                fields[name] = reader.ReadElementContentAsString();
            }
            else
            {
                reader.Read();
            }
        }

        return fields;
    }

    public static string TextReply(string toUser, string fromAccount, long createTime, string content) =>
        new StringBuilder("<xml>")
            .Append("<ToUserName>").Append(CData(toUser)).Append("</ToUserName>")
            .Append("<FromUserName>").Append(CData(fromAccount)).Append("</FromUserName>")
            .Append("<CreateTime>").Append(createTime).Append("</CreateTime>")
            .Append("<MsgType><![CDATA[text]]></MsgType>")
            .Append("<Content>").Append(CData(content)).Append("</Content>")
            .Append("</xml>")
            .ToString();

    public static string EncryptedReply(string encrypt, string signature, string timestamp, string nonce) =>
        $"<xml><Encrypt>{CData(encrypt)}</Encrypt><MsgSignature>{CData(signature)}</MsgSignature><TimeStamp>{timestamp}</TimeStamp><Nonce>{CData(nonce)}</Nonce></xml>";

    /// <summary>A CDATA section; "]]>" inside the text is split across two sections.</summary>
    private static string CData(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
}
