using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport;

/// <summary>One log entry of the service: <see cref="Message"/> as a console shows it, <see cref="Text"/> as a log sink
/// would store it (the message, the structured state and the exception), which is what a secret scan must read.</summary>
public sealed record ServiceLogEntry(string Category, LogLevel Level, EventId EventId, string Message, string Text)
{
    public override string ToString() => $"{Level} {EventId.Id} {Category}: {Message}";
}
