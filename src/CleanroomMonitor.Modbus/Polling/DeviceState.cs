using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Modbus.Records;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>What the poller remembers about one device between polls: its schedule, its health, whether its init
/// commands ran, and for a record device where its buffer was read up to (so a record is never handed on twice or
/// skipped). Owned by the connection's polling thread.</summary>
internal sealed class DeviceState(DevicePlan plan, string connection)
{
    public DevicePlan Plan => plan;

    public string Name => plan.Name;

    /// <summary>Where samples come from, for rejection reports: connection, unit id and profile.</summary>
    public string Origin { get; } = $"modbus {connection} unit {plan.UnitId} ({plan.Profile.Id})";

    public DateTimeOffset Due { get; set; }

    public DateTimeOffset? LastStart { get; set; }

    public int ConsecutiveFailures { get; set; }

    public bool IsLost { get; set; }

    /// <summary>The profile's init commands were sent since the service started (or, with a running bit, the device was
    /// last seen running).</summary>
    public bool Initialised { get; set; }

    /// <summary>When the init commands were last sent, so a device slow to start is not told again on every poll.</summary>
    public DateTimeOffset? InitSentAt { get; set; }

    public long? LastRecordCount { get; set; }

    /// <summary>The last record handed on (loaded from the cursor file at start).</summary>
    public RecordCursor? Cursor { get; set; }

    /// <summary>The cursor's index was read and matched in this session and the buffer has not moved since.</summary>
    public bool IndexVerified { get; set; }

    /// <summary>Look at the newest record at the next poll even without NEW DATA (the last walk saw the buffer shift).</summary>
    public bool Recheck { get; set; }

    /// <summary>A walk down the buffer that continues at the next poll.</summary>
    public RecordWalk? Walk { get; set; }

    public DateTimeOffset? LastRecordTime { get; set; }

    public SampleFaults LastFaults { get; set; }

    public string? LastOmitted { get; set; }
}
