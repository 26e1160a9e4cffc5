namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The installation under qualification as it states itself (GET /api/about, the service's InstallationIdentity):
/// the OQ report names this build, not the kit's, and compares the configuration files with the kit's inputs.</summary>
/// <param name="Version">The service's informational version ("1.0.0+&lt;commit&gt;").</param>
/// <param name="Modified">Built from a work tree with uncommitted changes to tracked files; null when the build could not tell.</param>
/// <param name="Configuration">The configuration files the service read at start-up (roles "facility", "modbus",
/// "notifications"), with their SHA-256 then.</param>
internal sealed record InstallationAbout(
    string Version,
    string? Commit,
    bool? Modified,
    string Host,
    string Runtime,
    string Os,
    DateTimeOffset StartedAt,
    string InstallPath,
    string FacilityVersion,
    IReadOnlyList<OqInput> Configuration)
{
    /// <summary>"yes", "no" or "unknown", as the report shows it.</summary>
    public static string ModifiedText(bool? modified) => modified switch { true => "yes", false => "no", null => "unknown" };
}
