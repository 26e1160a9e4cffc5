namespace CleanroomMonitor.Modbus.Native;

/// <summary>A <c>modbus_mapping_t*</c>: the register tables of one served unit. It has no locking of its own; the
/// owner (<see cref="Server.ModbusUnit"/>) serialises access.</summary>
internal sealed unsafe class ModbusMappingHandle : System.Runtime.InteropServices.SafeHandle
{
    public ModbusMappingHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    public ModbusMapping* Mapping => (ModbusMapping*)handle;

    public static ModbusMappingHandle Create(int holdingCount, int inputCount)
    {
        var mapping = LibModbus.modbus_mapping_new_start_address(0, 0, 0, 0, 0, (uint)holdingCount, 0, (uint)inputCount);
        if (mapping is null)
        {
            throw new ModbusException(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "modbus_mapping_new_start_address");
        }
        var handle = new ModbusMappingHandle();
        handle.SetHandle((nint)mapping);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LibModbus.modbus_mapping_free((ModbusMapping*)handle);
        return true;
    }
}
