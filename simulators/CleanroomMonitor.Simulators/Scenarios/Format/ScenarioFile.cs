using System.ComponentModel;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>A scenario file as written, before validation (docs/simulators.md). Durations stay strings here so the
/// validator can quote a bad one back with its path, together with every other problem.</summary>
[Description("A scripted run of the device simulators: timed events laid over every sensor's natural signal, and what the service must have done about them.")]
internal sealed class ScenarioFile
{
    /// <summary>Lets an editor find the schema; the reader ignores it.</summary>
    [JsonPropertyName("$schema")]
    [Description("The JSON Schema this file follows, relative to the file (editors use it; the reader ignores it).")]
    public string? Schema { get; set; }

    [Description("Required. A short unique name (reports and the OQ kit name the scenario by it).")]
    public string? Name { get; set; }

    [Description("What the scenario shows, in one sentence.")]
    public string? Description { get; set; }

    [Description("The facility file it was written for, relative to this file (informational).")]
    public string? Facility { get; set; }

    [Description("Required. How long the scenario runs: a duration such as 90s, 5m, 1h or hh:mm:ss, above 0.")]
    public string? Duration { get; set; }

    [Description("Seed of the natural signals' random noise, a whole number 0 or more, so a run can be repeated exactly.")]
    public int Seed { get; set; } = 1;

    [Description("Optional scenario time (duration such as 8m) from which to the end the scenario plays at 1×, its timestamps caught up with the wall clock; windows must lie in this part.")]
    public string? RealTimeFrom { get; set; }

    [Description("The timed events, in any order.")]
    public List<ScenarioEventFile?>? Events { get; set; }

    [Description("Required, at least one. What the service must show after the run.")]
    public List<ExpectationFile?>? Expect { get; set; }
}
