using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>What a simulated device should present: a value per parameter (particle channels: the count of this
/// sample), its own time, and the faults its status bits should show.</summary>
public sealed record DeviceReading(IReadOnlyDictionary<Parameter, double> Values, DateTimeOffset Timestamp, SampleFaults Faults = SampleFaults.None);
