namespace CleanroomMonitor.TestSupport;

/// <summary>Paths inside the repository, found from the test assembly's folder by walking up to the solution file.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoFacility => Path.Combine(Root, "deploy", "config", "facility.demo.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CleanroomMonitor.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"CleanroomMonitor.sln not found above {AppContext.BaseDirectory}.");
    }
}
