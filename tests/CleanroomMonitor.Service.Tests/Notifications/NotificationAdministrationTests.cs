using System.Security.Claims;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Service.Tests.Notifications;

public sealed class NotificationAdministrationTests
{
    [Fact]
    public async Task TestAsync_RouteWhoseFirstStepWaits_TestsItsPeopleNow()
    {
        await using var stage = await NotificationStage.StartAsync();
        var delayed = NotificationStage.PlanJson.Replace("{ \"after\": \"0m\",", "{ \"after\": \"5m\",", StringComparison.Ordinal);
        Assert.NotEqual(NotificationStage.PlanJson, delayed);
        var (plan, errors) = await stage.Keeper.SaveAsync(delayed, "admin.1", "first notice after five minutes", CancellationToken.None);
        Assert.True(plan is not null, string.Join("; ", errors));
        var administration = new NotificationAdministration(stage.Keeper, stage.Store, stage.Records,
            new NotificationText(stage.Facility, new Uri("https://monitor.example.org/")), stage.Sender, stage.Time, NullLogger<NotificationAdministration>.Instance);
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin.1"), new Claim(ClaimTypes.Role, "Admin")], "test"));

        var outcome = await administration.TestAsync("all", "monthly check", admin, CancellationToken.None);

        var deliveries = Assert.IsAssignableFrom<IReadOnlyList<Delivery>>(outcome.Value);
        Assert.Equal(["dora", "tara"], deliveries.Select(d => d.Contact).Order());
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Contains(stage.Records.Audit, a => a.Action == "notifications.test-sent" && a.User == "admin.1" && a.Role == "Admin" && a.Reason == "monthly check");
    }
}
