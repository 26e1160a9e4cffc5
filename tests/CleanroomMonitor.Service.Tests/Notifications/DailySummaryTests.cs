using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Notifications;

public sealed class DailySummaryTests
{
    [Fact]
    public async Task DailySummary_AtItsTime_SaysWhatNeedsAttentionThenHealthyTheNextDay()
    {
        await using var stage = await NotificationStage.StartAsync();
        using var directory = new TempDirectory();
        await using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var buffer = new DurableBuffer(Options.Create(new DurableBufferOptions { Path = directory.Path }), stage.Time,
            metrics.GetRequiredService<IMeterFactory>(), NullLogger<DurableBuffer>.Instance);
        var latest = new LatestValues();
        var options = Options.Create(new NotificationOptions { PublicUrl = new Uri("https://monitor.example.org/") });
        var health = new MonitoringHealth(stage.Facility, latest, stage.Records, stage.Conditions, buffer, options, stage.Time);
        using var summaries = new DailySummarySender(stage.Keeper, health, stage.Sender, stage.Store, stage.Facility, stage.Time,
            NullLogger<DailySummarySender>.Instance);
        await summaries.StartAsync(CancellationToken.None);
        await summaries.Scheduled.WaitAsync(TimeSpan.FromSeconds(20));

        stage.Time.Advance(TimeSpan.FromMinutes(30));   // 09:30: nothing has reported yet
        var first = await stage.UntilAsync(Guid.Empty, d => d.Count(x => x.Status == DeliveryStatus.Delivered) == 1, "the first summary");
        Assert.Equal(("summary:morning", "quinn"), (first[0].Route, first[0].Contact));
        var (attention, _) = Assert.Single(stage.Email.Sent);
        Assert.StartsWith("Monitoring NEEDS ATTENTION: Engine stage", attention.Subject, StringComparison.Ordinal);
        Assert.Contains("Silent longer than their gap time: th1.", attention.Text, StringComparison.Ordinal);

        var nextDay = NotificationStage.T0.AddDays(1).AddMinutes(30);
        latest.Update(new Reading(new SensorId("th1"), new RoomId("cr1"), Parameter.Temperature, 21, nextDay.AddMinutes(-1), TimeSource.Device, nextDay.AddMinutes(-1)));
        Assert.Equal(NotificationStage.T0.AddMinutes(35), await summaries.Scheduled.WaitAsync(TimeSpan.FromSeconds(20)));   // the plan is looked at again every 5 min
        stage.Time.Advance(TimeSpan.FromDays(1));
        await stage.UntilAsync(Guid.Empty, d => d.Count(x => x.Status == DeliveryStatus.Delivered) == 2, "the second summary");
        var healthy = stage.Email.Sent.Last().Message;
        Assert.StartsWith("Monitoring healthy: Engine stage", healthy.Subject, StringComparison.Ordinal);
        Assert.Contains("Sensors reporting: 1 of 1.", healthy.Text, StringComparison.Ordinal);
        await summaries.StopAsync(CancellationToken.None);
    }
}
