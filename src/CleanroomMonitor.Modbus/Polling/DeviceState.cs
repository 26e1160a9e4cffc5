using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>What the poller remembers about one device between polls: its schedule, its health, and the last record
/// it handed on (so a record is never counted twice). Owned by the connection's polling thread.</summary>
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

    /// <summary>The profile's init commands have run on the current connection.</summary>
    public bool Initialised { get; set; }

    public long? LastRecordCount { get; set; }

    public long? LastRecordIndex { get; set; }

    public DateTimeOffset? LastRecordTime { get; set; }

    public SampleFaults LastFaults { get; set; }

    public string? LastOmitted { get; set; }
}
