namespace CleanroomMonitor.Simulators.Oq;

/// <summary>Something the installation recorded or refused during an OQ run that no row of the protocol claims: an
/// excursion, or rejections of one reason. The report lists each as "unexpected: disposition required"; the tester
/// explains it (a deviation) before the run can be accepted.</summary>
/// <param name="What">Excursion: "Action Particles on fill-pc (ParticlesFiveMicron)"; rejection: the reason.</param>
/// <param name="When">Excursion: its start (device or service time, as recorded); rejection: null.</param>
/// <param name="Detail">The excursion's rule, or how many messages were refused for the reason.</param>
/// <param name="Id">The excursion's id; null for rejections.</param>
internal sealed record UnexpectedEvent(string What, DateTimeOffset? When, string Detail, string? Id)
{
    /// <summary>The excursion's sensor, when it has one.</summary>
    public string? Sensor { get; init; }
}
