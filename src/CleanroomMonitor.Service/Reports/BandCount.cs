using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>A request to count the samples of one sensor parameter in [From, To) that breach any of <see cref="Bands"/>.</summary>
public sealed record BandCount(SensorId Sensor, Parameter Parameter, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Band> Bands);
