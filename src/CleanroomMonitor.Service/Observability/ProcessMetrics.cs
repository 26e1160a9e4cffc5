using System.Diagnostics.Metrics;

namespace CleanroomMonitor.Service.Observability;

/// <summary>The service's own footprint on /metrics: resident memory, CPU time and the managed heap, so a site sees
/// a leak or a busy loop on the same dashboard as its rooms (and benchmarks read the same figures).</summary>
internal sealed class ProcessMetrics
{
    public ProcessMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("CleanroomMonitor.Process");
        meter.CreateObservableGauge("cleanroom.process.resident_memory", () => Environment.WorkingSet, "By", "Resident set size of the service process.");
        meter.CreateObservableCounter("cleanroom.process.cpu_time", () => Environment.CpuUsage.TotalTime.TotalSeconds, "s", "User and system CPU time used by the service process.");
        meter.CreateObservableGauge("cleanroom.gc.heap_size", () => GC.GetGCMemoryInfo().HeapSizeBytes, "By", "Managed heap size after the last garbage collection.");
        meter.CreateObservableGauge("cleanroom.gc.committed", () => GC.GetGCMemoryInfo().TotalCommittedBytes, "By", "Memory the garbage collector has committed.");
        meter.CreateObservableGauge("cleanroom.gc.generation_size", GenerationSizes, "By",
            "Size of each managed heap generation (gen0, gen1, gen2, loh, poh) after the last garbage collection.");
        meter.CreateObservableCounter("cleanroom.gc.allocated", () => GC.GetTotalAllocatedBytes(), "By", "Bytes allocated on the managed heap since start.");
    }

    private static List<Measurement<long>> GenerationSizes()
    {
        string[] names = ["gen0", "gen1", "gen2", "loh", "poh"];
        var generations = GC.GetGCMemoryInfo().GenerationInfo;
        var sizes = new List<Measurement<long>>(names.Length);
        for (var i = 0; i < generations.Length && i < names.Length; i++)
        {
            sizes.Add(new Measurement<long>(generations[i].SizeAfterBytes, new KeyValuePair<string, object?>("generation", names[i])));
        }
        return sizes;
    }
}
