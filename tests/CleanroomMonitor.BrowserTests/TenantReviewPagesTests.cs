using System.Net.Http.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>Pages of an excursion linked to batches of two tenants. A rig of its own: the batches put cr1 in operation,
/// which the shared collection's tests do not expect.</summary>
public sealed class TenantReviewPagesTests(BrowserRig fixture) : IClassFixture<BrowserRig>
{
    [Fact]
    public async Task ExcursionDetail_LinkedToTwoTenants_OnlyTheFacilityQaGetsTheCloseFormWithTheFixedDecisions()
    {
        foreach (var (number, tenant) in new[] { ("H-PAGE-1", "helix-bio"), ("C-PAGE-1", "cellco") })
        {
            (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
                new { number, product = "P", tenant, rooms = new[] { "cr1" }, process = "open" })).EnsureSuccessStatusCode();
        }
        var id = await fixture.RaiseTemperatureExcursionAsync();
        using (var op = await fixture.Rig.SignInAsync("op"))
        {
            (await op.PostAsJsonAsync(new Uri($"/api/excursions/{id}/acknowledge", UriKind.Relative),
                new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "seen" })).EnsureSuccessStatusCode();
        }
        await fixture.ReturnToNormalAsync(id, "ReturnedToNormal");
        foreach (var number in new[] { "H-PAGE-1", "C-PAGE-1" })
        {
            (await fixture.Rig.Http.PostAsJsonAsync(new Uri($"/api/batches/{number}/end", UriKind.Relative), new { })).EnsureSuccessStatusCode();
        }
        var helixQa = await fixture.SignInAsync("helix-qa");
        var qa = await fixture.SignInAsync("qa");

        await helixQa.GotoAsync($"/excursions/{id}");
        await qa.GotoAsync($"/excursions/{id}");

        await Assertions.Expect(helixQa.GetByTestId("status")).ToHaveTextAsync("Returned to normal, acknowledged, waiting for QA to close it");
        await Assertions.Expect(helixQa.GetByTestId("close-form")).ToHaveCountAsync(0);
        await Assertions.Expect(helixQa.GetByTestId("close-elsewhere")).ToBeVisibleAsync();
        await Assertions.Expect(qa.GetByTestId("close-form")).ToBeVisibleAsync();
        Assert.Equal(["C-PAGE-1", "H-PAGE-1"], (await qa.Locator("input[name$='].Batch']").EvaluateAllAsync<string[]>("els => els.map(e => e.value)")).Order());
        Assert.Equal(ReviewRules.ImpactDecisions,
            (await qa.Locator("#impact-0-decision option").AllTextContentsAsync()).Where(t => t != "choose…").ToList());
        Assert.Equal(ReviewRules.CloseMeanings, await qa.Locator("#close-meaning option").AllTextContentsAsync());
        await helixQa.Context.CloseAsync();
        await qa.Context.CloseAsync();
    }

    [Fact]
    public async Task Excursion_ShelvedThroughTheForm_SignedWithReasonAndEnd()
    {
        var id = await fixture.RaiseTemperatureExcursionAsync();
        var op = await fixture.SignInAsync("op");

        await op.GotoAsync($"/excursions/{id}");
        await op.GetByLabel("Shelving reason").FillAsync("sensor swap WO-17");
        await op.GetByLabel("Shelve for").SelectOptionAsync("15");
        Assert.Equal(ReviewRules.ShelveMeanings, await op.Locator("#shelve-meaning option").AllTextContentsAsync());
        await op.GetByLabel("User id (shelving signature)").FillAsync("op");
        await op.GetByLabel("Password (shelving signature)").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and shelve" }).ClickAsync();

        await Assertions.Expect(op.GetByTestId("status")).ToHaveTextAsync("Shelved, active, not yet acknowledged");
        await Assertions.Expect(op.GetByTestId("shelve-form")).ToHaveCountAsync(0);
        await Assertions.Expect(op.Locator("body")).ToContainTextAsync("sensor swap WO-17 (op, until");
        await op.Context.CloseAsync();
        await fixture.ReturnToNormalAsync(id, "ReturnedUnacknowledged");   // the shared rig's next test raises a fresh excursion
    }

}
