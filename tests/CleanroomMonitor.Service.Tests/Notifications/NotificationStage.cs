using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Notifications;

/// <summary>The dispatcher and the sender in memory: records and notification records kept in lists (shared between a
/// stage and the one that restarts it), two recording channels, and a clock that moves only when the test moves it.</summary>
internal sealed class NotificationStage : IAsyncDisposable
{
    /// <summary>Sunday 2026-12-06 09:00 UTC: the day shift (08:00-20:00) is on call.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    public const string PlanJson = """
        {
          "contacts": [
            { "id": "dora", "name": "Dora Day", "email": "dora@example.org", "phone": "+4915100000001" },
            { "id": "nick", "name": "Nick Night", "email": "nick@example.org", "phone": "+4915100000002" },
            { "id": "quinn", "name": "Quinn QA", "email": "quinn@example.org" },
            { "id": "tara", "name": "Tara Tenant", "email": "tara@helix.example", "tenant": "helix" }
          ],
          "rosters": [
            { "id": "ops", "shifts": [
                { "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "08:00", "to": "20:00", "contacts": ["dora"] },
                { "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "20:00", "to": "08:00", "contacts": ["nick"] } ] }
          ],
          "policies": [
            { "id": "standard", "steps": [
                { "after": "0m", "notify": ["roster:ops", "tara"], "channels": ["sms", "email"] },
                { "after": "10m", "notify": ["quinn"], "channels": ["email"] } ],
              "repeatEvery": "30m" }
          ],
          "routes": [ { "id": "all", "policy": "standard" } ],
          "summaries": [ { "id": "morning", "at": "09:30", "notify": ["quinn"], "channels": ["email"] } ]
        }
        """;

    public FacilityDefinition Facility => _facility;

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private readonly FacilityDefinition _facility = FacilityReader.Parse(Evaluation.EngineStage.FacilityJson, "facility.json");

    private NotificationStage(InMemoryRecordStore? records, InMemoryNotificationRecords? store, FakeTimeProvider? time, InMemoryUserStore? users)
    {
        Records = records ?? new InMemoryRecordStore();
        Store = store ?? new InMemoryNotificationRecords();
        Time = time ?? new FakeTimeProvider(T0);
        Users = users ?? new InMemoryUserStore();
        Conditions = new SystemConditions();
        var health = new NotificationHealth(Conditions, Time);
        var options = Options.Create(new NotificationOptions { DeliveryRounds = 2, RoundDelay = TimeSpan.FromSeconds(5), PublicUrl = new Uri("https://monitor.example.org/") });
        var directory = new ChannelDirectory(new Dictionary<string, ContactAddress> { ["email"] = ContactAddress.Email, ["sms"] = ContactAddress.Phone });
        Keeper = new NotificationPlanKeeper(_facility, directory, Store, options, health, new AuditRoles(Users), Time, NullLogger<NotificationPlanKeeper>.Instance);
        Sender = new DeliverySender([Email, Sms], Store, health, options, _metrics.GetRequiredService<IMeterFactory>(), Time, NullLogger<DeliverySender>.Instance);
        Dispatcher = new NotificationDispatcher(Keeper, Store, Records, new ExcursionTenants(Records, Users), new NotificationText(_facility, options.Value.PublicUrl),
            Sender, health, Time, NullLogger<NotificationDispatcher>.Instance);
    }

    public IMeterFactory Meters => _metrics.GetRequiredService<IMeterFactory>();

    public InMemoryRecordStore Records { get; }

    public InMemoryNotificationRecords Store { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryUserStore Users { get; }

    public SystemConditions Conditions { get; }

    public RecordingChannel Email { get; } = new("email", ContactAddress.Email);

    public RecordingChannel Sms { get; } = new("sms", ContactAddress.Phone);

    public NotificationPlanKeeper Keeper { get; }

    public DeliverySender Sender { get; }

    public NotificationDispatcher Dispatcher { get; }

    /// <summary>A running dispatcher with <see cref="PlanJson"/> in force; given the stores and clock of a stage stopped
    /// before, it is that service restarted.</summary>
    public static async Task<NotificationStage> StartAsync(NotificationStage? before = null, bool savePlan = true)
    {
        var stage = new NotificationStage(before?.Records, before?.Store, before?.Time, before?.Users);
        if (savePlan && before is null)
        {
            var (plan, errors) = await stage.Keeper.SaveAsync(PlanJson, "admin.1", "test plan", CancellationToken.None);
            Assert.True(plan is not null, string.Join("; ", errors));
        }
        await stage.Sender.StartAsync(CancellationToken.None);
        await stage.Dispatcher.StartAsync(CancellationToken.None);
        await stage.Dispatcher.Resumed.WaitAsync(TimeSpan.FromSeconds(20));
        return stage;
    }

    public static Excursion Excursion(ExcursionStatus status = ExcursionStatus.Unacknowledged) =>
        new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Action, new SensorId("th1"), new RoomId("cr1"), Parameter.Temperature, Grade.B,
            RoomState.InOperation, "value ≥ action limit 25", 26.1, 25, null, "v1", T0, null, 26.1, T0, status, [], [], "f1");

    /// <summary>Records the change as the recorder does, then tells the dispatcher.</summary>
    public async Task ChangeAsync(Excursion? before, Excursion after, string action, string by = "system")
    {
        await Records.SaveExcursionAsync(after, new AuditEntry(Time.GetUtcNow(), by, "user", AuditAction.OfExcursion(action), AuditEntity.Excursion,
            after.Id.ToString(), null, null, null), CancellationToken.None);
        await Dispatcher.NotifyAsync(new ExcursionChange(before, after, action, by), CancellationToken.None);
    }

    public Task<Excursion> RaiseAsync() => RaiseAsync(Excursion());

    public async Task<Excursion> RaiseAsync(Excursion excursion)
    {
        await ChangeAsync(null, excursion, ExcursionAction.Raised);
        return excursion;
    }

    /// <summary>Waits until <paramref name="count"/> deliveries of the excursion are finished (delivered, failed or unreached).</summary>
    public Task<IReadOnlyList<Delivery>> FinishedAsync(Guid excursion, int count, bool advancing = false) =>
        UntilAsync(excursion, d => d.Count(x => x.Status != DeliveryStatus.Pending) >= count, $"{count} finished deliveries", advancing);

    public async Task<IReadOnlyList<Delivery>> UntilAsync(Guid excursion, Func<IReadOnlyList<Delivery>, bool> condition, string what, bool advancing = false)
    {
        IReadOnlyList<Delivery> deliveries = [];
        await TestSupport.Eventually.UntilAsync(async ct =>
        {
            if (advancing)
            {
                Time.Advance(TimeSpan.FromSeconds(1));   // through the sender's back-off between rounds
            }
            deliveries = await Store.DeliveriesAsync(excursion, ct);
            return condition(deliveries);
        }, TimeSpan.FromSeconds(20), what, () => Task.FromResult(string.Join("; ", Store.Deliveries.Select(d => $"{d.Contact} {d.Status} {d.Note}"))));
        return deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.StopAsync(CancellationToken.None);
        await Sender.StopAsync(CancellationToken.None);
        Dispatcher.Dispose();
        Sender.Dispose();
        Keeper.Dispose();
        await _metrics.DisposeAsync();
    }
}
