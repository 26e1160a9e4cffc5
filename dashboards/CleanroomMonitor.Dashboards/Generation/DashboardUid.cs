using System.Security.Cryptography;
using System.Text;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Stable dashboard uids from the site and room ids, so a re-publish or re-provision updates the same
/// dashboard. Grafana limits a uid to 40 characters; ids are up to 63, so a long uid keeps a readable prefix and
/// ends with a hash of the whole name, which keeps it unique and the same on every run.</summary>
public static class DashboardUid
{
    public const int MaxLength = 40;
    private const int HashLength = 10;

    public static string Overview(string siteId) => Make($"cm-{siteId}-overview");

    public static string Room(string siteId, string roomId) => Make($"cm-{siteId}-room-{roomId}");

    /// <summary>A folder uid from its title: lowercase letters, digits and dashes, at most 40 characters.</summary>
    public static string Folder(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return Make("cm-folder-" + slug.ToString().Trim('-'));
    }

    private static string Make(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..HashLength];
        return name[..(MaxLength - HashLength - 1)].TrimEnd('-') + "-" + hash;
    }
}
