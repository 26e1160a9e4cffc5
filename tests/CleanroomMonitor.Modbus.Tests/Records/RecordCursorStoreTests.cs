using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Records;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Records;

public sealed class RecordCursorStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private static readonly SensorId Counter = new("pc1");
    private readonly TempDirectory _directory = new("cleanroom-cursors");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Flush_AcknowledgedCursor_ReadBackByANewStore()
    {
        var path = _directory.Combine("state", "modbus-cursors.json");
        using (var store = new RecordCursorStore(path, TimeProvider.System))
        {
            store.Acknowledge(Counter, new RecordCursor(41, T0));
            store.Flush();
        }

        using var reopened = new RecordCursorStore(path, TimeProvider.System);

        Assert.Equal(new RecordCursor(41, T0), reopened.Stored(Counter));
        Assert.Null(reopened.Stored(new SensorId("other")));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Acknowledge_OlderRecordAfterNewer_CursorDoesNotMoveBack()
    {
        using var store = new RecordCursorStore(null, TimeProvider.System);

        store.Acknowledge(Counter, new RecordCursor(5, T0.AddSeconds(30)));
        store.Acknowledge(Counter, new RecordCursor(7, T0));   // a lower time, whatever its index (the buffer shifted)

        Assert.Equal(new RecordCursor(5, T0.AddSeconds(30)), store.Stored(Counter));
    }

    [Fact]
    public void Constructor_FileNotJson_ConfigurationErrorNamesTheFile()
    {
        var path = _directory.Combine("modbus-cursors.json");
        File.WriteAllText(path, "{ \"version\": 1, \"devices\": { \"pc1\": { \"index\": \"x\" ");

        var error = Assert.Throws<ConfigurationException>(() => new RecordCursorStore(path, TimeProvider.System));

        Assert.Equal(path, Assert.Single(error.Errors).File);
        Assert.Contains("move it away", error.Message, StringComparison.Ordinal);
    }
}
