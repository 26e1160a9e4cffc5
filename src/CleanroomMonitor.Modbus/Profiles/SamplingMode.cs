namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>How a device presents its samples.</summary>
public enum SamplingMode
{
    /// <summary>The registers always hold the current values (transmitters): every poll is one new sample.</summary>
    Live,

    /// <summary>The device keeps a buffer of completed sample records (particle counters): a poll yields a sample only
    /// when the record count or the NEW DATA bit says a new record exists, and a record is never counted twice.</summary>
    Records,
}
