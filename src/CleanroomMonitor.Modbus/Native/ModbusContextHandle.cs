namespace CleanroomMonitor.Modbus.Native;

/// <summary>A <c>modbus_t*</c>. Releasing it closes its socket or serial port and frees it. A context is used by one
/// thread only (libmodbus is not thread-safe): one per polled connection, one per served client.</summary>
internal sealed class ModbusContextHandle : System.Runtime.InteropServices.SafeHandle
{
    public ModbusContextHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibModbus.modbus_close(handle);
        LibModbus.modbus_free(handle);
        return true;
    }
}
