using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Dashboards.Model;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Dashboards.Tests.Queries;

/// <summary>Every query of every generated dashboard (panel targets, annotations, variables) runs against a real
/// InfluxDB holding data in the documented schema and returns at least one series: the proof that a panel will show
/// data, and that its InfluxQL parses on the InfluxDB version we run.</summary>
public sealed class DashboardQueryTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Theory, MemberData(nameof(DemoDashboards.Uids), MemberType = typeof(DemoDashboards))]
    public async Task AllQueries_DemoData_EachReturnsASeries(string uid)
    {
        var dashboard = DemoDashboards.All.Single(d => d.Dashboard.Uid == uid).Dashboard;
        var failures = new List<string>();
        var count = 0;
        foreach (var (where, query) in dashboard.AllQueries())
        {
            var influxQl = Expand(query, dashboard);
            count++;
            try
            {
                var result = await influx.Client.QueryAsync(influxQl, CancellationToken.None);
                if (!result.Series.Any(HasValue))
                {
                    failures.Add($"{where}: no series with a value for {influxQl}");
                }
            }
            catch (InfluxQueryException ex)
            {
                failures.Add($"{where}: {ex.Message}");
            }
        }
        Assert.True(count > 3, $"{uid} has only {count} queries");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + influx.Output);
    }

    /// <summary>A series with at least one non-null cell besides <c>time</c>: rows of nulls draw nothing.</summary>
    private static bool HasValue(InfluxSeries series) =>
        series.Values.Any(row => row.Where((_, i) => series.Columns[i] != "time").Any(cell => cell.ValueKind is not JsonValueKind.Null));

    /// <summary>What Grafana does before sending a query: the time range, the interval and the variables with their
    /// default selection (site: the facility's; room: the dashboard's room, or All on the overview; sensor: All
    /// sensors of the room, which Grafana sends as a regex alternation).</summary>
    private string Expand(string query, Dashboard dashboard)
    {
        var from = (influx.Now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds();
        var to = influx.Now.ToUnixTimeMilliseconds();
        var room = dashboard.Templating.List.Single(v => v.Name == "room");
        var roomValue = room.Type == "constant" ? room.Query : ".*";
        var sensors = room.Type == "constant"
            ? "(" + string.Join("|", DemoDashboards.Facility.SensorsIn(new Core.Facility.RoomId(roomValue)).Select(s => s.Id.Value)) + ")"
            : ".*";
        return query
            .Replace("$timeFilter", string.Create(CultureInfo.InvariantCulture, $"time >= {from}ms and time <= {to}ms"), StringComparison.Ordinal)
            .Replace("$__interval", "1m", StringComparison.Ordinal)
            .Replace("$site", DemoDashboards.Facility.Site.Id, StringComparison.Ordinal)
            .Replace("$room", roomValue, StringComparison.Ordinal)
            .Replace("$sensor", sensors, StringComparison.Ordinal);
    }
}
