using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Observability;

/// <summary><c>GET /metrics</c>: the Prometheus text format, anonymous, optionally on one local port only.</summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, WriteAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> WriteAsync(HttpContext context, PrometheusExporter exporter, OpenExcursions open,
        IOptions<MetricsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.Port is { } port && context.Connection.LocalPort != port)
        {
            return TypedResults.NotFound();
        }
        using var timeout = new CancellationTokenSource(RefreshTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await open.RefreshAsync(linked.Token);
        return TypedResults.Text(exporter.Scrape(), PrometheusExporter.ContentType);
    }
}
