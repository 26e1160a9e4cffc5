using System.ComponentModel;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>One expectation of a scenario file as written. Which fields apply depends on <see cref="Type"/>.</summary>
[Description("What the service must show after the run; which fields apply depends on its type.")]
internal sealed class ExpectationFile
{
    [Description("Required. One of excursion, no-excursion, rejection, room-state, acknowledge-close, audit, backup, alarm-delivery.")]
    public string? Type { get; set; }

    [Description("Required. The requirement it proves, as the OQ report names it (\"EXC-DP-DELAY: …\").")]
    public string? Requirement { get; set; }

    [Description("The regulatory clause the requirement comes from, such as \"EU GMP Annex 1 4.16\" or \"21 CFR Part 11 §11.10(f)\"; the OQ report prints it beside the requirement. Every row of the shipped library names one.")]
    public string? Clause { get; set; }

    [Description("excursion, no-excursion, acknowledge-close: the excursion kind (Particles, DifferentialPressure, Temperature, Equipment, CommunicationLoss, DataGap…).")]
    public string? Kind { get; set; }

    [Description("excursion: Alert or Action (current, or any level in its history).")]
    public string? Level { get; set; }

    [Description("A sensor id of the facility (or give a room).")]
    public string? Sensor { get; set; }

    [Description("A room id of the facility (or give a sensor).")]
    public string? Room { get; set; }

    [Description("excursion: the parameter, by its wire name (co2, temperature…).")]
    public string? Parameter { get; set; }

    [Description("excursion, room-state: it starts at or after this scenario time, such as 6m.")]
    public string? After { get; set; }

    [Description("excursion, room-state: and no later than this after 'after', such as 2m (default: by the end).")]
    public string? Within { get; set; }

    [Description("excursion: a batch of this scenario the excursion must name.")]
    public string? Batch { get; set; }

    [Description("excursion: words its rule must contain (\"consecutive\"); room-state: words of the reason.")]
    public string? Rule { get; set; }

    [Description("rejection: the rejection reason counted (docs/mqtt.md).")]
    public string? Reason { get; set; }

    [Description("rejection: how many more times the reason must be counted during the run, a whole number 0 or more.")]
    public int AtLeast { get; set; } = 1;

    [Description("no-excursion: start of the scenario-time window checked, such as 0s (default: the start).")]
    public string? From { get; set; }

    [Description("no-excursion: end of the window checked, such as 5m (default: the end).")]
    public string? Until { get; set; }

    [Description("excursion: true when it must also have returned to normal.")]
    public bool Returned { get; set; }

    [Description("alarm-delivery: the longest time from the breach to the mail accepted and to the gateway request, such as 60s (default: 60s).")]
    public string? Limit { get; set; }

    [Description("room-state: the state entered: AtRest, InOperation, CleanUp or NotMonitored.")]
    public string? State { get; set; }
}
