using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>What makes an excursion the same one: at most one is active per key.</summary>
internal readonly record struct ExcursionKey(ExcursionKind Kind, RoomId Room, SensorId? Sensor, Parameter? Parameter)
{
    public static ExcursionKey Of(Excursion excursion) => new(excursion.Kind, excursion.Room, excursion.Sensor, excursion.Parameter);
}
