using System.Runtime.InteropServices;

namespace CleanroomMonitor.Modbus.Native;

/// <summary>
/// The libmodbus 3.1.6 functions the poller and the register server use (Debian <c>libmodbus5</c>; prototypes from
/// /usr/include/modbus/modbus.h, declarations verified in docs/instruments.md §5). The versioned soname is loaded because the
/// unversioned link exists only with libmodbus-dev. Rules from docs/instruments.md §6: a returned <c>const char*</c> is
/// <see cref="nint"/>, the RTU parity <c>char</c> is a byte, and every call that fails through errno sets
/// <c>SetLastError</c>. The float helpers are deliberately absent: the Debian build's get/set disagree, so word and
/// byte order are decoded in C# (<see cref="Profiles.RegisterCodec"/>).
/// </summary>
internal static unsafe partial class LibModbus
{
    private const string Library = "libmodbus.so.5";
    private const string LibC = "libc";

    /// <summary>MODBUS_ENOBASE: errno values above it are Modbus exceptions and protocol errors.</summary>
    public const int ErrnoBase = 112345678;
    public const int MaxReadRegisters = 125;     // MODBUS_MAX_READ_REGISTERS
    public const int MaxWriteRegisters = 123;    // MODBUS_MAX_WRITE_REGISTERS
    public const int TcpMaxAduLength = 260;      // MODBUS_TCP_MAX_ADU_LENGTH
    public const int RtuMaxAduLength = 256;      // MODBUS_RTU_MAX_ADU_LENGTH
    public const int ErrorRecoveryProtocol = 4;  // MODBUS_ERROR_RECOVERY_PROTOCOL: flush after a bad frame
    public const int ShutdownReadWrite = 2;      // SHUT_RDWR
    public const short PollIn = 1;               // POLLIN

    /// <summary>The library's text for an errno value (static memory: copied, never freed).</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(modbus_strerror(errno)) ?? $"errno {errno}";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial ModbusContextHandle modbus_new_tcp_pi(string node, string service);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial ModbusContextHandle modbus_new_tcp(string ip, int port);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial ModbusContextHandle modbus_new_rtu(string device, int baud, byte parity, int dataBits, int stopBits);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_set_slave(ModbusContextHandle ctx, int slave);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_connect(ModbusContextHandle ctx);

    [LibraryImport(Library)]
    public static partial void modbus_close(ModbusContextHandle ctx);

    [LibraryImport(Library)]
    public static partial void modbus_close(nint ctx);

    [LibraryImport(Library)]
    public static partial void modbus_free(nint ctx);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_set_response_timeout(ModbusContextHandle ctx, uint seconds, uint microseconds);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_set_byte_timeout(ModbusContextHandle ctx, uint seconds, uint microseconds);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_set_error_recovery(ModbusContextHandle ctx, int mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_flush(ModbusContextHandle ctx);

    [LibraryImport(Library)]
    private static partial nint modbus_strerror(int errnum);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_read_registers(ModbusContextHandle ctx, int address, int count, ushort* destination);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_read_input_registers(ModbusContextHandle ctx, int address, int count, ushort* destination);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_write_register(ModbusContextHandle ctx, int address, ushort value);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_write_registers(ModbusContextHandle ctx, int address, int count, ushort* data);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_send_raw_request(ModbusContextHandle ctx, byte* request, int length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_receive_confirmation(ModbusContextHandle ctx, byte* response);

    [LibraryImport(Library, SetLastError = true)]
    public static partial ModbusMapping* modbus_mapping_new_start_address(uint startBits, uint bits, uint startInputBits, uint inputBits,
        uint startRegisters, uint registers, uint startInputRegisters, uint inputRegisters);

    [LibraryImport(Library)]
    public static partial void modbus_mapping_free(ModbusMapping* mapping);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_tcp_listen(ModbusContextHandle ctx, int connections);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_tcp_accept(ModbusContextHandle ctx, ref int listenSocket);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_set_socket(ModbusContextHandle ctx, int socket);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_get_socket(ModbusContextHandle ctx);

    [LibraryImport(Library)]
    public static partial int modbus_get_header_length(ModbusContextHandle ctx);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_receive(ModbusContextHandle ctx, byte* request);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_reply(ModbusContextHandle ctx, byte* request, int length, ModbusMapping* mapping);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int modbus_reply_exception(ModbusContextHandle ctx, byte* request, uint exceptionCode);

    // libc: the register server wakes blocked accept/receive calls with shutdown, waits on a serial line with poll,
    // and writes hand-made (deliberately broken) frames with write.
    [LibraryImport(LibC, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport(LibC, EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, byte* address, ref uint length);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);
}

/// <summary><c>modbus_mapping_t</c>: note that the input registers come before the holding registers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ModbusMapping
{
    public int BitCount;
    public int StartBits;
    public int InputBitCount;
    public int StartInputBits;
    public int InputRegisterCount;
    public int StartInputRegisters;
    public int RegisterCount;
    public int StartRegisters;
    public byte* Bits;
    public byte* InputBits;
    public ushort* InputRegisters;
    public ushort* Registers;
}

/// <summary><c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
