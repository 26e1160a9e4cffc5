using System.Collections.Frozen;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>A validated device profile: an instrument's Modbus register map and how to sample it. The same profile
/// drives the poller (decode) and the simulator (encode). Built only by <see cref="ProfileReader"/>.</summary>
public sealed class DeviceProfile
{
    private readonly FrozenDictionary<string, ProfilePoint> _points;
    private readonly FrozenDictionary<string, ReadBlock> _reads;

    internal DeviceProfile(string id, string file, string? description, IReadOnlyList<ProfilePoint> points, IReadOnlyList<ReadBlock> reads,
        IReadOnlyDictionary<string, IReadOnlyList<CommandWrite>> commands, IReadOnlyList<string> init, SamplingRule sampling, VolumeRule? volume, BitReference? running)
    {
        Id = id;
        File = file;
        Description = description;
        Points = points;
        Reads = reads;
        Commands = commands;
        Init = init;
        Sampling = sampling;
        Volume = volume;
        Running = running;
        _points = points.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        _reads = reads.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        Parameters = points.Where(p => p.Parameter is not null).Select(p => p.Parameter!.Value).ToList();
    }

    public string Id { get; }

    /// <summary>The file the profile was read from, for messages.</summary>
    public string File { get; }

    public string? Description { get; }

    public IReadOnlyList<ProfilePoint> Points { get; }

    public IReadOnlyList<ReadBlock> Reads { get; }

    /// <summary>Named command sequences: <c>start</c>, <c>stop</c>, <c>hold</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CommandWrite>> Commands { get; }

    /// <summary>Commands that make a stopped device sample (e.g. <c>start</c>): run when <see cref="Running"/> says the
    /// device is not running, or once at first contact when the profile has no running bit.</summary>
    public IReadOnlyList<string> Init { get; }

    public SamplingRule Sampling { get; }

    public VolumeRule? Volume { get; }

    /// <summary>The status bit that says the instrument is sampling: the <c>start</c> command sets it, <c>stop</c>
    /// clears it. The poller runs <see cref="Init"/> only when this bit is clear (the device is stopped, e.g. after a
    /// power cycle), never merely because a connection was re-opened: a start can abort the sample in progress. The
    /// simulator makes records only while it is set. Null: the device always samples, and the poller runs the init
    /// commands once, at its first contact.</summary>
    public BitReference? Running { get; }

    /// <summary>The facility parameters (channels) the profile's points feed.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public ProfilePoint Point(string id) => _points[id];

    public ReadBlock Read(string name) => _reads[name];

    public bool TryGetPoint(string id, out ProfilePoint point) => _points.TryGetValue(id, out point!);

    /// <summary>The registers each table needs (highest address used + 1), for a simulator's register map.</summary>
    public int TableSize(RegisterTable table) =>
        Math.Max(
            Points.Where(p => p.Table == table).Select(p => p.Address + p.Width).DefaultIfEmpty(0).Max(),
            Reads.Where(r => r.Table == table).Select(r => r.Address + r.Count).DefaultIfEmpty(0).Max());
}
