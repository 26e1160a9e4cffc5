using System.Text.Json;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>One series of an InfluxQL answer: rows of <see cref="Values"/> in the order of <see cref="Columns"/>.
/// Times are Unix milliseconds (the client asks for <c>epoch=ms</c>).</summary>
/// <param name="Name">The measurement.</param>
/// <param name="Tags">The GROUP BY tags of the series; empty without GROUP BY.</param>
/// <param name="Columns">The column names, <c>time</c> first for SELECT.</param>
/// <param name="Values">The rows; a cell is a JSON number, string, bool or null.</param>
public sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<JsonElement>> Values)
{
    /// <summary>The cell of <paramref name="row"/> in <paramref name="column"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such column.</exception>
    public JsonElement Get(int row, string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return Values[row][i];
            }
        }
        throw new KeyNotFoundException($"Series '{Name}' has no column '{column}' (columns: {string.Join(", ", Columns)}).");
    }
}
