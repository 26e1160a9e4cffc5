using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Partitions;

/// <summary>The site's rooms grouped into partitions: as configured, or one partition per room (id = room id) when
/// none are configured. Built only by <see cref="Create"/>, so every room is in exactly one partition.</summary>
public sealed partial class PartitionPlan
{
    /// <summary>Where the partitions are configured, for error paths.</summary>
    public const string ConfigurationPath = "Cluster:Partitions";

    private const string IdExpectation = "a partition id of 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit (it names the partition's MQTT session)";

    private readonly FrozenDictionary<RoomId, PartitionId> _partitionOfRoom;
    private readonly FrozenDictionary<PartitionId, Partition> _partitions;

    private PartitionPlan(IReadOnlyList<Partition> partitions)
    {
        Partitions = partitions;
        _partitions = partitions.ToFrozenDictionary(p => p.Id);
        _partitionOfRoom = partitions.SelectMany(p => p.Rooms.Select(r => KeyValuePair.Create(r, p.Id))).ToFrozenDictionary();
    }

    /// <summary>The partitions in configuration order (facility order when one per room).</summary>
    public IReadOnlyList<Partition> Partitions { get; }

    public int Count => Partitions.Count;

    /// <summary>The partition holding <paramref name="room"/>.</summary>
    /// <exception cref="ArgumentException">The room is not in the facility the plan was built from.</exception>
    public PartitionId PartitionOf(RoomId room) =>
        _partitionOfRoom.TryGetValue(room, out var partition)
            ? partition
            : throw new ArgumentException($"Room '{room}' is not in the facility definition the partitions were planned from.", nameof(room));

    public bool Contains(PartitionId partition) => _partitions.ContainsKey(partition);

    /// <summary>The partition named <paramref name="partition"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such partition.</exception>
    public Partition this[PartitionId partition] => _partitions[partition];

    /// <summary>Builds the plan, or throws with every problem found.</summary>
    /// <exception cref="ConfigurationException">The configured partitions do not cover the facility's rooms exactly once.</exception>
    public static PartitionPlan Create(FacilityDefinition facility, IReadOnlyList<PartitionSpec>? configured)
    {
        var errors = Validate(facility, configured);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }
        return configured is not { Count: > 0 }
            ? new PartitionPlan([.. facility.Rooms.Select(r => new Partition(new PartitionId(r.Id.Value), [r.Id]))])
            : new PartitionPlan([.. configured.Select(p => new Partition(new PartitionId(p.Id!), [.. p.Rooms!.Select(r => new RoomId(r!))]))]);
    }

    /// <summary>Every problem with the configured partitions, in one pass (empty when they are usable). No partitions
    /// configured is valid: one per room.</summary>
    public static IReadOnlyList<ConfigError> Validate(FacilityDefinition facility, IReadOnlyList<PartitionSpec>? configured)
    {
        ArgumentNullException.ThrowIfNull(facility);
        var errors = new List<ConfigError>();
        if (configured is not { Count: > 0 })
        {
            return errors;
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);   // room → the partition path that took it first
        for (var i = 0; i < configured.Count; i++)
        {
            var path = ConfigurationPath + ":" + i.ToString(CultureInfo.InvariantCulture);
            var spec = configured[i];
            if (spec.Id is null || !IdPattern().IsMatch(spec.Id))
            {
                errors.Add(Error(path + ":Id", spec.Id, IdExpectation));
            }
            else if (ids.TryGetValue(spec.Id, out var first))
            {
                errors.Add(Error(path + ":Id", spec.Id, $"a partition id not used before (it is already the id of {ConfigurationPath}:{first.ToString(CultureInfo.InvariantCulture)})"));
            }
            else
            {
                ids.Add(spec.Id, i);
            }
            if (spec.Rooms is not { Count: > 0 })
            {
                errors.Add(Error(path + ":Rooms", null, "at least one room id (an empty partition would own nothing)"));
                continue;
            }
            for (var r = 0; r < spec.Rooms.Count; r++)
            {
                var roomPath = path + ":Rooms:" + r.ToString(CultureInfo.InvariantCulture);
                var room = spec.Rooms[r];
                if (room is null || !facility.TryGetRoom(new RoomId(room), out _))
                {
                    errors.Add(Error(roomPath, room, "the id of a room in the facility definition (" + string.Join(", ", facility.Rooms.Select(x => x.Id.Value)) + ")"));
                }
                else if (owners.TryGetValue(room, out var firstPath))
                {
                    errors.Add(Error(roomPath, room, $"a room in no other partition (it is already in {firstPath}): a room in two partitions could have two owners"));
                }
                else
                {
                    owners.Add(room, path);
                }
            }
        }
        foreach (var room in facility.Rooms.Where(r => !owners.ContainsKey(r.Id.Value)))
        {
            errors.Add(Error(ConfigurationPath, room.Id.Value, "every room of the facility in one partition: this room is in none, so no instance would monitor it"));
        }
        return errors;
    }

    private static ConfigError Error(string path, string? value, string expected) => new("configuration", path, value, expected);

    // The facility's own id rule (FacilityFile.IdPattern): a partition id names an MQTT session as a room id names a topic.
    [GeneratedRegex(FacilityFile.IdPattern)]
    private static partial Regex IdPattern();
}
