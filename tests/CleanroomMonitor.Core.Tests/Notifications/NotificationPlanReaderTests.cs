using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Notifications;
using static CleanroomMonitor.Core.Tests.Notifications.PlanSamples;

namespace CleanroomMonitor.Core.Tests.Notifications;

public sealed class NotificationPlanReaderTests
{
    private static ConfigError SingleError(string json) =>
        Assert.Single(Assert.Throws<ConfigurationException>(() => Plan(json)).Errors);

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, SampleJson, StringComparison.Ordinal);
        return SampleJson.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamplePlan_ReadsEveryPart()
    {
        var plan = Plan();

        Assert.Equal(5, plan.Contacts.Count);
        Assert.Equal("helix", plan.Contact("tara")!.Tenant);
        var roster = Assert.Single(plan.Rosters);
        Assert.Equal(3, roster.Shifts.Count);
        Assert.Equal("Christmas", Assert.Single(roster.Overrides).Reason);
        Assert.Equal(TimeSpan.FromMinutes(10), plan.Policy("standard")!.RepeatEvery);
        Assert.Equal(TimeSpan.FromMinutes(15), plan.Policy("standard")!.Steps[1].After);
        Assert.True(plan.Policy("quiet")!.StopOnReturn);
        Assert.Equal([new CleanroomMonitor.Core.Facility.RoomId("cr1")], plan.Route("alert-suite")!.Rooms!);
        Assert.Equal(12, plan.Version.Length);
    }

    [Fact]
    public void Parse_InvalidEmail_NamesPathAndValue()
    {
        var error = SingleError(Replace("dora@example.org", "dora-at-example"));

        Assert.Equal("$.contacts[0].email", error.Path);
        Assert.Equal("dora-at-example", error.Value);
        Assert.Equal("plan.json", error.File);
    }

    [Theory]
    [InlineData("015100000001")]
    [InlineData("+49 151 00000001")]
    [InlineData("+0123456789")]
    public void Parse_PhoneNotInInternationalForm_IsRefused(string phone)
    {
        var error = SingleError(Replace("+4915100000001", phone));

        Assert.Equal("$.contacts[0].phone", error.Path);
        Assert.Contains("E.164", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlappingShifts_NamesBoth()
    {
        var errors = Assert.Throws<ConfigurationException>(() => Plan(Replace("\"from\": \"19:00\", \"to\": \"07:00\"", "\"from\": \"18:00\", \"to\": \"07:00\""))).Errors;

        // The night shift now starts during the weekday day shift, and the weekend day shift ends during the night shift.
        Assert.Equal(["$.rosters[0].shifts[1]", "$.rosters[0].shifts[2]"], errors.Select(e => e.Path));
        var error = errors[0];
        Assert.Contains("$.rosters[0].shifts[0]", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyShift_IsRefused()
    {
        var error = SingleError(Replace("\"from\": \"19:00\", \"to\": \"07:00\"", "\"from\": \"19:00\", \"to\": \"19:00\""));

        Assert.Equal("$.rosters[0].shifts[1].to", error.Path);
    }

    [Fact]
    public void Parse_ShiftWithNobody_IsRefused()
    {
        var error = SingleError(Replace("\"contacts\": [\"wendy\"]", "\"contacts\": []"));

        Assert.Equal("$.rosters[0].shifts[2].contacts", error.Path);
    }

    [Fact]
    public void Parse_OverrideEndingBeforeItStarts_IsRefused()
    {
        var error = SingleError(Replace("\"to\": \"2026-12-27T07:00\"", "\"to\": \"2026-12-23T07:00\""));

        Assert.Equal("$.rosters[0].overrides[0].to", error.Path);
    }

    [Fact]
    public void Parse_RouteNamingUnknownRoom_ListsTheRooms()
    {
        var error = SingleError(Replace("\"rooms\": [\"cr1\"]", "\"rooms\": [\"cr9\"]"));

        Assert.Equal("$.routes[1].rooms[0]", error.Path);
        Assert.Equal("cr9", error.Value);
        Assert.Contains("cr1", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownChannel_ListsTheConfiguredOnes()
    {
        var error = SingleError(Replace("\"notify\": [\"quinn\"], \"channels\": [\"email\"] } ],\n", "\"notify\": [\"quinn\"], \"channels\": [\"pager\"] } ],\n"));

        Assert.Equal("$.policies[0].steps[1].channels[0]", error.Path);
        Assert.Contains("email, sms, voice", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StepChannelsCannotReachAContact_IsRefused()
    {
        // Wendy has a phone only; a roster step by email alone cannot reach her.
        var error = SingleError(Replace("\"channels\": [\"sms\", \"email\"]", "\"channels\": [\"email\"]"));

        Assert.Equal("$.policies[0].steps[0].notify[0]", error.Path);
        Assert.Contains("'wendy' has no Email", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownContactInStep_IsRefused()
    {
        var error = SingleError(Replace("\"after\": \"15m\", \"notify\": [\"quinn\"]", "\"after\": \"15m\", \"notify\": [\"quentin\"]"));

        Assert.Equal("$.policies[0].steps[1].notify[0]", error.Path);
        Assert.Equal("quentin", error.Value);
    }

    [Fact]
    public void Parse_UnknownPolicy_IsRefused()
    {
        var error = SingleError(Replace("\"policy\": \"quiet\"", "\"policy\": \"loud\""));

        Assert.Equal("$.routes[1].policy", error.Path);
    }

    [Fact]
    public void Parse_RepeatShorterThanAMinute_IsRefused()
    {
        var error = SingleError(Replace("\"repeatEvery\": \"10m\"", "\"repeatEvery\": \"10s\""));

        Assert.Equal("$.policies[0].repeatEvery", error.Path);
    }

    [Fact]
    public void Parse_MisspeltKey_IsRefused()
    {
        var error = SingleError(Replace("\"repeatEvery\"", "\"repeatEvry\""));

        Assert.Contains("repeatEvry", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var json = Replace("dora@example.org", "bad").Replace("\"policy\": \"quiet\"", "\"policy\": \"loud\"", StringComparison.Ordinal);

        Assert.Equal(2, Assert.Throws<ConfigurationException>(() => Plan(json)).Errors.Count);
    }

    [Fact]
    public void Parse_SummaryForATenantsPerson_IsRefused()
    {
        var json = SampleJson.Replace("\"routes\": [", "\"summaries\": [ { \"id\": \"daily\", \"at\": \"07:30\", \"notify\": [\"tara\"], \"channels\": [\"email\"] } ],\n  \"routes\": [",
            StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => Plan(json)).Errors);

        Assert.Equal("$.summaries[0].notify[0]", error.Path);
        Assert.Contains("facility staff only", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Summary_ReadsTimeAndPeople()
    {
        var json = SampleJson.Replace("\"routes\": [", "\"summaries\": [ { \"id\": \"daily\", \"at\": \"07:30\", \"notify\": [\"roster:ops\"], \"channels\": [\"sms\", \"email\"] } ],\n  \"routes\": [",
            StringComparison.Ordinal);

        var summary = Assert.Single(Plan(json).Summaries);

        Assert.Equal(("daily", new TimeOnly(7, 30)), (summary.Id, summary.At));
        Assert.Equal(["roster:ops"], summary.Notify);
    }

    [Fact]
    public void NextAfter_OnTheDayClocksGoForward_ComesAnHourLaterInsteadOfBeingSkipped()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var summary = new DailySummary("night", new TimeOnly(2, 30), ["dora"], ["email"]);

        // 2027-03-28: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day.
        var next = summary.NextAfter(new DateTimeOffset(2027, 3, 27, 12, 0, 0, TimeSpan.Zero), berlin);

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 30, 0, TimeSpan.FromHours(2)), next);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)), summary.NextAfter(next, berlin));
    }
}
