using System.Net;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>Grafana answered a request with an error; the message says what it means and what to check.</summary>
public sealed class GrafanaApiException(string message, HttpStatusCode? status, string? grafanaMessage, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, or null when Grafana could not be reached.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Grafana's own <c>message</c> (and <c>status</c> for a 412), when it sent one.</summary>
    public string? GrafanaMessage { get; } = grafanaMessage;
}
