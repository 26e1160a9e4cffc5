using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.CommandLine;

/// <summary>The three programs as built: this project references each, so the build copies each one's dll, deps.json
/// and runtimeconfig.json next to the tests, and <c>dotnet &lt;dll&gt;</c> runs it as a user would.</summary>
internal static class BuiltPrograms
{
    public static string Service => ServiceExecutable.AssemblyPath;

    public static string Simulators => Path.Combine(AppContext.BaseDirectory, "CleanroomMonitor.Simulators.dll");

    public static string Dashboards => Path.Combine(AppContext.BaseDirectory, "CleanroomMonitor.Dashboards.dll");

    /// <summary>Runs the simulators from the repository's root, where the documented relative paths
    /// (deploy/config/…, the default <c>--dir</c>) resolve.</summary>
    public static Task<ProgramRun> SimulatorsAsync(params string[] arguments) =>
        ProgramRun.DotnetAsync(Simulators, arguments, RepositoryPaths.Root);

    /// <summary>Runs the dashboards generator from the repository's root, as its README shows.</summary>
    public static Task<ProgramRun> DashboardsAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ProgramRun.DotnetAsync(Dashboards, arguments, RepositoryPaths.Root, environment);
}
