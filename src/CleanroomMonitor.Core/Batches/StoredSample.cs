using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Batches;

/// <summary>One stored sample of a sensor parameter, as read back from the time series for the release verdict.</summary>
/// <param name="Faults">The sample's fault flags (InfluxDB field <c>faults</c>): a faulted sample is not a measurement.</param>
/// <param name="IsOutOfService">Stored while the sensor (or parameter) was out of service (field <c>out_of_service</c>).</param>
public sealed record StoredSample(DateTimeOffset At, double Value, SampleFaults Faults, bool IsOutOfService);
