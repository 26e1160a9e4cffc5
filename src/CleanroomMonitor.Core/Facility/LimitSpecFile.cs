using System.ComponentModel;
using System.Text.Json;

namespace CleanroomMonitor.Core.Facility;

// One parameter's limits in a facility file, as written (at grade, room or sensor level). Numbers are typed; "alert"
// and "action" stay JsonElement because they take more than one shape (a number for an upper limit, or
// { "low": …, "high": … }; "action" also "none"), and LimitSpecReader reports a wrong shape or an unknown bound with
// its exact path alongside the file's other problems instead of stopping at the serializer's first error.
internal sealed class LimitSpecFile
{
    [Description("Alert level: a number (upper limit, in the parameter's unit) or { \"low\": …, \"high\": … }.")]
    public JsonElement? Alert { get; set; }

    [Description("Action limit: a number (upper limit, in the parameter's unit), { \"low\": …, \"high\": … }, or \"none\" where the site runs without one (grade D in operation).")]
    public JsonElement? Action { get; set; }

    [Description("How long a value must stay beyond a level before it counts: a duration from 0 to 24h, such as \"60s\". Needs a justification (Annex 1 4.16).")]
    public string? Delay { get; set; }

    [Description("How many consecutive samples beyond a level before it counts (1-1000). More than 1 needs a justification (Annex 1 4.16).")]
    public int? DelaySamples { get; set; }

    [Description("Why the alarm delay is acceptable, as the contamination control strategy states it.")]
    public string? Justification { get; set; }

    [Description("How far back inside a level a value must come before the excursion ends, in the parameter's unit (0 or more).")]
    public double? Deadband { get; set; }

    [Description("Differential pressure only: the direction the cascade must keep, \"positive\" or \"negative\".")]
    public string? Sign { get; set; }

    [Description("Particle counts only: this many samples in a row with a count of 1 or more raise an alert (0-1000; 0 turns the default off).")]
    public int? Consecutive { get; set; }

    [Description("Particle counts only: n samples at or above the alert level among the last m raise an alert.")]
    public OccurrencesFile? Occurrences { get; set; }

    [Description("Particle counts only: the total count over the last this-many litres sampled, as a concentration, is judged against the action limit (0 turns the rule off).")]
    public double? CumulativeLitres { get; set; }

    [Description("Overrides for the room at rest.")]
    public LimitSpecFile? AtRest { get; set; }

    [Description("Overrides for the room in operation.")]
    public LimitSpecFile? InOperation { get; set; }
}

internal sealed class OccurrencesFile
{
    [Description("How many of the last m samples must be at or above the alert level (0-1000, at most m).")]
    public int? N { get; set; }

    [Description("How many samples are looked at (1-1000).")]
    public int? M { get; set; }
}
