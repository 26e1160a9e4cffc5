namespace CleanroomMonitor.Dashboards.Model;

/// <summary>What a mapped value shows: its text, colour and order in the legend.</summary>
public sealed record MappedValue(string Text, string Color, int Index);
