namespace CleanroomMonitor.Service;

// Notifications to people: EventIds 6401-6449 (dispatcher, plan, deliveries).
internal static partial class Log
{
    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Notification plan seeded from {File} (version {Version})")]
    public static partial void NotificationPlanSeeded(this ILogger logger, string file, string version);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning, Message = "The notification plan file {File} differs from the plan in force (version {Version}, saved by {By} at {SavedAt:o}); the plan in force stays: change it on the admin page or through PUT /api/notifications/plan")]
    public static partial void NotificationPlanFileDiffers(this ILogger logger, string file, string version, string by, DateTimeOffset savedAt);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Information, Message = "Notification plan version {Version} saved by {By}: {Reason}")]
    public static partial void NotificationPlanSaved(this ILogger logger, string version, string by, string reason);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Critical, Message = "The notification plan in force (version {Version}) is no longer valid, nobody is notified until it is corrected: {Problems}")]
    public static partial void NotificationPlanInvalid(this ILogger logger, string version, string problems);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Information, Message = "Notifications resumed: {Escalations} escalations running, {Pending} deliveries pending, {Started} routes started for open excursions")]
    public static partial void NotificationsResumed(this ILogger logger, int escalations, int pending, int started);

    [LoggerMessage(EventId = 6406, Level = LogLevel.Information, Message = "Escalation of excursion {Excursion} on route {Route}: {Recipients} to notify, {Unreached} unreached (step {Steps}, reminder {Repeats})")]
    public static partial void EscalationFired(this ILogger logger, Guid excursion, string route, int recipients, int unreached, int steps, int repeats);

    [LoggerMessage(EventId = 6407, Level = LogLevel.Information, Message = "Escalation of excursion {Excursion} on route {Route} {State}: {Note}")]
    public static partial void EscalationMoved(this ILogger logger, Guid excursion, string route, string state, string? note);

    [LoggerMessage(EventId = 6408, Level = LogLevel.Warning, Message = "Notification {Delivery} to {Contact} not delivered by {Channel} ({Address}): {Answer}")]
    public static partial void DeliveryAttemptFailed(this ILogger logger, Guid delivery, string contact, string channel, string address, string answer);

    [LoggerMessage(EventId = 6409, Level = LogLevel.Error, Message = "Notification {Delivery} to {Contact} about excursion {Excursion} could not be delivered on any of its channels ({Channels}) in {Rounds} rounds")]
    public static partial void DeliveryFailed(this ILogger logger, Guid delivery, string contact, Guid excursion, string channels, int rounds);

    [LoggerMessage(EventId = 6410, Level = LogLevel.Error, Message = "Channel {Channel} threw while sending notification {Delivery}; recorded as a failed attempt")]
    public static partial void ChannelThrew(this ILogger logger, string channel, Guid delivery, Exception exception);

    [LoggerMessage(EventId = 6411, Level = LogLevel.Information, Message = "Test notification of route {Route} asked for by {By}: {Recipients} to notify")]
    public static partial void NotificationTestSent(this ILogger logger, string route, string by, int recipients);

    [LoggerMessage(EventId = 6412, Level = LogLevel.Information, Message = "Daily summary {Summary} sent to {Recipients} people: {Subject}")]
    public static partial void DailySummarySent(this ILogger logger, string summary, string subject, int recipients);

    [LoggerMessage(EventId = 6413, Level = LogLevel.Error, Message = "Notifications stalled: the record store failed ({Reason}); trying again in {Retry}")]
    public static partial void NotificationsStalled(this ILogger logger, string reason, TimeSpan retry, Exception exception);

    [LoggerMessage(EventId = 6414, Level = LogLevel.Error, Message = "The delivery record of notification {Delivery} could not be saved ({Reason}); a pending delivery is sent again at the next start")]
    public static partial void DeliveryRecordFailed(this ILogger logger, Guid delivery, string reason, Exception exception);
}
