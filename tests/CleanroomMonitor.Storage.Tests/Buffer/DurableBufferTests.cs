using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using System.Text;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Storage.Tests.Buffer;

public sealed class DurableBufferTests : IDisposable
{
    private const long SmallSegment = 64 * 1024;
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new("buffer-test");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<DurableBuffer> _logger = new();
    private DurableBuffer _sut;

    public DurableBufferTests()
    {
        _sut = Open();
    }

    public void Dispose()
    {
        _sut.Dispose();
        _services.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task AppendAsync_ThenReadAsync_ReturnsRecordsInOrder()
    {
        await _sut.AppendAsync(Records("a", "bb", "ccc"), CancellationToken.None);

        var batch = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["a", "bb", "ccc"], Texts(batch));
    }

    [Fact]
    public async Task TryRead_MaxRecords_ReturnsAtMostThatManyAndContinuesAfterThem()
    {
        await _sut.AppendAsync(Records("1", "2", "3", "4", "5"), CancellationToken.None);

        Assert.True(_sut.TryRead(2, out var first));
        Assert.True(_sut.TryRead(10, out var second));
        Assert.False(_sut.TryRead(10, out _));

        Assert.Equal(["1", "2"], Texts(first));
        Assert.Equal(["3", "4", "5"], Texts(second));
    }

    [Fact]
    public async Task ReadAsync_AfterAcknowledgeAndReopen_ContinuesFromCursor()
    {
        await _sut.AppendAsync(Records("1", "2", "3"), CancellationToken.None);
        var batch = await _sut.ReadAsync(2, CancellationToken.None);
        await _sut.AcknowledgeAsync(batch.End, CancellationToken.None);

        Reopen();
        var after = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["3"], Texts(after));
        Assert.Equal(1, _sut.PendingRecords);
    }

    [Fact]
    public async Task ReadAsync_ReadButNotAcknowledgedBeforeReopen_DeliveredAgain()
    {
        await _sut.AppendAsync(Records("1", "2", "3"), CancellationToken.None);
        var first = await _sut.ReadAsync(1, CancellationToken.None);
        await _sut.AcknowledgeAsync(first.End, CancellationToken.None);
        await _sut.ReadAsync(10, CancellationToken.None);   // read, then "crash" before acknowledging

        Reopen();
        var again = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["2", "3"], Texts(again));
    }

    [Fact]
    public async Task Open_TornTailAfterKillMidWrite_CutsTailAndKeepsCompleteRecords()
    {
        await _sut.AppendAsync(Records("1", "2", "3"), CancellationToken.None);
        _sut.Dispose();
        var segment = SingleSegmentPath();
        var validLength = new FileInfo(segment).Length;
        await AppendBytesAsync(segment, TornFrame());

        _sut = Open();
        var batch = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["1", "2", "3"], Texts(batch));
        Assert.Equal(validLength, new FileInfo(segment).Length);
        Assert.Contains(_logger.Entries(), e => e.Id.Id == 3002 && e.Message.Contains($"cut {TornFrame().Length} bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_AfterTornTailRecovery_NewRecordsFollowTheKeptOnes()
    {
        await _sut.AppendAsync(Records("1", "2"), CancellationToken.None);
        _sut.Dispose();
        await AppendBytesAsync(SingleSegmentPath(), TornFrame());
        _sut = Open();

        await _sut.AppendAsync(Records("3"), CancellationToken.None);
        Reopen();
        var batch = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["1", "2", "3"], Texts(batch));
    }

    [Fact]
    public async Task Open_CrcCorruptLastRecord_CutsItAndKeepsTheOthers()
    {
        await _sut.AppendAsync(Records("first", "second", "third"), CancellationToken.None);
        _sut.Dispose();
        var segment = SingleSegmentPath();
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[^1] ^= 0xFF;   // one flipped bit pattern in the last payload byte
        await File.WriteAllBytesAsync(segment, bytes);

        _sut = Open();
        var batch = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["first", "second"], Texts(batch));
        Assert.True(_logger.Has(3002));
    }

    [Fact]
    public async Task TryRead_CorruptRecordInClosedSegment_ThrowsInsteadOfSkipping()
    {
        Reopen(segmentSize: SmallSegment);
        await _sut.AppendAsync(Enumerable.Range(0, 100).Select(_ => Record(new string('x', 1000))).ToList(), CancellationToken.None);
        _sut.Dispose();
        var first = Segments()[0];
        var bytes = await File.ReadAllBytesAsync(first);
        bytes[100] ^= 0xFF;
        await File.WriteAllBytesAsync(first, bytes);
        _sut = Open(segmentSize: SmallSegment);

        Assert.Throws<InvalidDataException>(() => _sut.TryRead(100, out _));
    }

    [Fact]
    public async Task AppendAsync_BeyondSegmentSize_RotatesIntoNewSegments()
    {
        Reopen(segmentSize: SmallSegment);

        await _sut.AppendAsync(Enumerable.Range(0, 200).Select(i => Record(i + new string('x', 1000))).ToList(), CancellationToken.None);

        Assert.True(Segments().Length >= 3);
        Assert.All(Segments(), s => Assert.True(new FileInfo(s).Length <= SmallSegment));
        var batch = await _sut.ReadAsync(1000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i + new string('x', 1000)), Texts(batch));
    }

    [Fact]
    public async Task AcknowledgeAsync_AllConsumed_DeletesConsumedSegmentsButKeepsTheActiveOne()
    {
        Reopen(segmentSize: SmallSegment);
        await _sut.AppendAsync(Enumerable.Range(0, 200).Select(_ => Record(new string('x', 1000))).ToList(), CancellationToken.None);

        var batch = await _sut.ReadAsync(1000, CancellationToken.None);
        await _sut.AcknowledgeAsync(batch.End, CancellationToken.None);

        Assert.Single(Segments());
        Assert.Equal(0, _sut.PendingRecords);
        Assert.Equal(0, _sut.PendingBytes);
    }

    [Fact]
    public async Task ReadAsync_CursorInMiddleSegmentAfterReopen_ContinuesAcrossSegments()
    {
        Reopen(segmentSize: SmallSegment);
        await _sut.AppendAsync(Enumerable.Range(0, 200).Select(i => Record(i + new string('x', 1000))).ToList(), CancellationToken.None);
        var batch = await _sut.ReadAsync(90, CancellationToken.None);
        await _sut.AcknowledgeAsync(batch.End, CancellationToken.None);

        Reopen(segmentSize: SmallSegment);
        var rest = await _sut.ReadAsync(1000, CancellationToken.None);

        Assert.Equal(Enumerable.Range(90, 110).Select(i => i + new string('x', 1000)), Texts(rest));
    }

    [Fact]
    public async Task ReadAsync_RecordLargerThanReadChunk_RoundTrips()
    {
        var large = new string('L', 3 * 1024 * 1024);

        await _sut.AppendAsync(Records("small", large, "after"), CancellationToken.None);
        var batch = await _sut.ReadAsync(10, CancellationToken.None);

        Assert.Equal(["small", large, "after"], Texts(batch));
    }

    [Fact]
    public async Task AppendAsync_BudgetExceeded_ThrowsBufferFullAndStoresNothing()
    {
        Reopen(segmentSize: SmallSegment, maxBytes: 1024 * 1024);
        var chunk = Enumerable.Range(0, 100).Select(_ => Record(new string('x', 1000))).ToList();
        for (var i = 0; i < 10; i++)
        {
            await _sut.AppendAsync(chunk, CancellationToken.None);
        }
        var pending = _sut.PendingRecords;

        await Assert.ThrowsAsync<BufferFullException>(() => _sut.AppendAsync(chunk, CancellationToken.None));

        Assert.Equal(pending, _sut.PendingRecords);
        Assert.True(_logger.Has(3004));
    }

    [Fact]
    public async Task AppendAsync_AfterFullBufferIsAcknowledged_AcceptsAgain()
    {
        Reopen(segmentSize: SmallSegment, maxBytes: 1024 * 1024);
        var chunk = Enumerable.Range(0, 100).Select(_ => Record(new string('x', 1000))).ToList();
        for (var i = 0; i < 10; i++)
        {
            await _sut.AppendAsync(chunk, CancellationToken.None);
        }
        await Assert.ThrowsAsync<BufferFullException>(() => _sut.AppendAsync(chunk, CancellationToken.None));

        var batch = await _sut.ReadAsync(10_000, CancellationToken.None);
        await _sut.AcknowledgeAsync(batch.End, CancellationToken.None);
        await _sut.AppendAsync(chunk, CancellationToken.None);

        Assert.Equal(100, _sut.PendingRecords);
    }

    [Fact]
    public async Task ReadAsync_WaitingWhenAnotherThreadAppends_WakesUp()
    {
        var read = _sut.ReadAsync(10, CancellationToken.None);
        Assert.False(read.IsCompleted);

        await Task.Run(() => _sut.AppendAsync(Records("late"), CancellationToken.None));
        var batch = await read.WaitAsync(WakeTimeout);

        Assert.Equal(["late"], Texts(batch));
    }

    [Fact]
    public async Task WaitForDataAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var wait = _sut.WaitForDataAsync(cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppenders_EveryRecordReadOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await _sut.AppendAsync(Records($"{t}-{i}"), CancellationToken.None);
            }
        })));

        var batch = await _sut.ReadAsync(1000, CancellationToken.None);

        Assert.Equal(400, batch.Records.Count);
        Assert.Equal(400, Texts(batch).Distinct().Count());
    }

    [Fact]
    public async Task OldestPendingAge_AppendedThenClockAdvanced_GrowsUntilAcknowledged()
    {
        await _sut.AppendAsync(Records("1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _sut.AppendAsync(Records("2"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(10), _sut.OldestPendingAge);
        var first = await _sut.ReadAsync(1, CancellationToken.None);
        await _sut.AcknowledgeAsync(first.End, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), _sut.OldestPendingAge);
        var second = await _sut.ReadAsync(1, CancellationToken.None);
        await _sut.AcknowledgeAsync(second.End, CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, _sut.OldestPendingAge);
        Assert.Null(_sut.OldestPendingAppendedAt);
    }

    [Fact]
    public async Task OldestPendingAppendedAt_AfterReopen_ComesFromTheStoredRecord()
    {
        await _sut.AppendAsync(Records("1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        Reopen();

        Assert.Equal(T0, _sut.OldestPendingAppendedAt);
    }

    [Fact]
    public async Task Metrics_Depth_ReportsPendingRecords()
    {
        await _sut.AppendAsync(Records("1", "2", "3"), CancellationToken.None);
        var observed = new Dictionary<string, double>();
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This test's own meters only: buffers of tests running in parallel publish under the same name.
            if (instrument.Meter.Name == "CleanroomMonitor.Storage" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(3, observed["cleanroom.buffer.depth"]);
        Assert.Equal(_sut.PendingBytes, observed["cleanroom.buffer.bytes"]);
    }

    [Fact]
    public async Task AppendAsync_EmptyRecord_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _sut.AppendAsync([ReadOnlyMemory<byte>.Empty], CancellationToken.None));
    }

    [Fact]
    public async Task AcknowledgeAsync_PositionNotYetRead_ThrowsArgumentOutOfRange()
    {
        await _sut.AppendAsync(Records("1", "2"), CancellationToken.None);
        var first = await _sut.ReadAsync(1, CancellationToken.None);
        await _sut.AcknowledgeAsync(first.End, CancellationToken.None);
        var second = await _sut.ReadAsync(1, CancellationToken.None);
        await _sut.AcknowledgeAsync(second.End, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _sut.AcknowledgeAsync(first.End, CancellationToken.None));
    }

    private static ReadOnlyMemory<byte> Record(string text) => Encoding.UTF8.GetBytes(text);

    private static List<ReadOnlyMemory<byte>> Records(params string[] texts) => texts.Select(Record).ToList();

    private static List<string> Texts(BufferBatch batch) => batch.Records.Select(r => Encoding.UTF8.GetString(r.Span)).ToList();

    /// <summary>What a kill in the middle of a write leaves: a header announcing 100 bytes, and 10 of them.</summary>
    private static byte[] TornFrame()
    {
        var frame = new byte[16 + 10];
        frame[0] = 100;
        return frame;
    }

    private static async Task AppendBytesAsync(string path, byte[] bytes)
    {
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
        await file.WriteAsync(bytes);
    }

    private DurableBuffer Open(long segmentSize = 16 * 1024 * 1024, long maxBytes = 1024L * 1024 * 1024) =>
        new(Options.Create(new DurableBufferOptions { Path = _directory.Path, SegmentSize = segmentSize, MaxBytes = maxBytes }),
            _time, _services.GetRequiredService<IMeterFactory>(), _logger);

    private void Reopen(long segmentSize = 16 * 1024 * 1024, long maxBytes = 1024L * 1024 * 1024)
    {
        _sut.Dispose();
        _sut = Open(segmentSize, maxBytes);
    }

    private string[] Segments() => Directory.GetFiles(_directory.Path, "*.seg").Order(StringComparer.Ordinal).ToArray();

    private string SingleSegmentPath() => Assert.Single(Segments());
}
