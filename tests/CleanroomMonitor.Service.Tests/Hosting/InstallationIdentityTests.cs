using System.Security.Cryptography;
using System.Text;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CleanroomMonitor.Service.Tests.Hosting;

/// <summary>Issue 24, the IQ link: the configuration files GET /api/about names, hashed as read at start-up.</summary>
public sealed class InstallationIdentityTests
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Files_FacilityModbusAndPlanConfigured_EachWithFullPathAndHash()
    {
        using var folder = new TempDirectory("about");
        File.WriteAllText(folder.Combine("facility.json"), "{ \"facility\": 1 }");
        File.WriteAllText(folder.Combine("modbus.json"), "{ \"modbus\": 2 }");
        File.WriteAllText(folder.Combine("plan.json"), "{ \"plan\": 3 }");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modbus:File"] = folder.Combine("modbus.json"),
            ["Notifications:PlanFile"] = folder.Combine("plan.json"),
        }).Build();

        var files = InstallationIdentity.Files(configuration, folder.Combine("facility.json"));

        Assert.Equal(
        [
            new ConfigurationFileHash("facility", folder.Combine("facility.json"), Sha256("{ \"facility\": 1 }")),
            new ConfigurationFileHash("modbus", folder.Combine("modbus.json"), Sha256("{ \"modbus\": 2 }")),
            new ConfigurationFileHash("notifications", folder.Combine("plan.json"), Sha256("{ \"plan\": 3 }")),
        ], files);
    }

    [Fact]
    public void Files_OnlyFacility_OnlyFacilityListed()
    {
        using var folder = new TempDirectory("about");
        File.WriteAllText(folder.Combine("facility.json"), "{}");

        var files = InstallationIdentity.Files(new ConfigurationBuilder().Build(), folder.Combine("facility.json"));

        Assert.Equal(["facility"], files.Select(f => f.Role));
    }

    [Fact]
    public void SourceModified_ServiceBuild_TrueFalseOrNullAsTheMetadataSays()
    {
        var metadata = typeof(InstallationIdentity).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == InstallationIdentity.SourceModifiedKey)?.Value;

        Assert.Equal(metadata is null ? null : bool.Parse(metadata), InstallationIdentity.SourceModified(typeof(InstallationIdentity).Assembly));
    }
}
