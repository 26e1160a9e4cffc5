using System.Diagnostics;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests;

public sealed class StartupTests
{
    [Fact]
    public async Task Service_InvalidFacilityFile_ExitsWithCode2NamingFilePathAndValue()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("facility.json");
        await File.WriteAllTextAsync(file, MonitorRig.FacilityJson.Replace("\"grade\": \"B\"", "\"grade\": \"X\"", StringComparison.Ordinal));
        var info = new ProcessStartInfo("dotnet", [typeof(CleanroomMonitorApp).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory.Path,
        };
        info.Environment["Facility__File"] = file;
        info.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var message = await stderr;
        Assert.Contains(file, message, StringComparison.Ordinal);
        Assert.Contains("$.rooms[0].grade = 'X'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoFacilityFileConfigured_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<CleanroomMonitor.Core.Configuration.ConfigurationException>(() =>
            CleanroomMonitorApp.Build([], new Dictionary<string, string?> { ["Facility:File"] = "" }));

        Assert.Contains("Facility:File", ex.Message, StringComparison.Ordinal);
    }
}
