using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Ingest;

/// <summary>The accept point: appends readings to the durable buffer, as many as are waiting in one group commit (one
/// fsync), and counts them accepted only once that commit returns. From here InfluxDB being down loses nothing.</summary>
/// <remarks>When the buffer cannot take readings (disk budget reached, disk full, folder read-only) ingest holds back
/// loudly: a critical log line, a System excursion, and back-pressure up to the sources, never a silent drop.</remarks>
internal sealed class BufferStage(PipelineChannels channels, DurableBuffer buffer, ReadingPoints points, IngestStatistics statistics,
    SystemConditions conditions, IOptions<DurableBufferOptions> options, TimeProvider time, ILogger<BufferStage> logger) : BackgroundService
{
    public const string BufferRefusing = "buffer-refusing";
    private const int MaxBatch = 4096;
    private static readonly TimeSpan FullRetryInterval = TimeSpan.FromSeconds(1);

    private readonly List<ReadOnlyMemory<byte>> _batch = new(MaxBatch);
    private readonly List<Action> _acknowledgements = [];
    private int _lastGroup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = channels.Storage.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await LingerAsync(stoppingToken);
                await AppendAvailableAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Sources and the ingest pump have stopped before us: what is queued now is all there will be.
            while (reader.TryPeek(out _))
            {
                await AppendAvailableAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Lets a group gather (<see cref="GroupCommitWait"/>). Without it a steady stream committed as soon as
    /// anything waited: one fsync per reading at a site's load, and at 15,000 readings/s hundreds of fsyncs a second of a
    /// few readings each, on the disk the excursion records are committed to before an alert goes out.</summary>
    private async Task LingerAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var reader = channels.Storage.Reader;
        var started = time.GetTimestamp();
        var wait = new GroupCommitWait(settings.CommitLinger, settings.CommitBatch, busy: _lastGroup >= settings.CommitBatch);
        while (wait.Next(time.GetElapsedTime(started), reader.Count) is { } next)
        {
            await Task.Delay(next, time, cancellationToken);
        }
    }

    private async Task AppendAvailableAsync(CancellationToken cancellationToken)
    {
        _batch.Clear();
        _acknowledgements.Clear();
        _lastGroup = 0;
        while (_batch.Count < MaxBatch && channels.Storage.Reader.TryRead(out var entry))
        {
            _lastGroup++;
            if (entry.Reading is { } reading)
            {
                _batch.Add(points.ToLine(reading));
            }
            if (entry.Acknowledge is { } acknowledge)
            {
                _acknowledgements.Add(acknowledge);
            }
        }
        if (_batch.Count == 0)
        {
            Acknowledge();   // only samples that store nothing; everything before them is committed already
            return;
        }
        var refusing = false;
        while (true)
        {
            try
            {
                await buffer.AppendAsync(_batch, cancellationToken);
                break;
            }
            catch (Exception ex) when (ex is BufferFullException or IOException or UnauthorizedAccessException)
            {
                // Never drop: hold the batch, let the channels fill, and so push back on the sources until it can be written.
                if (!refusing)
                {
                    logger.BufferFull(ex.Message);
                    conditions.Set(BufferRefusing, true, Core.Limits.LimitLevel.Action, $"ingest is holding back: the durable buffer refuses writes ({ex.Message})",
                        time.GetUtcNow());
                    refusing = true;
                }
                await Task.Delay(FullRetryInterval, time, cancellationToken);
            }
        }
        if (refusing)
        {
            logger.BufferAcceptingAgain();
            conditions.Set(BufferRefusing, false, Core.Limits.LimitLevel.Action, "the durable buffer accepts readings again", time.GetUtcNow());
        }
        statistics.AddAccepted(_batch.Count);
        Acknowledge();
    }

    private void Acknowledge()
    {
        foreach (var acknowledge in _acknowledgements)
        {
            acknowledge();   // committed: the source may now forget these samples
        }
    }
}
