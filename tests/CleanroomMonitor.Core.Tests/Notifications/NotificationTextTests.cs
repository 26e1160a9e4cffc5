using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Notifications;
using static CleanroomMonitor.Core.Tests.Notifications.PlanSamples;

namespace CleanroomMonitor.Core.Tests.Notifications;

public sealed class NotificationTextTests
{
    private static readonly Contact Dora = new("dora", "Dora Day", "dora@example.org", null, null);
    private readonly NotificationText _text = new(TestFacility.Create(), new Uri("https://monitor.example.org/cm/"));

    [Fact]
    public void Compose_FirstNotice_SaysWhatWhereValueLimitBatchesAndLinksToTheExcursion()
    {
        var excursion = Excursion();

        var message = _text.Compose(excursion, new Recipient(Dora, ["email"], 1, 0, "ops"), "action");

        Assert.Equal("Action excursion in Suite 1: th1 temperature 26.1 °C, action limit 25 °C", message.Subject);
        Assert.Equal(new Uri($"https://monitor.example.org/cm/excursions/{excursion.Id:D}"), message.Link);
        Assert.Contains("grade B, in operation", message.Text, StringComparison.Ordinal);
        Assert.Contains("Batches: B-001.", message.Text, StringComparison.Ordinal);
        Assert.Contains("a reply to this message does not acknowledge it", message.Text, StringComparison.Ordinal);
        Assert.Contains(message.Link.AbsoluteUri, message.Text, StringComparison.Ordinal);
        Assert.Contains("on call in roster 'ops'", message.Text, StringComparison.Ordinal);
        Assert.Equal("26.1", message.Fields["value"]);
        Assert.Equal("action", message.Fields["level"]);
        Assert.Equal("cr1", message.Fields["room"]);
        Assert.Equal(excursion.Id, message.ExcursionId);
    }

    [Fact]
    public void Compose_AndTest_FillExactlyTheDocumentedFieldNames()
    {
        var composed = _text.Compose(Excursion(), new Recipient(Dora, ["email"], 1, 0, null), "action");
        var test = _text.Test("action", "admin.1", Monday10);

        Assert.Equal(NotificationText.FieldNames.Order(), composed.Fields.Keys.Order());
        Assert.Equal(NotificationText.FieldNames.Order(), test.Fields.Keys.Order());
    }

    [Fact]
    public void Compose_ReminderAndEscalation_SayWhichInTheSubject()
    {
        var excursion = Excursion();

        Assert.StartsWith("Reminder 2: ", _text.Compose(excursion, new Recipient(Dora, ["email"], 1, 2, null), "action").Subject, StringComparison.Ordinal);
        Assert.StartsWith("Escalation (level 2): ", _text.Compose(excursion, new Recipient(Dora, ["email"], 2, 0, null), "action").Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ParticleCount_IsWrittenAsAWholeNumberWithSeparators()
    {
        var excursion = Excursion() with { Parameter = CleanroomMonitor.Core.Facility.Parameter.ParticlesHalfMicron, TriggerValue = 3612.4, Limit = 3520, Level = LimitLevel.Action };

        var message = _text.Compose(excursion, new Recipient(Dora, ["email"], 1, 0, null), "action");

        Assert.Equal("3,612", message.Fields["value"]);
        Assert.Equal("3,520", message.Fields["limit"]);
    }

    [Fact]
    public void Compose_SystemExcursion_IsNamedSystemAndSaysItsRule()
    {
        var excursion = Excursion(kind: ExcursionKind.System) with { Room = ExcursionTracker.SystemRoom, Parameter = null, TriggerValue = null, Limit = null, Rule = "notification channel 'sms' failing" };

        var message = _text.Compose(excursion, new Recipient(Dora, ["email"], 1, 0, null), "action");

        Assert.Equal("System excursion in the monitoring system: notification channel 'sms' failing", message.Subject);
        Assert.Equal("system", message.Fields["level"]);
    }
}
