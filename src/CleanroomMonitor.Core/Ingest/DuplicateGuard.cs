using System.Runtime.InteropServices;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>Remembers, per series (sensor and parameter), the readings accepted most recently, so a second reading of
/// the same instant is told apart as a harmless repeat or as a conflict before it reaches storage: InfluxDB keeps one
/// point per series and millisecond, and a later write would silently replace the original (ALCOA+, issue 15).</summary>
/// <remarks>
/// <para>Instants are compared in milliseconds, the precision the points are written with: two readings 0.3 ms apart
/// are one point in InfluxDB, so they are one instant here.</para>
/// <para>Readings arrive mostly in time order. That case costs one dictionary lookup and a compare, and allocates
/// nothing after a series' first reading. A reading older than the newest is looked up in a ring of the last
/// <c>window</c> readings accepted for its series; every accepted reading newer than the newest one the ring has
/// dropped is still in it, so within that bound the answer is exact. Older than that the reading is
/// <see cref="DuplicateKind.Unchecked"/>. The memory is the process's: after a restart the guard starts empty unless
/// seeded (<see cref="Seed"/>).</para>
/// <para>Pure and single-threaded: the ingest pump owns it.</para>
/// </remarks>
public sealed class DuplicateGuard
{
    private readonly Dictionary<(SensorId, Parameter), Series> _series = [];
    private readonly int _window;

    /// <param name="window">How many recent readings are remembered per series for late and out-of-order readings.</param>
    public DuplicateGuard(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
    }

    /// <summary>Checks <paramref name="reading"/> against the readings of its series already accepted, and remembers it
    /// when it is passed on (<see cref="DuplicateKind.New"/> or <see cref="DuplicateKind.Unchecked"/>).</summary>
    /// <param name="reading">A validated, normalised reading.</param>
    /// <param name="first">For a repeat or a conflict, the content of the reading accepted first at that instant.</param>
    public DuplicateKind Check(Reading reading, out RecordedContent first)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, (reading.Sensor, reading.Parameter), out _);
        series ??= new Series(_window);
        var instant = reading.Timestamp.ToUnixTimeMilliseconds();
        var content = RecordedContent.Of(reading);
        if (instant > series.Newest)
        {
            series.Add(instant, content);
            first = default;
            return DuplicateKind.New;
        }
        if (series.Find(instant) is { } found)
        {
            first = series.Entries[found].Content;
            return series.Entries[found].Holds(content) ? DuplicateKind.Repeat : DuplicateKind.Conflict;
        }
        var kind = instant <= series.NewestDropped ? DuplicateKind.Unchecked : DuplicateKind.New;
        series.Add(instant, content);
        first = default;
        return kind;
    }

    /// <summary>Remembers a reading already stored before this process started (read back from InfluxDB at start), so a
    /// redelivered or re-sent reading of that instant is checked as if it had been accepted in this run.</summary>
    public void Seed(SensorId sensor, Parameter parameter, DateTimeOffset timestamp, RecordedContent content)
    {
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, (sensor, parameter), out _);
        series ??= new Series(_window);
        var instant = timestamp.ToUnixTimeMilliseconds();
        if (series.Find(instant) is null)
        {
            series.Add(instant, content);
        }
    }

    /// <summary>One remembered reading, packed into 40 bytes (no nullable fields): the window is per series, and a site
    /// may have tens of thousands of series.</summary>
    private readonly struct Entry(long instant, RecordedContent content)
    {
        private const long NoCount = long.MinValue;
        private readonly double _value = content.Value;
        private readonly long _count = content.Count ?? NoCount;
        private readonly double _volumeLitres = content.VolumeLitres ?? double.NaN;
        private readonly SampleFaults _faults = content.Faults;

        public long Instant { get; } = instant;

        public RecordedContent Content => new(_value, _count == NoCount ? null : _count, double.IsNaN(_volumeLitres) ? null : _volumeLitres, _faults);

        public bool Holds(RecordedContent content) =>
            _value == content.Value && _count == (content.Count ?? NoCount) && _faults == content.Faults
            && (content.VolumeLitres is { } litres ? _volumeLitres == litres : double.IsNaN(_volumeLitres));
    }

    private sealed class Series(int window)
    {
        public readonly Entry[] Entries = new Entry[window];

        /// <summary>The newest instant ever accepted (in Unix ms).</summary>
        public long Newest = long.MinValue;

        /// <summary>The newest instant the ring has dropped: an instant at or before it may have been seen and forgotten.</summary>
        public long NewestDropped = long.MinValue;

        /// <summary>Where <see cref="Newest"/> sits in the ring, or -1 once the ring has dropped it.</summary>
        private int _newestIndex = -1;
        private int _next;
        private int _count;

        public int? Find(long instant)
        {
            // The in-order repeat (a redelivery of the latest message) is the common one: checked without a scan.
            if (instant == Newest && _newestIndex >= 0)
            {
                return _newestIndex;
            }
            for (var i = 0; i < _count; i++)
            {
                if (Entries[i].Instant == instant)
                {
                    return i;
                }
            }
            return null;
        }

        public void Add(long instant, RecordedContent content)
        {
            if (_count == Entries.Length)
            {
                var dropped = Entries[_next].Instant;
                NewestDropped = Math.Max(NewestDropped, dropped);
                if (_next == _newestIndex)
                {
                    _newestIndex = -1;
                }
            }
            else
            {
                _count++;
            }
            Entries[_next] = new Entry(instant, content);
            if (instant > Newest)
            {
                Newest = instant;
                _newestIndex = _next;
            }
            _next = (_next + 1) % Entries.Length;
        }
    }
}
