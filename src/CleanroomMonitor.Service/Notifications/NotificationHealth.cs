using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Evaluation;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Turns delivery trouble into system excursions (which are themselves routed, so facility staff hear of them
/// through a channel that still works): a channel failing an attempt, a person not reached by any channel, an escalation
/// step that reached nobody. Each clears when the same thing next succeeds.</summary>
public sealed class NotificationHealth(SystemConditions conditions, TimeProvider time)
{
    public const string Undelivered = "notification-undelivered";
    public const string NobodyReached = "notification-nobody-reached";
    public const string PlanInvalid = "notification-plan-invalid";

    public static string ChannelCondition(string channel) => "notification-" + channel;

    public void ChannelResult(string channel, bool delivered, string answer) =>
        conditions.Set(ChannelCondition(channel), !delivered, LimitLevel.Alert,
            delivered ? $"notification channel '{channel}' delivers again" : $"notification channel '{channel}' failing: {answer}", time.GetUtcNow());

    public void DeliveryResult(bool delivered, string who) =>
        conditions.Set(Undelivered, !delivered, LimitLevel.Action,
            delivered ? "notifications are delivered again" : $"a notification to {who} could not be delivered on any channel", time.GetUtcNow());

    public void StepResult(bool anyoneReached, string route) =>
        conditions.Set(NobodyReached, !anyoneReached, LimitLevel.Action,
            anyoneReached ? "escalation steps reach people again" : $"an escalation step of route '{route}' had nobody to notify (nobody on call)", time.GetUtcNow());

    public void Plan(bool valid, string detail) => conditions.Set(PlanInvalid, !valid, LimitLevel.Action, detail, time.GetUtcNow());
}
