using System.Text.Json.Serialization;

namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The visualisation options of a panel (<c>options</c>), one record per panel type. Serialised by runtime
/// type without a discriminator: Grafana knows the type from the panel's <c>type</c>.</summary>
[JsonDerivedType(typeof(TimeSeriesOptions))]
[JsonDerivedType(typeof(StatOptions))]
[JsonDerivedType(typeof(TableOptions))]
[JsonDerivedType(typeof(StateTimelineOptions))]
public abstract record PanelOptions;
