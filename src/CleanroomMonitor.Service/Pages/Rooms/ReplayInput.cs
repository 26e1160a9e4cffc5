namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The replay form: the period in site time, where the change applies ("room" or a sensor id), the parameter,
/// and the proposed bounds (empty: unchanged).</summary>
public sealed class ReplayInput
{
    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public string Target { get; set; } = "room";

    public string Parameter { get; set; } = "";

    public double? AlertLow { get; set; }

    public double? AlertHigh { get; set; }

    public double? ActionLow { get; set; }

    public double? ActionHigh { get; set; }
}
