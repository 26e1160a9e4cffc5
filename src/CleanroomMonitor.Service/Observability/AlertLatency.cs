using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Service.Observability;

/// <summary>How long a raised excursion took from the receipt of the reading that raised it (the service's clock, so a
/// device clock's error does not distort it) until the record was saved and every notifier had been told:
/// <c>cleanroom_alert_latency_seconds</c>, by level.</summary>
public sealed class AlertLatency
{
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;

    public AlertLatency(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        _latency = meters.Create("CleanroomMonitor.Operations").CreateHistogram<double>("cleanroom.alert.latency", "s",
            "From receipt of the reading that raised an excursion to the end of the notification fan-out");
    }

    /// <summary>Records one observation per excursion <paramref name="outcome"/> raised.</summary>
    public void Record(TrackerOutcome outcome, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var change in outcome.Excursions)
        {
            if (change.Action == ExcursionAction.Raised)
            {
                _latency.Record(Math.Max(0, (_time.GetUtcNow() - receivedAt).TotalSeconds),
                    new KeyValuePair<string, object?>("level", change.After.Level.ToString()));
            }
        }
    }
}
