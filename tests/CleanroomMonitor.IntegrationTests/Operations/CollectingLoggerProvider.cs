using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>Keeps every log entry of a host, at every level, as the text a log sink would get: the formatted message,
/// the structured state (names and values) and the exception with its inner exceptions. What a secret scan reads.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _entries);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Text);

    private sealed class Collector(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                text += " | " + string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"));
            }
            if (exception is not null)
            {
                text += " | " + exception;
            }
            entries.Enqueue(new LogEntry(category, logLevel, eventId, text));
        }
    }
}
