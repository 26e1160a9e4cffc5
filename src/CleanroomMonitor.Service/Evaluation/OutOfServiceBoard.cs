using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>The open out-of-service periods as the engine last published them, readable from any thread: the ingest
/// pump flags stored readings with it and the live board shows it. The engine's tracker stays the judge; this copy may
/// trail it by one change, which only affects the flag of a reading at the very moment of the change.</summary>
public sealed class OutOfServiceBoard
{
    private volatile IReadOnlyList<OutOfServicePeriod> _open = [];

    public IReadOnlyList<OutOfServicePeriod> Open => _open;

    public void Publish(IEnumerable<OutOfServicePeriod> periods) => _open = periods.Where(p => p.IsOpen).ToList();

    /// <summary>Whether <paramref name="parameter"/> of <paramref name="sensor"/> is out of service (the whole sensor or that parameter).</summary>
    public bool IsOutOfService(SensorId sensor, Parameter parameter, DateTimeOffset at)
    {
        var open = _open;
        for (var i = 0; i < open.Count; i++)
        {
            if (open[i].Covers(sensor, parameter, at))
            {
                return true;
            }
        }
        return false;
    }
}
