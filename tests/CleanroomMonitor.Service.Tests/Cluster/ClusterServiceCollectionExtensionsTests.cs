using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Service.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.Service.Tests.Cluster;

public sealed class ClusterServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("False")]
    public void AddCluster_NotEnabled_RegistersNothing(string? enabled)
    {
        var services = new ServiceCollection();

        services.AddCluster(Configuration(enabled), ClusterFacility.Create());

        Assert.Empty(services);
    }

    [Fact]
    public void AddCluster_Enabled_RegistersTheKeeper()
    {
        var services = new ServiceCollection();

        services.AddCluster(Configuration("true"), ClusterFacility.Create());

        Assert.Contains(services, d => d.ServiceType == typeof(LeaseKeeper));
    }

    [Fact]
    public void AddCluster_EnabledNotABoolean_ThrowsNamingPathAndValue()
    {
        var ex = Assert.Throws<ConfigurationException>(() => new ServiceCollection().AddCluster(Configuration("yes"), ClusterFacility.Create()));

        Assert.Contains("Cluster:Enabled = 'yes': expected true or false", ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? enabled) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Enabled"] = enabled }).Build();
}
