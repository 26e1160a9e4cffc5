using System.Text.Json.Nodes;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>What differs between a generated dashboard and the one Grafana holds: each top-level key that differs,
/// and for <c>panels</c> the titles of panels added, removed or changed. Keys Grafana adds itself (<c>id</c>,
/// <c>version</c>) and keys the generator does not write are ignored.</summary>
public static class DashboardDiff
{
    public static IReadOnlyList<string> Compare(JsonObject generated, JsonObject stored, string? storedFolderUid, string folderUid)
    {
        var differences = new List<string>();
        if (storedFolderUid != folderUid)
        {
            differences.Add($"folder {storedFolderUid ?? "General"} → {folderUid}");
        }
        foreach (var (key, value) in generated)
        {
            if (JsonNode.DeepEquals(value, stored[key]))
            {
                continue;
            }
            differences.Add(key == "panels" && value is JsonArray ours && stored[key] is JsonArray theirs ? Panels(ours, theirs) : key);
        }
        return differences;
    }

    private static string Panels(JsonArray ours, JsonArray theirs)
    {
        static Dictionary<string, JsonNode?> ByTitle(JsonArray panels) =>
            panels.GroupBy(p => p?["title"]?.ToString() ?? "").ToDictionary(g => g.Key, g => g.First());
        var mine = ByTitle(ours);
        var stored = ByTitle(theirs);
        var parts = new List<string>();
        var added = mine.Keys.Where(t => !stored.ContainsKey(t)).ToList();
        var removed = stored.Keys.Where(t => !mine.ContainsKey(t)).ToList();
        var changed = mine.Keys.Where(t => stored.TryGetValue(t, out var s) && !JsonNode.DeepEquals(mine[t], s)).ToList();
        if (added.Count > 0)
        {
            parts.Add("panels added: " + string.Join(", ", added));
        }
        if (removed.Count > 0)
        {
            parts.Add("panels removed: " + string.Join(", ", removed));
        }
        if (changed.Count > 0)
        {
            parts.Add("panels changed: " + string.Join(", ", changed));
        }
        return parts.Count == 0 ? "panels (order)" : string.Join("; ", parts);
    }
}
