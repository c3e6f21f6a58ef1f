using System.Net;
using System.Net.Sockets;

namespace NanshanBot.Curation.Import;

/// <summary>
/// Which addresses a page may be fetched from: never loopback, private, link-local, carrier-grade NAT, multicast
/// or reserved ranges (a page, or a redirect, pointing the server at its own network), unless the request says
/// otherwise. Checked where the connection is made, on the addresses actually dialled, so that a name resolving
/// to a public address for a check and a private one for the connection cannot get through.
/// </summary>
public static class AddressPolicy
{
    /// <summary>Set on a request to allow private addresses for it.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivate = new("nanshanbot.allow-private");

    private static readonly IPNetwork[] NotPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3", "::/127", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96",
        }.Select(IPNetwork.Parse),
    ];

    public static bool IsPrivate(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return NotPublic.Any(n => n.BaseAddress.AddressFamily == plain.AddressFamily && n.Contains(plain));
    }

    /// <summary>The handler of the page client: no automatic redirects (each is checked), no cookies, and no proxy
    /// (through one, the address checked would be the proxy's, not the page's).</summary>
    public static SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allow = context.InitialRequestMessage.Options.TryGetValue(AllowPrivate, out var allowed) && allowed;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = addresses.Where(a => allow || !IsPrivate(a)).ToList();
        if (usable.Count == 0)
        {
            throw new CurationRefusedException($"{host} is on a private network or this machine ({string.Join(", ", addresses.Select(a => a.ToString()))}); only public addresses are fetched");
        }

        SocketException? last = null;
        foreach (var address in usable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
