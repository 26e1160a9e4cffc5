using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static CleanroomMonitor.IntegrationTests.Web.PageClient;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>The start and end forms on /batches and /batches/{number}: the same rules as POST /api/batches, a reason in
/// the audit trail, and each security rule of the pages (anonymous, role, tenant, CSRF).</summary>
[Collection(WebTestGroup.Name)]
public sealed class BatchFormsTests(WebRig fixture)
{
    private MonitorRig Rig => fixture.Rig;

    private static KeyValuePair<string, string>[] StartFields(string number, string room, string reason = "line clearance done, MES offline", string? tenant = null,
        string product = "CAR-T lot") =>
    [
        F("Start.Number", number), F("Start.Product", product), F("Start.Rooms", room), F("Start.Process", "open"), F("Start.Reason", reason),
        .. tenant is null ? Array.Empty<KeyValuePair<string, string>>() : [F("Start.Tenant", tenant)],
    ];

    private async Task<JsonElement?> BatchAsync(string number)
    {
        var response = await Rig.Http.GetAsync(new Uri($"/api/batches/{Uri.EscapeDataString(number)}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private async Task<string> AuditAsync(string entity) => await Rig.Http.GetStringAsync(new Uri($"/api/audit?entity={Uri.EscapeDataString(entity)}", UriKind.Relative));

    [Fact]
    public async Task StartForm_Operator_StartsTheBatchAndAuditsTheReason()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");

        var response = await op.PostFormAsync("/batches", "Start", StartFields(number, "cr1", "planned start after line clearance"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith($"/batches/{number}", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains($"Batch {number} started in cr1.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var batch = (await BatchAsync(number))!.Value;
        Assert.Equal("helix-bio", batch.GetProperty("tenant").GetString());   // cr1's lessee, as the lease allows
        Assert.Equal("op", batch.GetProperty("startedBy").GetString());
        var audit = await AuditAsync(number);
        Assert.Contains("\"action\":\"batch.started\"", audit, StringComparison.Ordinal);
        Assert.Contains("planned start after line clearance", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartForm_WithoutReason_Is400AndNothingStarts()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");

        var response = await op.PostFormAsync("/batches", "Start", StartFields(number, "cr1", reason: " "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a reason is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_Viewer_SeesNoFormAndHandMadePostIs403()
    {
        using var viewer = await SignInAsync(Rig, "viewer");
        var number = WebRig.Unique("WEB");

        var html = await viewer.GetHtmlAsync("/batches");
        var response = await viewer.PostFormAsync("/batches", "Start", StartFields(number, "cr1"));

        Assert.DoesNotContain("start-batch-form", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_Anonymous_GoesToTheLoginPage()
    {
        using var anonymous = Anonymous(Rig);
        var number = WebRig.Unique("WEB");

        var page = await anonymous.GetAsync("/batches");
        var post = await anonymous.PostFormAsync("/batches", "Start", StartFields(number, "cr1"), withToken: false);

        Assert.Equal("/login", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/login", post.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_WithoutAntiforgeryToken_Is400()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");

        var response = await op.PostFormAsync("/batches", "Start", StartFields(number, "cr1"), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_TenantOperator_IsOfferedOnlyItsRoomsAndStartsForItsTenant()
    {
        using var helix = await SignInAsync(Rig, "helix-op");
        var number = WebRig.Unique("HX");

        var html = await helix.GetHtmlAsync("/batches");
        var response = await helix.PostFormAsync("/batches", "Start", StartFields(number, "cr1"));

        Assert.Contains("value=\"cr1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"al1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Start.Tenant\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("helix-bio", (await BatchAsync(number))!.Value.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task StartForm_TenantOperatorInAnotherTenantsRoom_Is403()
    {
        using var cellco = await SignInAsync(Rig, "cellco-op");
        var number = WebRig.Unique("CC");

        var inHelixRoom = await cellco.PostFormAsync("/batches", "Start", StartFields(number, "cr1"));
        var forHelix = await cellco.PostFormAsync("/batches", "Start", StartFields(number, "al1", tenant: "helix-bio"));

        Assert.Equal(HttpStatusCode.Forbidden, inHelixRoom.StatusCode);
        Assert.Contains("not leased to cellco", await inHelixRoom.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forHelix.StatusCode);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_StaffForATenantNotRentingTheRoom_Is400()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");

        var response = await op.PostFormAsync("/batches", "Start", StartFields(number, "cr1", tenant: "cellco"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("room cr1 is leased to helix-bio now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await BatchAsync(number));
    }

    [Fact]
    public async Task StartForm_MarkupInProduct_IsShownAsText()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");

        await op.PostFormAsync("/batches", "Start", StartFields(number, "al1", product: "<script>alert('x')</script>"));
        var html = await op.GetHtmlAsync("/batches");

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndForm_OperatorWithReasonAndConfirmation_EndsTheBatch()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("WEB");
        await op.PostFormAsync("/batches", "Start", StartFields(number, "al1"));
        var page = $"/batches/{number}";

        var unconfirmed = await op.PostFormAsync(page, "End", [F("End.Reason", "filling finished")]);
        var noReason = await op.PostFormAsync(page, "End", [F("End.Confirm", "true")]);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await BatchAsync(number))!.Value.GetProperty("endedAt").ValueKind);

        var ended = await op.PostFormAsync(page, "End", [F("End.Reason", "filling finished, room released"), F("End.Confirm", "true")]);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.DoesNotContain("end-batch-form", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("op", (await BatchAsync(number))!.Value.GetProperty("endedBy").GetString());
        Assert.Contains("filling finished, room released", await AuditAsync(number), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndForm_ViewerAndOtherTenant_AreRefused()
    {
        using var helix = await SignInAsync(Rig, "helix-op");
        var number = WebRig.Unique("HX");
        await helix.PostFormAsync("/batches", "Start", StartFields(number, "cr1"));
        using var viewer = await SignInAsync(Rig, "viewer");
        using var cellco = await SignInAsync(Rig, "cellco-op");
        var end = new[] { F("End.Reason", "not mine"), F("End.Confirm", "true") };

        Assert.DoesNotContain("end-batch-form", await viewer.GetHtmlAsync($"/batches/{number}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostWithAnyTokenAsync("/batches", $"/batches/{number}?handler=End", end)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync($"/batches/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostWithAnyTokenAsync("/batches", $"/batches/{number}?handler=End", end)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await BatchAsync(number))!.Value.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task BatchApi_ReasonGiven_GoesIntoTheAuditTrail()
    {
        using var op = await SignInAsync(Rig, "op");
        var number = WebRig.Unique("API");

        var started = await op.PostJsonAsync("/api/batches", new { number, product = "P", rooms = new[] { "al1" }, process = "closed", reason = "started by hand, MES down" });
        var ended = await op.PostJsonAsync($"/api/batches/{number}/end", new { reason = "ended by hand" });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("cellco", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenant").GetString());
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var audit = await AuditAsync(number);
        Assert.Contains("started by hand, MES down", audit, StringComparison.Ordinal);
        Assert.Contains("ended by hand", audit, StringComparison.Ordinal);
    }
}
