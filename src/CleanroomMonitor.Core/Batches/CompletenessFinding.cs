using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Batches;

/// <summary>How much data a sensor delivered over the batch window, and whether a shortfall is left unexplained by a gap
/// excursion (the figures are counted in InfluxDB by the report).</summary>
public sealed record CompletenessFinding(RoomId Room, SensorId Sensor, long Expected, long Received, double Ratio, bool IsUnexplainedGap);
