using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>What makes an excursion the same one: at most one is active per key. <paramref name="Historical"/> keeps the
/// excursions judged from replayed (historical) data apart from the live ones of the same sensor parameter.</summary>
internal readonly record struct ExcursionKey(ExcursionKind Kind, RoomId Room, SensorId? Sensor, Parameter? Parameter, bool Historical = false)
{
    public static ExcursionKey Of(Excursion excursion) =>
        new(excursion.Kind, excursion.Room, excursion.Sensor, excursion.Parameter, excursion.FromHistoricalData);
}
