using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Recording;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Notifications;

/// <summary>Holds the notification plan in force. At start it takes the last plan saved in the record store, or seeds
/// the store from <see cref="NotificationOptions.PlanFile"/> at the first start; a person replaces it with
/// <see cref="SaveAsync"/>, validated whole and audited with the old and new text and a reason.</summary>
public sealed class NotificationPlanKeeper(FacilityDefinition facility, ChannelDirectory channels, INotificationRecords store,
    IOptions<NotificationOptions> options, NotificationHealth health, AuditRoles roles, TimeProvider time, ILogger<NotificationPlanKeeper> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NotificationPlan _current = NotificationPlan.Empty;
    private StoredPlan? _stored;
    private bool _loaded;

    public NotificationPlan Current => Volatile.Read(ref _current);

    /// <summary>The saved plan in force (its text, who saved it and why); null while none was saved.</summary>
    public StoredPlan? Stored => Volatile.Read(ref _stored);

    /// <summary>Validates a plan's text against this facility and these channels.</summary>
    /// <exception cref="ConfigurationException">What is wrong, each problem with its path and value.</exception>
    public NotificationPlan Parse(string text, string source) => NotificationPlanReader.Parse(text, source, facility, channels.Channels);

    /// <summary>Reads the plan file, if one is configured, and validates it: called at registration, so a bad file stops
    /// the start with its path and value like any configuration error.</summary>
    public static void CheckFile(string? path, FacilityDefinition facility, ChannelDirectory channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (path is not null)
        {
            NotificationPlanReader.Parse(ReadFile(path), path, facility, channels.Channels);
        }
    }

    /// <summary>Loads the plan in force; idempotent.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }
            var stored = await store.PlanAsync(cancellationToken);
            var file = options.Value.PlanFile;
            if (stored is null && file is not null)
            {
                var text = ReadFile(file);
                var plan = Parse(text, file);
                stored = new StoredPlan(text, plan.Version, time.GetUtcNow(), AuditEntries.ServiceAccount, $"initial plan from {Path.GetFileName(file)}");
                await SaveStoredAsync(stored, null, cancellationToken);
                logger.NotificationPlanSeeded(file, plan.Version);
            }
            if (stored is not null)
            {
                Use(stored);
                if (file is not null && File.Exists(file) && Parse(ReadFile(file), file).Version != stored.Version)
                {
                    logger.NotificationPlanFileDiffers(file, stored.Version, stored.By, stored.SavedAt);
                }
            }
            _loaded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Validates <paramref name="text"/> and, when it is valid, saves it as the plan in force with its audit entry.</summary>
    /// <returns>The plan saved, or the problems found (nothing saved then).</returns>
    public async Task<(NotificationPlan? Plan, IReadOnlyList<ConfigError> Errors)> SaveAsync(string text, string by, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        NotificationPlan plan;
        try
        {
            plan = Parse(text, "plan");
        }
        catch (ConfigurationException ex)
        {
            return (null, ex.Errors.Count > 0 ? ex.Errors : [new ConfigError("plan", "$", null, ex.Message)]);
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stored = new StoredPlan(text, plan.Version, time.GetUtcNow(), by, reason);
            await SaveStoredAsync(stored, Stored, cancellationToken);
            Use(stored);
            logger.NotificationPlanSaved(plan.Version, by, reason);
            return (plan, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveStoredAsync(StoredPlan stored, StoredPlan? previous, CancellationToken cancellationToken) =>
        await store.SavePlanAsync(stored, AuditEntries.Of(stored.SavedAt, stored.By, await roles.OfAsync(stored.By, cancellationToken), AuditAction.NotificationPlanChanged, AuditEntity.NotificationPlan,
            Storage.Records.RecordStore.PlanEntityId, previous, stored, stored.Reason), cancellationToken);

    /// <summary>Puts a saved plan in force. One that no longer validates (a room or channel it names was removed since)
    /// leaves nobody notified, which is raised as a system excursion rather than stopping monitoring.</summary>
    private void Use(StoredPlan stored)
    {
        try
        {
            Volatile.Write(ref _current, Parse(stored.Text, $"the plan in force (version {stored.Version})"));
            Volatile.Write(ref _stored, stored);
            health.Plan(true, "the notification plan in force is valid");
        }
        catch (ConfigurationException ex)
        {
            Volatile.Write(ref _current, NotificationPlan.Empty);
            Volatile.Write(ref _stored, stored);
            logger.NotificationPlanInvalid(stored.Version, ex.Message);
            health.Plan(false, $"the notification plan in force (version {stored.Version}) is no longer valid, nobody is notified: {ex.Message}");
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, "$", null, $"a readable notification plan file ({ex.Message})")]);
        }
    }
}
