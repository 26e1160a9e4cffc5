using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Modbus.Records;

/// <summary>The last record of each record device (particle counter) that is safely stored, by sensor, kept in a small
/// JSON file so that after a restart the poller reads back every record the device completed meanwhile (its buffer is
/// the device's store-and-forward) instead of only the newest one. A cursor moves only when the durable buffer has
/// committed the record (<see cref="Core.Ingest.SensorSample.Acknowledge"/>), so a crash can make the poller read a
/// record again (the same values: an idempotent repeat) but never skip one.</summary>
/// <remarks>Written to a temporary file, flushed to disk and renamed over the old one: a crash leaves the old or the new
/// file, never a torn one. The directory is not synced: after a power loss the older file may come back, which only
/// means reading a few records again. Written at most once a second, and on dispose (after every hosted service has
/// stopped, so the last acknowledgements are in it).</remarks>
public sealed class RecordCursorStore : IDisposable
{
    private static readonly TimeSpan WriteSpacing = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string? _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RecordCursor> _stored = new(StringComparer.Ordinal);
    private bool _dirty;
    private long _lastWrite;

    /// <param name="path">The file; null keeps cursors in memory only (tests, and a service without record devices).</param>
    /// <param name="time">The clock that spaces the writes.</param>
    /// <exception cref="ConfigurationException">The file exists but is not a cursor file.</exception>
    public RecordCursorStore(string? path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _path = path;
        _time = time;
        if (path is null || !File.Exists(path))
        {
            return;
        }
        try
        {
            var file = JsonSerializer.Deserialize<CursorFileContent>(File.ReadAllText(path), Json);
            foreach (var (sensor, cursor) in file?.Devices ?? [])
            {
                _stored[sensor] = new RecordCursor(cursor.Index, cursor.Time);
            }
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException([new ConfigError(path, ex.Path ?? "$", null,
                $"a Modbus record cursor file ({ex.Message}); move it away to start without reading back what the counters buffered")]);
        }
    }

    /// <summary>The file; null when cursors are kept in memory only.</summary>
    public string? Path => _path;

    /// <summary>Sensors with a stored cursor.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _stored.Count;
            }
        }
    }

    /// <summary>The last stored record of the device feeding <paramref name="sensor"/>; null when none was ever stored.</summary>
    public RecordCursor? Stored(SensorId sensor)
    {
        lock (_gate)
        {
            return _stored.TryGetValue(sensor.Value, out var cursor) ? cursor : null;
        }
    }

    /// <summary>Records that the record at <paramref name="cursor"/> is committed. Never moves a cursor backwards.</summary>
    public void Acknowledge(SensorId sensor, RecordCursor cursor)
    {
        lock (_gate)
        {
            if (_stored.TryGetValue(sensor.Value, out var stored) && !stored.IsBefore(cursor))
            {
                return;
            }
            _stored[sensor.Value] = cursor;
            _dirty = true;
        }
    }

    /// <summary>Writes the file if a cursor moved and the last write is at least a second ago.</summary>
    public void FlushIfDue()
    {
        if (_dirty && _time.GetElapsedTime(Interlocked.Read(ref _lastWrite)) >= WriteSpacing)
        {
            Flush();
        }
    }

    /// <summary>Writes the file now if a cursor moved.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Flush()
    {
        if (_path is null)
        {
            return;
        }
        CursorFileContent content;
        lock (_gate)
        {
            if (!_dirty)
            {
                return;
            }
            content = new CursorFileContent(1, _stored.ToDictionary(p => p.Key, p => new CursorEntry(p.Value.Index, p.Value.Time), StringComparer.Ordinal));
            _dirty = false;
        }
        Interlocked.Exchange(ref _lastWrite, _time.GetTimestamp());
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
            var temporary = _path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, content, Json);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _dirty = true;   // tried again at the next flush; meanwhile a restart reads a few records again
            }
            throw new IOException($"cannot write the Modbus record cursor file {_path}: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        catch (IOException)
        {
            // Shutting down: an older cursor only means the records since are read again after the restart.
        }
    }

    private sealed record CursorFileContent(int Version, Dictionary<string, CursorEntry> Devices);

    private sealed record CursorEntry(long Index, DateTimeOffset? Time);
}
