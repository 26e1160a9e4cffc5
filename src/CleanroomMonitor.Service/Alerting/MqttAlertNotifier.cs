using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Subscribing;

namespace CleanroomMonitor.Service.Alerting;

/// <summary>Publishes every transition on <c>&lt;root&gt;/&lt;site&gt;/alerts/&lt;room&gt;/&lt;sensor or room&gt;/&lt;kind&gt;[/&lt;parameter&gt;]</c>,
/// QoS 1, retained: a subscriber (a pager gateway, a BMS, a dashboard) always finds the current state of each alarm. An
/// excursion judged from historical data adds <c>/historical</c>: it must not overwrite the live alarm's retained state.</summary>
internal sealed class MqttAlertNotifier(MqttClient client, FacilityDefinition facility) : IExcursionNotifier
{
    public string Name => "mqtt";

    public static string TopicFor(FacilityDefinition facility, Excursion excursion) =>
        $"{MqttSource.AlertTopicPrefix(facility)}{excursion.Room}/{excursion.Sensor?.Value ?? "room"}/{excursion.Kind}"
        + (excursion.Parameter is { } p ? "/" + p.WireName() : string.Empty)
        + (excursion.FromHistoricalData ? "/historical" : string.Empty);

    public ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken)
    {
        // Publish queues the message in the client and returns at once; while the broker is away it stays queued (QoS 1).
        client.Publish(TopicFor(facility, change.After), ExcursionMessage.From(change, facility.Site.Id).ToUtf8(), qos: 1, retain: true);
        return ValueTask.CompletedTask;
    }
}
