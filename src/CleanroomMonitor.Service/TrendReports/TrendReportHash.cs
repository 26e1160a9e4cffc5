using System.Security.Cryptography;
using System.Text.Json;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The SHA-256 a trend review signs: of the figures and adverse trends serialised as the record store's JSON
/// (enums by name, times as ISO 8601, numbers round-trip), so the same figures always give the same hash and any change
/// of a count, a minute or a percentile gives another.</summary>
public static class TrendReportHash
{
    public static string Of(TrendFigures figures, IReadOnlyList<TrendAdverse> adverse) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new SignedFigures(figures, adverse), RecordJson.Options)));

    private sealed record SignedFigures(TrendFigures Figures, IReadOnlyList<TrendAdverse> Adverse);
}
