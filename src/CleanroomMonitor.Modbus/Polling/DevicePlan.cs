using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>One polled device: its unit id on the connection, its profile, the facility sensor it feeds, how often it
/// is polled, how long an answer may take, and how many polls in a row may fail before communication counts as lost.</summary>
public sealed record DevicePlan(
    string Name,
    int UnitId,
    DeviceProfile Profile,
    SensorId Sensor,
    TimeSpan PollInterval,
    TimeSpan ResponseTimeout,
    int MissedPollsBeforeLoss);
