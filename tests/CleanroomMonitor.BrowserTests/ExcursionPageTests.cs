using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The excursion list and detail pages read as words and rounded numbers, not as the record's raw fields
/// (the QA review of the demo: "266906.93237227056", "ReturnedUnacknowledged", "alert[..200000]").</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ExcursionPageTests(BrowserRig fixture)
{
    /// <summary>The board's thousands separator (a narrow no-break space, as LiveBoard.Format writes it).</summary>
    private const string Thousands = "\u202F";

    [Fact]
    public async Task ParticleExcursion_DetailAndList_NumbersRoundedStatusRuleAndNextStepsInWords()
    {
        // 7 553 particles ≥0.5 µm in 28.3 L is 266 890.459… /m³: a concentration with many decimals, above grade A's 3 520 /m³.
        await PublishParticlesAsync(7553, 0);
        var id = await WaitForParticleExcursionAsync();
        await PublishParticlesAsync(0, 0);
        await MonitorRig.WaitUntilAsync(async ct => await fixture.StatusAsync(id, ct) == "ReturnedUnacknowledged", BrowserRig.Patience,
            $"excursion {id} back to normal, unacknowledged");

        var op = await fixture.SignInAsync("op");
        await op.GotoAsync($"/excursions/{id}");

        await Assertions.Expect(op.GetByTestId("status")).ToHaveTextAsync("Returned to normal, not yet acknowledged");
        await Assertions.Expect(op.GetByTestId("rule")).ToHaveTextAsync(
            $"Raised when ≥0.5 µm particles reached or exceeded the action limit of 3{Thousands}520 /m³ on 1 sample (no delay).");
        await Assertions.Expect(op.GetByTestId("peak")).ToContainTextAsync($"266{Thousands}890 /m³");
        await Assertions.Expect(op.GetByTestId("limits")).ToContainTextAsync($"Action limit 3{Thousands}520 /m³");
        await Assertions.Expect(op.GetByTestId("limits")).ToContainTextAsync("No alarm delay");
        var next = op.GetByTestId("next-steps");
        await Assertions.Expect(next).ToContainTextAsync("An operator or QA of the facility acknowledges it with an electronic signature");
        await Assertions.Expect(next).ToContainTextAsync("QA closes it with an electronic signature after assessment");
        await Assertions.Expect(next).ToContainTextAsync("Returned to normal at");
        var text = await op.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("266890.45", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ReturnedUnacknowledged", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("K= N/M=", text, StringComparison.Ordinal);
        await ScreenshotAsync(op, "next-steps", "excursion-next-steps");
        await BrowserRig.ScreenshotAsync(op, "excursion-particle-detail");

        await op.GotoAsync("/excursions?room=cr1");
        var row = op.Locator("tr", new() { Has = op.Locator($"a[href='/excursions/{id}']") });
        await Assertions.Expect(row.GetByTestId("list-status")).ToHaveTextAsync("Returned to normal, not yet acknowledged");
        await Assertions.Expect(row).ToContainTextAsync($"peak 266{Thousands}890 /m³");
        await Assertions.Expect(row).ToContainTextAsync("Particles");
        await Assertions.Expect(op.Locator("#status option[value=ReturnedUnacknowledged]")).ToHaveTextAsync("Returned to normal, not yet acknowledged");
        await ScreenshotAsync(op, "excursion-log", "excursion-list");

        // Acknowledged: the box says who did it and that QA is next.
        await op.GotoAsync($"/excursions/{id}");
        await op.GetByLabel("Assignable cause").SelectOptionAsync("HVAC or filter");
        await op.GetByLabel("Comment").FillAsync("Door held open during a transfer; counts back to zero.");
        if (await op.GetByLabel("Your user id").CountAsync() > 0)
        {
            await op.GetByLabel("Your user id").FillAsync("op");
        }
        await op.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and acknowledge" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("status")).ToHaveTextAsync("Returned to normal, acknowledged, waiting for QA to close it");
        await Assertions.Expect(next).ToContainTextAsync("Acknowledged by Test op (Operator)");
        await Assertions.Expect(next).ToContainTextAsync("QA closes it with an electronic signature after assessment");
        await ScreenshotAsync(op, "next-steps", "excursion-next-steps-acknowledged");
        await op.Context.CloseAsync();
    }

    private Task PublishParticlesAsync(long halfMicron, long fiveMicron) =>
        fixture.Rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"), string.Create(CultureInfo.InvariantCulture,
            $$$"""{"sensor":"pc1","ts":"{{{fixture.Rig.NextInstant():O}}}","counts":{"particles_0_5um":{{{halfMicron}}},"particles_5_0um":{{{fiveMicron}}}},"volume_l":28.3}"""));

    private async Task<Guid> WaitForParticleExcursionAsync()
    {
        Guid id = default;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await fixture.Rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?room=cr1&sensor=pc1&status=Unacknowledged", UriKind.Relative), ct);
            foreach (var e in list.EnumerateArray())
            {
                if (e.GetProperty("parameter").GetString() is "particles_0_5um" or "ParticlesHalfMicron")
                {
                    id = e.GetProperty("id").GetGuid();
                    return true;
                }
            }
            return false;
        }, BrowserRig.Patience, "an unacknowledged ≥0.5 µm particle excursion on pc1");
        return id;
    }

    /// <summary>A screenshot of one element (the box, the table): small enough for docs/images/web.</summary>
    private static Task ScreenshotAsync(IPage page, string testId, string name) =>
        page.GetByTestId(testId).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, name + ".png") });
}
