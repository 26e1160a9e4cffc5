using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Notifications;

public sealed class NotificationPlanKeeperTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly InMemoryNotificationRecords _store = new();
    private readonly InMemoryUserStore _users = new() { Users = { InMemoryUserStore.Person("admin.1", Core.Security.Role.Admin) } };
    private readonly SystemConditions _conditions = new();
    private readonly FakeLogger<NotificationPlanKeeper> _log = new();
    private readonly FacilityDefinition _facility = FacilityReader.Parse(Evaluation.EngineStage.FacilityJson, "facility.json");

    public void Dispose() => _directory.Dispose();

    private NotificationPlanKeeper Keeper(string? planFile, params string[] channels) =>
        new(_facility, new ChannelDirectory(channels.ToDictionary(c => c, c => c == "email" ? ContactAddress.Email : ContactAddress.Phone)), _store,
            Options.Create(new NotificationOptions { PlanFile = planFile }), new NotificationHealth(_conditions, new FakeTimeProvider(NotificationStage.T0)),
            new AuditRoles(_users), new FakeTimeProvider(NotificationStage.T0), _log);

    private string PlanFile(string text)
    {
        var path = _directory.Combine("plan.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task LoadAsync_EmptyStoreAndAPlanFile_SeedsTheStoreAttributedToTheServiceAccount()
    {
        using var keeper = Keeper(PlanFile(NotificationStage.PlanJson), "email", "sms");

        await keeper.LoadAsync(CancellationToken.None);

        Assert.Equal("all", Assert.Single(keeper.Current.Routes).Id);
        var stored = Assert.Single(await _store.PlanHistoryAsync(CancellationToken.None));
        Assert.Equal(("system", "initial plan from plan.json"), (stored.By, stored.Reason));
        Assert.Equal(("notifications.plan-changed", "system"), (Assert.Single(_store.Audit).Action, _store.Audit[0].Role));
        Assert.True(_log.Has(6401));
    }

    [Fact]
    public async Task SaveAsync_ByAPerson_AuditedWithTheirStoredRole()
    {
        using var keeper = Keeper(null, "email", "sms");

        await keeper.SaveAsync(NotificationStage.PlanJson, "admin.1", "night roster", CancellationToken.None);

        var audit = Assert.Single(_store.Audit);
        Assert.Equal(("admin.1", "Admin"), (audit.User, audit.Role));
    }

    [Fact]
    public async Task LoadAsync_StoredPlanAndADifferentFile_TheStoredStaysAndTheDifferenceIsReported()
    {
        using (var first = Keeper(null, "email", "sms"))
        {
            await first.SaveAsync(NotificationStage.PlanJson, "admin.1", "first plan", CancellationToken.None);
        }
        using var keeper = Keeper(PlanFile(NotificationStage.PlanJson.Replace("\"repeatEvery\": \"30m\"", "\"repeatEvery\": \"15m\"", StringComparison.Ordinal)),
            "email", "sms");

        await keeper.LoadAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(30), keeper.Current.Policy("standard")!.RepeatEvery);
        Assert.Single(await _store.PlanHistoryAsync(CancellationToken.None));
        Assert.True(_log.Has(6402));
    }

    [Fact]
    public async Task LoadAsync_StoredPlanNamingAChannelNoLongerConfigured_NobodyNotifiedAndRaisedAsASystemCondition()
    {
        using (var first = Keeper(null, "email", "sms"))
        {
            await first.SaveAsync(NotificationStage.PlanJson, "admin.1", "first plan", CancellationToken.None);
        }
        using var keeper = Keeper(null, "email");   // the SMS gateway was removed from the configuration since

        await keeper.LoadAsync(CancellationToken.None);

        Assert.Empty(keeper.Current.Routes);
        Assert.True(_conditions.IsActive(NotificationHealth.PlanInvalid));
        Assert.True(_log.Has(6404));
    }

    [Fact]
    public async Task SaveAsync_InvalidPlan_EveryProblemReturnedAndNothingSaved()
    {
        using var keeper = Keeper(null, "email", "sms");

        var (plan, errors) = await keeper.SaveAsync(NotificationStage.PlanJson.Replace("dora@example.org", "dora", StringComparison.Ordinal)
            .Replace("\"policy\": \"standard\"", "\"policy\": \"gone\"", StringComparison.Ordinal), "admin.1", "typo", CancellationToken.None);

        Assert.Null(plan);
        Assert.Equal(["$.contacts[0].email", "$.routes[0].policy"], errors.Select(e => e.Path));
        Assert.Empty(await _store.PlanHistoryAsync(CancellationToken.None));
        Assert.Same(NotificationPlan.Empty, keeper.Current);
    }

    [Fact]
    public void CheckFile_InvalidPlanFile_NamesTheFileThePathAndTheValue()
    {
        var path = PlanFile(NotificationStage.PlanJson.Replace("+4915100000001", "0151 000", StringComparison.Ordinal));

        var error = Assert.Single(Assert.Throws<Core.Configuration.ConfigurationException>(() => NotificationPlanKeeper.CheckFile(path, _facility,
            new ChannelDirectory(new Dictionary<string, ContactAddress> { ["email"] = ContactAddress.Email, ["sms"] = ContactAddress.Phone }))).Errors);

        Assert.Equal((path, "$.contacts[0].phone", "0151 000"), (error.File, error.Path, error.Value));
    }
}
