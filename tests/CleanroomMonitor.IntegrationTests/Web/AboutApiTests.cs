using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Service.Hosting;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>Issue 24, the IQ link: GET /api/about names the installation's own build and the configuration it runs.</summary>
public sealed class AboutApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task About_WithToken_NamesTheServiceBuildAndTheHashOfTheFacilityFile()
    {
        var response = await _rig.Http.GetAsync(new Uri("/api/about", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var about = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = about.RootElement;
        var service = typeof(InstallationIdentity).Assembly;
        var version = service.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("CleanroomMonitor", root.GetProperty("product").GetString());
        Assert.Equal(version, root.GetProperty("version").GetString());
        Assert.Equal(version.Contains('+', StringComparison.Ordinal) ? version[(version.IndexOf('+', StringComparison.Ordinal) + 1)..] : null,
            root.GetProperty("commit").GetString());
        var metadata = service.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "SourceModified")?.Value;
        Assert.Equal(metadata, root.GetProperty("modified").ValueKind switch { JsonValueKind.True => "true", JsonValueKind.False => "false", _ => null });
        Assert.Equal(Environment.MachineName, root.GetProperty("host").GetString());
        Assert.Equal(AppContext.BaseDirectory, root.GetProperty("installPath").GetString());
        Assert.Equal(_rig.Facility.Version, root.GetProperty("facilityVersion").GetString());
        Assert.True(root.GetProperty("startedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        var facility = Assert.Single(root.GetProperty("configuration").EnumerateArray());   // no Modbus file, no notification plan
        Assert.Equal("facility", facility.GetProperty("role").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(MonitorRig.FacilityJson))), facility.GetProperty("sha256").GetString());
        Assert.True(Path.IsPathFullyQualified(facility.GetProperty("path").GetString()!));
    }

    [Fact]
    public async Task About_TenantsAccount_Is403AndTheFacilitysOwnViewerReadsIt()
    {
        using var tenant = await _rig.SignInAsync("helix-qa");
        using var staff = await _rig.SignInAsync("viewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync(new Uri("/api/about", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri("/api/about", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task About_Unauthenticated_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };

        var response = await anonymous.GetAsync(new Uri("/api/about", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
