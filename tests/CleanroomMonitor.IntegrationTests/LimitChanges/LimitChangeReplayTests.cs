using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Replay;
using static CleanroomMonitor.IntegrationTests.LimitChanges.LimitChangeSteps;

namespace CleanroomMonitor.IntegrationTests.LimitChanges;

/// <summary>A limit change's replay evidence end to end (docs/gmp.md "Limit changes under change control"): POST
/// /api/limit-changes/{id}/replay judges the stored period under the limits in force and with the change applied, keeps
/// the comparison with the change in the caller's name, and is refused once the change is decided.</summary>
public sealed class LimitChangeReplayTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await StartWithSecondApproverAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Replay_ProposedNarrowerAlert_ComparisonKeptAsEvidenceWithCountsAndRefusedOnceDecided()
    {
        using var qa = await _rig.SignInAsync("qa");
        using var qa2 = await _rig.SignInAsync("qa2");
        using var op = await _rig.SignInAsync("op");
        var proposed = await AssertStatusAsync(HttpStatusCode.Created, await qa.PostAsJsonAsync(Url("/api/limit-changes"), Proposal(NarrowerAlert, DateTimeOffset.UtcNow.AddDays(1))));
        var id = proposed.GetProperty("id").GetGuid();
        // 22.5 °C three times: inside the alert level in force (23), beyond the proposed one (22).
        var from = _rig.NextInstant().AddSeconds(-1);
        for (var i = 0; i < 3; i++)
        {
            await PublishTemperatureAsync(_rig, 22.5);
        }
        await JudgedAsync(_rig, 3);
        var to = DateTimeOffset.UtcNow;

        await AssertStatusAsync(HttpStatusCode.BadRequest, await op.PostAsJsonAsync(Url($"/api/limit-changes/{id}/replay"), new { from = to, to = from }),
            "the period must end after it starts");
        await AssertStatusAsync(HttpStatusCode.BadRequest, await op.PostAsJsonAsync(Url($"/api/limit-changes/{id}/replay"), new { from }), "from and to are required");
        await AssertStatusAsync(HttpStatusCode.OK, await op.PostAsJsonAsync(Url($"/api/limit-changes/{id}/replay"), new { from, to }));

        var view = await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"/api/limit-changes/{id}"));
        var evidence = Assert.Single(view.GetProperty("evidence").EnumerateArray());
        Assert.Equal(("replay", "op"), (evidence.GetProperty("kind").GetString(), evidence.GetProperty("addedBy").GetString()));
        var comparison = JsonSerializer.Deserialize<ReplayComparison>(evidence.GetProperty("json").GetString()!, MonitorRig.Json)!;
        Assert.Equal(3, comparison.Readings);
        var temperature = Assert.Single(comparison.Series, s => s.Sensor.Value == "th1" && s.Parameter == CleanroomMonitor.Core.Facility.Parameter.Temperature);
        Assert.Equal((0, 1), (temperature.Current.AlertExcursions, temperature.Proposed.AlertExcursions));
        Assert.Equal(ReplayDifferenceKind.OnlyProposed, Assert.Single(comparison.Differences).Difference);
        Assert.Equal($"{comparison.CurrentVersion} with limit change {id}", comparison.ProposedVersion);
        Assert.Empty(comparison.Current);

        await AssertStatusAsync(HttpStatusCode.OK, await qa2.PostAsJsonAsync(Url($"/api/limit-changes/{id}/reject"),
            new { reason = "not before the next review", userName = "qa2", password = MonitorRig.Password }));
        await AssertStatusAsync(HttpStatusCode.Conflict, await op.PostAsJsonAsync(Url($"/api/limit-changes/{id}/replay"), new { from, to }),
            "evidence is added only while a change is proposed");
        var after = await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"/api/limit-changes/{id}"));
        Assert.Equal(1, after.GetProperty("evidence").GetArrayLength());
        var trail = await _rig.Http.GetFromJsonAsync<JsonElement[]>(Url($"/api/audit?entity={id}"));
        var added = Assert.Single(trail!, a => a.GetProperty("entry").GetProperty("action").GetString() == AuditAction.LimitChangeEvidenceAdded).GetProperty("entry");
        Assert.Equal("op", added.GetProperty("user").GetString());
        Assert.Contains("3 readings, 1 differing instants", added.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
    /// <summary>A room's replay judges "current" under the limits in force, an approved change included, not under the bare
    /// facility file: after an approved alert level of 22 °C, 22.5 °C is an alert under current and none under a proposal
    /// that puts the file's 23 °C back.</summary>
    [Fact]
    public async Task RoomReplay_AfterAnApprovedChange_CurrentIsTheLimitsInForce()
    {
        using var qa = await _rig.SignInAsync("qa");
        using var qa2 = await _rig.SignInAsync("qa2");
        using var op = await _rig.SignInAsync("op");
        var proposed = await AssertStatusAsync(HttpStatusCode.Created, await qa.PostAsJsonAsync(Url("/api/limit-changes"), Proposal(NarrowerAlert, DateTimeOffset.UtcNow)));
        var id = proposed.GetProperty("id").GetGuid();
        await AssertStatusAsync(HttpStatusCode.OK, await qa2.PostAsJsonAsync(Url($"/api/limit-changes/{id}/approve"),
            new { userName = "qa2", password = MonitorRig.Password }));
        var from = _rig.NextInstant().AddSeconds(-1);
        await PublishTemperatureAsync(_rig, 22.5);
        await JudgedAsync(_rig, 1);
        var to = DateTimeOffset.UtcNow;

        var replayed = await AssertStatusAsync(HttpStatusCode.OK, await op.PostAsJsonAsync(Url("/api/rooms/cr1/replay"), new
        {
            from,
            to,
            proposed = new { rooms = new { cr1 = new { temperature = new { alert = new { high = 23 } } } } },
        }));
        var comparison = JsonSerializer.Deserialize<ReplayComparison>(replayed.GetRawText(), MonitorRig.Json)!;
        var temperature = Assert.Single(comparison.Series, s => s.Sensor.Value == "th1" && s.Parameter == CleanroomMonitor.Core.Facility.Parameter.Temperature);
        Assert.Equal((1, 0), (temperature.Current.AlertExcursions, temperature.Proposed.AlertExcursions));
        Assert.Equal(ReplayDifferenceKind.OnlyCurrent, Assert.Single(comparison.Differences).Difference);
    }
}
