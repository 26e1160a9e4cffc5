using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Notifications;

/// <summary>Every notification plan shipped under deploy/config is valid for its facility and points its editor at the
/// schema.</summary>
public sealed class ShippedPlanTests
{
    private static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "config");

    /// <summary>The channels the demo (email to its SMTP sink) and the OQ kit's installation (email and an sms gateway) configure.</summary>
    private static readonly Dictionary<string, ContactAddress> Channels = new() { ["email"] = ContactAddress.Email, ["sms"] = ContactAddress.Phone };

    public static TheoryData<string> ShippedFiles() =>
        new(Directory.GetFiles(Folder, "notifications.*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory, MemberData(nameof(ShippedFiles))]
    public void Parse_ShippedPlan_IsValidForItsFacility(string file)
    {
        var facility = FacilityReader.Load(Path.Combine(Folder, file.Replace("notifications.", "facility.", StringComparison.Ordinal)));
        var text = File.ReadAllText(Path.Combine(Folder, file));

        var plan = NotificationPlanReader.Parse(text, file, facility, Channels);

        Assert.NotEmpty(plan.Routes);
        Assert.Contains("\"$schema\": \"schemas/notifications.schema.json\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoPlan_OnCallAroundTheClock_NoRosterGaps()
    {
        var facility = FacilityReader.Load(Path.Combine(Folder, "facility.demo.json"));
        var plan = NotificationPlanReader.Parse(File.ReadAllText(Path.Combine(Folder, "notifications.demo.json")), "demo", facility,
            new Dictionary<string, ContactAddress> { ["email"] = ContactAddress.Email });

        Assert.All(plan.Rosters, roster => Assert.Empty(roster.Gaps()));
    }
}
