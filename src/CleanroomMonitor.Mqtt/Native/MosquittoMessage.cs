using System.Runtime.InteropServices;

namespace CleanroomMonitor.Mqtt.Native;

/// <summary><c>struct mosquitto_message</c> (40 bytes on x86_64). Owned by the library and freed when the
/// message callback returns, so topic and payload are copied inside the callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MosquittoMessage
{
    public int Mid;
    public byte* Topic;
    public byte* Payload;
    public int PayloadLength;
    public int Qos;
    public byte Retain;   // C bool
}
