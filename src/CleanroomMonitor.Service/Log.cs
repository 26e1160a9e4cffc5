namespace CleanroomMonitor.Service;

internal static partial class Log
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Room {Room} (grade {Grade}): {Count} readings in the last {Interval}; {Values}")]
    public static partial void RoomActivity(this ILogger logger, string room, string grade, long count, TimeSpan interval, string values);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Facility {Site} loaded from {File}: {Rooms} rooms, {Sensors} sensors, version {Version}")]
    public static partial void FacilityLoaded(this ILogger logger, string site, string file, int rooms, int sensors, string version);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Information, Message = "CleanroomMonitor {Version} (modified build: {Modified}) started on {Host} from {InstallPath}")]
    public static partial void InstallationStarted(this ILogger logger, string version, string modified, string host, string installPath);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Critical, Message = "Durable buffer refuses writes, ingest is holding back new readings: {Reason}")]
    public static partial void BufferFull(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Durable buffer accepts readings again")]
    public static partial void BufferAcceptingAgain(this ILogger logger);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Duplicate check seeded from InfluxDB: {Readings} stored readings of {Series} series")]
    public static partial void InstantSeedsLoaded(this ILogger logger, int series, int readings);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "Duplicate check starts empty, InfluxDB could not be read ({Reason}): a reading sent again for an instant stored before this start is not checked")]
    public static partial void InstantSeedsUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Level} {Kind} excursion {Id} in {Room} ({Sensor}): {Rule}; since {StartedAt:o}; batches [{Batches}]")]
    public static partial void ExcursionRaised(this ILogger logger, string level, string kind, Guid id, string room, string sensor, string rule, DateTimeOffset startedAt, string batches);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Excursion {Id} {Action} ({Status}) by {By}")]
    public static partial void ExcursionChanged(this ILogger logger, Guid id, string action, string status, string by);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Room {Room} is now {State}: {Reason}")]
    public static partial void RoomStateChanged(this ILogger logger, string room, string state, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Notifier {Notifier} failed for excursion {Id}; the record is saved and the other channels were told")]
    public static partial void NotifierFailed(this ILogger logger, string notifier, Guid id, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Webhook {Url} failed for excursion {Id} (attempt {Attempt}): {Failure}; retrying in {Delay}")]
    public static partial void WebhookRetry(this ILogger logger, Uri url, string id, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Webhook {Url} gave up on excursion {Id} after {Attempts} attempts: {Failure}")]
    public static partial void WebhookGaveUp(this ILogger logger, Uri url, string id, int attempts, string failure);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Limit set {Key} is now version {Version} (was {Previous}): {Description}")]
    public static partial void LimitVersionChanged(this ILogger logger, string key, string version, string previous, string description);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Batch message from {Origin} refused: {Problem}")]
    public static partial void BatchRequestRefused(this ILogger logger, string origin, string problem);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Batch {Number} {Action} in {Rooms} by {By}")]
    public static partial void BatchChanged(this ILogger logger, string number, string action, string rooms, string by);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Excursion engine restored {Open} open excursions, {Batches} batches, {States} room state changes, {Windows} room windows ({OpenWindows} open or planned)")]
    public static partial void EngineRestored(this ILogger logger, int open, int batches, int states, int windows, int openWindows);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Sign-in failed for {User}: {Reason}")]
    public static partial void SignInFailed(this ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Critical, Message = "Security alert for {User}: {What}")]
    public static partial void SecurityAlert(this ILogger logger, string user, string what);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Account {User} created from the command line")]
    public static partial void AdminCreated(this ILogger logger, string user);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Session of {User} ended: {Reason}")]
    public static partial void SessionEnded(this ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Password of {User} changed by its holder")]
    public static partial void PasswordChanged(this ILogger logger, string user);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Signature of {User} refused: {Reason}")]
    public static partial void SignatureRefused(this ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Last sequence numbers could not be read from InfluxDB ({Reason}): a sequence gap across this restart will not be detected")]
    public static partial void SequenceSeedsUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Last stored sequence numbers of {Count} sensors read from InfluxDB ({Sample})")]
    public static partial void SequenceSeedsLoaded(this ILogger logger, int count, string sample);

    // Notification channels (Notifications/Channels): EventIds 4400-4449. Logged on a channel's change between delivering
    // and failing, never per message: every attempt's answer is in the delivery record.
    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Notification channel {Channel} failed to deliver: {Answer}; further failures are in the delivery record only, until it delivers again")]
    public static partial void NotificationChannelFailing(this ILogger logger, string channel, string answer);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Notification channel {Channel} delivers again")]
    public static partial void NotificationChannelRecovered(this ILogger logger, string channel);
}
