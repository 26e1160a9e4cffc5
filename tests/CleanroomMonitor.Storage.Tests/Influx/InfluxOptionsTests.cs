using CleanroomMonitor.Storage.Influx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Influx;

public sealed class InfluxOptionsTests
{
    [Fact]
    public async Task StartAsync_V2WithoutOrgBucketToken_FailsListingEveryProblem()
    {
        using var host = BuildHost(new() { ["Influx:ApiVersion"] = "V2" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Influx:Org", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Influx:Bucket", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Influx:Token", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Influx:BatchSize", "0", "BatchSize")]
    [InlineData("Influx:RequestTimeout", "00:00:00", "RequestTimeout")]
    [InlineData("Influx:Url", "ftp://influx", "Influx:Url")]
    [InlineData("Buffer:SegmentSize", "1024", "SegmentSize")]
    [InlineData("Buffer:CommitLinger", "00:00:02", "CommitLinger")]
    [InlineData("Buffer:CommitBatch", "0", "CommitBatch")]
    public async Task StartAsync_InvalidValue_FailsNamingTheSetting(string key, string value, string expected)
    {
        using var host = BuildHost(new() { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AsDocumented()
    {
        var options = new InfluxOptions();

        Assert.Equal(new Uri("http://127.0.0.1:8086"), options.Url);
        Assert.Equal(InfluxApiVersion.V1, options.ApiVersion);
        Assert.Equal("cleanroom", options.Database);
        Assert.Equal(5000, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.True(options.Gzip);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Buffer:Path"] ??= Path.Combine(Path.GetTempPath(), "cleanroom-options-" + Guid.NewGuid().ToString("N"));
        builder.Services.AddInfluxStorage();
        return builder.Build();
    }
}
