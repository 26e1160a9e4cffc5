using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Modbus.Profiles;

// A profile as written, before validation: everything a person can get wrong is nullable or a string, so the
// validator can quote the bad value back with its JSON path instead of a serializer's type message. A default lives
// here as the property's initializer and nowhere else: the validator falls back to it and the JSON Schema shows it.
[Description("A device profile: the register map of one Modbus instrument model, read by the poller and the simulator.")]
internal sealed class ProfileFile
{
    /// <summary>A profile id, which is also its file name.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9._-]{0,62}$";

    /// <summary>Point ids and read-block names, which other keys of the profile refer to.</summary>
    public const string NamePattern = "^[A-Za-z][A-Za-z0-9_]{0,62}$";

    [JsonPropertyName("$schema")]
    [Description("The JSON Schema this file follows, for editors; the reader ignores it.")]
    public string? Schema { get; set; }

    [RegularExpression(IdPattern)]
    [Description("The profile's id: 1-63 lowercase letters, digits, '.', '-' or '_'; equal to the file name without .json.")]
    public string? Id { get; set; }

    [Description("The instrument's maker.")]
    public string? Vendor { get; set; }

    [Description("The instrument models this register map fits.")]
    public List<string>? Models { get; set; }

    [Description("What the instrument measures and how, for people.")]
    public string? Description { get; set; }

    [Description("Where the register map comes from.")]
    public ProfileSourceFile? Source { get; set; }

    [Description("Settings every point takes unless it sets its own.")]
    public ProfileDefaultsFile Defaults { get; set; } = new();

    [Description("The registers: each a named value with its table, address, type and, for a measured channel, the facility parameter it feeds.")]
    public List<PointFile?>? Points { get; set; }

    [Description("The blocks of registers the poller reads (at most 125 registers each); every point the poller needs must lie inside one.")]
    public List<ReadFile?>? Reads { get; set; }

    // A dictionary rather than start/stop/hold properties so that an unknown command name is reported with its path
    // and the file's other problems, not as the serializer's single error.
    [Description("Register writes that start, stop or hold sampling: \"start\", \"stop\" or \"hold\" → list of { point, value }.")]
    public Dictionary<string, List<CommandWriteFile?>?>? Commands { get; set; }

    [Description("Commands (names from commands) the poller sends when the device is not running.")]
    public List<string?>? Init { get; set; }

    [Description("How samples are taken: live registers, or records read back from the device's buffer.")]
    public SamplingFile Sampling { get; set; } = new();

    [Description("The air volume a particle count was taken in: { \"litres\": 28.3 } or { \"flow\": point, \"sampleSeconds\": point }. Required for particle channels.")]
    public VolumeFile? Volume { get; set; }

    [Description("The status bit that says the device is sampling; init commands are sent only while it is clear.")]
    public BitRefFile? Running { get; set; }

    [Description("What only the simulator uses.")]
    public SimulatorFile? Simulator { get; set; }
}

internal sealed class ProfileSourceFile
{
    public static IReadOnlyList<string> Statuses { get; } = ["confirmed", "inferred", "synthetic"];

    [Description("The manual or document the register map is taken from.")]
    public string? Doc { get; set; }

    [Description("How sure the map is: confirmed (checked on a unit), inferred (from the manual) or synthetic (made up for the simulator).")]
[OneOf(typeof(ProfileSourceFile), nameof(Statuses))]
        public string? Status { get; set; }

    [Description("Anything a reader of the profile should know.")]
    public string? Note { get; set; }
}

internal sealed class ProfileDefaultsFile
{
    [Description("Byte order of 32-bit values: ABCD, CDAB, BADC or DCBA.")]
    public string Order { get; set; } = "ABCD";
}

internal sealed class PointFile
{
    public static IReadOnlyDictionary<string, RegisterTable> Tables { get; } =
        new Dictionary<string, RegisterTable>(StringComparer.Ordinal) { ["holding"] = RegisterTable.Holding, ["input"] = RegisterTable.Input };

    public static IReadOnlyDictionary<string, PointType> Types { get; } = new Dictionary<string, PointType>(StringComparer.Ordinal)
    {
        ["int16"] = PointType.Int16,
        ["uint16"] = PointType.UInt16,
        ["int32"] = PointType.Int32,
        ["uint32"] = PointType.UInt32,
        ["float32"] = PointType.Float32,
    };

    public static IReadOnlyDictionary<string, PointAccess> Accesses { get; } = new Dictionary<string, PointAccess>(StringComparer.Ordinal)
    {
        ["r"] = PointAccess.Read,
        ["w"] = PointAccess.Write,
        ["rw"] = PointAccess.ReadWrite,
    };

    [RegularExpression(ProfileFile.NamePattern)]
    [Description("The point's id: a letter, then letters, digits or '_'.")]
    public string? Id { get; set; }

    [Description("The register table: holding or input.")]
    [OneOf(typeof(PointFile), nameof(PointFile.Tables))]
    public string? Table { get; set; }

    [Description("The PDU address, from 0 (the manual's 40001 is holding 0, 30009 is input 8).")]
    public int? Address { get; set; }

    [Description("The register number as the manual writes it, for people.")]
    public string? Ref { get; set; }

    [Description("The value type: int16, uint16, int32, uint32 or float32.")]
[OneOf(typeof(PointFile), nameof(Types))]
        public string? Type { get; set; }

    [Description("Byte order: ABCD, CDAB, BADC or DCBA for 32-bit types, AB or BA for 16-bit; default: defaults.order (32-bit) or AB.")]
    public string? Order { get; set; }

    [Description("Factor from raw value to unit: value = raw × scale + offset.")]
    public double? Scale { get; set; }

    [Description("Added after scaling: value = raw × scale + offset.")]
    public double? Offset { get; set; }

    [Description("The value's unit after scaling, such as degC, %RH, Pa, s, ft3/min or L/min.")]
    public string? Unit { get; set; }

    [Description("r (read), w (write) or rw.")]
[OneOf(typeof(PointFile), nameof(Accesses))]
        public string Access { get; set; } = "r";

    [Description("The facility parameter this point feeds, such as temperature or particles_0_5um.")]
    public string? Parameter { get; set; }

    [Description("What the point holds, for people.")]
    public string? Description { get; set; }

    [Description("Named bits of this register: name → bit number (0 = least significant).")]
    public Dictionary<string, int>? Bits { get; set; }

    [Description("Bits that report a device fault: bit name → laser, flow, overflow, service, sampler, calibration or other.")]
    public Dictionary<string, string?>? Faults { get; set; }

    [Description("The channel is valid only while this bit of another point is set.")]
    public ValidIfFile? ValidIf { get; set; }

    [Description("Raw values that mean \"no value\" (the channel is left out and counted).")]
    public List<double>? InvalidRaw { get; set; }

    [Description("Raw values the manual gives as fault codes (over range, probe failure): the sample is marked saturated.")]
    public List<double>? Sentinels { get; set; }
}

internal sealed class ValidIfFile
{
    [Description("The id of the point holding the validity bit.")]
    public string? Point { get; set; }

    [Description("The bit number in that point.")]
    public int? Bit { get; set; }
}

internal sealed class ReadFile
{
    [RegularExpression(ProfileFile.NamePattern)]
    [Description("The block's name: a letter, then letters, digits or '_'.")]
    public string? Name { get; set; }

    [Description("The register table: holding or input.")]
    [OneOf(typeof(PointFile), nameof(PointFile.Tables))]
    public string? Table { get; set; }

    [Description("The first PDU address read.")]
    public int? Address { get; set; }

    [Description("The number of registers read: 1-125.")]
    public int? Count { get; set; }
}

internal sealed class CommandWriteFile
{
    [Description("The id of a writable point (access w or rw).")]
    public string? Point { get; set; }

    [Description("The raw register value written.")]
    public long? Value { get; set; }
}

internal sealed class SamplingFile
{
    public static IReadOnlyDictionary<string, SamplingMode> Modes { get; } =
        new Dictionary<string, SamplingMode>(StringComparer.Ordinal) { ["live"] = SamplingMode.Live, ["records"] = SamplingMode.Records };

    [Description("live (the registers hold the current sample) or records (samples are read back from the device's record buffer).")]
[OneOf(typeof(SamplingFile), nameof(Modes))]
        public string Mode { get; set; } = "live";

    [Description("Records mode: the read block holding the record count and status.")]
    public string? Head { get; set; }

    [Description("Records mode: the read block holding one data record.")]
    public string? Record { get; set; }

    [Description("Records mode: the integer point holding the number of records.")]
    public string? RecordCount { get; set; }

    [Description("Records mode: the writable integer point that selects the record shown.")]
    public string? RecordIndex { get; set; }

    [Description("Records mode: the record index the device takes for \"newest record\" (Lighthouse: -1); only simulators use it.")]
    public long LatestIndex { get; set; } = -1;

    [Description("Records mode: the status bit that says a new record is ready.")]
    public BitRefFile? NewData { get; set; }

    [Description("An integer point holding the device time in Unix seconds.")]
    public string? Timestamp { get; set; }

    [Description("Records mode: the most records read back in one poll (1-1000).")]
    public int MaxBackfill { get; set; } = 10;

    [Description("Records mode: how many records the device keeps.")]
    public int? BufferSize { get; set; }
}

internal sealed class BitRefFile
{
    [Description("The id of the point holding the bit.")]
    public string? Point { get; set; }

    [Description("The bit's name in that point's bits.")]
    public string? Bit { get; set; }
}

internal sealed class VolumeFile
{
    [Description("A fixed sample volume in litres (28.3 L = 1 ft³), or the fallback when flow or sample time is a fault value.")]
    public double? Litres { get; set; }

    [Description("The point holding the flow rate (unit ft3/min or L/min).")]
    public string? Flow { get; set; }

    [Description("The point holding the sample time (unit s).")]
    public string? SampleSeconds { get; set; }
}

// What the simulator needs beyond the register map; the poller ignores it. "running" here is the older place of the
// top-level "running" bit, still read for profiles written before the poller used it.
internal sealed class SimulatorFile
{
    [Description("Older place of the top-level running bit, still read.")]
    public BitRefFile? Running { get; set; }

    [Description("Notes for the simulator's user.")]
    public string? Note { get; set; }
}
