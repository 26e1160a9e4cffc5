using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Sends each daily summary of the plan in force at its time (site time, so it follows daylight saving),
/// recorded in the delivery record under <c>summary:&lt;id&gt;</c> like any notification.</summary>
public sealed class DailySummarySender(NotificationPlanKeeper plans, MonitoringHealth health, DeliverySender sender, INotificationRecords store,
    FacilityDefinition facility, TimeProvider time, ILogger<DailySummarySender> logger) : BackgroundService
{
    /// <summary>How often the plan is looked at again while no summary is due (a summary added to the plan is picked up).</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    private TaskCompletionSource<DateTimeOffset> _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the time the sender wakes next once it waits for it: a test moves its clock only then.</summary>
    public Task<DateTimeOffset> Scheduled => Volatile.Read(ref _scheduled).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await plans.LoadAsync(stoppingToken);
            var after = time.GetUtcNow();
            while (true)
            {
                var due = plans.Current.Summaries.Select(s => (Summary: s, At: s.NextAfter(after, facility.Site.TimeZone))).OrderBy(d => d.At).FirstOrDefault();
                var wake = due.Summary is null || due.At - time.GetUtcNow() > Recheck ? time.GetUtcNow() + Recheck : due.At;
                var wait = wake - time.GetUtcNow();
                var scheduled = Volatile.Read(ref _scheduled);
                if (wait > TimeSpan.Zero)
                {
                    var delay = Task.Delay(wait, time, stoppingToken);
                    scheduled.TrySetResult(wake);
                    await delay;
                }
                Volatile.Write(ref _scheduled, new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
                var now = time.GetUtcNow();
                foreach (var summary in plans.Current.Summaries.Where(s => s.NextAfter(after, facility.Site.TimeZone) <= now))
                {
                    try
                    {
                        await SendAsync(summary, now, stoppingToken);
                    }
                    catch (Exception ex) when (NotificationDispatcher.IsStoreFailure(ex))
                    {
                        logger.DeliveryRecordFailed(Guid.Empty, ex.Message, ex);   // this summary is lost; the next follows at its time
                    }
                }
                after = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(DailySummary summary, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = plans.Current;
        var firing = new EscalationPlanner(plan).Resolve(new EscalationStep(TimeSpan.Zero, summary.Notify, summary.Channels), [], now);
        var message = await health.ComposeAsync(summary.Id, cancellationToken);
        var deliveries = firing.Recipients.Select(r => Delivery.Planned(r, Guid.Empty, DailySummary.RoutePrefix + summary.Id, now, "system")).ToList();
        var unreached = firing.Unreached.Select(u => Delivery.NotReached(u, Guid.Empty, DailySummary.RoutePrefix + summary.Id, 0, now, "system")).ToList();
        await store.SaveAsync([], [.. deliveries, .. unreached], cancellationToken);
        logger.DailySummarySent(summary.Id, message.Subject, deliveries.Count);
        for (var i = 0; i < deliveries.Count; i++)
        {
            sender.Send(deliveries[i], message, firing.Recipients[i].Contact);
        }
    }
}
