using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using CleanroomMonitor.Storage.Buffer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>
/// Drains the <see cref="DurableBuffer"/> into InfluxDB: batches of up to <see cref="InfluxOptions.BatchSize"/>
/// records, flushed when full or after <see cref="InfluxOptions.FlushInterval"/>, acknowledged only once InfluxDB
/// accepted them. While InfluxDB is unreachable the batch is retried with exponential back-off and everything stays
/// in the buffer. A batch InfluxDB rejects as bad data (400/422) is written to <c>rejected/</c> beside the buffer
/// before it is acknowledged, so nothing vanishes. Each write goes through the <see cref="RollupLedger"/>, so readings
/// arriving for an hour that is already rolled up invalidate its roll-up first (docs/reports.md).
/// </summary>
/// <param name="ledger">Always set by <see cref="StorageServiceCollectionExtensions.AddInfluxStorage"/>; optional only so the
/// forwarder's own tests can exercise delivery without roll-ups.</param>
internal sealed class InfluxForwarder(
    DurableBuffer buffer,
    InfluxClient client,
    IOptions<InfluxOptions> options,
    TimeProvider timeProvider,
    IMeterFactory meterFactory,
    ILogger<InfluxForwarder> logger,
    RollupLedger? ledger = null) : BackgroundService
{
    internal static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    internal const string RejectedFolder = "rejected";

    private readonly ArrayBufferWriter<byte> _payload = new(64 * 1024);
    private readonly Counter<long> _written = meterFactory.Create(StorageMeter.Name)
        .CreateCounter<long>("cleanroom.influx.points_written", "{point}", "Points InfluxDB accepted.");
    private readonly Counter<long> _rejected = meterFactory.Create(StorageMeter.Name)
        .CreateCounter<long>("cleanroom.influx.rejected", "{point}", "Points in batches InfluxDB rejected as bad data (quarantined).");
    private readonly Counter<long> _errors = meterFactory.Create(StorageMeter.Name)
        .CreateCounter<long>("cleanroom.influx.write_errors", "{request}", "Failed write requests, by status (none = no answer).");
    private readonly Histogram<double> _duration = meterFactory.Create(StorageMeter.Name)
        .CreateHistogram<double>("cleanroom.influx.write.duration", "s", "Duration of accepted write requests.");
    private Health _health = Health.Up;
    private DateTimeOffset _unhealthySince;

    private enum Health
    {
        Up,
        Unreachable,
        Refused,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        logger.ForwarderStarted(settings.Url, settings.ApiVersion, settings.BatchSize, settings.FlushInterval);
        try
        {
            // Create the database (1.x) at start, so dashboards and queries find it before the first reading;
            // if InfluxDB is down now, the first write's 404 tries again.
            await TryEnsureDatabaseAsync(stoppingToken);
            while (true)
            {
                var (records, end) = await ReadBatchAsync(settings, stoppingToken);
                _payload.ResetWrittenCount();
                for (var i = 0; i < records.Count; i++)
                {
                    if (i > 0)
                    {
                        _payload.Write("\n"u8);
                    }
                    _payload.Write(records[i].Span);
                }
                IReadOnlyCollection<DateTimeOffset> hours = ledger is null ? [] : RollupLedger.HoursOf(records);
                await DeliverAsync(records.Count, hours, end, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unacknowledged records stay in the buffer and are delivered after the restart.
        }
    }

    /// <summary>Flush by size and by time: takes what is there, then waits up to the flush interval for more.</summary>
    private async Task<(List<ReadOnlyMemory<byte>> Records, BufferPosition End)> ReadBatchAsync(InfluxOptions settings, CancellationToken stoppingToken)
    {
        var first = await buffer.ReadAsync(settings.BatchSize, stoppingToken);
        var records = new List<ReadOnlyMemory<byte>>(first.Records);
        var end = first.End;
        using var flush = new CancellationTokenSource(settings.FlushInterval, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, flush.Token);
        while (records.Count < settings.BatchSize)
        {
            try
            {
                await buffer.WaitForDataAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                break;   // the flush interval passed
            }
            if (buffer.TryRead(settings.BatchSize - records.Count, out var more))
            {
                records.AddRange(more.Records);
                end = more.End;
            }
        }
        return (records, end);
    }

    private async Task DeliverAsync(int count, IReadOnlyCollection<DateTimeOffset> hours, BufferPosition end, CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        while (true)
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                // Every attempt enters the ledger anew: a retry after the hour ended must mark it dirty before it lands.
                using (ledger is null ? null : await ledger.EnterAsync(hours, stoppingToken))
                {
                    await client.WriteAsync(_payload.WrittenMemory, stoppingToken);
                }
                _duration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
                await buffer.AcknowledgeAsync(end, stoppingToken);
                _written.Add(count);
                MarkUp();
                return;
            }
            catch (InfluxWriteException ex) when (ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                _errors.Add(1, new KeyValuePair<string, object?>("status", (int)ex.StatusCode));
                var file = await QuarantineAsync(ex, count, stoppingToken);
                await buffer.AcknowledgeAsync(end, stoppingToken);   // only now: the batch is on disk in rejected/
                _rejected.Add(count);
                logger.InfluxBatchRejected(count, ex.StatusCode, ex.ServerError ?? ex.Message, file);
                MarkUp();
                return;
            }
            catch (InfluxWriteException ex)
            {
                _errors.Add(1, new KeyValuePair<string, object?>("status", ex.StatusCode is { } s ? (int)s : "none"));
                MarkDown(ex);
                if (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    await TryEnsureDatabaseAsync(stoppingToken);   // 1.x: "database not found" after a fresh install
                }
            }
            await Task.Delay(backoff, timeProvider, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>Logs on state transitions only: one line when InfluxDB goes away, one when it is back.</summary>
    private void MarkDown(InfluxWriteException ex)
    {
        var health = ex.IsRetryable ? Health.Unreachable : Health.Refused;
        if (health == _health)
        {
            return;
        }
        if (_health == Health.Up)
        {
            _unhealthySince = timeProvider.GetUtcNow();
        }
        _health = health;
        if (health == Health.Unreachable)
        {
            logger.InfluxDown(ex.StatusCode, ex.ServerError ?? ex.Message, MaxBackoff, buffer.PendingRecords, ex);
        }
        else
        {
            logger.InfluxRefusesWrites(ex.StatusCode, ex.ServerError ?? ex.Message);
        }
    }

    private void MarkUp()
    {
        if (_health == Health.Up)
        {
            return;
        }
        _health = Health.Up;
        var outage = timeProvider.GetUtcNow() - _unhealthySince;
        logger.InfluxRecovered(outage, buffer.PendingRecords);
    }

    private async Task TryEnsureDatabaseAsync(CancellationToken stoppingToken)
    {
        var database = options.Value.Database;
        try
        {
            await client.EnsureDatabaseAsync(stoppingToken);
            logger.InfluxDatabaseEnsured(database);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            logger.InfluxDatabaseNotCreated(database, ex);   // no rights to create it: the operator must; writes keep retrying
        }
    }

    /// <summary>Writes the rejected batch, headed by InfluxDB's reason as line-protocol comments, and fsyncs it.</summary>
    private async Task<string> QuarantineAsync(InfluxWriteException ex, int count, CancellationToken stoppingToken)
    {
        var folder = Path.Combine(buffer.FolderPath, RejectedFolder);
        Directory.CreateDirectory(folder);
        var now = timeProvider.GetUtcNow();
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmss'.'fff'Z'}-{Guid.NewGuid():N}.lp"));
        var header = string.Create(CultureInfo.InvariantCulture,
            $"# Rejected by InfluxDB at {now:o}: {(int?)ex.StatusCode} {(ex.ServerError ?? ex.Message).ReplaceLineEndings(" ")}\n# {count} record(s) follow\n");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(header), stoppingToken);
            await file.WriteAsync(_payload.WrittenMemory, stoppingToken);
            await file.WriteAsync("\n"u8.ToArray(), stoppingToken);
            file.Flush(flushToDisk: true);
        }
        DirectorySync.Flush(folder);
        return path;
    }
}
