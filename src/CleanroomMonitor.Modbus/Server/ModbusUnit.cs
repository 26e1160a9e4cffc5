using CleanroomMonitor.Modbus.Native;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Modbus.Server;

/// <summary>The registers of one served device (one unit id): holding and input tables starting at address 0. Every
/// access, by the server's client threads or by the simulation, goes through one lock (libmodbus's mapping has none).</summary>
public sealed unsafe class ModbusUnit : IDisposable
{
    private readonly ModbusMappingHandle _mapping;
    private long _requests;
    private volatile UnitFault _fault;
    private bool _disposed;

    public ModbusUnit(int unitId, int holdingRegisters, int inputRegisters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitId, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unitId, 255);
        UnitId = unitId;
        _mapping = ModbusMappingHandle.Create(Math.Max(1, holdingRegisters), Math.Max(1, inputRegisters));
    }

    public int UnitId { get; }

    /// <summary>Misbehaviour to show from the next request on.</summary>
    public UnitFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    /// <summary>The exception code sent under <see cref="UnitFault.ExceptionResponse"/>.</summary>
    /// <value>Default: 4 (server device failure).</value>
    public byte FaultExceptionCode { get; set; } = 4;

    /// <summary>Requests this unit has received (answered or not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Runs after each request the unit answered correctly, under the unit's lock: the simulation's hook for
    /// device behaviour such as "NEW DATA clears when the record is read" or "a command write starts sampling".</summary>
    public Action<ModbusUnit, RegisterAccess>? Served { get; set; }

    internal Lock Gate { get; } = new();

    /// <summary>Read under <see cref="Gate"/>: true once the registers are freed.</summary>
    internal bool IsDisposed => _disposed;

    internal ModbusMapping* Mapping => _mapping.Mapping;

    public int Count(RegisterTable table)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return table == RegisterTable.Holding ? Mapping->RegisterCount : Mapping->InputRegisterCount;
    }

    public void Write(RegisterTable table, int address, ReadOnlySpan<ushort> values)
    {
        lock (Gate)
        {
            values.CopyTo(Table(table, address, values.Length));
        }
    }

    public ushort[] Read(RegisterTable table, int address, int count)
    {
        lock (Gate)
        {
            return Table(table, address, count).ToArray();
        }
    }

    /// <summary>Runs <paramref name="change"/> under the unit's lock, so a multi-register update is seen whole.</summary>
    public void Update(Action<ModbusUnit> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            change(this);
        }
    }

    /// <summary>Frees the native registers under the unit's lock: a simulation thread still presenting a reading, or a
    /// server thread still answering, either finishes first or finds the unit disposed; it never writes freed memory.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _mapping.Dispose();
        }
    }

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal Span<ushort> Table(RegisterTable table, int address, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var size = Count(table);
        if (address < 0 || count < 0 || address + count > size)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"{count} registers from {address} exceed the {size} {table} registers.");
        }
        var start = table == RegisterTable.Holding ? Mapping->Registers : Mapping->InputRegisters;
        return new Span<ushort>(start + address, count);
    }
}
