using System.Reflection;
using System.Runtime.InteropServices;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Service.Notifications;

namespace CleanroomMonitor.Service.Hosting;

/// <summary>What this installation is (GET /api/about, issue 24's "IQ link"): the build (version, commit, whether it was
/// made from a work tree with uncommitted changes), where and on what it runs, since when, and the configuration files it
/// read at start-up with their hashes. An OQ report names the installation it qualified from this, not the kit's build.</summary>
/// <param name="Version">The service assembly's informational version ("1.0.0+&lt;commit&gt;").</param>
/// <param name="Commit">The part of <paramref name="Version"/> after '+', when there is one.</param>
/// <param name="Modified">The build's <c>SourceModified</c> metadata (Directory.Build.props): true when tracked files had
/// uncommitted changes, null when the build could not tell (no git).</param>
/// <param name="StartedAt">When the service started (its clock at host start).</param>
public sealed record InstallationIdentity(
    string Product,
    string Version,
    string? Commit,
    bool? Modified,
    string Host,
    string Runtime,
    string Os,
    DateTimeOffset StartedAt,
    string InstallPath,
    string FacilityVersion,
    IReadOnlyList<ConfigurationFileHash> Configuration)
{
    public const string ProductName = "CleanroomMonitor";

    /// <summary>The key of the assembly metadata Directory.Build.props writes.</summary>
    public const string SourceModifiedKey = "SourceModified";

    /// <summary>The identity of the service assembly's build, on this host, now.</summary>
    public static InstallationIdentity Of(FacilityDefinition facility, IReadOnlyList<ConfigurationFileHash> configuration, DateTimeOffset startedAt)
    {
        var assembly = typeof(InstallationIdentity).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new(ProductName, version, plus >= 0 ? version[(plus + 1)..] : null, SourceModified(assembly), Environment.MachineName,
            RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, startedAt, AppContext.BaseDirectory, facility.Version, configuration);
    }

    /// <summary>The build's <c>SourceModified</c> metadata: true, false, or null when absent (built outside git).</summary>
    public static bool? SourceModified(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == SourceModifiedKey)?.Value switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };

    /// <summary>The configuration files named in <paramref name="configuration"/> (facility always; the Modbus connection
    /// file and the notification plan when configured), hashed now, as the service reads them at start-up.</summary>
    public static IReadOnlyList<ConfigurationFileHash> Files(IConfiguration configuration, string facilityFile) =>
        [ConfigurationFileHash.Of("facility", facilityFile),
            .. new[]
                {
                    ("modbus", configuration[$"{ModbusOptions.SectionName}:{nameof(ModbusOptions.File)}"]),
                    ("notifications", configuration[$"{NotificationOptions.SectionName}:{nameof(NotificationOptions.PlanFile)}"]),
                }
                .Where(f => !string.IsNullOrWhiteSpace(f.Item2) && File.Exists(f.Item2))
                .Select(f => ConfigurationFileHash.Of(f.Item1, f.Item2!))];
}
