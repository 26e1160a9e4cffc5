namespace CleanroomMonitor.Dashboards.Model;

/// <summary>How a field is coloured: <c>palette-classic</c>, <c>thresholds</c>, or <c>fixed</c> with a colour.</summary>
public sealed record FieldColor(string Mode, string? FixedColor = null);
