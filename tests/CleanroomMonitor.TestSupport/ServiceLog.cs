using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport;

/// <summary>The one collector of the service's log for tests: every entry at every level the service's configuration lets
/// through is kept, can be searched by EventId or text, and its tail goes into a failed wait's message, so a test that
/// times out shows what the service said.</summary>
public sealed class ServiceLog : ILoggerProvider
{
    private readonly ConcurrentQueue<ServiceLogEntry> _entries = new();

    /// <summary>True: the collector replaces the console (a quiet test output, and nothing written that the test cannot
    /// read); false: the console keeps its output too.</summary>
    public bool IsOnlySink { get; init; }

    public IReadOnlyList<ServiceLogEntry> Entries => [.. _entries];

    public bool Has(int eventId) => _entries.Any(e => e.EventId.Id == eventId);

    public int Count(int eventId) => _entries.Count(e => e.EventId.Id == eventId);

    public bool Contains(string text) => _entries.Any(e => e.Text.Contains(text, StringComparison.Ordinal));

    /// <summary>The last <paramref name="count"/> entries, one a line: for a failure message.</summary>
    public string Tail(int count = 40) => string.Join('\n', _entries.TakeLast(count));

    /// <summary>Adds this collector to a host's logging (see <see cref="IsOnlySink"/>).</summary>
    public void AttachTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (IsOnlySink)
        {
            logging.ClearProviders();
        }
        logging.AddProvider(this);
    }

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _entries);

    public void Dispose()
    {
        // The entries outlive the host: a test reads them after the service has stopped.
    }

    private sealed class Collector(string category, ConcurrentQueue<ServiceLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var text = message;
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                text += " | " + string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"));
            }
            if (exception is not null)
            {
                text += " | " + exception;
            }
            entries.Enqueue(new ServiceLogEntry(category, logLevel, eventId, message, text));
        }
    }
}
