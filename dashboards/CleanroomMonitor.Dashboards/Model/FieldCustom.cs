namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The time series and state timeline drawing options of a field (<c>fieldConfig.defaults.custom</c>).</summary>
public sealed record FieldCustom
{
    public string? DrawStyle { get; init; }

    public int? LineWidth { get; init; }

    public int? FillOpacity { get; init; }

    public string? ShowPoints { get; init; }

    /// <summary>Null-value gaps longer than this many milliseconds are shown as gaps (a data gap is a GMP event).</summary>
    public object? SpanNulls { get; init; }

    public LineStyle? LineStyle { get; init; }

    public ThresholdsStyle? ThresholdsStyle { get; init; }
}
