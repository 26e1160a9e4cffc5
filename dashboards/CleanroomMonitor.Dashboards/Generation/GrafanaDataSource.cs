using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>The InfluxDB (InfluxQL) data source every generated query uses. Its uid is fixed here and in
/// deploy/grafana/provisioning/datasources/influxdb.yaml; a Grafana without a data source of this uid shows
/// "data source not found" on every panel.</summary>
public static class GrafanaDataSource
{
    public const string Uid = "cleanroom-influxdb";

    public const string Type = "influxdb";

    public static DataSourceRef Ref { get; } = new(Type, Uid);
}
