using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>
/// Keeps the hourly roll-ups of <c>reading</c> honest (docs/reports.md, "Roll-ups"). Every write of readings goes
/// through <see cref="EnterAsync"/>: before readings for an hour that has already ended are written, a
/// <see cref="RollupSchema.Dirty"/> marker for that hour is written, so a roll-up computed earlier is never trusted
/// again until it is recomputed; and while a write is in flight its hours are not rolled up. The roll-up job removes a
/// marker (<see cref="CompleteAsync"/>) only when no write touched the hour since it started computing it.
/// </summary>
/// <remarks>The markers live in InfluxDB, written before the readings, so a crash between the two leaves at worst an
/// hour recomputed for nothing, never a stale roll-up. The in-flight bookkeeping is in memory: it covers the writes of
/// this process, which is the only writer of <c>reading</c> (one service per database). Roll-ups need InfluxQL
/// <c>DELETE</c>, so with the V2 write API the ledger does nothing and reports aggregate raw points.</remarks>
public sealed class RollupLedger(InfluxClient client, IOptions<InfluxOptions> options, TimeProvider time) : IDisposable
{
    private static readonly byte[] ReadingPrefix = System.Text.Encoding.UTF8.GetBytes(ReadingPoints.Measurement + ",");

    // Orders marker writes against marker removal: a marker written while the job checks and deletes would be lost.
    private readonly SemaphoreSlim _markers = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<DateTimeOffset, int> _inFlight = [];
    private readonly Dictionary<DateTimeOffset, long> _generation = [];

    /// <summary>Roll-ups are kept only with the V1 API (InfluxQL DELETE and field-level writes of the roll-up rows).</summary>
    public bool IsEnabled => options.Value.ApiVersion == InfluxApiVersion.V1;

    /// <summary>The hours (UTC) of the <c>reading</c> points among <paramref name="lines"/> (line protocol, timestamps in
    /// ms); other measurements do not feed roll-ups and are ignored.</summary>
    public static IReadOnlyCollection<DateTimeOffset> HoursOf(IEnumerable<ReadOnlyMemory<byte>> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var hours = new HashSet<DateTimeOffset>();
        var hourMs = (long)RollupSchema.Hour.TotalMilliseconds;
        foreach (var memory in lines)
        {
            var line = memory.Span.TrimEnd("\r\n "u8);
            if (!line.StartsWith(ReadingPrefix))
            {
                continue;
            }
            var space = line.LastIndexOf((byte)' ');
            if (space < 0 || !Utf8Parser.TryParse(line[(space + 1)..], out long ms, out var consumed) || consumed != line.Length - space - 1)
            {
                continue;   // InfluxDB rejects a point without our timestamp anyway; nothing of it can land in an hour
            }
            hours.Add(DateTimeOffset.FromUnixTimeMilliseconds(ms - (((ms % hourMs) + hourMs) % hourMs)));
        }
        return hours;
    }

    /// <summary>Call before writing readings for <paramref name="hours"/>, and dispose the lease once the write has
    /// succeeded or failed. Writes the dirty markers of the hours that have already ended first.</summary>
    /// <exception cref="InfluxWriteException">The markers could not be written; do not write the readings now.</exception>
    public async Task<RollupWriteLease> EnterAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (!IsEnabled || hours.Count == 0)
        {
            return new RollupWriteLease(null, []);
        }
        // In flight first, so the job cannot start on an hour between our "has it ended?" and the write.
        lock (_lock)
        {
            foreach (var hour in hours)
            {
                _inFlight[hour] = _inFlight.GetValueOrDefault(hour) + 1;
            }
        }
        var lease = new RollupWriteLease(this, hours);
        try
        {
            await _markers.WaitAsync(cancellationToken);
            try
            {
                var now = time.GetUtcNow();
                var ended = hours.Where(h => h + RollupSchema.Hour <= now).ToList();
                if (ended.Count > 0)
                {
                    await client.WriteAsync(Markers(ended), cancellationToken);
                    lock (_lock)
                    {
                        foreach (var hour in ended)
                        {
                            _generation[hour] = _generation.GetValueOrDefault(hour) + 1;
                        }
                    }
                }
            }
            finally
            {
                _markers.Release();
            }
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Marks <paramref name="hours"/> dirty without a write (readings that reached InfluxDB another way, e.g. an
    /// import): their roll-ups are recomputed before a report trusts them again.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(hours.Select(RollupSchema.HourOf).ToHashSet(), cancellationToken);
    }

    /// <summary>The roll-up job may compute <paramref name="hour"/> now when no write to it is in flight; the returned
    /// generation goes back to <see cref="CompleteAsync"/>.</summary>
    public bool TryBegin(DateTimeOffset hour, out long generation)
    {
        lock (_lock)
        {
            generation = _generation.GetValueOrDefault(hour);
            return !_inFlight.ContainsKey(hour);
        }
    }

    /// <summary>After the roll-up of <paramref name="hour"/> was written: removes its dirty marker when no write touched
    /// the hour since <see cref="TryBegin"/>, and says so; otherwise the marker stays and the hour is recomputed later.</summary>
    public async Task<bool> CompleteAsync(DateTimeOffset hour, long generation, CancellationToken cancellationToken)
    {
        await _markers.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                if (_inFlight.ContainsKey(hour) || _generation.GetValueOrDefault(hour) != generation)
                {
                    return false;
                }
            }
            await client.QueryAsync($"DELETE FROM {InfluxClient.QuoteIdentifier(RollupSchema.Dirty)} WHERE {Period(hour, hour + RollupSchema.Hour)}",
                cancellationToken);
            lock (_lock)
            {
                _generation.Remove(hour);   // no write can bump it meanwhile: bumps happen under _markers too
            }
            return true;
        }
        finally
        {
            _markers.Release();
        }
    }

    public void Dispose() => _markers.Dispose();

    internal void Release(IReadOnlyCollection<DateTimeOffset> hours)
    {
        lock (_lock)
        {
            foreach (var hour in hours)
            {
                if (_inFlight.TryGetValue(hour, out var count) && count > 1)
                {
                    _inFlight[hour] = count - 1;
                }
                else
                {
                    _inFlight.Remove(hour);
                }
            }
        }
    }

    /// <summary>An InfluxQL time condition for [from, to).</summary>
    public static string Period(DateTimeOffset from, DateTimeOffset to) => string.Create(CultureInfo.InvariantCulture,
        $"time >= '{from.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}' AND time < '{to.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'");

    private static ReadOnlyMemory<byte> Markers(IEnumerable<DateTimeOffset> hours)
    {
        var output = new ArrayBufferWriter<byte>(64);
        var writer = new LineProtocolWriter(output);
        foreach (var hour in hours)
        {
            // No site tag: a marker only ever makes a report more conservative, so one per hour for the database is enough.
            writer.Measurement(RollupSchema.Dirty).Field("pending", true).Timestamp(hour);
        }
        return output.WrittenMemory;
    }
}
