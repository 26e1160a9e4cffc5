using System.Globalization;
using System.Text;
using CleanroomMonitor.Mqtt.Sparkplug;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

/// <summary>Golden payloads: <c>Golden/&lt;case&gt;.hex</c> holds bytes written by hand from the wire format (annotated,
/// '#' comments), <c>&lt;case&gt;.txt</c> what the decoder must make of them (<see cref="Describe"/>), or <c>error</c>.</summary>
internal static class SparkplugGolden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Sparkplug", "Golden");

    public static IEnumerable<string> Cases() =>
        System.IO.Directory.GetFiles(Directory, "*.hex").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static byte[] Bytes(string name) =>
        Convert.FromHexString(string.Concat(File.ReadLines(Path.Combine(Directory, name + ".hex"))
            .Select(line => line.Split('#')[0].Replace(" ", string.Empty, StringComparison.Ordinal))));

    public static string Expected(string name) => File.ReadAllText(Path.Combine(Directory, name + ".txt")).ReplaceLineEndings("\n").TrimEnd();

    public static string Describe(SparkplugPayload payload)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"payload timestamp={Show(payload.Timestamp)} seq={Show(payload.Seq)} uuid={payload.Uuid ?? "-"}");
        foreach (var m in payload.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nmetric name={m.Name ?? "-"} alias={Show(m.Alias)} timestamp={Show(m.Timestamp)} datatype={m.DataType?.ToString() ?? "-"} ")
                .Append(CultureInfo.InvariantCulture, $"historical={Flag(m.IsHistorical)} transient={Flag(m.IsTransient)} null={Flag(m.IsNull)} value={Show(m.Value)}");
        }
        return text.ToString();
    }

    private static string Show(ulong? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Show(SparkplugValue value) => value.Kind switch
    {
        SparkplugValueKind.Int or SparkplugValueKind.Long => $"{value.Kind}:{value.Bits.ToString(CultureInfo.InvariantCulture)}",
        SparkplugValueKind.Float or SparkplugValueKind.Double => $"{value.Kind}:{value.Real.ToString("R", CultureInfo.InvariantCulture)}",
        SparkplugValueKind.Boolean => $"Boolean:{Flag(value.Boolean)}",
        SparkplugValueKind.String => $"String:{value.Text}",
        _ => value.Kind.ToString(),
    };
}
