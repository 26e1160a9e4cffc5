using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Notifications;

namespace CleanroomMonitor.Core.Tests.Notifications;

internal static class PlanSamples
{
    /// <summary>Monday 2026-12-07 10:00 UTC (the test facility's zone is UTC).</summary>
    public static readonly DateTimeOffset Monday10 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, ContactAddress> Channels =
        new Dictionary<string, ContactAddress> { ["email"] = ContactAddress.Email, ["sms"] = ContactAddress.Phone, ["voice"] = ContactAddress.Phone };

    /// <summary>A day operator (weekdays 07:00-19:00), a night operator (every night 19:00-07:00), a weekend day operator, a
    /// head of QA for level 2, and a tenant's own QA person.</summary>
    public const string SampleJson = """
        {
          "contacts": [
            { "id": "dora", "name": "Dora Day", "email": "dora@example.org", "phone": "+4915100000001" },
            { "id": "nick", "name": "Nick Night", "email": "nick@example.org", "phone": "+4915100000002" },
            { "id": "wendy", "name": "Wendy Weekend", "phone": "+4915100000003" },
            { "id": "quinn", "name": "Quinn QA", "email": "quinn@example.org" },
            { "id": "tara", "name": "Tara Tenant", "email": "tara@helix.example", "tenant": "helix" }
          ],
          "rosters": [
            { "id": "ops",
              "shifts": [
                { "days": ["mon", "tue", "wed", "thu", "fri"], "from": "07:00", "to": "19:00", "contacts": ["dora"] },
                { "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "19:00", "to": "07:00", "contacts": ["nick"] },
                { "days": ["sat", "sun"], "from": "07:00", "to": "19:00", "contacts": ["wendy"] }
              ],
              "overrides": [ { "from": "2026-12-24T19:00", "to": "2026-12-27T07:00", "contacts": ["quinn"], "reason": "Christmas" } ] }
          ],
          "policies": [
            { "id": "standard", "steps": [
                { "after": "0m", "notify": ["roster:ops", "tara"], "channels": ["sms", "email"] },
                { "after": "15m", "notify": ["quinn"], "channels": ["email"] } ],
              "repeatEvery": "10m" },
            { "id": "quiet", "steps": [ { "notify": ["quinn"], "channels": ["email"] } ], "stopOnReturn": true }
          ],
          "routes": [
            { "id": "action", "levels": ["action", "system"], "policy": "standard" },
            { "id": "alert-suite", "rooms": ["cr1"], "levels": ["alert"], "policy": "quiet" }
          ]
        }
        """;

    public static NotificationPlan Plan(string json = SampleJson) => NotificationPlanReader.Parse(json, "plan.json", TestFacility.Create(), Channels);

    public static Excursion Excursion(LimitLevel level = LimitLevel.Action, ExcursionStatus status = ExcursionStatus.Unacknowledged,
        ExcursionKind kind = ExcursionKind.Temperature, string room = "cr1") =>
        new(Guid.NewGuid(), kind, level, new SensorId("th1"), new RoomId(room), Parameter.Temperature, Grade.B, RoomState.InOperation,
            "value ≥ action limit 25", 26.1, 25, null, "v1", Monday10, null, 26.1, Monday10, status, ["B-001"], [], "f1");
}
