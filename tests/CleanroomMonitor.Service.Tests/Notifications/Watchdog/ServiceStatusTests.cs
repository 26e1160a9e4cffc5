using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Notifications.Watchdog;
using CleanroomMonitor.Service.Tests.Evaluation;

namespace CleanroomMonitor.Service.Tests.Notifications.Watchdog;

public sealed class ServiceStatusTests
{
    [Fact]
    public void TopicFor_Facility_IsTheStatusTreeOfTheSite()
    {
        var facility = FacilityReader.Parse(EngineStage.FacilityJson, "facility.json");

        Assert.Equal("cleanroom/unit/status/service", ServiceStatus.TopicFor(facility));
    }

    [Fact]
    public void ToUtf8_Online_StateSinceInstanceAndSiteInCamelCase()
    {
        var json = JsonDocument.Parse(new ServiceStatus(ServiceStatus.Online, EngineStage.T0, "host:42", "unit").ToUtf8()).RootElement;

        Assert.Equal("online", json.GetProperty("state").GetString());
        Assert.Equal(EngineStage.T0, json.GetProperty("since").GetDateTimeOffset());
        Assert.Equal("host:42", json.GetProperty("instance").GetString());
        Assert.Equal("unit", json.GetProperty("site").GetString());
    }
}
