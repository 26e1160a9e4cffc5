using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Records;
using static CleanroomMonitor.IntegrationTests.LimitChanges.LimitChangeSteps;

namespace CleanroomMonitor.IntegrationTests.LimitChanges;

/// <summary>A limit change end to end through the API and the engine (docs/gmp.md "Limit changes under change control"):
/// proposed by one QA person, approved by another with a signature, in force at its effective instant without a restart,
/// audited old → new, and still in force after a restart.</summary>
public sealed class LimitChangeApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await StartWithSecondApproverAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<List<JsonElement>> TemperatureExcursionsAsync() =>
        [.. (await _rig.Http.GetFromJsonAsync<JsonElement>(Url("/api/excursions?sensor=th1"))).EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Temperature")];

    [Fact]
    public async Task ProposeApproveSwitch_NewAlertLevel_NoExcursionBeforeTheInstantOneAfterUnderTheNewVersionAuditedAndKeptAcrossARestart()
    {
        using var qa = await _rig.SignInAsync("qa");
        using var qa2 = await _rig.SignInAsync("qa2");
        using var op = await _rig.SignInAsync("op");
        var narrower = NarrowerAlert;

        // Refused proposals leave nothing behind.
        await AssertStatusAsync(HttpStatusCode.BadRequest, await qa.PostAsJsonAsync(Url("/api/limit-changes"),
            Proposal(new { alert = new { high = 22 }, delay = "60s" }, DateTimeOffset.UtcNow)), "4.16");
        await AssertStatusAsync(HttpStatusCode.BadRequest, await qa.PostAsJsonAsync(Url("/api/limit-changes"),
            Proposal(new { alert = new { low = 18, high = 26 }, action = new { low = 16, high = 25 } }, DateTimeOffset.UtcNow)), "inside the action band");
        await AssertStatusAsync(HttpStatusCode.BadRequest, await qa.PostAsJsonAsync(Url("/api/limit-changes"),
            Proposal(new { alert = new { hgih = 22 } }, DateTimeOffset.UtcNow)), "hgih");
        await AssertStatusAsync(HttpStatusCode.Forbidden, await op.PostAsJsonAsync(Url("/api/limit-changes"), Proposal(narrower, DateTimeOffset.UtcNow)), "only QA");
        await AssertStatusAsync(HttpStatusCode.Forbidden, await _rig.Http.PostAsJsonAsync(Url("/api/limit-changes"), Proposal(narrower, DateTimeOffset.UtcNow)), "not by a token");
        Assert.Equal(0, (await _rig.Http.GetFromJsonAsync<JsonElement>(Url("/api/limit-changes"))).GetArrayLength());

        var effectiveAt = DateTimeOffset.UtcNow.AddSeconds(8);
        var proposed = await AssertStatusAsync(HttpStatusCode.Created, await qa.PostAsJsonAsync(Url("/api/limit-changes"), Proposal(narrower, effectiveAt)));
        var id = proposed.GetProperty("id").GetGuid();
        Assert.Equal("Proposed", proposed.GetProperty("state").GetString());
        var withEvidence = await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"/api/limit-changes/{id}/evidence"),
            new { kind = "replay", json = new { excursions = new { current = 0, proposed = 2 } } }));
        Assert.Equal(("replay", "{\"excursions\":{\"current\":0,\"proposed\":2}}", "qa"), (withEvidence.GetProperty("evidence")[0].GetProperty("kind").GetString(),
            withEvidence.GetProperty("evidence")[0].GetProperty("json").GetString(), withEvidence.GetProperty("evidence")[0].GetProperty("addedBy").GetString()));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await qa.PostAsJsonAsync(Url($"/api/limit-changes/{id}/approve"),
            new { userName = "qa", password = MonitorRig.Password }), "cannot also approve");
        await AssertStatusAsync(HttpStatusCode.Unauthorized, await qa2.PostAsJsonAsync(Url($"/api/limit-changes/{id}/approve"),
            new { userName = "qa2", password = "wrong-password" }));

        var approved = await AssertStatusAsync(HttpStatusCode.OK, await qa2.PostAsJsonAsync(Url($"/api/limit-changes/{id}/approve"),
            new { userName = "qa2", password = MonitorRig.Password, reason = "matches the trend" }));
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(effectiveAt.UtcDateTime, approved.GetProperty("effectiveAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
        await AssertStatusAsync(HttpStatusCode.Conflict, await qa2.PostAsJsonAsync(Url($"/api/limit-changes/{id}/reject"),
            new { reason = "changed my mind", password = MonitorRig.Password }), "a decided change stays");
        // Evidence is added while the change is proposed; a decided change refuses more (the decision was taken on what there was).
        await AssertStatusAsync(HttpStatusCode.Conflict, await qa.PostAsJsonAsync(Url($"/api/limit-changes/{id}/evidence"),
            new { kind = "replay", json = 1 }), "evidence is added only while a change is proposed");
        await AssertStatusAsync(HttpStatusCode.Forbidden, await op.PostAsJsonAsync(Url($"/api/limit-changes/{id}/evidence"), new { kind = "replay", json = 1 }), "only QA");
        var newVersion = approved.GetProperty("sets").EnumerateArray().Single(s => s.GetProperty("sensor").GetString() == "th1" && s.GetProperty("state").GetString() == "AtRest")
            .GetProperty("afterVersion").GetString();

        // 22.5 °C: inside the old alert level (23), beyond the new one (22).
        await PublishTemperatureAsync(_rig, 22.5);
        await JudgedAsync(_rig, 1);
        Assert.True(DateTimeOffset.UtcNow < effectiveAt, "the reading before the effective instant was judged too late for this test");
        Assert.Empty(await TemperatureExcursionsAsync());

        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<JsonElement[]>(Url("/api/audit?entity=th1/temperature/AtRest"), ct))!
            .Any(a => a.GetProperty("entry").GetProperty("action").GetString() == AuditAction.LimitsChanged
                && a.GetProperty("entry").GetProperty("user").GetString() == "qa2"),
            TimeSpan.FromSeconds(20), "the engine to switch to the new limits at the effective instant");
        Assert.True(DateTimeOffset.UtcNow >= effectiveAt);
        await PublishTemperatureAsync(_rig, 22.5);

        await _rig.WaitForExcursionAsync("th1");
        var raised = Assert.Single(await TemperatureExcursionsAsync());
        Assert.Equal("Alert", raised.GetProperty("level").GetString());
        Assert.Equal(newVersion, raised.GetProperty("limitsVersion").GetString());
        var view = await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"/api/limit-changes/{id}"));
        Assert.Equal("Effective", view.GetProperty("state").GetString());

        var trail = await _rig.Http.GetFromJsonAsync<JsonElement[]>(Url($"/api/audit?entity={id}"));
        // The refusals (qa approving its own proposal, qa2 rejecting a decided change, evidence on a decided change, op adding
        // evidence) are in the change's trail too.
        Assert.Equal([AuditAction.LimitChangeProposed, AuditAction.LimitChangeEvidenceAdded, AuditAction.LimitChangeRefused, AuditAction.LimitChangeApproved,
                AuditAction.LimitChangeRefused, AuditAction.LimitChangeRefused, AuditAction.LimitChangeRefused],
            trail!.Select(a => a.GetProperty("entry").GetProperty("action").GetString()));
        var approval = trail![3].GetProperty("entry");
        Assert.Equal(("qa2", "QA"), (approval.GetProperty("user").GetString(), approval.GetProperty("role").GetString()));
        Assert.Contains("\"alert\":{\"low\":18,\"high\":23}", approval.GetProperty("oldValue").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"alert\":{\"low\":18,\"high\":22}", approval.GetProperty("newValue").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"proposedBy\":\"qa\"", approval.GetProperty("newValue").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"approvedBy\":\"qa2\"", approval.GetProperty("newValue").GetString(), StringComparison.Ordinal);
        Assert.Contains("trend review Q1", approval.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Back to normal, then a restart: the change is read back from the records and is still in force.
        await PublishTemperatureAsync(_rig, 20);
        await MonitorRig.WaitUntilAsync(async _ => (await TemperatureExcursionsAsync()).All(e => e.GetProperty("endedAt").ValueKind != JsonValueKind.Null),
            TimeSpan.FromSeconds(20), "the excursion to return to normal");
        await _rig.StopServiceAsync();
        await _rig.StartServiceAsync();
        await PublishTemperatureAsync(_rig, 22.4);

        await MonitorRig.WaitUntilAsync(async _ => (await TemperatureExcursionsAsync()).Count == 2, TimeSpan.FromSeconds(30), "a second excursion under the new limits");
        Assert.All(await TemperatureExcursionsAsync(), e => Assert.Equal(newVersion, e.GetProperty("limitsVersion").GetString()));
    }
}
