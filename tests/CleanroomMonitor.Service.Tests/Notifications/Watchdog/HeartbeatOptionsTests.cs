using CleanroomMonitor.Service.Notifications.Watchdog;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Notifications.Watchdog;

/// <summary>Section <c>Notifications:Heartbeat</c> as the service binds and validates it.</summary>
public sealed class HeartbeatOptionsTests
{
    [Fact]
    public void AddServiceWatchdog_NoSection_NoUrlEverySixtySecondsByGet()
    {
        var options = Bind([]);

        Assert.Null(options.Url);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Interval);
        Assert.Equal(HeartbeatMethod.Get, options.Method);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Empty(options.Headers);
    }

    [Fact]
    public void AddServiceWatchdog_FullSection_BindsEverySetting()
    {
        var options = Bind(new()
        {
            ["Notifications:Heartbeat:Url"] = "https://watchdog.example/ping/abc",
            ["Notifications:Heartbeat:Interval"] = "00:00:30",
            ["Notifications:Heartbeat:Method"] = "post",
            ["Notifications:Heartbeat:Timeout"] = "00:00:05",
            ["Notifications:Heartbeat:Headers:X-Api-Key"] = "inline",
        });

        Assert.Equal(new Uri("https://watchdog.example/ping/abc"), options.Url);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Interval);
        Assert.Equal(HeartbeatMethod.Post, options.Method);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal("inline", options.Headers["x-api-key"]);
    }

    [Fact]
    public void AddServiceWatchdog_HeaderFile_ReplacesTheInlineHeaderTrimmed()
    {
        using var directory = new TempDirectory("heartbeat-key");
        var file = directory.Combine("api-key");
        File.WriteAllText(file, "from-file\n");

        var options = Bind(new()
        {
            ["Notifications:Heartbeat:Url"] = "https://watchdog.example/ping",
            ["Notifications:Heartbeat:Headers:X-Api-Key"] = "inline",
            ["Notifications:Heartbeat:HeaderFiles:X-Api-Key"] = file,
        });

        Assert.Equal("from-file", options.Headers["X-Api-Key"]);
    }

    [Fact]
    public void Validate_TimeoutNotShorterThanInterval_NamesBothSettings()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Notifications:Heartbeat:Interval"] = "00:00:10",
            ["Notifications:Heartbeat:Timeout"] = "00:00:10",
        }));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("Notifications:Heartbeat:Timeout = '00:00:10'", failure, StringComparison.Ordinal);
        Assert.Contains("Notifications:Heartbeat:Interval", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:04")]
    [InlineData("01:00:01")]
    public void Validate_IntervalOutOfRange_Fails(string interval)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Notifications:Heartbeat:Interval"] = interval }));

        Assert.Contains(ex.Failures, f => f.Contains(nameof(HeartbeatOptions.Interval), StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneInOnePass()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Notifications:Heartbeat:Url"] = "ftp://watchdog.example/ping",
            ["Notifications:Heartbeat:Headers:Bad Name"] = "x",
            ["Notifications:Heartbeat:HeaderFiles:X-Api-Key"] = "/nonexistent/api-key",
        }));

        Assert.Contains(ex.Failures, f => f.StartsWith("Notifications:Heartbeat:Url = 'ftp://watchdog.example/ping'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Notifications:Heartbeat:Headers:Bad Name", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Notifications:Heartbeat:HeaderFiles:X-Api-Key = '/nonexistent/api-key'", StringComparison.Ordinal));
    }

    private static HeartbeatOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddMetrics()
            .AddServiceWatchdog()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<HeartbeatOptions>>().Value;
    }
}
