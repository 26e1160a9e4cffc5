using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Server;
using CleanroomMonitor.Modbus.Tests.Polling;
using CleanroomMonitor.Modbus.Tests.Profiles;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Records;

/// <summary>Record devices (particle counters) against the project's register server: every record the counter completes
/// is handed on once, in order, whatever happens between the poller's requests, across a restart of the poller and
/// with a full buffer that shifts; records that are gone are a data gap, never silence.</summary>
public sealed class RecordReadBackTests : IDisposable
{
    private const string Lighthouse = "lighthouse-remote-3104p";
    private const ushort RecordCountAddress = 23;   // 40024
    private const ushort CommandAddress = 1;        // 40002
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly TempDirectory _directory = new("cleanroom-records");
    private readonly List<IDisposable> _owned = [];
    private int _next;

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
        _directory.Dispose();
    }

    [Fact]
    public async Task Poll_RecordCompletesBetweenCountAndRecordRead_EveryRecordOnceInOrder()
    {
        var (counter, server) = Counter(PollingHarness.Profiles[Lighthouse]);
        var completeDuringPoll = false;
        OnServed(counter, access =>
        {
            // The head read (with the record count) has just been answered: the next record completes before the poller
            // can select and read the one the count announced.
            if (completeDuringPoll && !access.IsWrite && access.Table == RegisterTable.Holding && access.Touches(RecordCountAddress))
            {
                completeDuringPoll = false;
                Present(counter);
            }
        });
        await using var harness = new PollingHarness();
        harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100)));
        await harness.WaitUntilAsync(() => counter.IsRunning, "the counter started");
        Present(counter);
        await harness.WaitUntilAsync(() => harness.Samples().Count == 1, "the first record");

        for (var round = 0; round < 5; round++)
        {
            counter.Unit.Update(_ =>
            {
                Present(counter);
                completeDuringPoll = true;
            });
            var expected = 3 + 2 * round;
            await harness.WaitUntilAsync(() => harness.Samples().Count >= expected && !completeDuringPoll, $"{expected} records");
        }
        var polls = harness.Metrics.Polls;
        await harness.WaitUntilAsync(() => harness.Metrics.Polls >= polls + 3, "three more polls");

        Assert.Equal(Times(0, 11), harness.Samples().Select(s => s.Timestamp!.Value));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), harness.Samples().Select(s => s.Sequence!.Value));
        Assert.Equal(0, harness.Metrics.RecordsSkipped);
    }

    [Fact]
    public async Task Poll_AfterRestart_ReadsBackEveryRecordCompletedMeanwhileOnceInOrder()
    {
        var (counter, server) = Counter(PollingHarness.Profiles[Lighthouse]);
        var cursorFile = _directory.Combine("modbus-cursors.json");
        var plan = PollingHarness.Tcp(server.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100));
        await using (var before = new PollingHarness(cursorFile))
        {
            before.Start(plan);
            await before.WaitUntilAsync(() => counter.IsRunning, "the counter started");
            for (var i = 0; i < 3; i++)
            {
                Present(counter);
                await before.WaitUntilAsync(() => before.Samples().Count == i + 1, $"record {i}");
            }
        }

        for (var i = 0; i < 15; i++)
        {
            Present(counter);   // the service is down; the counter keeps sampling
        }
        await using var after = new PollingHarness(cursorFile);
        after.Start(plan);
        await after.WaitUntilAsync(() => after.Samples().Count >= 15, "the 15 records completed while the poller was down");
        var polls = after.Metrics.Polls;
        await after.WaitUntilAsync(() => after.Metrics.Polls >= polls + 3, "three more polls");

        Assert.Equal(Times(3, 15), after.Samples().Select(s => s.Timestamp!.Value));
        Assert.Empty(after.Events);
        Assert.Equal(0, after.Metrics.Commands);   // it was running all along: no start
        Assert.Equal(0, after.Metrics.RecordsReadTwice);
    }

    [Fact]
    public async Task Poll_RecordsGoneFromFullBufferWhileDown_DataGapNamesTheRange()
    {
        var (counter, server) = Counter(WithBuffer(5));
        var cursorFile = _directory.Combine("modbus-cursors.json");
        var plan = PollingHarness.Tcp(server.Port, PollingHarness.Device(1, counter.Profile, "pc1", intervalMs: 100));
        await using (var before = new PollingHarness(cursorFile))
        {
            before.Start(plan);
            await before.WaitUntilAsync(() => counter.IsRunning, "the counter started");
            Present(counter);
            await before.WaitUntilAsync(() => before.Samples().Count == 1, "record 0");
        }

        for (var i = 0; i < 8; i++)
        {
            Present(counter);   // records 1..8; a buffer of 5 keeps 4..8
        }
        await using var after = new PollingHarness(cursorFile);
        after.Start(plan);
        await after.WaitUntilAsync(() => after.Samples().Count >= 5 && after.Events.Count >= 1, "the five buffered records and a gap");

        Assert.Equal(Times(4, 5), after.Samples().Select(s => s.Timestamp!.Value));
        var gap = Assert.Single(after.Events);
        Assert.Equal(SourceEventKind.DataGap, gap.Kind);
        Assert.Equal(Time(0), gap.Since);
        Assert.Contains("about 3 record(s)", gap.Detail, StringComparison.Ordinal);
        Assert.Equal(3, after.Metrics.RecordsSkipped);
    }

    [Fact]
    public async Task Poll_NewestRecordOlderThanStoredOne_ReadsOnFromItsNewestRecordWithAWarning()
    {
        var cursorFile = _directory.Combine("modbus-cursors.json");
        var (before, beforeServer) = Counter(PollingHarness.Profiles[Lighthouse]);
        _next = 10;
        await using (var first = new PollingHarness(cursorFile))
        {
            first.Start(PollingHarness.Tcp(beforeServer.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100)));
            await first.WaitUntilAsync(() => before.IsRunning, "the counter started");
            Present(before);
            await first.WaitUntilAsync(() => first.Samples().Count == 1, "a record at time 10");
        }

        var (after, afterServer) = Counter(PollingHarness.Profiles[Lighthouse]);   // its clock was set back
        after.Unit.Write(RegisterTable.Holding, 2, [1]);                          // running
        _next = 0;
        Present(after);
        Present(after);
        await using var second = new PollingHarness(cursorFile);
        second.Start(PollingHarness.Tcp(afterServer.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100)));
        await second.WaitUntilAsync(() => second.Samples().Count == 1, "its newest record");
        Present(after);
        await second.WaitUntilAsync(() => second.Samples().Count == 2, "the record after it");

        Assert.Equal([Time(1), Time(2)], second.Samples().Select(s => s.Timestamp!.Value));
        Assert.Equal(1, second.Logger.Count(1020));
    }

    [Fact]
    public async Task Poll_BufferClearedInTheMiddleOfAWalk_RecordsAlreadyReadHandedOnAndTheRestAGap()
    {
        var (counter, server) = Counter(PollingHarness.Profiles[Lighthouse]);
        var cursorFile = _directory.Combine("modbus-cursors.json");
        var plan = PollingHarness.Tcp(server.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 200));
        await using (var before = new PollingHarness(cursorFile))
        {
            before.Start(plan);
            await before.WaitUntilAsync(() => counter.IsRunning, "the counter started");
            Present(counter);
            await before.WaitUntilAsync(() => before.Samples().Count == 1, "record 0");
        }
        for (var i = 0; i < 25; i++)
        {
            Present(counter);   // 1..25 while the poller is down: a walk of three polls at 10 records each
        }
        var reads = 0;
        OnServed(counter, access =>
        {
            // After the first poll's ten record reads (it read 25 down to 16), the buffer is cleared before the next poll.
            if (!access.IsWrite && access.Table == RegisterTable.Input && ++reads == 10)
            {
                counter.ClearRecords();
            }
        });

        await using var after = new PollingHarness(cursorFile);
        after.Start(plan);
        await after.WaitUntilAsync(() => after.Samples().Count >= 10 && after.Events.Count >= 1, "the ten records read and a gap");

        Assert.Equal(Times(16, 10), after.Samples().Select(s => s.Timestamp!.Value));
        var gap = Assert.Single(after.Events);
        Assert.Equal(SourceEventKind.DataGap, gap.Kind);
        Assert.Equal(Time(0), gap.Since);
        Assert.Equal(15, after.Metrics.RecordsSkipped);   // records 1..15, cleared before they were read
    }

    [Fact]
    public async Task Poll_FullBufferShiftingDuringReads_EveryRecordOnceInOrder()
    {
        var (counter, server) = Counter(WithBuffer(3));
        var completeDuringRead = 0;
        OnServed(counter, access =>
        {
            // A record completes while the poller is between two record reads: the full buffer shifts under it.
            if (completeDuringRead > 0 && !access.IsWrite && access.Table == RegisterTable.Input)
            {
                completeDuringRead--;
                Present(counter);
            }
        });
        await using var harness = new PollingHarness();
        harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, counter.Profile, "pc1", intervalMs: 100)));
        await harness.WaitUntilAsync(() => counter.IsRunning, "the counter started");
        Present(counter);
        await harness.WaitUntilAsync(() => harness.Samples().Count == 1, "the first record");

        for (var round = 0; round < 6; round++)
        {
            counter.Unit.Update(_ =>
            {
                Present(counter);
                completeDuringRead = 1;
            });
            var expected = _next + 1;
            await harness.WaitUntilAsync(() => harness.Samples().Count >= expected, $"{expected} records");
        }
        var polls = harness.Metrics.Polls;
        await harness.WaitUntilAsync(() => harness.Metrics.Polls >= polls + 3, "three more polls");

        Assert.Equal(Times(0, _next), harness.Samples().Select(s => s.Timestamp!.Value));
        Assert.Empty(harness.Events);
    }

    [Fact]
    public async Task Poll_GatewayWithSilentUnit_HealthyCounterIsNotStartedAgain()
    {
        var healthy = Own(new ProfileDevice(PollingHarness.Profiles[Lighthouse], 1, TimeSpan.FromSeconds(60)));
        var silent = Own(new ProfileDevice(PollingHarness.Profiles[Lighthouse], 2, TimeSpan.FromSeconds(60)));
        silent.Unit.Fault = UnitFault.Silent;
        var starts = 0;
        OnServed(healthy, access =>
        {
            if (access.IsWrite && access.Touches(CommandAddress))
            {
                Interlocked.Increment(ref starts);
            }
        }, before: true);
        var server = Own(new ModbusTcpServer([healthy.Unit, silent.Unit]));
        server.Start();
        await using var harness = new PollingHarness();

        harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100), PollingHarness.Device(2, Lighthouse, "pc2", intervalMs: 100)));
        await harness.WaitUntilAsync(() => harness.Metrics.Failures(ModbusErrorKind.Timeout) >= 8, "eight timeouts of the silent unit, each re-opening the connection");

        Assert.True(healthy.IsRunning);
        Assert.Equal(1, starts);
        Assert.Equal(1, harness.Metrics.Commands);
        Assert.Equal(1, harness.Logger.Count(1008));
        Assert.Contains("not running", harness.Logger.Entries().Single(e => e.Id.Id == 1008).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_CounterFoundStopped_StartIsSentWithItsReason()
    {
        var (counter, server) = Counter(PollingHarness.Profiles[Lighthouse]);
        await using var harness = new PollingHarness();
        harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, Lighthouse, "pc1", intervalMs: 100)));
        await harness.WaitUntilAsync(() => counter.IsRunning, "the counter started");
        var polls = harness.Metrics.Polls;
        await harness.WaitUntilAsync(() => harness.Metrics.Polls >= polls + 3, "three polls of a running counter");
        Assert.Equal(1, harness.Metrics.Commands);

        counter.Unit.Write(RegisterTable.Holding, 2, [0]);   // power cycled: status says stopped

        await harness.WaitUntilAsync(() => counter.IsRunning, "the counter started again");
        Assert.Equal(2, harness.Metrics.Commands);
        Assert.All(harness.Logger.Entries().Where(e => e.Id.Id == 1008), e => Assert.Contains("its status says it is not running", e.Message, StringComparison.Ordinal));
    }

    private static DeviceProfile WithBuffer(int size)
    {
        var json = File.ReadAllText(Path.Combine(GoldenCase.ShippedProfiles, Lighthouse + ".json"));
        var profile = ProfileReader.Parse(JsonMerge.Apply(json, $$"""{ "id": "small-buffer", "sampling": { "bufferSize": {{size}} } }"""), "small-buffer.json");
        return profile;
    }

    private (ProfileDevice Counter, ModbusTcpServer Server) Counter(DeviceProfile profile)
    {
        var counter = Own(new ProfileDevice(profile, 1, TimeSpan.FromSeconds(6)));
        var server = Own(new ModbusTcpServer([counter.Unit]));
        server.Start();
        return (counter, server);
    }

    // Runs the device's own behaviour and then (or first) the test's.
    private static void OnServed(ProfileDevice device, Action<RegisterAccess> hook, bool before = false)
    {
        var inner = device.Unit.Served;
        device.Unit.Served = (unit, access) =>
        {
            if (before)
            {
                hook(access);
            }
            inner?.Invoke(unit, access);
            if (!before)
            {
                hook(access);
            }
        };
    }

    private void Present(ProfileDevice counter)
    {
        var i = _next++;
        Assert.True(counter.Present(ConnectionPollerTests.Counts(Time(i), small: 1000 + i, large: i % 7, SampleFaults.None)));
    }

    private static DateTimeOffset Time(int i) => T0.AddSeconds(6 * i);

    private static IEnumerable<DateTimeOffset> Times(int from, int count) => Enumerable.Range(from, count).Select(Time);

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
