using System.Text.RegularExpressions;

namespace CleanroomMonitor.TestSupport;

/// <summary>The service as a process of its own (<c>dotnet CleanroomMonitor.Service.dll</c>, copied next to the tests),
/// configured by environment variables as systemd and the container configure it: for a test that SIGKILLs it, or a
/// benchmark that reads its CPU time apart from the load generator's.</summary>
public static partial class ServiceExecutable
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "CleanroomMonitor.Service.dll");

    /// <summary>Starts the service and returns once its /readyz answers success (engine restored, subscribed to the broker,
    /// InfluxDB reachable) at its <see cref="ServiceSettings.Listen"/> address, or, on port 0, at the address it logs; on a
    /// timeout the message carries its output.</summary>
    public static async Task<ServerProcess> StartAsync(ServiceSettings settings, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = settings.ToEnvironment().Select(e => $"{e.Key}={e.Value}");
        var service = ServerProcess.Start("/usr/bin/env", [.. environment, "dotnet", AssemblyPath]);
        Uri? chosen = settings.Listen is { } listen && new Uri(listen) is { Port: not 0 } fixedAddress ? fixedAddress : null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await service.WaitUntilReadyAsync(async ct =>
            {
                if ((chosen ?? ListeningAddress(service)) is not { } address)
                {
                    return false;
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(address, "/readyz"), ct);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;   // logged the address, not accepting yet
                }
            }, timeout, cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>The address the service said it listens on (ASP.NET Core's "Now listening on"), or null before it has.</summary>
    public static Uri? ListeningAddress(ServerProcess service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var match = NowListening().Match(service.Output);
        return match.Success ? new Uri(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex NowListening();
}
