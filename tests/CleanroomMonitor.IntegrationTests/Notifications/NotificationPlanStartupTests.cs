using System.Diagnostics;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Notifications;

/// <summary>The service executable refuses a notification plan file it cannot use before it starts anything, as it
/// refuses a bad facility file: exit code 2 and the file, the JSON path and the value on standard error.</summary>
public sealed class NotificationPlanStartupTests
{
    [Fact]
    public async Task Service_InvalidPlanFile_ExitsWithCode2NamingFilePathAndValue()
    {
        using var directory = new TempDirectory("notify-plan");
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var plan = directory.Combine("notifications.json");
        await File.WriteAllTextAsync(plan, """
            {
              "contacts": [ { "id": "olu", "name": "Olu Operator", "email": "olu@itest.example", "phone": "030 1234567" } ],
              "policies": [ { "id": "action", "steps": [ { "after": "0m", "notify": ["olu"], "channels": ["email"] } ] } ],
              "routes": [ { "id": "action-level", "levels": ["action"], "policy": "action" } ]
            }
            """);
        var info = new ProcessStartInfo("dotnet", [ServiceExecutable.AssemblyPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory.Path,
        };
        info.Environment["Facility__File"] = facility;
        info.Environment["Urls"] = "http://127.0.0.1:0";
        info.Environment["Records__Path"] = directory.Combine("records.db");
        info.Environment["Buffer__Path"] = directory.Combine("buffer");
        info.Environment["Notifications__PlanFile"] = plan;
        info.Environment["Notifications__Email__Host"] = "127.0.0.1";
        info.Environment["Notifications__Email__From"] = "cleanroom@itest.example";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var message = await stderr;
        Assert.Contains(plan, message, StringComparison.Ordinal);
        Assert.Contains("$.contacts[0].phone = '030 1234567'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.Combine("records.db")), "the records were opened before the plan was checked");
    }
}
