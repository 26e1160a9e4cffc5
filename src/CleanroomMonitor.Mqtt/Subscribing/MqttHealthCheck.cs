using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanroomMonitor.Mqtt.Subscribing;

/// <summary>Ready only while the source is connected to the broker.</summary>
internal sealed class MqttHealthCheck(MqttClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsReady
            ? HealthCheckResult.Healthy("connected to the MQTT broker and subscribed")
            : HealthCheckResult.Unhealthy($"not connected to the MQTT broker{(client.LastError is { } e ? ": " + e : string.Empty)}"));
}
