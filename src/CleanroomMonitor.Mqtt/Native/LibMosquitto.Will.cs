using System.Runtime.InteropServices;

namespace CleanroomMonitor.Mqtt.Native;

// Last-will support (Sparkplug: the host's STATE offline and an edge node's NDEATH are both wills).
internal static unsafe partial class LibMosquitto
{
    /// <summary>MQTT 5 DISCONNECT reason code 0x04 "Disconnect with Will Message": the broker publishes the will.</summary>
    public const int DisconnectWithWillReason = 4;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_will_set(MosquittoHandle mosq, string topic, int payloadLength, byte* payload, int qos,
        [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(Library)]
    public static partial int mosquitto_disconnect_v5(MosquittoHandle mosq, int reasonCode, nint properties);
}
