namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Field options applied to every field of a panel (<c>fieldConfig.defaults</c>).</summary>
public sealed record FieldDefaults
{
    public string? Unit { get; init; }

    public int? Decimals { get; init; }

    public double? Min { get; init; }

    public FieldColor? Color { get; init; }

    public Thresholds Thresholds { get; init; } = Thresholds.None;

    public FieldCustom? Custom { get; init; }

    public IReadOnlyList<ValueMapping>? Mappings { get; init; }

    public IReadOnlyList<PanelLink>? Links { get; init; }
}
