using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Excursions;

/// <summary>GMP finding: an action taken through the engine is recorded with the actor's role at the time of the
/// action (Annex 11 §9), not the generic "user".</summary>
public sealed class AuditRoleTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<AuditEntry> EntryAsync(string entityId, string action) =>
        Assert.Single((await _rig.App.Services.GetRequiredService<IRecordStore>().AuditTrailAsync(entityId, null, null, CancellationToken.None))
            .Select(r => r.Entry), e => e.Action == action);

    [Fact]
    public async Task Acknowledge_AsOperator_AuditEntryRecordsOperatorRole()
    {
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await _rig.WaitForExcursionAsync("th1");
        using var op = await _rig.SignInAsync("op");

        var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "door left open during transfer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await EntryAsync(id.ToString(), AuditAction.OfExcursion(ExcursionAction.Acknowledged));
        Assert.Equal(("op", "Operator"), (entry.User, entry.Role));
    }

    [Fact]
    public async Task StartBatch_AsOperatorAndAsToken_AuditEntriesRecordTheirRoles()
    {
        using var op = await _rig.SignInAsync("op");

        var byPerson = await op.PostAsJsonAsync(U("/api/batches"), new { number = "AR-1", product = "P", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open" });
        var byToken = await _rig.Http.PostAsJsonAsync(U("/api/batches"), new { number = "AR-2", product = "P", tenant = "helix-bio", rooms = new[] { "al1" }, process = "open" });

        Assert.True(byPerson.StatusCode == HttpStatusCode.Created, await byPerson.Content.ReadAsStringAsync());
        Assert.True(byToken.StatusCode == HttpStatusCode.Created, await byToken.Content.ReadAsStringAsync());
        var person = await EntryAsync("AR-1", AuditAction.BatchStarted);
        Assert.Equal(("op", "Operator"), (person.User, person.Role));
        var token = await EntryAsync("AR-2", AuditAction.BatchStarted);
        Assert.Equal(("token:integration tests", "Viewer,Operator,QA"), (token.User, token.Role));
    }
}
