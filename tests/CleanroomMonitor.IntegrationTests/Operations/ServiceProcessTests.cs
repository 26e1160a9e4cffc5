using System.Diagnostics;
using System.Text.Json;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The built service executable, as systemd or the container runs it.</summary>
public sealed class ServiceProcessTests
{
    [Fact]
    public async Task Run_JsonConsoleFormatter_EveryStdoutLineIsOneJsonObject()
    {
        using var directory = new TempDirectory("ops-json");
        await File.WriteAllTextAsync(directory.Combine("facility.json"), MonitorRig.FacilityJson);
        var info = Start(directory, []);
        info.Environment["Logging__Console__FormatterName"] = "json";
        using var process = Process.Start(info)!;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // The facility line (EventId 6102) comes early in every start.
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("\"EventId\":6102", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Contains(lines, l => l.Contains("\"EventId\":6102", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(json.RootElement.TryGetProperty("Category", out _), line);
        }
    }

    [Fact]
    public async Task Run_RecordsVerifyOfAMissingFile_ExitsOneNamingTheFile()
    {
        using var directory = new TempDirectory("ops-cli");
        await File.WriteAllTextAsync(directory.Combine("facility.json"), MonitorRig.FacilityJson);
        var missing = directory.Combine("missing.db");
        using var process = Process.Start(Start(directory, ["records", "verify", missing]))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"No file at '{missing}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UsersAddAdminWithARecordsPathOnTheCommandLine_CreatesTheAccountInThatFile()
    {
        // Issue 24: the admin command used to ignore settings given as arguments and wrote to Records__Path regardless.
        using var directory = new TempDirectory("ops-cli");
        await File.WriteAllTextAsync(directory.Combine("facility.json"), MonitorRig.FacilityJson);
        var chosen = directory.Combine("chosen.db");
        var info = Start(directory, ["users", "add-admin", "--user", "site.admin", "--name", "Sam Site-Admin", $"--Records:Path={chosen}"]);
        info.Environment["CLEANROOM_ADMIN_PASSWORD"] = MonitorRig.Password + "-Admin1";
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync(timeout.Token));
        Assert.Contains("created Admin site.admin (Sam Site-Admin)", output, StringComparison.Ordinal);
        Assert.True(File.Exists(chosen), "the record store named on the command line");
        Assert.False(File.Exists(directory.Combine("records.db")), "the record store of Records__Path must not have been used");
    }

    private static ProcessStartInfo Start(TempDirectory directory, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.Path,
        };
        info.ArgumentList.Add(ServiceExecutable.AssemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Configuration by environment variables, as in the container and the systemd unit; nothing listens on these ports.
        info.Environment["Urls"] = "http://127.0.0.1:0";
        info.Environment["Facility__File"] = directory.Combine("facility.json");
        info.Environment["Mqtt__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Influx__Url"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["Buffer__Path"] = directory.Combine("buffer");
        info.Environment["Records__Path"] = directory.Combine("records.db");
        return info;
    }
}
