using System.Globalization;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace CleanroomMonitor.Benchmarks;

/// <summary>The service as every benchmark runs it: in process, on loopback, against the benchmark's own broker and
/// influxd, its data in the benchmark's temporary folder, quiet logs; <c>extra</c> settings win over these.</summary>
internal static class BenchmarkService
{
    public static WebApplication Build(MosquittoProcess broker, InfluxProcess influx, TempDirectory directory, string facilityFile,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility:File"] = facilityFile,
            ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Influx:Url"] = influx.Url.ToString(),
            ["Influx:Database"] = "bench",
            ["Buffer:Path"] = directory.Combine("buffer"),
            ["Records:Path"] = directory.Combine("records.db"),
            ["Activity:Interval"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        return CleanroomMonitorApp.Build([], configuration);
    }
}
