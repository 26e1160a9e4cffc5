using CleanroomMonitor.Service.Evaluation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>Ready once the excursion engine has opened the record store and restored its state.</summary>
internal sealed class EngineHealthCheck(ExcursionEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.Ready.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("excursion engine judging readings")
            : HealthCheckResult.Unhealthy(engine.Ready.IsFaulted ? "excursion engine failed to start" : "excursion engine starting"));
}
