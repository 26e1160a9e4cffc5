using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Service.Notifications.Channels;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Notifications.Channels;

/// <summary>The channels as the service builds them: configuration in, <see cref="NotificationChannelExtensions.AddNotificationChannels"/>,
/// the start-up validation, then the registered <see cref="INotificationChannel"/>s. A temp folder holds secret files.</summary>
internal sealed class ChannelRig : IDisposable
{
    public static readonly Contact Alice = new("c-alice", "Alice Müller", "alice@plant.test", "+41791234567", Tenant: null);

    private readonly ServiceProvider _services;

    private ChannelRig(ServiceProvider services, TempDirectory files, FakeLogCollector log)
    {
        _services = services;
        Files = files;
        Log = log;
    }

    public TempDirectory Files { get; }

    public FakeLogCollector Log { get; }

    /// <summary>Builds the channels from <paramref name="settings"/>; <paramref name="secrets"/> are written first as
    /// files in <see cref="Files"/> (name → content), and "{files}" in a setting stands for that folder. <paramref name="twice"/>
    /// registers twice, as a composition root that calls it from two places would.</summary>
    public static ChannelRig Create(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string>? secrets = null, bool twice = false)
    {
        var files = new TempDirectory("channels");
        foreach (var (name, content) in secrets ?? new Dictionary<string, string>())
        {
            File.WriteAllText(files.Combine(name), content);
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value?.Replace("{files}", files.Path, StringComparison.Ordinal))))
            .Build();
        var log = new FakeLogCollector();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(log)))
            .AddNotificationChannels(configuration);
        if (twice)
        {
            services.AddNotificationChannels(configuration);
        }
        return new ChannelRig(services.BuildServiceProvider(), files, log);
    }

    /// <summary>What <c>ValidateOnStart</c> runs when the host starts (nothing when no options asked for it).</summary>
    public void ValidateOnStart() => _services.GetService<IStartupValidator>()?.Validate();

    /// <summary>The validation failures at start, one string each; empty when start-up would pass.</summary>
    public IReadOnlyList<string> StartupErrors()
    {
        try
        {
            ValidateOnStart();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (AggregateException ex)
        {
            return [.. ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    public IReadOnlyList<INotificationChannel> Channels => [.. _services.GetServices<INotificationChannel>()];

    public INotificationChannel Channel(string name)
    {
        ValidateOnStart();
        return Channels.Single(c => c.Name == name);
    }

    public int LogCount(int eventId) => Log.GetSnapshot().Count(r => r.Id.Id == eventId);

    public static NotificationMessage Message(string text = "Action excursion in Fill room 1", IReadOnlyDictionary<string, string>? fields = null) =>
        new(Guid.Parse("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"), "ACTION: Fill room 1 particles 0.5 um",
            text, new Uri("https://cleanroom.plant.test/excursions/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"),
            fields ?? new Dictionary<string, string> { ["room"] = "Fill room 1", ["value"] = "3700", ["limit"] = "3520", ["level"] = "Action" });

    public void Dispose()
    {
        _services.Dispose();
        Files.Dispose();
    }
}
