namespace CleanroomMonitor.Core.Records;

/// <summary>What an audit entry is about (its <c>entity_type</c>): the kinds of GMP records and security records the
/// trail covers. The record store files each entry under one of these, and the report selects by them.</summary>
public static class AuditEntity
{
    public const string Excursion = "excursion";
    public const string Batch = "batch";
    /// <summary>Room state changes and window changes are filed under the room's id, so a room's trail holds both and the
    /// batch report, which selects room entries by room, finds them.</summary>
    public const string Room = "room";
    public const string RoomState = "room_state";
    public const string LimitSet = "limit_set";
    public const string Sensor = "sensor";
    public const string Facility = "facility";
    public const string User = "user";
    public const string ApiToken = "api_token";
    public const string RoomLease = "room_lease";

    /// <summary>The notification plan (contacts, rosters, policies, routes), filed under the id "plan".</summary>
    public const string NotificationPlan = "notification_plan";

    /// <summary>An OQ run kept as a controlled record, filed under the kit's run id with its signatures and dispositions.</summary>
    public const string QualificationRun = "qualification_run";

    /// <summary>A limit change under change control, filed under its id with its decision and evidence.</summary>
    public const string LimitChange = "limit_change";
}
