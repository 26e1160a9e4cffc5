namespace CleanroomMonitor.Core.Facility;

/// <summary>The site one service instance monitors. Times are stored in UTC; the site's time zone is recorded
/// so reports can show local time beside UTC (docs/gmp.md §8).</summary>
public sealed record Site(string Id, string Name, TimeZoneInfo TimeZone, string TopicRoot);
