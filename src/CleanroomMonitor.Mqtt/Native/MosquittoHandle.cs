using System.Runtime.InteropServices;

namespace CleanroomMonitor.Mqtt.Native;

/// <summary>A <c>struct mosquitto*</c>. Releasing it calls <c>mosquitto_destroy</c>; the owner must have
/// stopped the network loop first (destroy on a running loop frees memory the loop thread still uses).</summary>
internal sealed class MosquittoHandle : SafeHandle
{
    public MosquittoHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibMosquitto.mosquitto_destroy(handle);
        return true;
    }
}
