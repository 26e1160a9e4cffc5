using System.Diagnostics.CodeAnalysis;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>A topic of the Sparkplug B namespace: <c>spBv1.0/&lt;group&gt;/&lt;type&gt;/&lt;edge node&gt;[/&lt;device&gt;]</c>.
/// Device message types (DBIRTH, DDATA, DDEATH, DCMD) have a device id; node types have none.</summary>
public readonly record struct SparkplugTopic(string Group, SparkplugMessageType Type, string EdgeNode, string? Device)
{
    public const string Namespace = "spBv1.0";

    /// <summary>The primary host application's state topic (Sparkplug 3.0 §5.9): retained JSON, see <see cref="SparkplugHostState"/>.</summary>
    public static string StateTopic(string hostId) => $"{Namespace}/STATE/{hostId}";

    /// <summary>The subscription that receives every message of one group.</summary>
    public static string GroupFilter(string group) => $"{Namespace}/{group}/#";

    public bool IsDeviceMessage => Type is SparkplugMessageType.DBirth or SparkplugMessageType.DData or SparkplugMessageType.DDeath or SparkplugMessageType.DCmd;

    public static bool TryParse(string topic, [NotNullWhen(true)] out SparkplugTopic? parsed)
    {
        parsed = null;
        var levels = topic.Split('/');
        if (levels.Length is < 4 or > 5 || levels[0] != Namespace || levels.Any(string.IsNullOrEmpty))
        {
            return false;
        }
        SparkplugMessageType? type = levels[2] switch
        {
            "NBIRTH" => SparkplugMessageType.NBirth,
            "NDATA" => SparkplugMessageType.NData,
            "NDEATH" => SparkplugMessageType.NDeath,
            "DBIRTH" => SparkplugMessageType.DBirth,
            "DDATA" => SparkplugMessageType.DData,
            "DDEATH" => SparkplugMessageType.DDeath,
            "NCMD" => SparkplugMessageType.NCmd,
            "DCMD" => SparkplugMessageType.DCmd,
            _ => null,
        };
        if (type is not { } t)
        {
            return false;
        }
        var candidate = new SparkplugTopic(levels[1], t, levels[3], levels.Length == 5 ? levels[4] : null);
        if (candidate.IsDeviceMessage != (candidate.Device is not null))
        {
            return false;
        }
        parsed = candidate;
        return true;
    }

    public override string ToString()
    {
        var type = Type switch
        {
            SparkplugMessageType.NBirth => "NBIRTH",
            SparkplugMessageType.NData => "NDATA",
            SparkplugMessageType.NDeath => "NDEATH",
            SparkplugMessageType.DBirth => "DBIRTH",
            SparkplugMessageType.DData => "DDATA",
            SparkplugMessageType.DDeath => "DDEATH",
            SparkplugMessageType.NCmd => "NCMD",
            _ => "DCMD",
        };
        return Device is null ? $"{Namespace}/{Group}/{type}/{EdgeNode}" : $"{Namespace}/{Group}/{type}/{EdgeNode}/{Device}";
    }
}
