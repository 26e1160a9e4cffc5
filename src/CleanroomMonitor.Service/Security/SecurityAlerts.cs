using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Subscribing;

namespace CleanroomMonitor.Service.Security;

/// <summary>Tells the admins at once about a security event (an account locked by failed signature attempts,
/// Part 11 §11.300(d)): a critical log line and a message on <c>&lt;root&gt;/&lt;site&gt;/alerts/security</c>.</summary>
public sealed class SecurityAlerts(MqttClient client, FacilityDefinition facility, TimeProvider time, ILogger<SecurityAlerts> logger)
{
    public string Topic => MqttSource.AlertTopicPrefix(facility) + "security";

    public void Raise(string userName, string what)
    {
        logger.SecurityAlert(userName, what);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { kind = "security", user = userName, what, at = time.GetUtcNow(), site = facility.Site.Id });
        client.Publish(Topic, body, qos: 1, retain: false);
    }
}
