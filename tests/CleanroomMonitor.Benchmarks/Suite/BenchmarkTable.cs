using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The suite's results: printed as a table, written as JSON and CSV for the record.</summary>
internal sealed class BenchmarkTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly List<Row> _rows = [];

    /// <param name="Target">The issue's target in words ("≥ 45,000"), or empty when the figure is context.</param>
    /// <param name="Met">Whether the target is met; null when there is none.</param>
    public sealed record Row(string Measure, double Value, string Unit, string Target, bool? Met, string Note);

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(string measure, double value, string unit, string target = "", bool? met = null, string note = "")
    {
        _rows.Add(new Row(measure, value, unit, target, met, note));
        Console.WriteLine(Format(_rows[^1]));
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"measure",-46} {"value",14} {"unit",-14} {"target",-12} {"",-6} note");
        output.WriteLine(new string('-', 120));
        foreach (var row in _rows)
        {
            output.WriteLine(Format(row));
        }
    }

    public async Task WriteAsync(string folder, IReadOnlyDictionary<string, string> context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new { context, rows = _rows }, Json);
        await File.WriteAllTextAsync(Path.Combine(folder, $"suite-{stamp}.json"), json, cancellationToken);
        var csv = new StringBuilder("measure,value,unit,target,met,note\n");
        foreach (var row in _rows)
        {
            csv.AppendJoin(',', Quote(row.Measure), row.Value.ToString("R", CultureInfo.InvariantCulture), Quote(row.Unit), Quote(row.Target),
                row.Met switch { true => "yes", false => "no", null => "" }, Quote(row.Note)).Append('\n');
        }
        await File.WriteAllTextAsync(Path.Combine(folder, $"suite-{stamp}.csv"), csv.ToString(), cancellationToken);
        Console.WriteLine($"written: {Path.Combine(folder, $"suite-{stamp}.json")} and .csv");
    }

    private static string Format(Row row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Measure,-46} {Number(row.Value),14} {row.Unit,-14} {row.Target,-12} {(row.Met switch { true => "met", false => "MISSED", null => "" }),-6} {row.Note}");

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : text;
}
