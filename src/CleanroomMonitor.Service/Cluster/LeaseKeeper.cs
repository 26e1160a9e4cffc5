using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Partitions;
using CleanroomMonitor.Storage.Cluster;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>Holds this instance's share of the site's partitions (docs/scale-out.md "Partitions, leases and fencing"):
/// every <see cref="ClusterOptions.RenewInterval"/> it beats its heartbeat, renews what it holds, releases what is above
/// its <see cref="FairShare"/>, and acquires free partitions up to it. It never takes a live lease from another
/// instance. A partition counts as owned only until its local deadline (the moment the renewal was sent, plus the lease
/// duration, minus a fifth of it): when no renewal succeeded by then, or the database refused one, the partition is
/// <see cref="Lost"/> at once, before the database can give it to anyone else.</summary>
/// <remarks><see cref="Acquired"/> and <see cref="Lost"/> are raised on the keeper's own thread or its deadline timer;
/// handlers must only start or stop work, never wait on it. A clean stop releases every lease; a crash leaves them to
/// expire.</remarks>
public sealed class LeaseKeeper : BackgroundService
{
    private readonly ClusterOptions _options;
    private readonly PartitionPlan _plan;
    private readonly NpgsqlDataSource _dataSource;
    private readonly LeaseTable _leases;
    private readonly InstanceTable _instances;
    private readonly TimeProvider _time;
    private readonly ILogger<LeaseKeeper> _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _deadlineTimer;
    private readonly Counter<long> _acquisitions;
    private readonly Counter<long> _losses;
    private ImmutableDictionary<PartitionId, Held> _held = ImmutableDictionary<PartitionId, Held>.Empty;
    private bool _schemaReady;
    private bool _unreachable;

    public LeaseKeeper(IOptions<ClusterOptions> options, PartitionPlan plan, [FromKeyedServices(ClusterServiceCollectionExtensions.DataSourceKey)] NpgsqlDataSource dataSource,
        TimeProvider time, IMeterFactory meters, ILogger<LeaseKeeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _options = options.Value;
        _plan = plan;
        _dataSource = dataSource;
        _leases = new LeaseTable(dataSource);
        _instances = new InstanceTable(dataSource);
        _time = time;
        _logger = logger;
        _deadlineTimer = time.CreateTimer(_ => ExpireOverdue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var meter = meters.Create("CleanroomMonitor.Cluster");
        meter.CreateObservableGauge("cleanroom.partition.owned",
            () => _plan.Partitions.Select(p => new Measurement<int>(Volatile.Read(ref _held).ContainsKey(p.Id) ? 1 : 0, Tag(p.Id))),
            description: "1 for each partition this instance owns, 0 for the others");
        meter.CreateObservableGauge("cleanroom.partition.epoch",
            () => Volatile.Read(ref _held).Values.Select(h => new Measurement<long>(h.Lease.Epoch, Tag(h.Lease.Partition))),
            description: "The fencing epoch of each partition this instance owns");
        _acquisitions = meter.CreateCounter<long>("cleanroom.partition.acquisitions", description: "Partitions acquired by this instance");
        _losses = meter.CreateCounter<long>("cleanroom.partition.losses", description: "Partitions this instance stopped owning, by reason");
    }

    /// <summary>A partition became this instance's: start its work (MQTT session, judging) under the lease's epoch.</summary>
    public event EventHandler<Lease>? Acquired;

    /// <summary>A partition stopped being this instance's: stop its work at once.</summary>
    public event EventHandler<PartitionLoss>? Lost;

    public string InstanceId => _options.InstanceId;

    /// <summary>The partitions owned now, in plan order.</summary>
    public IReadOnlyList<Lease> Owned
    {
        get
        {
            var held = Volatile.Read(ref _held);
            return [.. _plan.Partitions.Where(p => held.ContainsKey(p.Id)).Select(p => held[p.Id].Lease)];
        }
    }

    /// <summary>False while the last round could not reach the database.</summary>
    public bool IsDatabaseReachable => !Volatile.Read(ref _unreachable);

    public bool Owns(PartitionId partition) => Volatile.Read(ref _held).ContainsKey(partition);

    /// <summary>Stops the rounds, then releases every lease (after raising <see cref="Lost"/> for it, so the work stops
    /// before another instance can start) and leaves the heartbeats, so the others' shares grow at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _logger.ClusterLeaving(InstanceId);
        try
        {
            foreach (var lease in Owned)
            {
                Lose(lease, PartitionLossReason.Stopping);
                await _leases.ReleaseAsync(lease, cancellationToken);
            }
            await _instances.LeaveAsync(InstanceId, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // The leases then expire by themselves; nobody else can take them before that.
            _logger.ClusterDatabaseUnreachable(InstanceId, _options.RenewInterval, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _deadlineTimer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.ClusterJoining(InstanceId, _plan.Count, _options.LeaseDuration, _options.RenewInterval);
        using var timer = new PeriodicTimer(_options.RenewInterval, _time);
        try
        {
            do
            {
                await RoundAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        // A round that hangs (a cut network) ends after a lease duration; the deadline timer gives the leases up meanwhile
        // regardless. Not the renewal interval: the first round (connect, authenticate, create the tables) of a service
        // starting on a busy machine can take longer than that without anything being wrong.
        using var timeout = new CancellationTokenSource(_options.LeaseDuration, _time);
        using var round = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await RenewAndBalanceAsync(round.Token);
            if (_unreachable)
            {
                _unreachable = false;
                _logger.ClusterDatabaseReachable(InstanceId);
            }
        }
        catch (NpgsqlException e)
        {
            Unreachable(e.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            Unreachable($"no answer within {_options.LeaseDuration}");
        }
        ExpireOverdue();
    }

    private async Task RenewAndBalanceAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await ClusterSchema.EnsureCreatedAsync(_dataSource, cancellationToken);
            _schemaReady = true;
        }
        var live = await _instances.BeatAsync(InstanceId, _options.LeaseDuration, cancellationToken);
        var share = FairShare.Of(_plan.Count, live, InstanceId);
        foreach (var held in Volatile.Read(ref _held).Values)
        {
            var sentAt = _time.GetUtcNow();
            var renewed = await _leases.RenewAsync(held.Lease, _options.LeaseDuration, cancellationToken);
            if (renewed is null)
            {
                Lose(held.Lease, PartitionLossReason.Refused);
            }
            else if (!Replace(held.Lease, new Held(renewed, DeadlineAfter(sentAt))))
            {
                // Given up at its deadline while this renewal was on its way: free it rather than leave it live and unworked.
                await _leases.ReleaseAsync(renewed, cancellationToken);
            }
        }
        var owned = Owned;
        if (owned.Count > share)
        {
            // The last ones in plan order, so every instance agrees which go; the work stops before the row is freed.
            foreach (var lease in owned.TakeLast(owned.Count - share))
            {
                Lose(lease, PartitionLossReason.Released);
                await _leases.ReleaseAsync(lease, cancellationToken);
            }
            return;
        }
        if (owned.Count == share)
        {
            return;
        }
        var taken = (await _leases.ListAsync(cancellationToken)).Where(r => r.IsLive).Select(r => r.Lease.Partition).ToHashSet();
        foreach (var partition in _plan.Partitions.Select(p => p.Id).Where(p => !taken.Contains(p) && !Owns(p)))
        {
            if (Volatile.Read(ref _held).Count >= share)
            {
                break;
            }
            var sentAt = _time.GetUtcNow();
            if (await _leases.TryAcquireAsync(partition, InstanceId, _options.LeaseDuration, cancellationToken) is { } lease)
            {
                Gain(lease, DeadlineAfter(sentAt));
            }
        }
    }

    // The database's expiry is its now() plus the duration, and its now() comes after the moment the request was sent:
    // counting from that moment on the local clock (elapsed time only, so skew does not matter) ends before the database
    // does; the fifth taken off leaves the partition's work time to stop.
    private DateTimeOffset DeadlineAfter(DateTimeOffset sentAt) => sentAt + _options.LeaseDuration - _options.LeaseDuration / 5;

    private void Gain(Lease lease, DateTimeOffset deadline)
    {
        lock (_gate)
        {
            _held = _held.SetItem(lease.Partition, new Held(lease, deadline));
            RescheduleDeadline();
        }
        _acquisitions.Add(1, Tag(lease.Partition));
        _logger.PartitionAcquired(lease.Partition.Value, InstanceId, lease.Epoch, lease.ExpiresAt);
        Acquired?.Invoke(this, lease);
    }

    private bool Replace(Lease old, Held renewed)
    {
        lock (_gate)
        {
            if (!_held.TryGetValue(old.Partition, out var current) || current.Lease.Epoch != old.Epoch)
            {
                return false;
            }
            _held = _held.SetItem(old.Partition, renewed);
            RescheduleDeadline();
            return true;
        }
    }

    private void Lose(Lease lease, PartitionLossReason reason)
    {
        lock (_gate)
        {
            if (!_held.TryGetValue(lease.Partition, out var current) || current.Lease.Epoch != lease.Epoch)
            {
                return;   // already lost (the deadline timer and a round can both see it)
            }
            _held = _held.Remove(lease.Partition);
            RescheduleDeadline();
        }
        _losses.Add(1, Tag(lease.Partition), new KeyValuePair<string, object?>("reason", reason.ToString()));
        var text = reason switch
        {
            PartitionLossReason.Refused => "the database refused the renewal (expired, or another instance holds it)",
            PartitionLossReason.DeadlinePassed => "no renewal succeeded before the local deadline; given up before the lease can expire in the database",
            PartitionLossReason.Released => "above this instance's fair share, left for an instance below it",
            _ => "the instance is stopping",
        };
        if (reason is PartitionLossReason.Refused or PartitionLossReason.DeadlinePassed)
        {
            _logger.PartitionLost(lease.Partition.Value, lease.Epoch, InstanceId, text);
        }
        else
        {
            _logger.PartitionReleased(lease.Partition.Value, lease.Epoch, InstanceId, text);
        }
        Lost?.Invoke(this, new PartitionLoss(lease, reason));
    }

    private void ExpireOverdue()
    {
        var now = _time.GetUtcNow();
        foreach (var held in Volatile.Read(ref _held).Values.Where(h => h.Deadline <= now))
        {
            Lose(held.Lease, PartitionLossReason.DeadlinePassed);
        }
    }

    // Under _gate: the timer fires at the earliest deadline, whatever the rounds are doing.
    private void RescheduleDeadline()
    {
        if (_held.IsEmpty)
        {
            _deadlineTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = _held.Values.Min(h => h.Deadline) - _time.GetUtcNow();
        _deadlineTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Unreachable(string reason)
    {
        if (!_unreachable)
        {
            _unreachable = true;
            _logger.ClusterDatabaseUnreachable(InstanceId, _options.RenewInterval, reason);
        }
    }

    private static KeyValuePair<string, object?> Tag(PartitionId partition) => new("partition", partition.Value);

    private sealed record Held(Lease Lease, DateTimeOffset Deadline);
}
