using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.LimitChanges;

/// <summary>What the limit-change tests share: a rig with a second QA person (the approver is never the proposer), the
/// API calls with their status checked, and a cr1 temperature reading published and judged.</summary>
internal static class LimitChangeSteps
{
    /// <summary>A running service with "qa2", a second QA account, besides the rig's own users.</summary>
    public static async Task<MonitorRig> StartWithSecondApproverAsync()
    {
        var rig = await MonitorRig.StartAsync();
        await rig.App.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser("qa2", "Second Approver", ["QA"], null, MonitorRig.Password), "test", default, passwordChosenByHolder: true);
        return rig;
    }

    public static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>Checks the status (and, when given, that the body says <paramref name="detail"/>) and gives the JSON body.</summary>
    public static async Task<JsonElement> AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response, string? detail = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        if (detail is not null)
        {
            Assert.Contains(detail, body, StringComparison.Ordinal);
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A limit change of cr1's temperature, as POST /api/limit-changes takes it.</summary>
    public static object Proposal(object limits, DateTimeOffset effectiveAt, string reason = "trend review Q1: the suite runs at 20.5 °C") =>
        new { room = "cr1", parameter = "temperature", limits, reason, effectiveAt };

    /// <summary>The cr1 temperature limits both tests propose: an alert level of 22 °C, below the file's 23 °C.</summary>
    public static object NarrowerAlert { get; } = new { alert = new { low = 18, high = 22 }, action = new { low = 16, high = 25 } };

    public static Task PublishTemperatureAsync(MonitorRig rig, double value) =>
        rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
            $$$"""{"ts":"{{{rig.NextInstant().ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":{{{value.ToString(CultureInfo.InvariantCulture)}}}}}""");

    /// <summary>Waits until <paramref name="points"/> th1 temperatures are stored and the engine has judged everything
    /// handed to it before now.</summary>
    public static async Task JudgedAsync(MonitorRig rig, long points)
    {
        await rig.WaitForPointsAsync(points, TimeSpan.FromSeconds(20), "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        await rig.App.Services.GetRequiredService<ExcursionEngine>().JudgedAsync(CancellationToken.None);
    }
}
