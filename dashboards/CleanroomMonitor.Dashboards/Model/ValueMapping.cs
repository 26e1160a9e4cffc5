namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A value mapping of type <c>value</c>: each raw value (as text) to a display text and colour.</summary>
public sealed record ValueMapping(string Type, IReadOnlyDictionary<string, MappedValue> Options)
{
    public static ValueMapping Values(IReadOnlyDictionary<string, MappedValue> options) => new("value", options);
}
