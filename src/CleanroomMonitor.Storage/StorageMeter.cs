namespace CleanroomMonitor.Storage;

/// <summary>The one Meter name of this project, shared by the buffer and the Influx forwarder
/// (IMeterFactory hands both the same Meter instance for the same name).</summary>
internal static class StorageMeter
{
    public const string Name = "CleanroomMonitor.Storage";
}
