namespace CleanroomMonitor.Service.Reports;

/// <summary>count, min, max and sum of one sensor parameter, added up over roll-up hours and raw ranges; the mean is
/// taken once at the end (sum ÷ count), so it is the mean of every sample, not a mean of hourly means.</summary>
internal sealed class Totals
{
    public long Count { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public double Sum { get; set; }
}
