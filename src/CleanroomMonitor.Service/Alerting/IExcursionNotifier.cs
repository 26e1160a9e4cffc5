using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>A channel that tells people or systems about excursion transitions (MQTT alert topic, webhooks, InfluxDB
/// event points). Called after the change is recorded; must not block the engine: slow work goes to its own queue.</summary>
public interface IExcursionNotifier
{
    string Name { get; }

    ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken);
}
