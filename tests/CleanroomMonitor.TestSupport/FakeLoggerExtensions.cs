using Microsoft.Extensions.Logging.Testing;

namespace CleanroomMonitor.TestSupport;

/// <summary>Questions tests ask of a <see cref="FakeLogger"/>: by EventId, since the messages are ours and numbered.</summary>
public static class FakeLoggerExtensions
{
    public static IReadOnlyList<FakeLogRecord> Entries(this FakeLogger logger) => logger.Collector.GetSnapshot();

    public static bool Has(this FakeLogger logger, int eventId) => logger.Entries().Any(e => e.Id.Id == eventId);

    public static int Count(this FakeLogger logger, int eventId) => logger.Entries().Count(e => e.Id.Id == eventId);
}
