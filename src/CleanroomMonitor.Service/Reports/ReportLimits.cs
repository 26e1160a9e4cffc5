namespace CleanroomMonitor.Service.Reports;

/// <summary>The limits in force for a sensor parameter during part of the period (one room state), with their version.</summary>
/// <param name="RecordedVersion">The version the record store held for these limits at the end of the period; when it
/// differs from <paramref name="Version"/>, the limits changed since and the report says so.</param>
public sealed record ReportLimits(string Room, string Sensor, string Parameter, string State, DateTimeOffset From, DateTimeOffset To,
    string Description, string Version, string? RecordedVersion, string Source)
{
    /// <summary>The alert band's upper bound (inclusive), if set: drawn as a step line on the report's chart.</summary>
    public double? AlertHigh { get; init; }

    /// <summary>The alert band's lower bound (inclusive), if set.</summary>
    public double? AlertLow { get; init; }

    /// <summary>The action band's upper bound (inclusive), if set.</summary>
    public double? ActionHigh { get; init; }

    /// <summary>The action band's lower bound (inclusive), if set.</summary>
    public double? ActionLow { get; init; }
}
