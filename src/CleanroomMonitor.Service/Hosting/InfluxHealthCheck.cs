using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>Ready only while InfluxDB answers its ping. Readings still flow into the durable buffer while it does not.</summary>
internal sealed class InfluxHealthCheck(InfluxClient influx) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await influx.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy("InfluxDB answers")
            : HealthCheckResult.Unhealthy("InfluxDB does not answer; readings are kept in the durable buffer");
}
