using System.Text.Json.Serialization;

namespace CleanroomMonitor.Modbus.Profiles;

// A profile as written, before validation: everything a person can get wrong is nullable or a string, so the
// validator can quote the bad value back with its JSON path instead of a serializer's type message.
internal sealed class ProfileFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Id { get; set; }

    public string? Vendor { get; set; }

    public List<string>? Models { get; set; }

    public string? Description { get; set; }

    public ProfileSourceFile? Source { get; set; }

    public ProfileDefaultsFile? Defaults { get; set; }

    public List<PointFile?>? Points { get; set; }

    public List<ReadFile?>? Reads { get; set; }

    public Dictionary<string, List<CommandWriteFile?>?>? Commands { get; set; }

    public List<string?>? Init { get; set; }

    public SamplingFile? Sampling { get; set; }

    public VolumeFile? Volume { get; set; }

    public BitRefFile? Running { get; set; }

    public SimulatorFile? Simulator { get; set; }
}

internal sealed class ProfileSourceFile
{
    public string? Doc { get; set; }

    public string? Status { get; set; }

    public string? Note { get; set; }
}

internal sealed class ProfileDefaultsFile
{
    public string? Order { get; set; }
}

internal sealed class PointFile
{
    public string? Id { get; set; }

    public string? Table { get; set; }

    public int? Address { get; set; }

    public string? Ref { get; set; }

    public string? Type { get; set; }

    public string? Order { get; set; }

    public double? Scale { get; set; }

    public double? Offset { get; set; }

    public string? Unit { get; set; }

    public string? Access { get; set; }

    public string? Parameter { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, int>? Bits { get; set; }

    public Dictionary<string, string?>? Faults { get; set; }

    public ValidIfFile? ValidIf { get; set; }

    public List<double>? InvalidRaw { get; set; }

    public List<double>? Sentinels { get; set; }
}

internal sealed class ValidIfFile
{
    public string? Point { get; set; }

    public int? Bit { get; set; }
}

internal sealed class ReadFile
{
    public string? Name { get; set; }

    public string? Table { get; set; }

    public int? Address { get; set; }

    public int? Count { get; set; }
}

internal sealed class CommandWriteFile
{
    public string? Point { get; set; }

    public long? Value { get; set; }
}

internal sealed class SamplingFile
{
    public string? Mode { get; set; }

    public string? Head { get; set; }

    public string? Record { get; set; }

    public string? RecordCount { get; set; }

    public string? RecordIndex { get; set; }

    public long? LatestIndex { get; set; }

    public BitRefFile? NewData { get; set; }

    public string? Timestamp { get; set; }

    public int? MaxBackfill { get; set; }

    public int? BufferSize { get; set; }
}

internal sealed class BitRefFile
{
    public string? Point { get; set; }

    public string? Bit { get; set; }
}

internal sealed class VolumeFile
{
    public double? Litres { get; set; }

    public string? Flow { get; set; }

    public string? SampleSeconds { get; set; }
}

// What the simulator needs beyond the register map; the poller ignores it. "running" here is the older place of the
// top-level "running" bit, still read for profiles written before the poller used it.
internal sealed class SimulatorFile
{
    public BitRefFile? Running { get; set; }

    public string? Note { get; set; }
}
