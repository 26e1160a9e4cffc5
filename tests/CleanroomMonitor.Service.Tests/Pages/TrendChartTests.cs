using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Pages;

namespace CleanroomMonitor.Service.Tests.Pages;

public sealed class TrendChartTests
{
    private const string FacilityJson = """
        {
          "site": { "id": "s", "name": "S", "timeZone": "Europe/Berlin" },
          "rooms": [ { "id": "s1", "name": "Suite 1", "grade": "B" } ],
          "sensors": [ { "id": "pc", "room": "s1", "parameters": ["particles_0_5um"], "interval": "1m" } ]
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Room = new("s1");
    private readonly FacilityDefinition _facility = FacilityReader.Parse(FacilityJson, "trend.json");
    private readonly LimitBook _book;

    public TrendChartTests() => _book = new LimitBook(_facility);

    private Sensor Counter => _facility.Sensors.Single();

    private static readonly TrendSeries Series = new(new SensorId("pc"), Parameter.ParticlesHalfMicron, TimeSpan.FromMinutes(1),
        [new TrendPoint(T0.AddMinutes(10), 0, 0, 0), new TrendPoint(T0.AddMinutes(11), 12, 0, 40), new TrendPoint(T0.AddMinutes(200), 900, 100, 1_500)]);

    private IReadOnlyList<LimitPeriod> Limits(params RoomStateChange[] changes) =>
        LimitPeriod.Over(_book, Counter, Parameter.ParticlesHalfMicron, RoomStatePeriod.Over(Room, changes, T0, T0.AddHours(4)));

    private static RoomStateChange Change(RoomState state, int minutes) => new(Room, state, T0.AddMinutes(minutes), "test", "system");

    private static TrendChart Build(IReadOnlyList<LimitPeriod> limits, IReadOnlyList<Batch>? batches = null, bool logarithmic = false) =>
        TrendChart.Build("pc", Parameter.ParticlesHalfMicron, Series, limits, T0, T0.AddHours(4), ChartTime.Utc, batches, logarithmic);

    // The GMP issue: the hours at rest before a batch were drawn against the in-operation limit in force now.
    [Fact]
    public void Build_AtRestThenInOperation_ActionLimitStepsFromAtRestToInOperationValue()
    {
        var chart = Build(Limits(Change(RoomState.InOperation, 180)));

        var action = Assert.Single(chart.Limits, l => l.Kind == "action");
        Assert.Equal([(RoomState.AtRest, 3_520d), (RoomState.InOperation, 352_000d)], action.Steps.Select(s => (s.State, s.Value)));
        Assert.Equal(T0.AddMinutes(180), action.Steps[1].From);
        var ys = action.Points.Split(' ').Select(p => p.Split(',')[1]).Distinct().ToList();
        Assert.Equal(2, ys.Count);   // one horizontal level per period, joined by a vertical step
        Assert.Equal(["action 3\u202F520", "action 352\u202F000"], action.Labels.Select(l => l.Text));
    }

    [Fact]
    public void Build_LoneBucketBetweenGaps_DrawnAsADot()
    {
        var chart = Build(Limits());

        Assert.Single(chart.Lines);   // the two buckets a minute apart
        var dot = Assert.Single(chart.Dots);   // the bucket three hours later
        Assert.Equal(Math.Round(TrendChart.Left + ((TrendChart.PlotRight - TrendChart.Left) * 200 / 240), 1), dot.X);
    }

    [Fact]
    public void Build_NoStateChange_OneLevel()
    {
        var chart = Build(Limits());

        var action = Assert.Single(chart.Limits, l => l.Kind == "action");
        Assert.Equal(3_520d, Assert.Single(action.Steps).Value);
    }

    [Fact]
    public void Build_NotMonitoredWindow_BreaksTheLimitLine()
    {
        var chart = Build(Limits(Change(RoomState.NotMonitored, 60), Change(RoomState.AtRest, 120)));

        Assert.Equal(2, chart.Limits.Count(l => l.Kind == "action"));
    }

    [Fact]
    public void Build_StateChanges_OneShadedBandPerStateWithItsLabel()
    {
        var chart = Build(Limits(Change(RoomState.InOperation, 60), Change(RoomState.CleanUp, 120)));

        Assert.Equal(["at-rest", "in-operation", "clean-up"], chart.States.Select(s => s.Kind));
        Assert.Equal(["at rest", "in operation", "clean-up"], chart.States.Select(s => s.Label));
        Assert.Equal(TrendChart.Left, chart.States[0].X1);
        Assert.Equal(chart.States[0].X2, chart.States[1].X1);
        Assert.Equal(TrendChart.PlotRight, chart.States[^1].X2);
    }

    [Fact]
    public void Build_Batches_BandLabelledWithTheNumberClippedToThePeriod()
    {
        var inside = new Batch("B-100/1", "Vaccine", "T", [Room], ProcessType.OpenManual, T0.AddMinutes(60), T0.AddMinutes(120), "mes", "mes");
        var running = new Batch("B-101", "Vaccine", "T", [Room], ProcessType.OpenManual, T0.AddMinutes(-30), null, "mes", null);
        var before = new Batch("B-099", "Vaccine", "T", [Room], ProcessType.OpenManual, T0.AddHours(-5), T0.AddHours(-4), "mes", "mes");

        var chart = Build(Limits(), [inside, running, before]);

        Assert.Equal(["B-100/1", "B-101"], chart.Batches.Select(b => b.Label));
        Assert.Equal((TrendChart.Left, TrendChart.PlotRight), (chart.Batches[1].X1, chart.Batches[1].X2));
        Assert.Equal(TrendChart.Left + ((TrendChart.PlotRight - TrendChart.Left) / 4), chart.Batches[0].X1, 1);
        Assert.Contains(chart.Legend, l => l.Kind == "batch");
        Assert.Contains(chart.Legend, l => l is { Kind: "state at-rest", Label: "at rest" });
    }

    [Fact]
    public void Build_Logarithmic_ZeroOnTheFloorAndDecadeTicks()
    {
        var chart = Build(Limits(), logarithmic: true);

        Assert.True(chart.IsLogarithmic);
        Assert.Equal(["0", "1", "10", "100", "1\u202F000", "10\u202F000"], chart.YTicks.Select(t => t.Label));
        Assert.Equal(TrendChart.PlotBottom, chart.YTicks[0].Position);
        Assert.StartsWith($"{Math.Round(TrendChart.Left + ((TrendChart.PlotRight - TrendChart.Left) * 10 / 240), 1)},{TrendChart.PlotBottom} ", chart.Lines[0],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Linear_NoDecadeTicks()
    {
        var chart = Build(Limits(), logarithmic: false);

        Assert.False(chart.IsLogarithmic);
        Assert.Equal(5, chart.YTicks.Count);
    }

    [Fact]
    public void Build_SiteTimeShown_TicksInSiteTimeWithUtcOnHover()
    {
        var berlin = _facility.Site.TimeZone;

        var chart = TrendChart.Build("pc", Parameter.ParticlesHalfMicron, Series, Limits(), T0, T0.AddHours(4), new ChartTime(berlin, TimeZoneInfo.Utc));

        Assert.Equal("07:30", chart.XTicks[0].Label);   // 06:00 UTC is 07:00 in Berlin in March; ticks every 30 min over 4 h
        Assert.Equal("2026-03-02 06:30 UTC", chart.XTicks[0].Title);
    }
}
