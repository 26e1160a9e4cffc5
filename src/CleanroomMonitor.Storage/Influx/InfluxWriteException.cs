using System.Net;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>A write that InfluxDB did not accept, or that did not reach it.</summary>
public sealed class InfluxWriteException : Exception
{
    public InfluxWriteException()
    {
    }

    public InfluxWriteException(string message)
        : base(message)
    {
    }

    public InfluxWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InfluxWriteException(string message, HttpStatusCode? statusCode, string? serverError, bool isRetryable, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ServerError = serverError;
        IsRetryable = isRetryable;
    }

    /// <summary>The HTTP status InfluxDB answered with; null when no answer came (network error, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>InfluxDB's own error text (the <c>error</c> or <c>message</c> of its JSON body), if any.</summary>
    public string? ServerError { get; }

    /// <summary>True for failures that can pass by themselves (network, timeout, 408, 429, 5xx); false when the
    /// same request would fail again (400 bad line protocol, 401/403 credentials, 404 database, 413 too large).</summary>
    public bool IsRetryable { get; }
}
