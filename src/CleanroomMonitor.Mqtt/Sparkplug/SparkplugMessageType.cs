namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The message types of the Sparkplug B topic namespace (Sparkplug 3.0 §4.1.2).</summary>
public enum SparkplugMessageType
{
    NBirth,
    NData,
    NDeath,
    DBirth,
    DData,
    DDeath,
    NCmd,
    DCmd,
}
