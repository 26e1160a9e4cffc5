using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>One step of a generated scenario: a parameter held beyond its alert or action limit from sample
/// <see cref="Start"/> for <see cref="Length"/> samples.</summary>
internal sealed record Step(Parameter Parameter, LimitLevel Level, int Start, int Length)
{
    public bool Covers(int sample) => sample >= Start && sample < Start + Length;
}
