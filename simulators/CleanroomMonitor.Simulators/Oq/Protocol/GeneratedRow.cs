using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>One expectation of a generated scenario: no excursion while the parameter is inside (<see cref="LimitLevel.Normal"/>),
/// or an excursion of <see cref="Level"/> starting in its step and returned to normal.</summary>
/// <param name="Id">The requirement id, <c>SITE-&lt;sensor&gt;-&lt;parameter&gt;-INSIDE|ALERT|ACTION</c>.</param>
/// <param name="Text">The acceptance criterion in words, written for the reviewer who approves the protocol before it runs.</param>
/// <param name="Value">The value the step holds (or the inside value).</param>
internal sealed record GeneratedRow(string Id, string Clause, string Text, ExcursionKind Kind, Parameter Parameter, LimitLevel Level, TimeSpan After, TimeSpan Within, StepValue Value)
{
    public string Requirement => $"{Id}: {Text}";
}
