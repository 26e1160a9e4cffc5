using System.Threading.Channels;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Gets excursions to people (docs/notifications.md): the notifier the recorder tells of every excursion change.
/// It starts each matching route's escalation, moves it on every change (acknowledged, shelved, returned), and when a
/// step or a reminder is due plans the deliveries, saves them as pending together with the escalation's move, and hands
/// them to the <see cref="DeliverySender"/>. Everything runs on its own task: notifying never slows judging or recording.</summary>
/// <remarks>At start it resumes from the store: running escalations keep their timers, pending deliveries are sent, and an
/// open excursion awaiting acknowledgement that has no escalation yet (raised just before a crash, before it was told)
/// starts its routes then. Before each due moment the excursion is read back from the records, so an acknowledgement
/// that happened while the service was down stops the escalation instead of sending a reminder.</remarks>
public sealed class NotificationDispatcher(NotificationPlanKeeper plans, INotificationRecords store, IRecordStore records, ExcursionTenants tenants,
    NotificationText text, DeliverySender sender, NotificationHealth health, TimeProvider time, ILogger<NotificationDispatcher> logger)
    : BackgroundService, IExcursionNotifier
{
    private readonly Channel<ExcursionChange> _changes = Channel.CreateBounded<ExcursionChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly Dictionary<(Guid Excursion, string Route), Escalation> _live = [];
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The wait after the record store failed before the dispatcher tries again.</summary>
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(10);

    public string Name => "people";

    /// <summary>Completes when the dispatcher has resumed from the store and takes changes.</summary>
    public Task Resumed => _resumed.Task;

    /// <summary>The escalations running or suspended now.</summary>
    public int LiveEscalations { get; private set; }

    public ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken) => _changes.Writer.WriteAsync(change, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await records.InitializeAsync(stoppingToken);   // idempotent: the store is open once whoever asks first
            await plans.LoadAsync(stoppingToken);
            await ResumeAsync(stoppingToken);
            _resumed.TrySetResult();
            while (true)
            {
                try
                {
                    await WaitForWorkAsync(stoppingToken);
                    while (_changes.Reader.TryRead(out var change))
                    {
                        await ApplyAsync(change, stoppingToken);
                    }
                    await FireDueAsync(stoppingToken);
                    LiveEscalations = _live.Count;
                }
                catch (Exception ex) when (IsStoreFailure(ex))
                {
                    // The record store did not answer: notifying must not stop monitoring. Wait, then take up again what
                    // the store holds, so a change lost with the failure still starts its routes.
                    logger.NotificationsStalled(ex.Message, StoreRetry, ex);
                    await Task.Delay(StoreRetry, time, stoppingToken);
                    await StartMissingAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Timers and pending deliveries are in the store: the next start goes on from there.
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        foreach (var escalation in await store.LiveEscalationsAsync(cancellationToken))
        {
            _live[(escalation.ExcursionId, escalation.Route)] = escalation;
        }
        var pending = await store.PendingDeliveriesAsync(cancellationToken);
        foreach (var delivery in pending)
        {
            await ResendAsync(delivery, cancellationToken);
        }
        var started = await StartMissingAsync(cancellationToken);
        LiveEscalations = _live.Count;
        logger.NotificationsResumed(_live.Count, pending.Count, started);
    }

    /// <summary>Starts the routes of open excursions awaiting acknowledgement that have no escalation at all (raised
    /// just before a crash or a store failure, before the dispatcher took the change).</summary>
    private async Task<int> StartMissingAsync(CancellationToken cancellationToken)
    {
        // A suspended escalation whose unshelving was not told (a crash between the record and the notifier) would stay
        // silent for good: one whose excursion is no longer shelved is due again, or settled.
        foreach (var suspended in _live.Values.Where(e => e.State == EscalationState.Suspended).ToList())
        {
            var excursion = await records.FindExcursionAsync(suspended.ExcursionId, cancellationToken);
            if (excursion?.Status != ExcursionStatus.Shelved)
            {
                await SaveAsync([Settled(suspended, excursion, plans.Current)
                    ?? suspended with { State = EscalationState.Running, DueAt = time.GetUtcNow(), Note = null, LastFiredAt = null }], [], cancellationToken);
            }
        }
        var started = 0;
        var now = time.GetUtcNow();
        var planner = new EscalationPlanner(plans.Current);
        foreach (var excursion in await records.OpenExcursionsAsync(cancellationToken))
        {
            if (!EscalationPlanner.AwaitsAcknowledgement(excursion) || _live.Keys.Any(k => k.Excursion == excursion.Id))
            {
                continue;
            }
            var known = (await store.EscalationsOfAsync(excursion.Id, cancellationToken)).Select(e => e.Route).ToList();
            var fresh = planner.Start(excursion, await tenants.OfAsync(excursion, cancellationToken), known, now);
            await SaveAsync(fresh, [], cancellationToken);
            started += fresh.Count;
        }
        return started;
    }

    internal static bool IsStoreFailure(Exception ex) => ex is RecordStoreException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException;

    /// <summary>Sends again a delivery a stop left pending, to the contact as the plan now names them.</summary>
    private async Task ResendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Route.StartsWith(DailySummary.RoutePrefix, StringComparison.Ordinal))
        {
            // A summary describes its moment: one from before the stop would be stale; the next comes at its time.
            await store.SaveAsync([], [delivery with { Status = DeliveryStatus.Failed, Note = "interrupted by a stop of the service; the next summary follows at its time" }],
                cancellationToken);
            return;
        }
        var excursion = delivery.IsTest ? null : await records.FindExcursionAsync(delivery.ExcursionId, cancellationToken);
        if (plans.Current.Contact(delivery.Contact) is not { } contact || (!delivery.IsTest && excursion is null))
        {
            await store.SaveAsync([], [delivery with { Status = DeliveryStatus.Unreached, Note = $"contact '{delivery.Contact}' is no longer in the notification plan" }],
                cancellationToken);
            return;
        }
        var recipient = new Recipient(contact, delivery.Channels, delivery.Step, delivery.Repeat, null);
        var message = excursion is null ? text.Test(delivery.Route, delivery.RequestedBy ?? "unknown", delivery.CreatedAt) : text.Compose(excursion, recipient, delivery.Route);
        sender.Send(delivery, message, contact);
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var next = _live.Values.Where(e => e.State == EscalationState.Running && e.DueAt is not null).Select(e => e.DueAt!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (next == DateTimeOffset.MaxValue)
        {
            await _changes.Reader.WaitToReadAsync(cancellationToken);
            return;
        }
        var wait = next - time.GetUtcNow();
        if (wait <= TimeSpan.Zero || _changes.Reader.Count > 0)
        {
            return;
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var change = _changes.Reader.WaitToReadAsync(either.Token).AsTask();
        var due = Task.Delay(wait, time, either.Token);
        await Task.WhenAny(change, due);
        await either.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ApplyAsync(ExcursionChange change, CancellationToken cancellationToken)
    {
        var excursion = change.After;
        var planner = new EscalationPlanner(plans.Current);
        var now = time.GetUtcNow();
        var known = await store.EscalationsOfAsync(excursion.Id, cancellationToken);
        var moved = new List<Escalation>();
        foreach (var stored in known)
        {
            var current = _live.GetValueOrDefault((stored.ExcursionId, stored.Route), stored);
            var next = planner.Apply(current, change, now);
            if (next != current)
            {
                moved.Add(next);
            }
        }
        var fresh = planner.Start(excursion, await tenants.OfAsync(excursion, cancellationToken), [.. known.Select(e => e.Route)], now);
        await SaveAsync([.. moved, .. fresh], [], cancellationToken);
    }

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var planner = new EscalationPlanner(plans.Current);
        foreach (var escalation in _live.Values.Where(e => e.IsDue(now)).ToList())
        {
            var excursion = await records.FindExcursionAsync(escalation.ExcursionId, cancellationToken);
            if (Settled(escalation, excursion, planner.Plan) is { } settled)
            {
                await SaveAsync([settled], [], cancellationToken);
                continue;
            }
            var firing = planner.Fire(escalation, await tenants.OfAsync(excursion!, cancellationToken), now);
            var planned = firing.Recipients.Select(r => Delivery.Planned(r, excursion!.Id, escalation.Route, now)).ToList();
            var unreached = firing.Unreached.Select(u => Delivery.NotReached(u, excursion!.Id, escalation.Route, firing.Next.Repeats, now)).ToList();
            await SaveAsync([firing.Next], [.. planned, .. unreached], cancellationToken);
            logger.EscalationFired(excursion!.Id, escalation.Route, planned.Count, unreached.Count, firing.Next.StepsDone, firing.Next.Repeats);
            if (planned.Count > 0 || unreached.Count > 0)
            {
                health.StepResult(planned.Count > 0, escalation.Route);
            }
            for (var i = 0; i < planned.Count; i++)
            {
                sender.Send(planned[i], text.Compose(excursion, firing.Recipients[i], escalation.Route), firing.Recipients[i].Contact);
            }
        }
    }

    /// <summary>The escalation stopped or suspended because the excursion moved on without this dispatcher being told
    /// (acknowledged while the service was down), or null when it is still to be fired.</summary>
    private static Escalation? Settled(Escalation escalation, Excursion? excursion, NotificationPlan plan) => excursion switch
    {
        null => escalation with { State = EscalationState.Stopped, DueAt = null, Note = "the excursion is not in the records" },
        { Status: ExcursionStatus.Shelved } => escalation with { State = EscalationState.Suspended, DueAt = null, Note = "shelved" },
        _ when !EscalationPlanner.AwaitsAcknowledgement(excursion) =>
            escalation with { State = EscalationState.Stopped, DueAt = null, Note = $"no longer awaiting acknowledgement ({excursion.Status})" },
        { Status: ExcursionStatus.ReturnedUnacknowledged } when plan.Policy(escalation.Policy)?.StopOnReturn == true =>
            escalation with { State = EscalationState.Stopped, DueAt = null, Note = "returned to normal (the policy stops on return)" },
        _ => null,
    };

    private async Task SaveAsync(IReadOnlyList<Escalation> escalations, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        await store.SaveAsync(escalations, deliveries, cancellationToken);
        foreach (var escalation in escalations)
        {
            var key = (escalation.ExcursionId, escalation.Route);
            if (escalation.State == EscalationState.Stopped)
            {
                _live.Remove(key);
            }
            else
            {
                _live[key] = escalation;
            }
            if (escalation.State != EscalationState.Running || escalation.StepsDone == 0)
            {
                logger.EscalationMoved(escalation.ExcursionId, escalation.Route, escalation.State.ToString().ToLowerInvariant(), escalation.Note);
            }
        }
    }
}
