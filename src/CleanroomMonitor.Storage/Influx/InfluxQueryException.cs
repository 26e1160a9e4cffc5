using System.Net;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>An InfluxQL query that InfluxDB answered with an error (HTTP status or an <c>error</c> in the JSON).
/// Network failures surface as <see cref="HttpRequestException"/>, and timeouts as <see cref="TimeoutException"/>.</summary>
public sealed class InfluxQueryException : Exception
{
    public InfluxQueryException()
    {
    }

    public InfluxQueryException(string message)
        : base(message)
    {
    }

    public InfluxQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InfluxQueryException(string message, HttpStatusCode statusCode, string? serverError)
        : base(message)
    {
        StatusCode = statusCode;
        ServerError = serverError;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>InfluxDB's error text.</summary>
    public string? ServerError { get; }
}
