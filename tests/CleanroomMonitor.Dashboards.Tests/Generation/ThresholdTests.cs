using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Tests.Generation;

/// <summary>The limit lines and threshold colours are the values <see cref="LimitBook"/> resolves for each sensor in
/// its room's grade and state: nothing re-implemented, nothing missing, nothing extra.</summary>
public sealed partial class ThresholdTests
{
    private static readonly LimitBook Limits = new(DemoDashboards.Facility);

    [Theory, MemberData(nameof(DemoDashboards.Uids), MemberType = typeof(DemoDashboards))]
    public void LimitLines_EveryPanel_AreExactlyTheLimitBookBoundsForBothRoomStates(string uid)
    {
        var dashboard = DemoDashboards.All.Single(d => d.Dashboard.Uid == uid).Dashboard;
        foreach (var panel in dashboard.Panels.Where(p => p.Type == "timeseries"))
        {
            var data = panel.Queries.Single(t => t.RefId == "A").Query;
            var parameter = ParameterCatalog.TryParse(ParameterOf().Match(data).Groups[1].Value, out var info) ? info.Parameter : throw new InvalidOperationException(data);
            var sensors = SensorsOf().Match(data).Groups[1].Value.Split('|')
                .Select(id => DemoDashboards.Facility.TryGetSensor(new SensorId(id), out var s) ? s : throw new InvalidOperationException(id)).ToList();
            var drawn = panel.Queries.Where(t => t.RefId.StartsWith('L')).Select(t => (Label: t.Alias!, Value: ValueOf(t.Query))).ToList();

            var expected = new List<(LimitLevel Level, RoomState State, double Value)>();
            foreach (var sensor in sensors)
            {
                foreach (var state in new[] { RoomState.AtRest, RoomState.InOperation })
                {
                    var set = Limits.Resolve(sensor, parameter, state);
                    foreach (var (level, band) in new[] { (LimitLevel.Alert, set?.Alert ?? Band.None), (LimitLevel.Action, set?.Action ?? Band.None) })
                    {
                        expected.AddRange(new[] { band.Low, band.High }.OfType<double>().Select(v => (level, state, v)));
                    }
                }
            }
            var where = $"{uid} '{panel.Title}'";
            foreach (var (level, state, value) in expected)
            {
                Assert.True(drawn.Any(l => l.Value == value && l.Label.StartsWith(Name(level), StringComparison.Ordinal) && AppliesTo(l.Label, state)),
                    $"{where}: LimitBook's {level} {value} ({state}) is not drawn; lines: {string.Join(", ", drawn.Select(l => l.Label))}");
            }
            foreach (var (label, value) in drawn)
            {
                Assert.True(expected.Any(e => e.Value == value && label.StartsWith(Name(e.Level), StringComparison.Ordinal) && AppliesTo(label, e.State)),
                    $"{where}: line '{label}' ({value}) is not a LimitBook limit");
                Assert.Contains(InfluxQl.Number(value), label, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void LimitLines_GradeBRoomParticles_ShowAnnex1ActionLimitsAtRestAndInOperationLabelled()
    {
        var panel = DemoDashboards.Room("cr1").Dashboard.Panels.Single(p => p.Title == "Particles ≥0.5 µm per m³ · grade B");

        var lines = panel.Queries.Where(t => t.RefId.StartsWith('L')).Select(t => (t.Alias, ValueOf(t.Query))).ToList();

        Assert.Equal(
        [
            ("alert limit 2000 (at rest)", 2000d),
            ("alert limit 200000 (in operation)", 200000d),
            ("action limit 3520 (at rest)", 3520d),
            ("action limit 352000 (in operation)", 352000d),
        ], lines);
    }

    [Fact]
    public void LimitLines_GradeAZone_ShowOneActionLineBecauseBothStatesShareIt()
    {
        var panel = DemoDashboards.Room("cr1").Dashboard.Panels.Single(p => p.Title == "Particles ≥5.0 µm per m³ · grade A · Biosafety cabinet 1");

        Assert.Equal(["alert limit 20", "action limit 29"], panel.Queries.Where(t => t.RefId.StartsWith('L')).Select(t => t.Alias));
    }

    [Fact]
    public void Overview_StateIndependentLimits_ColourTheCurrentValueWithLimitBookValues()
    {
        var overview = DemoDashboards.All[0].Dashboard;
        var checkedFields = 0;
        foreach (var panel in overview.Panels.Where(p => p.Type == "stat"))
        {
            foreach (var fieldOverride in panel.FieldConfig!.Overrides)
            {
                var parts = fieldOverride.Matcher.Options.Split(' ');
                Assert.True(DemoDashboards.Facility.TryGetSensor(new SensorId(parts[0]), out var sensor), parts[0]);
                Assert.True(ParameterCatalog.TryParse(parts[1], out var info), parts[1]);
                var atRest = Limits.Resolve(sensor, info.Parameter, RoomState.AtRest);
                var inOperation = Limits.Resolve(sensor, info.Parameter, RoomState.InOperation);
                var thresholds = fieldOverride.Properties.SingleOrDefault(p => p.Id == "thresholds")?.Value as Thresholds;
                if (atRest is null || atRest.Describe() != inOperation?.Describe())
                {
                    Assert.Null(thresholds);   // particles: which limits apply depends on the room state
                    continue;
                }
                var bounds = new[] { atRest.Action.Low, atRest.Alert.Low, atRest.Alert.High, atRest.Action.High }.OfType<double>();
                Assert.Equal(bounds, thresholds!.Steps.Skip(1).Select(s => s.Value!.Value));
                checkedFields++;
            }
        }
        Assert.True(checkedFields >= 10, $"only {checkedFields} fields had state-independent limits");
    }

    private static string Name(LimitLevel level) => level == LimitLevel.Alert ? "alert " : "action ";

    private static bool AppliesTo(string label, RoomState state) =>
        !label.EndsWith(')') || label.EndsWith(state == RoomState.AtRest ? "(at rest)" : "(in operation)", StringComparison.Ordinal);

    private static double ValueOf(string query) => double.Parse(LimitValue().Match(query).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("\"parameter\" = '([a-z0-9_]+)'")]
    private static partial Regex ParameterOf();

    [GeneratedRegex("\"sensor\" =~ /\\^\\(([^)]+)\\)\\$/")]
    private static partial Regex SensorsOf();

    [GeneratedRegex("\\* 0 \\+ (-?[0-9.E+-]+) AS")]
    private static partial Regex LimitValue();
}
