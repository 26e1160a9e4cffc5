using System.Net;
using System.Text.RegularExpressions;
using static CleanroomMonitor.IntegrationTests.Web.PageClient;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>The declare and end forms of operation and non-monitoring windows on /rooms/{id}: through the same code as
/// POST /api/rooms/{room}/windows, audited with the reason, and each security rule of the pages.</summary>
[Collection(WebTestGroup.Name)]
public sealed partial class RoomWindowFormsTests(WebRig fixture)
{
    private MonitorRig Rig => fixture.Rig;

    [GeneratedRegex("data-window=\"([0-9a-f-]{36})\"")]
    private static partial Regex WindowRow();

    private static KeyValuePair<string, string>[] Declare(string kind, string reason) =>
        [F("Declare.Kind", kind), F("Declare.To", DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)), F("Declare.Reason", reason)];

    private async Task<string> AuditAsync(string room) => await Rig.Http.GetStringAsync(new Uri($"/api/audit?entity={room}", UriKind.Relative));

    [Fact]
    public async Task DeclareAndEnd_NonMonitoringWindow_RoomNotMonitoredThenMonitoredAgainBothAudited()
    {
        using var op = await SignInAsync(Rig, "op");
        var reason = WebRig.Unique("AAV vector handling, RA-12");

        var declared = await op.PostFormAsync("/rooms/al1", "Declare", Declare("non-monitoring", reason));

        var html = await declared.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("Non-monitoring window declared", html, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"room-state\">not monitored</span>", html, StringComparison.Ordinal);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        var id = WindowRow().Match(html).Groups[1].Value;

        var ended = await op.PostFormAsync("/rooms/al1", "EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "vector work finished early")]);

        var after = await ended.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Contains("Non-monitoring window ended", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-window=\"{id}\"", after, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"room-state\">at rest</span>", after, StringComparison.Ordinal);
        var audit = await AuditAsync("al1");
        Assert.Contains("room.window-declared", audit, StringComparison.Ordinal);
        Assert.Contains(reason, audit, StringComparison.Ordinal);
        Assert.Contains("room.window-ended", audit, StringComparison.Ordinal);
        Assert.Contains("vector work finished early", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_WithoutReason_Is400AndNoWindow()
    {
        using var op = await SignInAsync(Rig, "op");

        var response = await op.PostFormAsync("/rooms/al1", "Declare", Declare("non-monitoring", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a reason are required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndWindow_WithoutReason_Is400AndTheWindowStays()
    {
        using var op = await SignInAsync(Rig, "op");
        var html = await (await op.PostFormAsync("/rooms/al1", "Declare", Declare("operation", "media fill set-up"))).Content.ReadAsStringAsync();
        var id = WindowRow().Match(html).Groups[1].Value;

        var refused = await op.PostFormAsync("/rooms/al1", "EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"data-window=\"{id}\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await op.PostFormAsync("/rooms/al1", "EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "done")])).StatusCode);
    }

    [Fact]
    public async Task Declare_Viewer_SeesNoFormAndHandMadePostIs403()
    {
        using var viewer = await SignInAsync(Rig, "viewer");

        var html = await viewer.GetHtmlAsync("/rooms/al1");
        var response = await viewer.PostFormAsync("/rooms/al1", "Declare", Declare("non-monitoring", "viewer trying"));

        Assert.DoesNotContain("declare-window-form", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("viewer trying", await AuditAsync("al1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_AnonymousOrWithoutAntiforgeryToken_IsRefused()
    {
        using var anonymous = Anonymous(Rig);
        using var op = await SignInAsync(Rig, "op");

        var fromAnonymous = await anonymous.PostFormAsync("/rooms/al1", "Declare", Declare("non-monitoring", "anonymous"), withToken: false);
        var forged = await op.PostFormAsync("/rooms/al1", "Declare", Declare("non-monitoring", "forged cross-site"), withToken: false);

        Assert.Equal("/login", fromAnonymous.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var audit = await AuditAsync("al1");
        Assert.DoesNotContain("anonymous", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("forged cross-site", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_OtherTenantsRoom_IsNotFound()
    {
        using var cellco = await SignInAsync(Rig, "cellco-op");
        using var helix = await SignInAsync(Rig, "helix-op");

        var page = await cellco.GetAsync("/rooms/cr1");
        var post = await cellco.PostWithAnyTokenAsync("/rooms/al1", "/rooms/cr1?handler=Declare", Declare("non-monitoring", "cellco in helix's room"));
        var own = await helix.PostFormAsync("/rooms/cr1", "Declare", Declare("operation", "helix set-up"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var id = WindowRow().Match(await own.Content.ReadAsStringAsync()).Groups[1].Value;
        var endByOther = await cellco.PostWithAnyTokenAsync("/rooms/al1", "/rooms/cr1?handler=EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "not mine")]);
        Assert.Equal(HttpStatusCode.NotFound, endByOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await helix.PostFormAsync("/rooms/cr1", "EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "set-up done")])).StatusCode);
        Assert.DoesNotContain("cellco in helix's room", await AuditAsync("cr1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_MarkupInReason_IsShownAsText()
    {
        using var op = await SignInAsync(Rig, "op");

        var html = await (await op.PostFormAsync("/rooms/al1", "Declare", Declare("operation", "<img src=x onerror=alert(1)> training"))).Content.ReadAsStringAsync();

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; training", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var id = WindowRow().Match(html).Groups[1].Value;
        await op.PostFormAsync("/rooms/al1", "EndWindow", [F("EndWindow.Id", id), F("EndWindow.Reason", "training done")]);
    }
}
