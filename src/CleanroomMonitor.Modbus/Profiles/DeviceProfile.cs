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
        IReadOnlyDictionary<string, IReadOnlyList<CommandWrite>> commands, IReadOnlyList<string> init, SamplingRule sampling, VolumeRule? volume, BitReference? simulatorRunning)
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
        SimulatorRunning = simulatorRunning;
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

    /// <summary>Commands run once after each (re)connection, before values are read (e.g. <c>start</c>).</summary>
    public IReadOnlyList<string> Init { get; }

    public SamplingRule Sampling { get; }

    public VolumeRule? Volume { get; }

    /// <summary>For simulators: the status bit the <c>start</c> command sets and <c>stop</c> clears; records are
    /// produced only while it is set. Null: the device always samples.</summary>
    public BitReference? SimulatorRunning { get; }

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
