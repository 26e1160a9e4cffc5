namespace CleanroomMonitor.Simulators.Oq;

/// <summary>A condition an OQ run needs to mean anything, checked when it begins (issue 24): the installation runs the
/// configuration the kit tests with, and a build made from committed sources. A failed one is a deviation, and the run
/// does not pass.</summary>
internal sealed record OqPrerequisite(string Name, string Expected, string Observed, bool Passed)
{
    public const string FacilityFile = "facility file in use";
    public const string ModbusFile = "Modbus connection file in use";
    public const string UnmodifiedBuild = "unmodified build";
    public const string Identity = "installation identity";

    /// <summary>The prerequisites of a run with <paramref name="inputs"/> against <paramref name="installation"/> (null: it
    /// did not say what it is, <paramref name="why"/>). The Modbus file is compared when the kit serves one and the
    /// installation polls one.</summary>
    public static IReadOnlyList<OqPrerequisite> Check(InstallationAbout? installation, IReadOnlyList<OqInput> inputs, string? why = null)
    {
        if (installation is null)
        {
            return [new(Identity, "the installation states its build and configuration (GET /api/about)", "not stated: " + (why ?? "no answer"), false)];
        }
        var checks = new List<OqPrerequisite>();
        if (inputs.FirstOrDefault(i => i.Role == "facility") is { } facility)
        {
            checks.Add(SameFile(FacilityFile, facility, installation.Configuration.FirstOrDefault(c => c.Role == "facility")));
        }
        if (inputs.FirstOrDefault(i => i.Role == "modbus") is { } modbus && installation.Configuration.FirstOrDefault(c => c.Role == "modbus") is { } polled)
        {
            checks.Add(SameFile(ModbusFile, modbus, polled));
        }
        checks.Add(new(UnmodifiedBuild, "built from committed sources (modified build: no)",
            $"modified build: {InstallationAbout.ModifiedText(installation.Modified)}"
                + (installation.Modified is null ? " (the build could not tell: made outside a git work tree, or without git)" : ""),
            installation.Modified == false));
        return checks;
    }

    /// <summary>The installation loaded the very file the kit was given (same SHA-256); otherwise the OQ does not test the
    /// configuration in use.</summary>
    private static OqPrerequisite SameFile(string name, OqInput kit, OqInput? installation) =>
        new(name, $"the installation's file has the SHA-256 of the kit's {kit.Path}: {kit.Sha256}",
            installation is null ? "the installation names no such file" : $"{installation.Path}: {installation.Sha256}",
            installation is not null && string.Equals(kit.Sha256, installation.Sha256, StringComparison.OrdinalIgnoreCase));
}
