namespace CleanroomMonitor.Core.Notifications;

/// <summary>A daily "monitoring healthy" message: at <paramref name="At"/>, site time, every day, to these people through
/// these channels. It says whether every sensor is reporting, what awaits acknowledgement or closure, and which system
/// conditions are active, so that silence from the monitoring itself is noticed by a person.</summary>
public sealed record DailySummary(string Id, TimeOnly At, IReadOnlyList<string> Notify, IReadOnlyList<string> Channels)
{
    public const string RoutePrefix = "summary:";

    /// <summary>The next time this summary is due after <paramref name="after"/>, in the zone <paramref name="zone"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        for (var day = 0; day <= 2; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            var candidate = date.ToDateTime(At, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(candidate))
            {
                candidate = candidate.AddHours(1);   // the hour skipped when clocks go forward
            }
            var at = new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
            if (at > after)
            {
                return at;
            }
        }
        throw new InvalidOperationException("unreachable: a daily time recurs within two days");
    }
}
