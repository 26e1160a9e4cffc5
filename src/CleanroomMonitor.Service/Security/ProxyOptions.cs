using System.Net;

namespace CleanroomMonitor.Service.Security;

/// <summary>The reverse proxy in front of the service (section <c>Proxy</c>; deploy/README.md puts one there to
/// terminate TLS). Its <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from these addresses, so
/// the session cookie is marked <c>Secure</c> when the browser's request was https and nobody else can claim it was.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>IP addresses of the trusted proxies. Empty: loopback only (127.0.0.0/8 and ::1), the proxy on the same host.
    /// A non-empty list replaces loopback (add 127.0.0.1 again to keep it).</summary>
    /// <value>Default: empty (loopback).</value>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>The configured addresses, or null when one is not an IP address (start-up is refused then).</summary>
    public IReadOnlyList<IPAddress>? Parsed()
    {
        var parsed = new List<IPAddress>();
        foreach (var text in KnownProxies)
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                return null;
            }
            parsed.Add(address);
        }
        return parsed;
    }
}
