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
        var settings = new ServiceSettings(broker.Port, influx.Url, "bench", directory.Path, facilityFile) { LogLevel = "Warning" }.With(extra);
        return CleanroomMonitorApp.Build([], settings.ToConfiguration());
    }
}
