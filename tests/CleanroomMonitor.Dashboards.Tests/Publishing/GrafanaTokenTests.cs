using CleanroomMonitor.Dashboards.Publishing;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Dashboards.Tests.Publishing;

public sealed class GrafanaTokenTests
{
    [Fact]
    public void Read_Variable_WinsOverFile()
    {
        var token = GrafanaToken.Read(name => name == GrafanaToken.EnvironmentVariable ? " glsa_a \n" : "/nonexistent", out var problem);

        Assert.Equal("glsa_a", token);
        Assert.Null(problem);
    }

    [Fact]
    public void Read_FileVariable_ReadsTheMountedSecret()
    {
        using var directory = new TempDirectory("token");
        File.WriteAllText(directory.Combine("token"), "glsa_file\n");

        var token = GrafanaToken.Read(name => name == GrafanaToken.FileEnvironmentVariable ? directory.Combine("token") : null, out _);

        Assert.Equal("glsa_file", token);
    }

    [Fact]
    public void Read_Nothing_SaysWhichVariablesToSet()
    {
        Assert.Null(GrafanaToken.Read(_ => null, out var problem));
        Assert.Contains(GrafanaToken.EnvironmentVariable, problem, StringComparison.Ordinal);
        Assert.Contains(GrafanaToken.FileEnvironmentVariable, problem, StringComparison.Ordinal);
    }
}
