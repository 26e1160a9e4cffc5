using System.Text.Json;

namespace CleanroomMonitor.Core.Facility;

// The facility file as written, before validation. Everything a person can get wrong is a string here, so
// the validator can quote the bad value back in its error instead of a serializer's type message.
internal sealed class FacilityFile
{
    public SiteFile? Site { get; set; }

    public List<RoomFile?>? Rooms { get; set; }

    public List<SensorFile?>? Sensors { get; set; }

    public Dictionary<string, Dictionary<string, JsonElement>?>? GradeLimits { get; set; }
}

internal sealed class SiteFile
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? TimeZone { get; set; }

    public string? TopicRoot { get; set; }
}

internal sealed class RoomFile
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Grade { get; set; }

    public List<ZoneFile?>? Zones { get; set; }

    public List<string?>? Adjacent { get; set; }

    public string? CleanUpPeriod { get; set; }

    public Dictionary<string, JsonElement>? Limits { get; set; }
}

internal sealed class ZoneFile
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Grade { get; set; }
}

internal sealed class SensorFile
{
    public string? Id { get; set; }

    public string? Room { get; set; }

    public string? Zone { get; set; }

    public string? Location { get; set; }

    public List<string?>? Parameters { get; set; }

    public string? Interval { get; set; }

    public string? Reference { get; set; }

    public string? Source { get; set; }

    public string? Topic { get; set; }

    public string? Equipment { get; set; }

    public string? GapAfter { get; set; }

    public List<string?>? From { get; set; }

    public Dictionary<string, JsonElement>? Limits { get; set; }

    public SparkplugFile? Sparkplug { get; set; }
}

internal sealed class SparkplugFile
{
    public string? Group { get; set; }

    public string? EdgeNode { get; set; }

    public string? Device { get; set; }

    public Dictionary<string, string?>? Metrics { get; set; }
}
