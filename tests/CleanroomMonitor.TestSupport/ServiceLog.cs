using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CleanroomMonitor.TestSupport;

/// <summary>The one collector of the service's log for tests, on Microsoft's <see cref="FakeLoggerProvider"/>: every entry
/// at every level the service's configuration lets through is kept, can be searched by EventId or text, and its tail goes
/// into a failed wait's message, so a test that times out shows what the service said.</summary>
public sealed class ServiceLog
{
    private readonly FakeLogCollector _collector = new();

    /// <summary>True: the collector replaces the console (a quiet test output, and nothing written that the test cannot
    /// read); false: the console keeps its output too.</summary>
    public bool IsOnlySink { get; init; }

    public IReadOnlyList<ServiceLogEntry> Entries => [.. _collector.GetSnapshot().Select(Entry)];

    public bool Has(int eventId) => _collector.GetSnapshot().Any(e => e.Id.Id == eventId);

    public int Count(int eventId) => _collector.GetSnapshot().Count(e => e.Id.Id == eventId);

    public bool Contains(string text) => Entries.Any(e => e.Text.Contains(text, StringComparison.Ordinal));

    /// <summary>The last <paramref name="count"/> entries, one a line: for a failure message.</summary>
    public string Tail(int count = 40) => string.Join('\n', Entries.TakeLast(count));

    /// <summary>Adds this collector to a host's logging (see <see cref="IsOnlySink"/>).</summary>
    public void AttachTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (IsOnlySink)
        {
            logging.ClearProviders();
        }
        // The provider is the host's to dispose; the entries live in the collector and outlive the host, so a test reads
        // them after the service has stopped.
        logging.AddProvider(new FakeLoggerProvider(_collector));
    }

    // What a log sink would store: the message, then the structured state, then the exception (a secret scan reads it all).
    private static ServiceLogEntry Entry(FakeLogRecord record)
    {
        var text = record.Message;
        if (record.StructuredState is { Count: > 0 } pairs)
        {
            text += " | " + string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"));
        }
        if (record.Exception is not null)
        {
            text += " | " + record.Exception;
        }
        return new ServiceLogEntry(record.Category ?? string.Empty, record.Level, record.Id, record.Message, text) { Exception = record.Exception };
    }
}
