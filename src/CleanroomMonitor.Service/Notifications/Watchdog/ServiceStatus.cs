using System.Text.Json;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>The retained message on <c>&lt;topicRoot&gt;/&lt;site&gt;/status/service</c>: <c>online</c> on every connect,
/// <c>offline</c> as the connection's will (the broker publishes it when the service dies), <c>stopped</c> on a clean stop.</summary>
/// <param name="State"><c>online</c>, <c>offline</c> or <c>stopped</c>.</param>
/// <param name="Since">When this run of the service started: the same in the three messages of one run (as in Sparkplug's
/// STATE), so a late will of an earlier run can be told from the current run's messages.</param>
/// <param name="Instance">The host and process id of this run.</param>
/// <param name="Site">The facility's site id.</param>
public sealed record ServiceStatus(string State, DateTimeOffset Since, string Instance, string Site)
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Stopped = "stopped";

    /// <summary>The status topic; <c>status</c> is a reserved room id, so no room's tree can hold it.</summary>
    public static string TopicFor(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        return $"{facility.Site.TopicRoot}/{facility.Site.Id}/status/service";
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Alerting.ExcursionMessage.Json);
}
