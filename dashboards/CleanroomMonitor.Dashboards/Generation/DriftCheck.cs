using System.Text;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Compares the committed dashboard files with what the generator produces now, byte for byte: a file
/// that differs, one that is missing, and a <c>.json</c> file no dashboard produces any more are all drift.</summary>
public sealed record DriftCheck(IReadOnlyList<string> Differing, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)
{
    public bool HasDrift => Differing.Count + Missing.Count + Extra.Count > 0;

    public static DriftCheck Run(IReadOnlyList<GeneratedDashboard> dashboards, string directory)
    {
        var differing = new List<string>();
        var missing = new List<string>();
        foreach (var dashboard in dashboards)
        {
            var path = Path.Combine(directory, dashboard.FileName);
            if (!File.Exists(path))
            {
                missing.Add(dashboard.FileName);
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(dashboard.Json)))
            {
                differing.Add(dashboard.FileName);
            }
        }
        var expected = dashboards.Select(d => d.FileName).ToHashSet(StringComparer.Ordinal);
        var extra = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).OfType<string>().Where(f => !expected.Contains(f)).Order(StringComparer.Ordinal).ToList()
            : [];
        return new DriftCheck(differing, missing, extra);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (label, files) in new[] { ("differs", Differing), ("missing", Missing), ("not generated any more", Extra) })
        {
            foreach (var file in files)
            {
                text.Append(file).Append(": ").AppendLine(label);
            }
        }
        return text.ToString();
    }
}
