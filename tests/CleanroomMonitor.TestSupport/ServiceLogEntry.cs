using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport;

/// <summary>One log entry of the service: <see cref="Message"/> as a console shows it, <see cref="Text"/> as a log sink
/// would store it (the message, the structured state and the exception), which is what a secret scan must read.</summary>
public sealed record ServiceLogEntry(string Category, LogLevel Level, EventId EventId, string Message, string Text)
{
    /// <summary>The exception logged with the entry, if any: a failed wait's message shows it, since "BackgroundService
    /// failed" alone says nothing of which stage failed or why.</summary>
    public Exception? Exception { get; init; }

    public override string ToString() =>
        Exception is null ? $"{Level} {EventId.Id} {Category}: {Message}" : $"{Level} {EventId.Id} {Category}: {Message} | {Exception}";
}
