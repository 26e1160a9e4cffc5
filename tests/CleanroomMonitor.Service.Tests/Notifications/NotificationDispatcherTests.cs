using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Notifications;

namespace CleanroomMonitor.Service.Tests.Notifications;

public sealed class NotificationDispatcherTests
{
    [Fact]
    public async Task NotifyAsync_Raised_OnCallPersonGetsTheFirstChannelAndTheRecordSaysSo()
    {
        await using var stage = await NotificationStage.StartAsync();

        var excursion = await stage.RaiseAsync();

        var deliveries = await stage.FinishedAsync(excursion.Id, 2);
        var dora = Assert.Single(deliveries, d => d.Contact == "dora");
        Assert.Equal(DeliveryStatus.Delivered, dora.Status);
        var attempt = Assert.Single(dora.Attempts);
        Assert.Equal(("sms", "+4915100000001", true), (attempt.Channel, attempt.Address, attempt.Delivered));
        Assert.Equal("250 queued for +4915100000001", attempt.Answer);
        var (message, contact) = Assert.Single(stage.Sms.Sent);
        Assert.Equal("dora", contact.Id);
        Assert.Equal(new Uri($"https://monitor.example.org/excursions/{excursion.Id:D}"), message.Link);
        Assert.Empty(stage.Email.Sent);
    }

    [Fact]
    public async Task NotifyAsync_TenantPersonForAnotherTenantsRoom_IsRecordedUnreachedNotNotified()
    {
        await using var stage = await NotificationStage.StartAsync();

        var excursion = await stage.RaiseAsync();

        var tara = Assert.Single(await stage.FinishedAsync(excursion.Id, 2), d => d.Contact == "tara");
        Assert.Equal(DeliveryStatus.Unreached, tara.Status);
        Assert.Contains("helix", tara.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyAsync_RoomLeasedToTheTenant_TenantPersonIsNotifiedToo()
    {
        await using var stage = await NotificationStage.StartAsync();
        stage.Users.Leases.Add(new RoomLease(Guid.NewGuid(), new RoomId("cr1"), "helix", NotificationStage.T0.AddDays(-30), null, "admin.1"));

        var excursion = await stage.RaiseAsync();

        var tara = Assert.Single(await stage.FinishedAsync(excursion.Id, 2), d => d.Contact == "tara");
        Assert.Equal(DeliveryStatus.Delivered, tara.Status);
        Assert.Equal("email", Assert.Single(tara.Attempts).Channel);   // no phone: the step's second channel
    }

    [Fact]
    public async Task NotifyAsync_SmsGatewayFailing_FallsOverToEmailAndRaisesTheChannelCondition()
    {
        await using var stage = await NotificationStage.StartAsync();
        using var attempts = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(stage.Meters, "CleanroomMonitor.Notifications",
            "cleanroom.notifications.attempts");
        stage.Sms.FailWith = "HTTP 500 upstream down";

        var excursion = await stage.RaiseAsync();

        var dora = Assert.Single(await stage.FinishedAsync(excursion.Id, 2), d => d.Contact == "dora");
        Assert.Equal(DeliveryStatus.Delivered, dora.Status);
        Assert.Equal([("sms", false, "HTTP 500 upstream down"), ("email", true, "250 queued for dora@example.org")],
            dora.Attempts.Select(a => (a.Channel, a.Delivered, a.Answer)));
        Assert.True(stage.Conditions.IsActive(NotificationHealth.ChannelCondition("sms")));
        Assert.False(stage.Conditions.IsActive(NotificationHealth.Undelivered));
        var counted = attempts.GetMeasurementSnapshot().Select(m => ((string)m.Tags["channel"]!, (string)m.Tags["outcome"]!)).ToList();
        Assert.Contains(("sms", "failed"), counted);
        Assert.Contains(("email", "delivered"), counted);
    }

    [Fact]
    public async Task NotifyAsync_EveryChannelFailingEveryRound_RecordedFailedAndRaisedAsUndelivered()
    {
        await using var stage = await NotificationStage.StartAsync();
        stage.Sms.FailWith = "HTTP 503";
        stage.Email.FailWith = "421 service not available";

        var excursion = await stage.RaiseAsync();

        var dora = Assert.Single(await stage.FinishedAsync(excursion.Id, 2, advancing: true), d => d.Contact == "dora");
        Assert.Equal(DeliveryStatus.Failed, dora.Status);
        Assert.Equal(4, dora.Attempts.Count);   // two rounds of sms then email
        Assert.True(stage.Conditions.IsActive(NotificationHealth.Undelivered));
        Assert.True(stage.Conditions.IsActive(NotificationHealth.ChannelCondition("email")));
    }

    [Fact]
    public async Task Escalation_NotAcknowledged_SecondStepAfterItsDelayThenRemindersToEveryone()
    {
        await using var stage = await NotificationStage.StartAsync();
        var excursion = await stage.RaiseAsync();
        await stage.FinishedAsync(excursion.Id, 2);

        stage.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await stage.UntilAsync(excursion.Id, d => d.Any(x => x.Contact == "quinn" && x.Status == DeliveryStatus.Delivered), "step 2 to quinn");
        Assert.Equal(2, Assert.Single(second, d => d.Contact == "quinn").Step);

        stage.Time.Advance(TimeSpan.FromMinutes(30));
        var reminders = await stage.UntilAsync(excursion.Id, d => d.Count(x => x.Repeat == 1 && x.Status != DeliveryStatus.Pending) == 3, "the first reminders");
        Assert.Equal(["dora", "quinn", "tara"], reminders.Where(d => d.Repeat == 1).Select(d => d.Contact).Order());
    }

    [Fact]
    public async Task Escalation_Acknowledged_NothingMoreIsSent()
    {
        await using var stage = await NotificationStage.StartAsync();
        var excursion = await stage.RaiseAsync();
        await stage.FinishedAsync(excursion.Id, 2);

        await stage.ChangeAsync(excursion, excursion with { Status = ExcursionStatus.Acknowledged }, ExcursionAction.Acknowledged, "anna");
        await TestSupport.Eventually.UntilAsync(async ct => (await stage.Store.LiveEscalationsAsync(ct)).Count == 0, TimeSpan.FromSeconds(20), "the escalation stopped");
        stage.Time.Advance(TimeSpan.FromHours(2));

        var escalation = Assert.Single(await stage.Store.EscalationsOfAsync(excursion.Id, CancellationToken.None));
        Assert.Equal(EscalationState.Stopped, escalation.State);
        Assert.Equal("acknowledged by anna", escalation.Note);
        Assert.Equal(2, (await stage.Store.DeliveriesAsync(excursion.Id, CancellationToken.None)).Count);
        Assert.Equal(0, stage.Dispatcher.LiveEscalations);
    }

    [Fact]
    public async Task Escalation_Shelved_SendsNothingUntilUnshelved()
    {
        await using var stage = await NotificationStage.StartAsync();
        var excursion = await stage.RaiseAsync();
        await stage.FinishedAsync(excursion.Id, 2);
        var shelved = excursion with { Status = ExcursionStatus.Shelved };
        await stage.ChangeAsync(excursion, shelved, ExcursionAction.Shelved, "anna");
        await TestSupport.Eventually.UntilAsync(async ct => (await stage.Store.LiveEscalationsAsync(ct)).Single().State == EscalationState.Suspended,
            TimeSpan.FromSeconds(20), "the escalation suspended");

        stage.Time.Advance(TimeSpan.FromHours(1));
        await stage.ChangeAsync(shelved, excursion, ExcursionAction.Unshelved);

        var after = await stage.UntilAsync(excursion.Id, d => d.Count(x => x.Status != DeliveryStatus.Pending) >= 4, "notified again when unshelved");
        Assert.All(after.Skip(2), d => Assert.Equal(NotificationStage.T0.AddHours(1), d.CreatedAt));
    }

    [Fact]
    public async Task Restart_AcknowledgedWhileDown_StopsInsteadOfSendingAReminder()
    {
        var first = await NotificationStage.StartAsync();
        var excursion = await first.RaiseAsync();
        await first.FinishedAsync(excursion.Id, 2);
        await first.DisposeAsync();
        await first.Records.SaveExcursionAsync(excursion with { Status = ExcursionStatus.Acknowledged },
            new Core.Records.AuditEntry(first.Time.GetUtcNow(), "anna", "user", "excursion.acknowledged", "excursion", excursion.Id.ToString(), null, null, null),
            CancellationToken.None);

        first.Time.Advance(TimeSpan.FromMinutes(15));
        await using var second = await NotificationStage.StartAsync(first);

        await TestSupport.Eventually.UntilAsync(async ct => (await second.Store.LiveEscalationsAsync(ct)).Count == 0, TimeSpan.FromSeconds(20), "the escalation stopped");
        Assert.Equal(2, (await second.Store.DeliveriesAsync(excursion.Id, CancellationToken.None)).Count);
        Assert.Contains("Acknowledged", Assert.Single(await second.Store.EscalationsOfAsync(excursion.Id, CancellationToken.None)).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_DownAnHour_CatchesUpWithOneNoticePerPersonNotAStorm()
    {
        var first = await NotificationStage.StartAsync();
        var excursion = await first.RaiseAsync();
        await first.FinishedAsync(excursion.Id, 2);
        await first.DisposeAsync();

        first.Time.Advance(TimeSpan.FromHours(1));
        await using var second = await NotificationStage.StartAsync(first);

        var deliveries = await second.UntilAsync(excursion.Id, d => d.Count(x => x.Status != DeliveryStatus.Pending) >= 5, "the catch-up");
        var catchUp = deliveries.Where(d => d.CreatedAt == NotificationStage.T0.AddHours(1)).ToList();
        // Step 2 for quinn, and one reminder for step 1 (tara unreached again): not the reminder missed at 30 min as well.
        Assert.Equal(["dora", "quinn", "tara"], catchUp.Select(d => d.Contact).Order());
        Assert.Equal(2, Assert.Single(catchUp, d => d.Contact == "quinn").Step);
        Assert.Equal(1, Assert.Single(catchUp, d => d.Contact == "dora").Repeat);
    }

    [Fact]
    public async Task Restart_RaisedButNeverTold_StartsItsRoutesAtResume()
    {
        var first = await NotificationStage.StartAsync();
        await first.DisposeAsync();
        var excursion = NotificationStage.Excursion();
        await first.Records.SaveExcursionAsync(excursion,
            new Core.Records.AuditEntry(first.Time.GetUtcNow(), "system", "system", "excursion.raised", "excursion", excursion.Id.ToString(), null, null, null),
            CancellationToken.None);

        await using var second = await NotificationStage.StartAsync(first);

        var dora = Assert.Single(await second.FinishedAsync(excursion.Id, 2), d => d.Contact == "dora");
        Assert.Equal(DeliveryStatus.Delivered, dora.Status);
    }

    [Fact]
    public async Task Restart_DeliveryLeftPending_IsSentAtResume()
    {
        var first = await NotificationStage.StartAsync();
        await first.DisposeAsync();
        var excursion = NotificationStage.Excursion();
        await first.Records.SaveExcursionAsync(excursion with { Status = ExcursionStatus.Acknowledged },
            new Core.Records.AuditEntry(first.Time.GetUtcNow(), "system", "system", "excursion.raised", "excursion", excursion.Id.ToString(), null, null, null),
            CancellationToken.None);
        var pending = new Delivery(Guid.NewGuid(), excursion.Id, "all", 1, 0, "dora", "Dora Day", ["email"], NotificationStage.T0, DeliveryStatus.Pending, []);
        await first.Store.SaveAsync([], [pending], CancellationToken.None);

        await using var second = await NotificationStage.StartAsync(first);

        var sent = Assert.Single(await second.FinishedAsync(excursion.Id, 1));
        Assert.Equal((pending.Id, DeliveryStatus.Delivered), (sent.Id, sent.Status));
        Assert.Equal("dora", Assert.Single(second.Email.Sent).Contact.Id);
    }

    [Fact]
    public async Task Restart_UnshelvedWhileNotTold_NotifiesAgainAtStart()
    {
        var first = await NotificationStage.StartAsync();
        var excursion = await first.RaiseAsync();
        await first.FinishedAsync(excursion.Id, 2);
        var shelved = excursion with { Status = ExcursionStatus.Shelved };
        await first.ChangeAsync(excursion, shelved, ExcursionAction.Shelved, "anna");
        await TestSupport.Eventually.UntilAsync(async ct => (await first.Store.LiveEscalationsAsync(ct)).Single().State == EscalationState.Suspended,
            TimeSpan.FromSeconds(20), "the escalation suspended");
        await first.DisposeAsync();
        await first.Records.SaveExcursionAsync(excursion,   // the shelving expired and was recorded, and the service stopped before telling
            new Core.Records.AuditEntry(first.Time.GetUtcNow(), "system", "system", "excursion.unshelved", "excursion", excursion.Id.ToString(), null, null, null),
            CancellationToken.None);

        await using var second = await NotificationStage.StartAsync(first);

        await second.UntilAsync(excursion.Id, d => d.Count(x => x.Status != DeliveryStatus.Pending) >= 4, "notified again");
        Assert.Equal(EscalationState.Running, Assert.Single(await second.Store.LiveEscalationsAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task NotifyAsync_RecordStoreFailsOnce_MonitoringGoesOnAndTheRouteStartsWhenItAnswersAgain()
    {
        await using var stage = await NotificationStage.StartAsync();
        stage.Store.FailingSaves = 1;

        var excursion = await stage.RaiseAsync();
        await TestSupport.Eventually.UntilAsync(_ => Task.FromResult(stage.Store.FailingSaves == 0), TimeSpan.FromSeconds(20), "the failed save");
        Assert.Empty(await stage.Store.DeliveriesAsync(excursion.Id, CancellationToken.None));

        var dora = Assert.Single(await stage.UntilAsync(excursion.Id, d =>
        {
            stage.Time.Advance(TimeSpan.FromSeconds(1));   // through the dispatcher's wait before it tries again
            return d.Any(x => x.Contact == "dora" && x.Status == DeliveryStatus.Delivered);
        }, "dora notified after the store answered again"), d => d.Contact == "dora");
        Assert.Equal(DeliveryStatus.Delivered, dora.Status);
        Assert.False(stage.Dispatcher.ExecuteTask!.IsCompleted);
    }
}
