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
        meter.CreateObservableCounter("cleanroom.gc.allocated", () => GC.GetTotalAllocatedBytes(), "By", "Bytes allocated on the managed heap since start.");
    }
}
